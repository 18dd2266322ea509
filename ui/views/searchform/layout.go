package searchform

import (
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/components/form"
	"mastui/ui/components/textfield"
)

// Layout constants: every line starts with one space; a field is the focus mark (2
// cells), its label (labelWidth) and its content (form.Label draws the margin, the mark
// and the label). Two columns are used from twoColumnWidth cells on, separated by
// columnGap.
const (
	margin         = 1
	markWidth      = form.MarkWidth - margin
	labelWidth     = 13
	prefixWidth    = markWidth + labelWidth
	columnGap      = 3
	twoColumnWidth = 96
	maxBoxWidth    = 48
	minBoxWidth    = 6
	maxGridRows    = 6
	maxErrorLines  = 3
)

// row is one line group of the layout: one field, or two side by side.
type row struct {
	cells []int
	full  bool // spans the whole width (never paired)
}

func (m *Model) twoColumns() bool { return m.width >= twoColumnWidth }

// innerWidth is the width right of the margin.
func (m *Model) innerWidth() int { return max(0, m.width-margin) }

// columnWidth is the width of one of two columns.
func (m *Model) columnWidth() int { return max(0, (m.innerWidth()-columnGap)/2) }

// rows lays the fields out: target and radius, the resolver, the collections, then the
// criteria in pairs when wide enough, and the "+ add criterion" row.
func (m *Model) rows() []row {
	two := m.twoColumns()
	add := m.addIndex()
	var rows []row
	pairs := func(from, to int) {
		for i := from; i < to; {
			if two && i+1 < to {
				rows = append(rows, row{cells: []int{i, i + 1}})
				i += 2
				continue
			}
			rows = append(rows, row{cells: []int{i}})
			i++
		}
	}
	pairs(FieldTarget, FieldResolver)
	rows = append(rows, row{cells: []int{FieldResolver}, full: true}, row{cells: []int{FieldCollection}, full: true})
	pairs(FieldInstrument, add)
	return append(rows, row{cells: []int{add}, full: true})
}

// cellWidth is the width field i is drawn in.
func (m *Model) cellWidth(i int) int {
	if !m.twoColumns() {
		return m.innerWidth()
	}
	for _, r := range m.rows() {
		for _, c := range r.cells {
			if c == i && !r.full {
				return m.columnWidth()
			}
		}
	}
	return m.innerWidth()
}

// unit is what follows a field's box: the column's unit (dates take ISO dates, so
// their MJD unit is not shown).
func (m *Model) unit(f *field) string {
	if f.col == "" || isDateColumn(f.col) {
		return ""
	}
	return m.meta[lower(f.col)].Unit
}

// boxWidth is the width of field f's bracketed input in a cell of width w.
func (m *Model) boxWidth(f *field, w int) int {
	bw := w - prefixWidth
	if u := m.unit(f); u != "" {
		bw -= ansi.StringWidth(u) + 1
	}
	if h := m.histogramIn(f, w); h != "" {
		bw -= ansi.StringWidth(h) + 1
	}
	return max(minBoxWidth, min(maxBoxWidth, bw))
}

// relayout sizes the inputs for the current width and keeps the focus in view.
func (m *Model) relayout() {
	for i, f := range m.fields {
		if f.kind == kindText || f.kind == kindAdd {
			textfield.SetBoxWidth(&f.Input, m.boxWidth(f, m.cellWidth(i)))
		}
	}
	rows := maxGridRows
	if bh := m.bodyHeight(); bh < maxGridRows+3 {
		rows = max(2, bh-3)
	}
	m.coll.SetSize(max(1, m.cellWidth(FieldCollection)-prefixWidth), rows)
	m.follow()
}

// below is the field up (dir -1) or down (dir 1) from field i on screen, wrapping.
func (m *Model) below(i, dir int) int {
	rows := m.rows()
	for r, rw := range rows {
		for c, cell := range rw.cells {
			if cell != i {
				continue
			}
			next := rows[(r+dir+len(rows))%len(rows)]
			return next.cells[min(c, len(next.cells)-1)]
		}
	}
	return i
}

// frame is how many lines the title (head) and the rule, help and count (foot) take
// at the current height.
func (m *Model) frame() (head, foot int) {
	switch {
	case m.height >= 18:
		return 2, 4
	case m.height >= 11:
		return 1, 3
	case m.height >= 4:
		return 1, 1
	}
	return 0, 0
}

// bodyHeight is the number of field lines shown.
func (m *Model) bodyHeight() int {
	head, foot := m.frame()
	return max(1, m.height-head-foot)
}

// follow scrolls so the focused field (with its error, list or suggestions) shows.
func (m *Model) follow() {
	if m.width <= 0 || m.height <= 0 {
		return
	}
	lines, spans := m.body()
	h := m.bodyHeight()
	sp := spans[m.form.Focused()]
	top, bot := sp[0], sp[1]
	if bot-top > h {
		bot = top + h
	}
	if top < m.offset {
		m.offset = top
	}
	if bot > m.offset+h {
		m.offset = bot - h
	}
	m.offset = max(0, min(m.offset, len(lines)-h))
}
