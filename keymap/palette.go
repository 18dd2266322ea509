package keymap

import "github.com/charmbracelet/bubbles/key"

// Palette bindings apply while the command palette is open (typed text is the command).
type Palette struct {
	Up       key.Binding
	Down     key.Binding
	Complete key.Binding
	Run      key.Binding
	Close    key.Binding
}

// DefaultPalette returns the default palette bindings.
func DefaultPalette() Palette {
	return Palette{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+k"), key.WithHelp("↑", "previous match; at the top of an empty line, the last command")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+j"), key.WithHelp("↓", "next match")),
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete the match")),
		Run:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Palette) ShortHelp() []key.Binding { return []key.Binding{k.Complete, k.Close, k.Run} } // enter last: kept longest

// FullHelp implements help.KeyMap.
func (k Palette) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Complete, k.Run, k.Close}}
}
