package catalogs

import (
	"slices"

	"mastui/services/sim/archive"
	"mastui/services/sim/portal"
)

// catalog is one source catalog: its sky, its fields and how a source becomes a row.
type catalog struct {
	name   string // unique among the service's catalogs: keys what is memoized per archive
	model  *archive.SourceModel
	fields []field
	row    func(s *archive.Source, r *archive.Rand) []any
	// dist is the distance column of positional answers, inserted at distAt (-1: at
	// the end), in units of distScale per degree.
	dist      field
	distAt    int
	distScale float64
	// keep, when set, drops sources the catalog does not list (CTL: bright TIC stars).
	keep func(s *archive.Source) bool

	cols, posCols []portal.Column[Row]
	posFields     []field
}

// init builds the column sets once.
func (c *catalog) init() *catalog {
	c.cols = columns(c.fields)
	at := c.distAt
	if at < 0 || at > len(c.fields) {
		at = len(c.fields)
	}
	c.posFields = slices.Insert(slices.Clone(c.fields), at, c.dist)
	c.posCols = columns(c.posFields)
	return c
}

// rowOf builds a source's row; dist < 0 leaves out the distance column.
func (c *catalog) rowOf(s *archive.Source, dist float64) Row {
	v := c.row(s, s.Rand())
	if dist >= 0 {
		at := c.distAt
		if at < 0 || at > len(v) {
			at = len(v)
		}
		v = slices.Insert(v, at, any(dist*c.distScale))
	}
	return Row{V: v}
}

// cone lists the rows within radius, nearest first, at most limit (0: all); total is
// how many sources matched before the limit.
func (c *catalog) cone(a *archive.Archive, ra, dec, radius float64, limit int, extra func(*archive.Source) bool) (rows []Row, total int) {
	srcs, dist := a.Sources(c.model, ra, dec, radius)
	for i := range srcs {
		if (c.keep != nil && !c.keep(&srcs[i])) || (extra != nil && !extra(&srcs[i])) {
			continue
		}
		total++
		if limit <= 0 || len(rows) < limit {
			rows = append(rows, c.rowOf(&srcs[i], dist[i]))
		}
	}
	return rows, total
}

// fieldRows lists the rows of a query without a position (the catalog's fields).
func (c *catalog) fieldRows(a *archive.Archive) []Row {
	srcs := a.Fields(c.model, fieldRadius)
	rows := make([]Row, 0, len(srcs))
	for i := range srcs {
		if c.keep == nil || c.keep(&srcs[i]) {
			rows = append(rows, c.rowOf(&srcs[i], -1))
		}
	}
	return rows
}

// fieldRadius is how far around each field a query without position looks.
const fieldRadius = 0.2
