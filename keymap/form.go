package keymap

import "github.com/charmbracelet/bubbles/key"

// Form bindings apply while the search form has focus. Printable keys type into the
// focused field, so none of these is a bare letter; space and ←/→ act only on the
// fields that are not text (the collection list and the resolver).
type Form struct {
	Next   key.Binding // tab also completes a column name or a known value first
	Prev   key.Binding
	Down   key.Binding // the next list item, or the field below
	Up     key.Binding
	Submit key.Binding // on the "+ add criterion" row with a name typed, adds it
	Toggle key.Binding // chooses a collection; cycles the resolver
	Cycle  key.Binding // ←/→: the resolver's choice; the collection list's column
	Add    key.Binding
	Remove key.Binding
	Reset  key.Binding
	Back   key.Binding
}

// DefaultForm returns the default form bindings.
func DefaultForm() Form {
	return Form{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field (completes first)")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field or list item")),
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field or list item")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		Toggle: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "choose a collection / next resolver")),
		Cycle:  key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "change resolver / list column")),
		Add:    key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add criterion")),
		Remove: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "remove added criterion")),
		Reset:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reset form")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to results")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Form) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Next, k.Reset} }

// FullHelp implements help.KeyMap.
func (k Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Submit, k.Next, k.Prev, k.Down, k.Up, k.Back},
		{k.Toggle, k.Cycle, k.Add, k.Remove, k.Reset},
	}
}
