// Package missions is the Missions tab: a Search API form for one mission at a time
// (the fields come from the mission's column list) and a windowed results grid that
// pages in by offset as the cursor nears the end of the loaded rows. Each mission keeps
// its own form values and results.
package missions

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/grid"
	"mastui/ui/components/textfield"
)

// PageSize is the number of datasets asked per request.
const PageSize = 500

// Names are the missions the picker offers.
var Names = []string{"hst", "jwst"}

// field is one criterion field of the form, for one queryable column.
type field struct {
	col mast.MissionColumn
	in  textinput.Model
}

// state is everything one mission keeps: its columns, form values and results.
type state struct {
	mission string

	colsLoading bool
	colsErr     error
	fields      []field
	targets     textinput.Model
	radius      textinput.Model
	cur         int // 0 picker, 1 targets, 2 radius, 3+ fields
	formErr     string

	query    mast.MissionQuery
	searched bool
	reqID    uint64
	ctx      context.Context
	cancel   context.CancelFunc
	inflight int // offset being fetched, -1 when none
	err      error
	pageErr  error
	table    *model.Table
	total    int64
	more     bool // the last page was full: more may follow
	grid     *grid.Model
	cols     []*grid.Column
}

// Model is the Missions tab.
type Model struct {
	c       *common.Common
	archive common.Archive
	width   int
	height  int
	mission int
	states  map[string]*state
	results bool // the results have focus (else the form)
}

// New builds the tab over an archive.
func New(c *common.Common, archive common.Archive) *Model {
	return &Model{c: c, archive: archive, states: map[string]*state{}}
}

// SetSize sets the area the view may draw in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	for _, s := range m.states {
		m.layoutState(s)
	}
}

func (m *Model) layoutState(s *state) {
	s.grid.SetSize(m.width, max(0, m.height-1))
	fw := m.boxWidth()
	textfield.SetBoxWidth(&s.targets, fw)
	textfield.SetBoxWidth(&s.radius, min(fw, 16))
	for i := range s.fields {
		textfield.SetBoxWidth(&s.fields[i].in, fw)
	}
}

// Mission is the mission shown.
func (m *Model) Mission() string { return Names[m.mission] }

func (m *Model) st() *state {
	name := Names[m.mission]
	s := m.states[name]
	if s == nil {
		st := m.c.Styles
		s = &state{mission: name, inflight: -1, grid: grid.New(m.c),
			targets: textfield.New(st, "", 0),
			radius:  textfield.New(st, "", 32)}
		m.states[name] = s
		m.layoutState(s)
	}
	return s
}

// ResultsFocused reports whether the results grid (not the form) has keys.
func (m *Model) ResultsFocused() bool { return m.results }

// Typing reports whether a text field has focus (letters type into it).
func (m *Model) Typing() bool { return !m.results && m.st().cur > 0 }

// Searched reports whether the current mission has a search.
func (m *Model) Searched() bool { return m.st().searched }

// Table is the current mission's loaded rows (nil before an answer).
func (m *Model) Table() *model.Table { return m.st().table }

// Total is the current mission's number of matching datasets.
func (m *Model) Total() int64 { return m.st().total }

// Loaded is the number of rows loaded for the current mission.
func (m *Model) Loaded() int { return m.st().table.Rows() }

// Inflight is the offset being fetched (-1 when none).
func (m *Model) Inflight() int { return m.st().inflight }

// ReqID is the current mission's request id.
func (m *Model) ReqID() uint64 { return m.st().reqID }

// Grid is the current mission's results grid (for tests).
func (m *Model) Grid() *grid.Model { return m.st().grid }

// Activity is what runs, for the status bar ("" when idle).
func (m *Model) Activity() string {
	s := m.st()
	switch {
	case s.colsLoading:
		return "Fetching " + s.mission + " columns…"
	case s.inflight == 0:
		return "Searching " + s.mission + "…"
	case s.inflight > 0:
		return "Fetching " + s.mission + " datasets from " + common.Commas(int64(s.inflight)) + "…"
	}
	return ""
}

// Counts summarises the results for the status bar.
func (m *Model) Counts() string {
	s := m.st()
	if s.table == nil {
		return ""
	}
	return counts(s)
}

func counts(s *state) string {
	out := common.Commas(s.total) + " datasets"
	if n := int64(s.table.Rows()); n < s.total {
		out += " (" + common.Commas(n) + " loaded)"
	}
	return out
}

func (m *Model) boxWidth() int { return max(8, min(48, m.width-labelWidth-4)) }

const labelWidth = 24

func splitTargets(s string) (pos []mast.Position, objs []string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if p, err := mast.ParseCoordinates(s); err == nil {
		return []mast.Position{p}, nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := mast.ParseCoordinates(part); err == nil {
			pos = append(pos, p)
		} else {
			objs = append(objs, part)
		}
	}
	return pos, objs
}
