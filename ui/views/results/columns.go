package results

import (
	"mastui/model"
	"mastui/ui/common"
)

// format is how a column's cells are drawn.
type format uint8

const (
	fmtDefault format = iota // strings as they are, floats to 10 significant digits
	fmtMJD                   // a Modified Julian Date as an ISO date
	fmtFixed1                // floats with one decimal (exposure times)
	fmtFixed3                // floats with three decimals (distances)
	fmtFixed6                // floats with six decimals (positions)
)

// column is one displayed column with its cached width.
type column struct {
	src    *model.Column
	header string
	format format
	right  bool // numbers are right-aligned
	cap    int  // the widest the column may grow
	width  int  // cached: max(header, widest loaded cell), at most cap
}

// keyColumns are shown first, in this order; the other columns follow in table order.
func keyColumns() []string {
	return []string{
		"obs_collection", "instrument_name", "target_name", "filters", "dataproduct_type",
		"calib_level", "t_exptime", "t_min", "proposal_id", "obs_id", "dataRights", "distance",
	}
}

func formatOf(name string, k model.Kind) format {
	switch name {
	case "t_min", "t_max", "t_obs_release":
		if k == model.KindFloat {
			return fmtMJD
		}
	case "t_exptime":
		return fmtFixed1
	case "distance":
		return fmtFixed3
	case "s_ra", "s_dec":
		return fmtFixed6
	}
	return fmtDefault
}

func capOf(name string) int {
	switch name {
	case "obs_id":
		return 36
	case "obs_title", "s_region", "dataURL", "jpegURL":
		return 32
	case "target_name", "instrument_name":
		return 20
	case "t_min", "t_max", "t_obs_release":
		return 10
	}
	return 24
}

// buildColumns lays out the table's columns: the key columns first, then the rest.
func (m *Model) buildColumns() {
	t := m.table
	m.cols = m.cols[:0]
	used := make([]bool, len(t.Columns))
	add := func(i int) {
		c := t.Columns[i]
		used[i] = true
		col := &column{src: c, header: common.Sanitize(c.Name), format: formatOf(c.Name, c.Kind), cap: capOf(c.Name)}
		col.right = (c.Kind == model.KindFloat || c.Kind == model.KindInt) && col.format != fmtMJD
		col.width = min(col.cap, textWidth(col.header))
		m.cols = append(m.cols, col)
	}
	for _, name := range keyColumns() {
		if i := t.ColIndex(name); i >= 0 && !used[i] {
			add(i)
		}
	}
	for i := range t.Columns {
		if !used[i] {
			add(i)
		}
	}
	m.colOff = min(m.colOff, max(0, len(m.cols)-2))
}

// measure widens the cached column widths over rows [from, to). It runs only when data
// arrives, never per frame.
func (m *Model) measure(from, to int) {
	for _, col := range m.cols {
		for r := from; r < to && col.width < col.cap; r++ {
			if w := textWidth(cellText(col, r)); w > col.width {
				col.width = min(w, col.cap)
			}
		}
	}
}
