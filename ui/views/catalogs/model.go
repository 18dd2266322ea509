package catalogs

import (
	"context"
	"slices"
	"time"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
	"mastui/ui/views/results"
)

// PageSize is the number of rows asked per Portal page.
const PageSize = 500

// wholePage is the page size of views whose answer comes whole (HSC matches and
// spectra, a PanSTARRS answer of up to its cap): one page holds it.
const wholePage = mast.PanstarrsMaxRecords

// pane is the part of a catalog's view that has the keys.
type pane int

const (
	paneForm pane = iota
	paneResults
	paneMatches
	paneSpectra
)

// Names of the form's fields; criteria are named after their column.
const (
	fCatalog  = "catalog"
	fVersion  = "version"
	fRelease  = "release"
	fTable    = "table"
	fName     = "name"
	fTarget   = "target"
	fRadius   = "radius"
	fResolver = "resolver"
	fAdd      = "+ add criterion"
)

// Resolvers are the resolver choices for object names ("" lets MAST choose).
func Resolvers() []string { return []string{"", "SIMBAD", "NED"} }

// state is everything one catalog keeps.
type state struct {
	name string
	cat  mast.Catalog

	req   *common.Requests // columns, resolve, live count
	form  *form.Model
	fixed []*form.Field // the rows before the criteria
	crit  []*form.Field // the criteria, named after their column
	add   *form.Field   // "+ add criterion" (nil: the catalog takes no criteria)
	comp  form.Completion

	cols    map[string][]column // criteria columns by columnsKey (PanSTARRS: per release/table)
	colsErr error

	resolved string // "M10 → 254.287500 -4.100000 (SIMBAD)"
	res      resolution
	formErr  string
	live     form.Live

	pane    pane
	results *results.Model
	matches *results.Model
	spectra *results.Model
	match   string // the MatchID the matches and spectra are of
}

// resolution is what the form knows of its target name.
type resolution struct {
	name, resolver string
	done           bool
}

// Model is the Catalogs tab.
type Model struct {
	c       *common.Common
	client  Client
	choices map[string][]string // saved column choices by results table name
	width   int
	height  int
	cur     int // the picker's catalog
	states  map[string]*state

	advanced     *advanced // the advanced view (nil until opened)
	showAdvanced bool      // it is shown instead of the catalog
}

// New builds the tab over a client (nil: every search says catalogs are unavailable);
// choices are the saved column choices by table name ("catalogs.TIC"), may be nil.
func New(c *common.Common, client Client, choices map[string][]string) *Model {
	return &Model{c: c, client: client, choices: choices, states: map[string]*state{}}
}

// liveDelay is the pause in typing after which the target is resolved and the form
// counted.
const liveDelay = 450 * time.Millisecond

// Tasks of a catalog's Requests.
const (
	columnsTask = "columns"
	resolveTask = "resolve"
	liveTask    = "live"
)

// Catalog is the catalog shown.
func (m *Model) Catalog() string { return Names()[m.cur] }

// st is the shown catalog's state, made on first use.
func (m *Model) st() *state {
	name := Names()[m.cur]
	if s := m.states[name]; s != nil {
		return s
	}
	s := m.newState(name)
	m.states[name] = s
	m.layoutState(s)
	return s
}

func (m *Model) newState(name string) *state {
	st := m.c.Styles
	cat := catalogOf(name)
	req := m.c.NewRequests()
	s := &state{name: name, cat: cat, req: req, cols: map[string][]column{},
		live: form.Live{Req: req, Task: liveTask, Delay: liveDelay, Pause: PauseMsg{}}}
	s.fixed = []*form.Field{form.NewChoice(fCatalog, "Catalog", append(Names(), Advanced), slices.Index(Names(), name))}
	switch {
	case len(cat.Versions) > 0:
		s.fixed = append(s.fixed, form.NewChoice(fVersion, "Version", cat.Versions, slices.Index(cat.Versions, cat.DefaultVersion)))
	case cat.REST:
		s.fixed = append(s.fixed,
			form.NewChoice(fRelease, "Release", cat.Releases, slices.Index(cat.Releases, cat.DefaultRelease)),
			form.NewChoice(fTable, "Table", cat.Tables, 0))
	case name == Other:
		f := form.NewText(st, fName, "Name", 64)
		f.Hint = "the <Name> of Mast.Catalogs.<Name>.Cone"
		f.Help = "Any Portal catalog by name: Mast.Catalogs.<Name>.Cone is asked (as astroquery does for a catalog it does not know)."
		s.fixed = append(s.fixed, f)
	}
	target := form.NewText(st, fTarget, "Target", 0)
	target.Hint = "an object name or coordinates"
	target.Help = "An object name (M10, NGC 6254), resolved as you type, or coordinates (\"254.2875 -4.1\", \"16h57m09s -04d06m00s\")."
	radius := form.NewText(st, fRadius, "Radius", 32)
	radius.Hint = "default 0.2 deg · 3 arcmin · 10 arcsec; a bare number is degrees"
	radius.Help = "The cone radius: \"0.02\" (degrees), \"0.02 deg\", \"3 arcmin\", \"10 arcsec\". Empty is astroquery's 0.2 deg."
	resolver := form.NewChoice(fResolver, "Resolver", Resolvers(), 0)
	resolver.Help = "←/→ or space: who resolves object names (any lets MAST choose)."
	s.fixed = append(s.fixed, target, radius, resolver)
	if cat.Criteria {
		s.add = form.NewText(st, fAdd, "+ add", 64)
		s.add.Help = "Type a column name (tab completes, ↑/↓ pick), enter adds it as a criterion; ctrl+d removes one."
	}
	s.form = form.New(m.rows(s)...)
	s.form.FocusIndex(0)
	p := m.profile(s)
	s.results = results.NewWithProfile(m.c, nil, m.pageSize(s), p)
	s.results.SetColumnChoice(m.choices[p.Name])
	return s
}

