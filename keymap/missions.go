package keymap

import "github.com/charmbracelet/bubbles/key"

// Missions bindings apply on the Missions tab's form; its results and products take the
// Results and Products bindings.
// Printable keys type into the focused form field, so the form's bindings are not bare
// letters; the mission picker row takes space and ←/→.
type Missions struct {
	FormNav
	Cycle   key.Binding // ←/→ or space on a choice row (mission, resolver): the next choice
	Jump    key.Binding // ctrl+n: go to a column's field by name (a mission has hundreds)
	Back    key.Binding // esc: form ↔ results
	Search  key.Binding // / in the results: edit the search
	Observe key.Binding // O: back to the Observations tab (outside text fields)
}

// DefaultMissions returns the default Missions bindings.
func DefaultMissions() Missions {
	return Missions{
		FormNav: FormNav{
			Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field")),
			Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field")),
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
			Reset:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "clear the form")),
		},
		Cycle:   key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→/space", "change the mission or resolver (choice rows)")),
		Jump:    key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "go to a column")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "form ↔ results")),
		Search:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "edit the search")),
		Observe: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "Observations tab")),
	}
}

// FormHelp lists the form's bindings.
func (k Missions) FormHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Next, k.Prev, k.Down, k.Up, k.Cycle, k.Jump, k.Reset, k.Back}
}

// ShortHelp implements help.KeyMap (the results' hints).
func (k Missions) ShortHelp() []key.Binding { return []key.Binding{k.Search, k.Back, k.Observe} }

// FullHelp implements help.KeyMap.
func (k Missions) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.FormHelp(), {k.Search, k.Observe}}
}
