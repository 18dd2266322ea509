package products

import (
	"github.com/charmbracelet/bubbles/key"

	"mastui/keymap"
	"mastui/ui/common"
)

// Hints are the status-line hints of the view, for the part with focus.
func (m *Model) Hints() []key.Binding {
	keys := m.c.Keys
	switch {
	case m.ExportOpen():
		return keys.Export.ShortHelp()
	case m.Capturing():
		return keys.TextInput.ShortHelp()
	case m.PanelFocused():
		return append(keys.Filters.ShortHelp(), keys.Products.Queue)
	}
	return keys.Products.ShortHelp()
}

// HelpSections are the help overlay's sections of the view, the part with focus first.
func (m *Model) HelpSections() []keymap.Section {
	keys := m.c.Keys
	sec := common.Section
	switch {
	case m.ExportOpen():
		return []keymap.Section{sec("Export", keys.Export), sec("Products", keys.Products)}
	case m.Capturing():
		return []keymap.Section{sec("Text filter", keys.TextInput), sec("Filter panel", keys.Filters), sec("Products", keys.Products)}
	case m.PanelFocused():
		return []keymap.Section{sec("Filter panel", keys.Filters), sec("Products", keys.Products)}
	}
	return []keymap.Section{sec("Products", keys.Products), sec("Filter panel", keys.Filters)}
}
