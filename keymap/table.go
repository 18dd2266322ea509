package keymap

import "github.com/charmbracelet/bubbles/key"

// Table bindings move the cursors of a table (results, products): rows up and down,
// and the column cursor left and right (the first column stays pinned).
type Table struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Left     key.Binding
	Right    key.Binding
}

// DefaultTable returns the default table navigation; last describes what End reaches.
func DefaultTable(last string) Table {
	return Table{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")), // ctrl+f is find
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first row")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", last)),
		Left:     key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "column left")),
		Right:    key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "column right")),
	}
}

// Bindings lists the navigation bindings.
func (k Table) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Left, k.Right}
}

// Scroll bindings move through a scrollable text (the details pane).
type Scroll struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
}

// DefaultScroll returns the default scrolling bindings.
func DefaultScroll() Scroll {
	return Scroll{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
	}
}

// Bindings lists the scrolling bindings.
func (k Scroll) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}