// rows are the form's fields in focus order.
func (m *Model) rows(s *state) []*form.Field {
	out := slices.Concat(s.fixed, s.crit)
	if s.add != nil {
		out = append(out, s.add)
	}
	return out
}

// pageSize is the results' page: PanSTARRS answers up to its cap at once.
func (m *Model) pageSize(s *state) int {
	if s.cat.REST {
		return wholePage
	}
	return PageSize
}

// profile is how the catalog's results read; the column choice is remembered per catalog.
func (m *Model) profile(s *state) results.Profile {
	sh := shapeOf(s.name)
	return results.Profile{
		Name: "catalogs." + s.name, Noun: "rows",
		KeyColumns: sh.keys, IDColumn: sh.id, LabelColumn: sh.id, CopyIDColumn: sh.id,
		SearchColumns: sh.search, Describe: noDescriptions,
		Sources: true, // its stars overlay the other tabs' sky
	}
}

// noDescriptions: catalog rows carry their columns' descriptions (columnsconfig,
// PanSTARRS metadata); there is nothing more to fetch.
func noDescriptions(context.Context) ([]mast.FieldMeta, error) { return nil, nil }

// SetSize sets the area the view may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	for _, s := range m.states {
		m.layoutState(s)
	}
	m.layoutAdvanced()
}

func (m *Model) layoutState(s *state) {
	for _, v := range []*results.Model{s.results, s.matches, s.spectra} {
		if v != nil {
			v.SetSize(m.width, m.height)
		}
	}
	for _, f := range s.form.Fields() {
		textfield.SetBoxWidth(&f.Input, m.fieldWidth(f))
	}
}

// fieldWidth is the width of a field's input box.
func (m *Model) fieldWidth(f *form.Field) int {
	if f.Name == fRadius {
		return min(m.boxWidth(), 16)
	}
	return m.boxWidth()
}

// labelWidth: the margin and focus mark, the label, a space.
const labelWidth = 16

func (m *Model) boxWidth() int { return max(8, min(40, m.width-labelWidth-4)) }

// view is the results view with the keys (nil on the form).
func (s *state) view() *results.Model {
	switch s.pane {
	case paneResults:
		return s.results
	case paneMatches:
		return s.matches
	case paneSpectra:
		return s.spectra
	}
	return nil
}

// Pane is the part with the keys: "form", "results", "matches" or "spectra"; in the
// advanced view, "advanced" or "advanced results".
func (m *Model) Pane() string {
	if m.showAdvanced {
		return map[pane]string{paneForm: "advanced", paneResults: "advanced results"}[m.adv().pane]
	}
	return [...]string{"form", "results", "matches", "spectra"}[m.st().pane]
}

// AdvancedResults is the advanced view's results (nil until a request ran).
func (m *Model) AdvancedResults() *results.Model {
	if m.advanced == nil {
		return nil
	}
	return m.advanced.results
}

// Results is the shown catalog's results view.
func (m *Model) Results() *results.Model { return m.st().results }

// Matches and Spectra are the HSC views of the shown catalog (nil until opened).
func (m *Model) Matches() *results.Model { return m.st().matches }

// Spectra is the HSC spectra view (nil until opened).
func (m *Model) Spectra() *results.Model { return m.st().spectra }
