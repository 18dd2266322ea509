package keymap

import "github.com/charmbracelet/bubbles/key"

// Export bindings apply while the export dialog is open (results and products `e`):
// rows for the format, the rows to write and the file path.
type Export struct {
	Up      key.Binding
	Down    key.Binding
	Left    key.Binding // the previous choice (format, rows)
	Right   key.Binding
	Confirm key.Binding
	Cancel  key.Binding
}

// DefaultExport returns the default export-dialog bindings. None is a letter: the path
// row takes typed characters.
func DefaultExport() Export {
	return Export{
		Up:      key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑/shift+tab", "previous row")),
		Down:    key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓/tab", "next row")),
		Left:    key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice")),
		Right:   key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice")),
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write the file")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Export) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Left, k.Right, k.Confirm, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k Export) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right, k.Confirm, k.Cancel}}
}
