package keymap

import "github.com/charmbracelet/bubbles/key"

// Cutouts bindings apply on the Cutouts tab: its form types text (so the form's
// bindings are not bare letters), its sector or survey list takes the Table bindings and
// these.
type Cutouts struct {
	FormNav
	Cycle      key.Binding // ←/→ or space on a choice row (service, moving target, Zcut's image options)
	Table      Table       // the sector or survey list
	Select     key.Binding
	SelectAll  key.Binding
	SelectNone key.Binding
	Queue      key.Binding // D: queue the chosen cutouts (all when none is chosen)
	Open       key.Binding // enter on a list row: the header and light curve of its finished file
	Back       key.Binding // esc: list → form, details → list
}

// DefaultCutouts returns the default Cutouts bindings.
func DefaultCutouts() Cutouts {
	return Cutouts{
		FormNav: FormNav{
			Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field")),
			Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field")),
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "list sectors / surveys (HAPCut: queue)")),
			Reset:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "clear the form")),
		},
		Cycle:      key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→/space", "change a choice row (service, moving kind, Zcut format …)")),
		Table:      DefaultTable("last row"),
		Select:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "select / unselect")),
		SelectAll:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "select all")),
		SelectNone: key.NewBinding(key.WithKeys("n", "A"), key.WithHelp("n/A", "select none")),
		Queue:      key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "queue cutouts")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "light curve + header")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// FormHelp lists the form's bindings.
func (k Cutouts) FormHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Next, k.Prev, k.Down, k.Up, k.Cycle, k.Reset}
}

// ListHelp lists the sector/survey list's own bindings (the table's navigation apart).
func (k Cutouts) ListHelp() []key.Binding {
	return []key.Binding{k.Select, k.SelectAll, k.SelectNone, k.Queue, k.Open, k.Back}
}

// ShortHelp implements help.KeyMap (the list's hints).
func (k Cutouts) ShortHelp() []key.Binding { return []key.Binding{k.Select, k.Queue, k.Open, k.Back} }

// FullHelp implements help.KeyMap.
func (k Cutouts) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.FormHelp(), k.Table.Bindings(), k.ListHelp()}
}
