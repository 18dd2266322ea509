// Package sky is the sky panel of a results view: the footprints of the loaded rows
// (their s_region, or their position), the search cone and the target on a tangent-plane
// projection around the search centre, drawn in Braille; catalog sources as points sized
// by magnitude; the cursor's row and the selected rows highlighted. Zoom, pan and fit
// are keys; picking the footprints under the crosshair moves the table's cursor.
package sky

import (
	"math"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/braille"
)

// Model is the sky panel. It reads the results' table each time it is synced and parses
// only rows it has not seen.
type Model struct {
	c             *common.Common
	width, height int
	canvas        *braille.Canvas

	table      *model.Table
	parsed     int // rows of table read so far
	foot       []Footprint
	byRow      []int32 // table row → index in foot, -1 for none
	bad        int     // rows whose s_region did not parse
	byInstr    bool    // colour by instrument instead of collection
	groups     []string
	groupIndex map[string]int
	groupCount []int
	position   func(r int) (model.SkyPoint, bool)

	center    model.SkyPoint
	hasCenter bool // the search gave a centre (else the footprints' mean)
	target    bool // mark the centre as the target
	radius    float64
	tp        model.Tangent
	projected bool

	scale     float64 // degrees per dot; 0 until fitted
	panX      float64 // the crosshair (view centre) on the plane, degrees
	panY      float64
	crosshair bool // shown once the user pans or picks
	fitted    bool // the view is as fit left it (no zoom, pan or pick since): a resize fits again

	cursor      int
	cursorLabel string // names the cursor's row in the title ("" for none)
	selected    func(r int) bool
	sources     []Source
}

// New builds an empty sky panel; position reads a row's position when it has no
// s_region (nil: such rows are not drawn).
func New(c *common.Common, position func(t *model.Table, r int) (model.SkyPoint, bool)) *Model {
	m := &Model{c: c, canvas: braille.New(0, 0), cursor: -1, groupIndex: map[string]int{}}
	m.position = func(r int) (model.SkyPoint, bool) {
		if position == nil {
			return model.SkyPoint{}, false
		}
		return position(m.table, r)
	}
	return m
}

// SetSize sets the panel's area (a title line, the chart, a legend line).
// A view the user has not zoomed or panned is fitted again to the new size.
func (m *Model) SetSize(w, h int) {
	w, h = max(0, w), max(0, h)
	if w == m.width && h == m.height {
		return
	}
	m.width, m.height = w, h
	m.canvas.Resize(m.width, max(0, m.height-2))
	if m.projected && m.fitted {
		m.fit()
		m.follow()
	}
}

// SetSearch sets the projection's centre and the cone radius (degrees, 0 for none) of a
// new search; center nil centres on the footprints. The view is fitted again.
func (m *Model) SetSearch(center *model.SkyPoint, radius float64) {
	m.hasCenter, m.target, m.radius = center != nil, center != nil, radius
	if center != nil {
		m.center = *center
	}
	m.projected, m.scale, m.crosshair = false, 0, false
}

// SetCursorLabel names the cursor's row (its target, its id) in the title: in the
// table's place the sky is all that shows of it.
func (m *Model) SetCursorLabel(s string) { m.cursorLabel = s }

// SetSources sets the catalog sources overlaid.
func (m *Model) SetSources(s []Source) { m.sources = s }

// Sync reads the table's rows it has not seen (all of them for a new table), the
// cursor's row and the selection.
func (m *Model) Sync(t *model.Table, cursor int, selected func(int) bool) {
	if t != m.table {
		m.table, m.parsed, m.foot, m.byRow, m.bad = t, 0, m.foot[:0], m.byRow[:0], 0
		m.resetGroups()
		m.projected, m.scale = false, 0
	}
	m.selected = selected
	if t != nil && m.parsed < t.Rows() {
		m.read(m.parsed, t.Rows())
	}
	if !m.projected {
		m.reproject()
	}
	if cursor != m.cursor {
		m.cursor = cursor
		m.follow()
	}
}

func (m *Model) resetGroups() {
	m.groups, m.groupCount = m.groups[:0], m.groupCount[:0]
	clear(m.groupIndex)
}

// read parses rows [from, to).
func (m *Model) read(from, to int) {
	region := colFold(m.table, regionColumns())
	group := m.groupColumn()
	for r := from; r < to; r++ {
		f, ok, bad := footprintOf(m.table, region, r, m.position)
		if bad {
			m.bad++
		}
		idx := int32(-1)
		if ok {
			f.Group = m.groupOf(group, r)
			if m.projected {
				f.project(m.tp)
			}
			idx = int32(len(m.foot))
			m.foot = append(m.foot, f)
		}
		m.byRow = append(m.byRow, idx)
	}
	m.parsed = to
}

