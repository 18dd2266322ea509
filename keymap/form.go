package keymap

import "github.com/charmbracelet/bubbles/key"

// FormNav are the bindings every form moves through its fields and submits with (the
// form component, ui/components/form, takes them); each form's key set embeds them with
// its own help text.
type FormNav struct {
	Next   key.Binding
	Prev   key.Binding
	Down   key.Binding
	Up     key.Binding
	Submit key.Binding
	Reset  key.Binding
}

// Form bindings apply while the search form has focus. Printable keys type into the
// focused field, so none of these is a bare letter; space and ←/→ act only on the
// fields that are not text (the collection list and the resolver).
// Next (tab) also completes a column name or a known value first; Down is the next
// list item, or the field below; Submit on the "+ add criterion" row with a name typed
// adds it.
type Form struct {
	FormNav
	Toggle key.Binding // chooses a collection; cycles the resolver
	Cycle  key.Binding // ←/→: the resolver's choice; the collection list's column
	Add    key.Binding
	Remove key.Binding
	Back   key.Binding
	// Remembering: the history list, saving the search under a name, the saved list.
	// Control keys, so they work while typing in a field.
	History key.Binding
	Save    key.Binding
	Open    key.Binding
}

// DefaultForm returns the default form bindings.
func DefaultForm() Form {
	return Form{
		FormNav: FormNav{
			Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field (completes first)")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field or list item")),
			Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field or list item")),
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
			Reset:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reset form")),
		},
		Toggle: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "choose a collection / next resolver")),
		Cycle:  key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "change resolver / list column")),
		Add:    key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add criterion")),
		Remove: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "remove added criterion")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to results")),
		History: key.NewBinding(key.WithKeys("ctrl+g"),
			key.WithHelp("ctrl+g", "search history: pick one to run again (↑/↓ in Target recall them too)")),
		Save: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save this search under a name")),
		Open: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "open a saved search")),
	}
}

// ShortHelp implements help.KeyMap: the status line drops hints from the left, so the
// primary action (enter search) comes last.
func (k Form) ShortHelp() []key.Binding { return []key.Binding{k.Reset, k.Next, k.Submit} }

// FullHelp implements help.KeyMap.
func (k Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Submit, k.Next, k.Prev, k.Down, k.Up, k.Back},
		{k.Toggle, k.Cycle, k.Add, k.Remove, k.Reset},
		{k.History, k.Save, k.Open},
	}
}
