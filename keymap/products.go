package keymap

import "github.com/charmbracelet/bubbles/key"

// Products bindings apply while the product list has focus (the filter panel's own
// bindings take precedence while it has focus).
type Products struct {
	Table
	Select     key.Binding
	SelectAll  key.Binding
	SelectNone key.Binding
	Invert     key.Binding
	Queue      key.Binding
	Unique     key.Binding
	Panel      key.Binding // shows or hides the filter panel
	Focus      key.Binding // moves focus between the table and the filter panel
	Name       key.Binding // edits the file-name filter
	Clear      key.Binding
	Copy       key.Binding
	CopyS3     key.Binding // the S3 URIs of the selection (the product under the cursor without one)
	ExportS3   key.Binding // the selection's S3 URIs to a file
	Export     key.Binding // the export dialog: the list to a CSV, ECSV, VOTable or JSON file
	Cloud      key.Binding // download from the cloud bucket (D) on / off
	Retry      key.Binding
	Back       key.Binding
}

// DefaultProducts returns the default product-list bindings.
func DefaultProducts() Products {
	return Products{
		Table:      DefaultTable("last row"),
		Select:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "select / unselect")),
		SelectAll:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "select all shown")),
		SelectNone: key.NewBinding(key.WithKeys("n", "A"), key.WithHelp("n", "select none")),
		Invert:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "invert the selection")),
		Queue:      key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "download the selection")),
		Unique:     key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "unique products only")),
		Panel:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "show / hide the filters")),
		Focus:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "filters ↔ table")),
		Name:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter file names")),
		Clear:      key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "clear all filters")),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the URI")),
		CopyS3:     key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy the S3 URIs of the selection")),
		ExportS3:   key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export the selection's S3 URIs to a file")),
		Export:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export the list (CSV, ECSV, VOTable, JSON)")),
		Cloud:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "download from the cloud on / off")),
		Retry:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry failed batches")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the results")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Products) ShortHelp() []key.Binding {
	return []key.Binding{k.Unique, k.SelectAll, k.Select, k.Focus, k.Queue, k.Back}
}

// FullHelp implements help.KeyMap.
func (k Products) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.Table.Bindings(),
		{k.Select, k.SelectAll, k.SelectNone, k.Invert, k.Queue, k.Cloud, k.Copy, k.CopyS3, k.ExportS3, k.Export},
		{k.Unique, k.Panel, k.Focus, k.Name, k.Clear, k.Retry, k.Back},
	}
}

// Filters bindings apply while the product filter panel has focus.
type Filters struct {
	Up     key.Binding
	Down   key.Binding
	Toggle key.Binding // a toggle flips; a text filter opens for editing
	Clear  key.Binding // clears the group under the cursor
	Leave  key.Binding
}

// DefaultFilters returns the default filter-panel bindings.
func DefaultFilters() Filters {
	return Filters{
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Toggle: key.NewBinding(key.WithKeys(" ", "enter"), key.WithHelp("space/enter", "toggle / edit")),
		Clear:  key.NewBinding(key.WithKeys("x", "backspace"), key.WithHelp("x", "clear this group")),
		Leave:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the table")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Filters) ShortHelp() []key.Binding { return []key.Binding{k.Toggle, k.Clear, k.Leave} }

// FullHelp implements help.KeyMap.
func (k Filters) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.Clear, k.Leave}}
}

// TextInput bindings apply while a one-line text filter is being edited; every other
// key types.
type TextInput struct {
	Apply  key.Binding
	Cancel key.Binding
}

// DefaultTextInput returns the default text-input bindings.
func DefaultTextInput() TextInput {
	return TextInput{
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k TextInput) ShortHelp() []key.Binding { return []key.Binding{k.Apply, k.Cancel} }

// FullHelp implements help.KeyMap.
func (k TextInput) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Apply, k.Cancel}} }
