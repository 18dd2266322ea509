// Package missions is the Missions tab: a Search API form for one mission at a time
// (criteria fields come from the mission's column list; targets, resolver, radius, sort
// and output columns above them; a live total from the server), the dataset results in
// the shared results view (lazy offset paging, sort, column chooser, details, selection)
// and the products of chosen datasets in the shared products view with the mission's
// filter panel. Each mission keeps its own form, results and products, so HST and JWST
// can be compared by switching back and forth.
package missions

import (
	"github.com/charmbracelet/bubbles/textinput"

	"mastui/services/mast"
	"mastui/services/registry"
	"mastui/ui/common"
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
	in  textinput.Model
}

// state is everything one mission keeps.
type state struct {
	mission string

	req        *common.Requests // the column list and the live count
	colsErr    error
	columns    []mast.MissionColumn // every column, for sort/select validation
	fields     []field
	targets    textinput.Model
	radius     textinput.Model
	resolver   int
	sortBy     textinput.Model
	selectCols textinput.Model
	cur        int // a form row: see the row constants
	formErr    string
	jump       jump
	jumpIn     textinput.Model

	live liveCount

	pane     pane
	results  *results.Model
	products *products.Model
}

// Form rows before the criteria fields.
const (
	rowPicker = iota
	rowTargets
	rowRadius
	rowResolver
	rowSort
	rowSelect
	fixedRows
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
	fw := m.boxWidth()
	textfield.SetBoxWidth(&s.targets, fw)
	textfield.SetBoxWidth(&s.radius, min(fw, 16))
	textfield.SetBoxWidth(&s.sortBy, fw)
	textfield.SetBoxWidth(&s.selectCols, fw)
	for i := range s.fields {
		textfield.SetBoxWidth(&s.fields[i].in, fw)
	}
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
	s := &state{mission: name,
		targets:    textfield.New(st, "", 0),
		radius:     textfield.New(st, "", 32),
		sortBy:     textfield.New(st, "", 0),
		selectCols: textfield.New(st, "", 0),
		jumpIn:     textfield.New(st, "", 64),
		req:        m.c.NewRequests(),
		results:    results.NewWithProfile(m.c, m.archive, PageSize, rp),
		products:   products.NewWithProfile(m.c, m.archive, products.MissionProfile(name)),
	}
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
		return s.jump.active || s.cur != rowPicker && s.cur != rowResolver
	case paneProducts:
		return s.products.Capturing()
	}
	return false // the results' overlays take keys, not text
}

// Jumping reports whether the "go to column" line takes the keys.
func (m *Model) Jumping() bool { s := m.st(); return s.pane == paneForm && s.jump.active }

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

const (
	labelWidth = 26 // the margin and focus mark, the column name, a space
	markWidth  = 3  // " ▸ " on the focused row, as in the Observations form
)
