package results

import (
	"slices"

	"mastui/model"
	"mastui/ui/components/grid"
)

// TableName is the name the column choice of this view is saved under.
const TableName = "observations"

func formatOf(name string, k model.Kind) grid.Format {
	switch name {
	case "t_min", "t_max", "t_obs_release":
		if k == model.KindFloat {
			return grid.FormatMJD
		}
	case "t_exptime", "ang_sep":
		return grid.FormatFixed1
	case "distance":
		return grid.FormatFixed3
	case "s_ra", "s_dec":
		return grid.FormatFixed6
	}
	return grid.FormatDefault
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

// buildColumns describes every column of the table: the key columns first, then the
// rest in table order. Widths are measured over the loaded rows.
func (m *Model) buildColumns() {
	t := m.table
	m.all = m.all[:0]
	used := make([]bool, len(t.Columns))
	add := func(i int) {
		c := t.Columns[i]
		used[i] = true
		limit := capOf(c.Name)
		if c.Name == m.profile.IDColumn { // ids are what people read and copy: never cut
			limit = max(limit, 40)
		}
		m.all = append(m.all, grid.NewColumn(c, "", formatOf(c.Name, c.Kind), limit))
	}
	for _, name := range m.profile.KeyColumns {
		if i := t.ColIndex(name); i >= 0 && !used[i] {
			add(i)
		}
	}
	for i := range t.Columns {
		if !used[i] {
			add(i)
		}
	}
	for _, c := range m.all {
		c.Measure(0, t.Rows())
	}
	if m.sortCol != nil {
		m.sortCol = m.column(m.sortCol.Name())
	}
	m.applyChoice()
}

// column finds the described column by table column name (nil when absent).
func (m *Model) column(name string) *grid.Column {
	for _, c := range m.all {
		if c.Name() == name {
			return c
		}
	}
	return nil
}

// shownColumns are the columns the choice shows, in its order; every column when there
// is no choice or none of the chosen columns exists.
func (m *Model) shownColumns() []*grid.Column {
	if len(m.choice) == 0 {
		return m.all
	}
	out := make([]*grid.Column, 0, len(m.choice))
	for _, name := range m.choice {
		if c := m.column(name); c != nil && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return m.all
	}
	return m.withSearchColumns(out)
}

// withSearchColumns adds the profile's search columns after the first chosen column
// when the choice names none of them and the table has them.
func (m *Model) withSearchColumns(out []*grid.Column) []*grid.Column {
	var extra []*grid.Column
	for _, name := range m.profile.SearchColumns {
		if slices.Contains(m.choice, name) {
			return out
		}
		if c := m.column(name); c != nil {
			extra = append(extra, c)
		}
	}
	if len(extra) == 0 {
		return out
	}
	return slices.Concat(out[:1], extra, out[1:])
}

// applyChoice shows the chosen columns in the grid.
func (m *Model) applyChoice() {
	m.grid.SetColumns(m.shownColumns())
	m.grid.SetSortMark(m.sortCol, m.sortDesc)
}

// SetColumnChoice sets the visible columns (by name, in order), as saved in the config;
// nil or empty shows every column. Unknown names are ignored.
func (m *Model) SetColumnChoice(cols []string) {
	m.choice = slices.Clone(cols)
	if m.table != nil {
		m.applyChoice()
	}
}

// ColumnChoice is the current choice (nil: every column).
func (m *Model) ColumnChoice() []string { return slices.Clone(m.choice) }

// ShownColumns names the columns shown, in order.
func (m *Model) ShownColumns() []string {
	var out []string
	for _, c := range m.grid.Columns() {
		out = append(out, c.Name())
	}
	return out
}
