// Package missions is the Missions tab: a Search API form for one mission at a time
// (criteria fields come from the mission's column list; targets, resolver, radius, sort
// and output columns above them; a live total from the server), the dataset results in
// the shared results view (lazy offset paging, sort, column chooser, details, selection)
// and the products of chosen datasets in the shared products view with the mission's
// filter panel. Each mission keeps its own form, results and products, so HST and JWST
// can be compared by switching back and forth.
package missions

import (
	"slices"

	"mastui/services/mast"
	"mastui/services/registry"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
	"mastui/ui/views/products"
	"mastui/ui/views/results"
)

// PageSize is the number of datasets asked per request.
const PageSize = 500

// Names are the missions the picker offers: every mission whose dataset keyword and
// download route are known.
func Names() []string { return registry.BrowsableMissions() }

// Resolvers are the resolver choices for object names ("" lets MAST choose).
func Resolvers() []string { return []string{"", "SIMBAD", "NED"} }

// pane is the part of a mission's view that has the keys.
type pane int

const (
	paneForm pane = iota
	paneResults
	paneProducts
)

// field is one criterion field of the form, for one queryable column.
type field struct {
	col mast.MissionColumn
	in  *form.Field
}

// state is everything one mission keeps.
type state struct {
	mission string

	req     *common.Requests // the column list and the live count
	colsErr error
	columns []mast.MissionColumn // every column, for sort/select validation
	form    *form.Model          // the rows (see the row constants), then the criteria
	fields  []field              // the criteria, in form order from fixedRows on
	formErr string
	jump    form.Jump

	live   form.Live
	recall form.Recall // ↑/↓ through the mission's history in Targets

	pane     pane
	results  *results.Model
	products *products.Model
}

// Form rows before the criteria fields (their field names follow).
const (
	rowPicker = iota
	rowTargets
	rowRadius
	rowResolver
	rowSort
	rowSelect
	fixedRows
)

// Names of the fixed rows' fields.
const (
	nameTargets  = "targets"
	nameRadius   = "radius"
	nameResolver = "resolver"
	nameSort     = "sort"
	nameSelect   = "columns"
)

// Model is the Missions tab.
type Model struct {
	c       *common.Common
	archive common.Archive
	choices map[string][]string // saved column choices by results table name
	width   int
	height  int
	mission int
	states  map[string]*state
}

// New builds the tab over an archive; choices are the saved column choices (by table
// name, "missions.jwst"), may be nil.
func New(c *common.Common, archive common.Archive, choices map[string][]string) *Model {
	return &Model{c: c, archive: archive, choices: choices, states: map[string]*state{}}
}

// SetSize sets the area the view may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	for _, s := range m.states {
		m.layoutState(s)
	}
}

func (m *Model) layoutState(s *state) {
	s.results.SetSize(m.width, m.height)
	s.products.SetSize(m.width, m.height)
	for i, f := range s.form.Fields() {
		textfield.SetBoxWidth(&f.Input, m.fieldWidth(i))
	}
}

// fieldWidth is the width of row i's input box.
func (m *Model) fieldWidth(row int) int {
	if row == rowRadius {
		return min(m.boxWidth(), 16)
	}
	return m.boxWidth()
}

// Mission is the mission shown.
func (m *Model) Mission() string { return Names()[m.mission] }

func (m *Model) st() *state {
	name := Names()[m.mission]
	if s := m.states[name]; s != nil {
		return s
	}
	st := m.c.Styles
	rp := results.MissionProfile(name)
	req := m.c.NewRequests()
	s := &state{mission: name,
		form: form.New(
			form.NewChoice("mission", "Mission", Names(), slices.Index(Names(), name)),
			form.NewText(st, nameTargets, "Targets", 0),
			form.NewText(st, nameRadius, "Radius", 32),
			form.NewChoice(nameResolver, "Resolver", Resolvers(), 0),
			form.NewText(st, nameSort, "Sort by", 0),
			form.NewText(st, nameSelect, "Columns", 0),
		),
		jump:     form.NewJump(st, fixedRows),
		live:     form.Live{Req: req, Task: liveTask, Delay: liveDelay, Pause: LiveTickMsg{}},
		req:      req,
		results:  results.NewWithProfile(m.c, m.archive, PageSize, rp),
		products: products.NewWithProfile(m.c, m.archive, products.MissionProfile(name)),
	}
	m.describeRows(s.form)
	s.results.SetColumnChoice(m.choices[rp.Name])
	m.states[name] = s
	m.layoutState(s)
	return s
}

// Pane is the part with the keys: "form", "results" or "products" (for tests and hints).
func (m *Model) Pane() string {
	switch m.st().pane {
	case paneResults:
		return "results"
	case paneProducts:
		return "products"
	}
	return "form"
}

// Typing reports whether typed letters go to a text field (a form field, or a text
// filter of the products view).
func (m *Model) Typing() bool {
	s := m.st()
	switch s.pane {
	case paneForm:
		return s.jump.Active() || s.form.Typing()
	case paneProducts:
		return s.products.Capturing()
	}
	return s.results.Typing() // the export dialog's path; other overlays take keys, not text
}

// Jumping reports whether the "go to column" line takes the keys.
func (m *Model) Jumping() bool { s := m.st(); return s.pane == paneForm && s.jump.Active() }

// Results is the current mission's results view.
func (m *Model) Results() *results.Model { return m.st().results }

// Products is the current mission's products view.
func (m *Model) Products() *products.Model { return m.st().products }

// Activity is what runs, for the status bar ("" when idle).
func (m *Model) Activity() string {
	s := m.st()
	switch {
	case s.req.Activity() != "":
		return s.req.Activity()
	case s.pane == paneProducts && s.products.Activity() != "":
		return s.products.Activity()
	case s.results.Activity() != "":
		return s.results.Activity()
	}
	return ""
}

// Counts summarises the focused part for the status bar.
func (m *Model) Counts() string {
	s := m.st()
	if s.pane == paneProducts {
		return s.products.Counts()
	}
	return s.results.Counts()
}

func (m *Model) boxWidth() int { return max(8, min(48, m.width-labelWidth-4)) }

// labelWidth: the margin and focus mark, the column name, a space.
const labelWidth = 26

// describeRows gives the fixed rows their hints and help lines.
func (m *Model) describeRows(f *form.Model) {
	for _, d := range []struct {
		row        int
		hint, help string
	}{
		{rowTargets, "positions or object names, comma-separated",
			"One position (\"210.8 54.35\", \"14h03m12.6s +54d20m56s\") or positions and object names, comma-separated (at most 100); names are resolved first."},
		{rowRadius, "a bare number is ARCMINUTES · default 3, at most 30",
			"Cone radius around each target: a bare number is ARCMINUTES; \"0.05 deg\" and \"30 arcsec\" work too. At most 30 arcmin."},
		{rowResolver, "for object names", "←/→ or space: who resolves object names (auto tries SIMBAD, then NED)."},
		{rowSort, "COLUMN[:desc], …",
			"Columns to sort by, e.g. \"sci_start_time:desc\" or \"ang_sep\" (targets add search_pos and ang_sep)."},
		{rowSelect, "a comma list, or all (default: the mission's)", ""}, // its help names the mission's keyword
	} {
		f.Field(d.row).Hint, f.Field(d.row).Help = d.hint, d.help
	}
}