// groupColumn is the column the footprints are coloured by: the collection (or, with
// I, the instrument); a table without one (a mission's) is coloured by the other.
func (m *Model) groupColumn() *model.Column {
	first, other := collectionColumns(), instrumentColumns()
	if m.byInstr {
		first, other = other, first
	}
	if c := colFold(m.table, first); c != nil {
		return c
	}
	return colFold(m.table, other)
}

func (m *Model) groupOf(c *model.Column, r int) int {
	name := ""
	if c != nil && !c.IsNull(r) {
		name = common.Sanitize(c.String(r))
	}
	i, ok := m.groupIndex[name]
	if !ok {
		i = len(m.groups)
		m.groupIndex[name] = i
		m.groups = append(m.groups, name)
		m.groupCount = append(m.groupCount, 0)
	}
	m.groupCount[i]++
	return i
}

// toggleColour colours by instrument instead of collection, or back.
func (m *Model) toggleColour() {
	m.byInstr = !m.byInstr
	m.resetGroups()
	if m.table == nil {
		return
	}
	c := m.groupColumn()
	for i := range m.foot {
		m.foot[i].Group = m.groupOf(c, m.foot[i].Row)
	}
}

// reproject centres the projection (on the search, else on the footprints) and puts
// every footprint on the plane.
func (m *Model) reproject() {
	if !m.hasCenter {
		if len(m.foot) == 0 {
			return
		}
		pts := make([]model.SkyPoint, len(m.foot))
		for i := range m.foot {
			pts[i] = m.foot[i].Center
		}
		m.center = model.MeanDirection(pts)
	}
	m.tp = model.NewTangent(m.center)
	for i := range m.foot {
		m.foot[i].project(m.tp)
	}
	m.projected = true
	m.fit()
}

// fit zooms to every footprint (on this side of the sky) and the cone, with a margin.
func (m *Model) fit() {
	m.panX, m.panY, m.crosshair, m.fitted = 0, 0, false, true
	lox, loy, hix, hiy := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(x, y float64) {
		lox, hix, loy, hiy = math.Min(lox, x), math.Max(hix, x), math.Min(loy, y), math.Max(hiy, y)
	}
	for i := range m.foot {
		f := &m.foot[i]
		if !f.onSide {
			continue
		}
		for _, pts := range f.plane {
			for _, p := range pts {
				add(p.x, p.y)
			}
		}
	}
	if m.radius > 0 {
		add(-m.radius, -m.radius)
		add(m.radius, m.radius)
	}
	if math.IsInf(lox, 1) {
		m.scale = 1.0 / 3600 // one arcsec a dot: nothing to show yet
		return
	}
	m.panX, m.panY = (lox+hix)/2, (loy+hiy)/2
	dw, dh := m.canvas.Dots()
	span := math.Max((hix-lox)/float64(max(1, dw-4)), (hiy-loy)/float64(max(1, dh-4)))
	m.scale = math.Max(span*1.08, 0.05/3600) // a lone point still gets a readable scale
}

// follow pans to the cursor's footprint when it is out of view.
func (m *Model) follow() {
	f := m.footOf(m.cursor)
	if f == nil || !f.onSide || m.scale == 0 {
		return
	}
	x, y := m.toDots(f.px, f.py)
	dw, dh := m.canvas.Dots()
	if x < 0 || y < 0 || x >= float64(dw) || y >= float64(dh) {
		m.panX, m.panY = f.px, f.py
	}
}

// footOf is the footprint of table row r (nil when it has none).
func (m *Model) footOf(r int) *Footprint {
	if r < 0 || r >= len(m.byRow) || m.byRow[r] < 0 {
		return nil
	}
	return &m.foot[m.byRow[r]]
}

// toDots maps plane degrees to canvas dots: east is left, north up.
func (m *Model) toDots(x, y float64) (float64, float64) {
	dw, dh := m.canvas.Dots()
	return float64(dw)/2 - (x-m.panX)/m.scale, float64(dh)/2 - (y-m.panY)/m.scale
}

// Footprints is the number of rows drawn; Unreadable those whose s_region did not
// parse.
func (m *Model) Footprints() int { return len(m.foot) }

// Unreadable is the number of rows whose s_region did not parse.
func (m *Model) Unreadable() int { return m.bad }
