package results

import (
	"github.com/charmbracelet/bubbles/key"

	"mastui/keymap"
	"mastui/ui/common"
)

// Hints are the status-line hints of the view, for its state.
func (m *Model) Hints() []key.Binding {
	m.syncKeys()
	keys := m.c.Keys
	switch shown, focused := m.DetailsShown(); {
	case m.Failed() && !m.Ready():
		return []key.Binding{keys.Results.Retry, keys.Results.Search}
	case !m.Ready() || m.Loaded() == 0:
		return []key.Binding{keys.Results.Search}
	case m.ExportOpen():
		return keys.Export.ShortHelp()
	case m.find.typing: // the find line has the keys
		return []key.Binding{keymap.Relabel(keys.TextInput.Cancel, "clear the find"), keymap.Relabel(keys.TextInput.Apply, "keep it, keys to the table")}
	case m.askAll:
		return nil // the question on the line under the table says y/n
	case m.grid.CursorRow() < 0: // a find that matches no row: no row action applies
		return []key.Binding{keys.Results.Search, keymap.Relabel(keys.Results.Find, "change the find")}
	case m.ChooserOpen():
		return keys.Chooser.ShortHelp()
	case focused:
		return keys.Details.ShortHelp()
	case shown:
		return append(keys.Results.ShortHelp(), keys.Results.Focus)
	case m.showSky:
		return append(keys.Sky.ShortHelp(), keys.Results.Select, keys.Results.Open)
	}
	return keys.Results.ShortHelp()
}

// HelpSections are the help overlay's sections of the view, the part with focus first.
func (m *Model) HelpSections() []keymap.Section {
	m.syncKeys()
	keys := m.c.Keys
	if m.ExportOpen() {
		return []keymap.Section{common.Section("Export", keys.Export), common.Section("Results", keys.Results)}
	}
	if m.ChooserOpen() {
		return []keymap.Section{common.Section("Column chooser", keys.Chooser), common.Section("Results", keys.Results)}
	}
	if _, focused := m.DetailsShown(); focused {
		return []keymap.Section{common.Section("Details", keys.Details), common.Section("Results", keys.Results)}
	}
	if m.showSky {
		return []keymap.Section{common.Section("Sky", keys.Sky), common.Section("Results", keys.Results)}
	}
	return []keymap.Section{common.Section("Results", keys.Results), common.Section("Sky", keys.Sky)}
}
