package keymap

import "github.com/charmbracelet/bubbles/key"

// Duplicates bindings apply on the Duplicates tab (the JWST duplication check): its
// form types text (so the form's bindings are not bare letters); its results take the
// table's row moves and these.
type Duplicates struct {
	FormNav
	Cycle   key.Binding // ←/→ or space on the export-format row
	Table   Table       // the results: up, down, pages (no columns)
	Details key.Binding // enter: why a row matched, and the target's near misses
	Open    key.Binding // o: the matched observation's products
	Export  key.Binding // e: the report to a file
	Back    key.Binding // esc: details → results → form
}

// DefaultDuplicates returns the default Duplicates bindings.
func DefaultDuplicates() Duplicates {
	return Duplicates{
		FormNav: FormNav{
			Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field (completes a file name)")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field")),
			Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field")),
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run the duplication check")),
			Reset:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "clear the form")),
		},
		Cycle:   key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→/space", "change the export format")),
		Table:   DefaultTable("last row"),
		Details: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "why it matched")),
		Open:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "products")),
		Export:  key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export report")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// FormHelp lists the form's bindings.
func (k Duplicates) FormHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Next, k.Prev, k.Down, k.Up, k.Cycle, k.Reset}
}

// ResultsHelp lists the results' own bindings (the row moves apart).
func (k Duplicates) ResultsHelp() []key.Binding {
	return []key.Binding{k.Details, k.Open, k.Export, k.Back}
}

// Rows are the row moves of the results (the table's, without the column moves).
func (k Duplicates) Rows() []key.Binding {
	t := k.Table
	return []key.Binding{t.Up, t.Down, t.PageUp, t.PageDown, t.Home, t.End}
}

// FullHelp implements help.KeyMap.
func (k Duplicates) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.FormHelp(), k.Rows(), k.ResultsHelp()}
}
