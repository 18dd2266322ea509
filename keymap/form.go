package keymap

import "github.com/charmbracelet/bubbles/key"

// Form bindings apply while the search form has focus. Printable keys type into the
// focused field, so none of these is a bare letter.
type Form struct {
	Next     key.Binding
	Prev     key.Binding
	Submit   key.Binding
	Resolver key.Binding // cycles the resolver while the Resolver field has focus
	Back     key.Binding
}

// DefaultForm returns the default form bindings.
func DefaultForm() Form {
	return Form{
		Next:     key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		Submit:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		Resolver: key.NewBinding(key.WithKeys(" ", "left", "right"), key.WithHelp("space ←/→", "change resolver")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to results")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Form) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Next} }

// FullHelp implements help.KeyMap.
func (k Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Submit, k.Next, k.Prev, k.Resolver, k.Back}}
}
