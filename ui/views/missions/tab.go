package missions

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
)

// ID is the tab's registry name.
const ID = "missions"

// ID implements common.Tab.
func (m *Model) ID() string { return ID }

// Title implements common.Tab.
func (m *Model) Title() string { return "Missions" }

// Init implements common.Tab: nothing is fetched before the tab is opened.
func (m *Model) Init() tea.Cmd { return nil }

// Focus fetches the shown mission's columns the first time (again after a failure).
func (m *Model) Focus() tea.Cmd { return common.Address(m.st().mission, 0, m.open()) }

// Blur implements common.Tab.
func (m *Model) Blur() {}

// Capturing implements common.Tab: the products' text filter, or an overlay of the
// results (column chooser, focused details), takes every key.
func (m *Model) Capturing() bool {
	s := m.st()
	switch s.pane {
	case paneProducts:
		return s.products.Capturing()
	case paneResults:
		return s.results.Capturing()
	}
	return false
}

// Hints implements common.Tab.
func (m *Model) Hints() []key.Binding {
	keys := m.c.Keys
	s := m.st()
	switch s.pane {
	case paneResults:
		return append([]key.Binding{keys.Missions.Observe}, s.results.Hints()...) // O goes first when narrow
	case paneProducts:
		return s.products.Hints()
	}
	if s.jump.Active() {
		return keys.TextInput.ShortHelp()
	}
	return []key.Binding{keys.Missions.Jump, keys.Missions.Back, keys.Missions.Next, keys.Missions.Submit} // dropped from the left when narrow
}

// HelpSections implements common.Tab.
func (m *Model) HelpSections() []keymap.Section {
	s := m.st()
	own := common.Section("Missions", m.c.Keys.Missions)
	switch s.pane {
	case paneResults:
		return append(s.results.HelpSections(), own)
	case paneProducts:
		return append(s.products.HelpSections(), own)
	}
	return []keymap.Section{own}
}

// Crumbs implements common.Locator: the mission, then its search form, or the search's
// place and the products or the results' overlays.
func (m *Model) Crumbs() []string {
	s := m.st()
	switch s.pane {
	case paneResults:
		return append([]string{s.mission, s.results.Place()}, s.results.Crumbs()...)
	case paneProducts:
		return append([]string{s.mission, s.results.Place()}, s.products.Crumbs()...)
	}
	return []string{s.mission, "search form"}
}

// Position implements common.Locator: the cursor's row in the results or products.
func (m *Model) Position() string {
	s := m.st()
	switch s.pane {
	case paneResults:
		return s.results.Position()
	case paneProducts:
		return s.products.Position()
	}
	return ""
}

// Click implements common.Mouse: the results or products take it.
func (m *Model) Click(x, y int) tea.Cmd {
	s := m.st()
	switch s.pane {
	case paneResults:
		return common.Address(s.mission, 0, s.results.Click(x, y))
	case paneProducts:
		return common.Address(s.mission, 0, s.products.Click(x, y))
	}
	return nil
}

// Wheel implements common.Mouse.
func (m *Model) Wheel(x, y, delta int) tea.Cmd {
	s := m.st()
	switch s.pane {
	case paneResults:
		return common.Address(s.mission, 0, s.results.Wheel(x, y, delta))
	case paneProducts:
		return common.Address(s.mission, 0, s.products.Wheel(x, y, delta))
	}
	return nil
}
