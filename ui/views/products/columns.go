package products

import (
	"mastui/model"
	"mastui/ui/components/grid"
)

// keyColumns are shown first, in this order, with shorter headers; the other columns
// follow in table order.
var keyColumns = []struct {
	name, header string
	cap          int
}{
	{fileColumn, "", 56},
	{"productType", "type", 11},
	{"productSubGroupDescription", "subgroup", 12},
	{"calib_level", "level", 5},
	{"size", "size", 8},
	{"obs_id", "", 36},
	{"description", "", 40},
}

// buildColumns lays out the table's columns.
func (m *Model) buildColumns() {
	t := m.table
	used := make([]bool, len(t.Columns))
	var cols []*grid.Column
	for _, k := range keyColumns {
		i := t.ColIndex(k.name)
		if i < 0 || used[i] {
			continue
		}
		used[i] = true
		f := grid.FormatDefault
		if k.name == "size" && (t.Columns[i].Kind == model.KindInt || t.Columns[i].Kind == model.KindFloat) {
			f = grid.FormatBytes
		}
		cols = append(cols, grid.NewColumn(t.Columns[i], k.header, f, k.cap))
	}
	for i, c := range t.Columns {
		if !used[i] {
			cols = append(cols, grid.NewColumn(c, "", grid.FormatDefault, 24))
		}
	}
	for _, c := range cols {
		c.Measure(0, t.Rows())
	}
	m.grid.SetColumns(cols)
}
