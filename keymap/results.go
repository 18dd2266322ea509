package keymap

import "github.com/charmbracelet/bubbles/key"

// Results bindings apply while the results table has focus.
type Results struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Left     key.Binding
	Right    key.Binding
	Search   key.Binding
	Back     key.Binding
	Retry    key.Binding
}

// DefaultResults returns the default results bindings.
func DefaultResults() Results {
	return Results{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first row")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last loaded row")),
		Left:     key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "scroll columns left")),
		Right:    key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "scroll columns right")),
		Search:   key.NewBinding(key.WithKeys("/", "s"), key.WithHelp("/ s", "new search")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the form")),
		Retry:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry a failed request")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Results) ShortHelp() []key.Binding { return []key.Binding{k.Search} }

// FullHelp implements help.KeyMap.
func (k Results) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Left, k.Right, k.Search, k.Back, k.Retry},
	}
}
