package keymap

import "github.com/charmbracelet/bubbles/key"

// Results bindings apply while the results table has focus.
type Results struct {
	Table
	Open       key.Binding // the products of the selected observations (or the one under the cursor)
	Select     key.Binding
	SelectAll  key.Binding
	SelectNone key.Binding
	Invert     key.Binding
	Sort       key.Binding // cycles ascending, descending, off on the column under the cursor
	Columns    key.Binding
	Details    key.Binding
	Focus      key.Binding // moves focus into the details pane (enabled while it shows)
	CopyCell   key.Binding
	CopyObsID  key.Binding
	CopyURL    key.Binding
	CopyCLI    key.Binding // the search as a `mastui` command line
	CopyPython key.Binding // the search as an astroquery snippet
	Preview    key.Binding // the row's FITS header and preview image in the details pane
	Export     key.Binding // the export dialog: the table to a CSV, ECSV, VOTable or JSON file
	Around     key.Binding // a catalog cone search around the row's position (the Catalogs tab)
	Cutouts    key.Binding // opens the Cutouts tab at the row's position, its sectors listed
	Find       key.Binding // filters the loaded rows by text (find within results)
	Search     key.Binding
	Back       key.Binding
	Retry      key.Binding
}

// DefaultResults returns the default results bindings.
func DefaultResults() Results {
	return Results{
		Table:      DefaultTable("last row (asks to load every page first)"),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "products of the selection")),
		Select:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "select / unselect")),
		SelectAll:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "select all loaded")),
		SelectNone: key.NewBinding(key.WithKeys("A", "n"), key.WithHelp("A/n", "select none")),
		Invert:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "invert the selection")),
		Sort:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort by this column (↑ ↓ off)")),
		Columns:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "choose columns")),
		Details:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "details")),
		Focus:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "scroll the details")),
		CopyCell:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the cell")),
		CopyObsID:  key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy the obs_id or dataset id")),
		CopyURL:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "copy the dataURL")),
		CopyCLI:    key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy the search as a mastui command")),
		CopyPython: key.NewBinding(key.WithKeys("alt+y"), key.WithHelp("alt+y", "copy the search as astroquery Python")),
		Preview:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "preview: FITS header and image, without downloading")),
		Export:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export the table (CSV, ECSV, VOTable, JSON)")),
		Around:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "catalog search around this row")),
		Cutouts:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "cutouts at this row (Cutouts tab)")),
		Find:       key.NewBinding(key.WithKeys("ctrl+f", "|"), key.WithHelp("ctrl+f |", "find in the loaded rows (esc clears)")),
		Search:     key.NewBinding(key.WithKeys("/", "s"), key.WithHelp("/ s", "new search")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the form")),
		Retry:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry a failed request")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Results) ShortHelp() []key.Binding {
	return []key.Binding{k.Details, k.Columns, k.Sort, k.Select, k.Open, k.Search}
}

// FullHelp implements help.KeyMap.
func (k Results) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		k.Table.Bindings(),
		{k.Open, k.Select, k.SelectAll, k.SelectNone, k.Invert, k.Sort, k.Columns, k.Find},
		{k.Details, k.Preview, k.Focus, k.CopyCell, k.CopyObsID, k.CopyURL, k.CopyCLI, k.CopyPython, k.Export, k.Around, k.Cutouts, k.Search, k.Back, k.Retry},
	}
}

// Details bindings apply while the details pane has focus.
type Details struct {
	Scroll
	Leave key.Binding // back to the table (closes the pane when it covers the table)
	Close key.Binding
}

// DefaultDetails returns the default details-pane bindings.
func DefaultDetails() Details {
	return Details{
		Scroll: DefaultScroll(),
		Leave:  key.NewBinding(key.WithKeys("tab", "esc"), key.WithHelp("tab/esc", "back to the table")),
		Close:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "close the details")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Details) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Leave, k.Close} }

// FullHelp implements help.KeyMap.
func (k Details) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.Scroll.Bindings(), {k.Leave, k.Close}}
}

// Chooser bindings apply while the column chooser is open.
type Chooser struct {
	Up       key.Binding
	Down     key.Binding
	Toggle   key.Binding
	MoveUp   key.Binding
	MoveDown key.Binding
	All      key.Binding
	Reset    key.Binding
	Apply    key.Binding
	Cancel   key.Binding
}

// DefaultChooser returns the default column-chooser bindings.
func DefaultChooser() Chooser {
	return Chooser{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Toggle:   key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "show / hide")),
		MoveUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K/shift+↑", "move up")),
		MoveDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J/shift+↓", "move down")),
		All:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "show all")),
		Reset:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "default columns")),
		Apply:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply and remember")),
		Cancel:   key.NewBinding(key.WithKeys("esc", "c"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Chooser) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.MoveUp, k.MoveDown, k.Apply, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k Chooser) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.MoveUp, k.MoveDown}, {k.All, k.Reset, k.Apply, k.Cancel}}
}
