package cutouts

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
)

// ID implements common.Tab.
func (m *Model) ID() string { return ID }

// Title implements common.Tab.
func (m *Model) Title() string { return "Cutouts" }

// Init implements common.Tab: nothing is asked before the tab is opened.
func (m *Model) Init() tea.Cmd { return nil }

// Focus re-reads the queue's state of the listed cutouts (they went on downloading
// meanwhile) and follows the ones still on their way.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	m.setPane(m.pane)
	m.refreshStatus()
	return m.watch()
}

// Blur implements common.Tab.
func (m *Model) Blur() {
	m.focused = false
	m.form.Blur()
	m.req.Cancel(refreshTask)
}

// Typing implements common.Tab: letters go into the form's text fields.
func (m *Model) Typing() bool { return m.pane == paneForm && m.form.Typing() }

// Capturing implements common.Tab: nothing takes every key.
func (m *Model) Capturing() bool { return false }

// Activity implements common.Tab.
func (m *Model) Activity() string { return m.req.Activity() }

// Counts implements common.Tab: the listing and its selection.
func (m *Model) Counts() string {
	l := m.list
	if l == nil || l.table == nil || m.pane == paneForm {
		return ""
	}
	s := l.noun(l.rows())
	if n := m.grid.Selection().Count(); n > 0 {
		s += " · " + common.Commas(int64(n)) + " selected"
	}
	return s
}

// Hints implements common.Tab.
func (m *Model) Hints() []key.Binding {
	k := m.c.Keys.Cutouts
	switch m.pane {
	case paneList:
		if m.list.rows() == 0 { // loading, no data or an error: only back to the form
			return []key.Binding{k.Back}
		}
		return []key.Binding{k.Back, k.Open, k.Select, k.Queue} // dropped from the left when narrow
	case paneDetails:
		return []key.Binding{k.Back, m.c.Keys.Details.Down}
	}
	return []key.Binding{k.Reset, k.Cycle, k.Next, k.Submit}
}

// HelpSections implements common.Tab.
func (m *Model) HelpSections() []keymap.Section {
	k := m.c.Keys.Cutouts
	own := keymap.Section{Title: "Cutouts form", Bindings: k.FormHelp()}
	list := keymap.Section{Title: "Cutouts list", Bindings: append(k.Table.Bindings(), k.ListHelp()...)}
	switch m.pane {
	case paneList:
		return []keymap.Section{list, own}
	case paneDetails:
		return []keymap.Section{{Title: "Cutout details", Bindings: append(m.c.Keys.Details.Scroll.Bindings(), k.Back)}, list}
	}
	return []keymap.Section{own, list}
}

// setPane gives the keys to pane p: only the form shows a cursor, only while it has them.
func (m *Model) setPane(p pane) {
	m.pane = p
	if p == paneForm && m.focused {
		m.form.Focus()
	} else {
		m.form.Blur()
	}
}

// Crumbs implements common.Locator: the service, then the form, or the listing's place
// and the light curve.
func (m *Model) Crumbs() []string {
	out := []string{m.service()}
	if m.pane == paneForm || m.list == nil {
		return append(out, "form")
	}
	out = append(out, common.Sanitize(m.list.label))
	if m.pane == paneDetails {
		out = append(out, "light curve")
	}
	return out
}

// Position implements common.Locator: the cursor's row in the listing.
func (m *Model) Position() string {
	if m.pane == paneForm || m.list == nil || m.list.table == nil {
		return ""
	}
	return common.RowPosition(m.grid.Cursor(), int64(m.grid.Len()))
}
