package keymap

import "github.com/charmbracelet/bubbles/key"

// Catalogs bindings apply on the Catalogs tab. Its form types text, so the form's
// bindings are not bare letters; its results take the Results bindings, plus these
// letters for HSC rows.
type Catalogs struct {
	FormNav
	Cycle   key.Binding // ←/→ or space on a choice row: catalog, version, release, table, resolver
	Add     key.Binding // ctrl+n: the "+ add criterion" row
	Remove  key.Binding // ctrl+d: remove the criterion under the cursor
	Back    key.Binding // esc: form ↔ results; matches and spectra back to the results
	Search  key.Binding // / in the results: edit the search
	Matches key.Binding // enter or m on an HSC row: the measurements of its match
	Spectra key.Binding // S on an HSC row: the spectra of its match
	Queue   key.Binding // D in the spectra: queue the selection for download
	// The advanced view (any service, JSON params): its editor takes enter, so running
	// is a control key (ctrl+j is what some terminals send for ctrl+enter).
	Advanced key.Binding // ctrl+s: the advanced view ↔ the catalog form
	Run      key.Binding // ctrl+g: run the service request
	Count    key.Binding // ctrl+o: count its rows (COUNT_BIG(*))
}

// DefaultCatalogs returns the default Catalogs bindings.
func DefaultCatalogs() Catalogs {
	return Catalogs{
		FormNav: FormNav{
			Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field (completes first)")),
			Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next field or suggestion")),
			Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field or suggestion")),
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search; on + add, add the criterion")),
			Reset:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "clear the form")),
		},
		Cycle:   key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→/space", "change the catalog, version, table or resolver")),
		Add:     key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add a criterion (TIC, CTL, Disk Detective, PanSTARRS)")),
		Remove:  key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "remove this criterion")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "form ↔ results; back from matches and spectra")),
		Search:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "edit the search")),
		Matches: key.NewBinding(key.WithKeys("m", "enter"), key.WithHelp("m enter", "HSC: the match's measurements")),
		Spectra: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "HSC: the match's spectra")),
		Queue:   key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "queue the selected spectra")),
		Advanced: key.NewBinding(key.WithKeys("ctrl+s"),
			key.WithHelp("ctrl+s", "advanced: any MAST service with JSON params (again: back to the catalog)")),
		Run:   key.NewBinding(key.WithKeys("ctrl+g", "ctrl+j"), key.WithHelp("ctrl+g", "advanced: run the request (ctrl+enter where it sends ctrl+j)")),
		Count: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "advanced: count the rows (not on .Rows services)")),
	}
}

// FormHelp lists the form's bindings.
func (k Catalogs) FormHelp() []key.Binding {
	return []key.Binding{k.Submit, k.Next, k.Prev, k.Down, k.Up, k.Cycle, k.Add, k.Remove, k.Reset, k.Back}
}

// AdvancedHelp lists the advanced view's bindings.
func (k Catalogs) AdvancedHelp() []key.Binding {
	return []key.Binding{k.Advanced, k.Run, k.Count}
}

// ResultsHelp lists the bindings of the results, matches and spectra.
func (k Catalogs) ResultsHelp() []key.Binding {
	return []key.Binding{k.Search, k.Back, k.Matches, k.Spectra, k.Queue}
}

// ShortHelp implements help.KeyMap.
func (k Catalogs) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Add, k.Next} }

// FullHelp implements help.KeyMap.
func (k Catalogs) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.FormHelp(), k.ResultsHelp(), k.AdvancedHelp()}
}
