package products

import (
	"mastui/model"
	"mastui/ui/components/grid"
)

// buildColumns lays out the table's columns: the profile's key columns first, in its
// order and with its headers (the cloud column after the first), then the others in
// table order.
func (m *Model) buildColumns() {
	t := m.table
	used := make([]bool, len(t.Columns))
	var cols []*grid.Column
	for _, k := range m.p.Columns {
		i := t.ColIndex(k.Name)
		if i < 0 || used[i] {
			continue
		}
		used[i] = true
		f := grid.FormatDefault
		if k.Bytes && (t.Columns[i].Kind == model.KindInt || t.Columns[i].Kind == model.KindFloat) {
			f = grid.FormatBytes
		}
		cols = append(cols, grid.NewColumn(t.Columns[i], k.Header, f, k.Cap))
		if len(cols) == 1 && m.cloudCol != nil { // beside the file name
			cols = append(cols, grid.NewColumn(m.cloudCol, "cloud", grid.FormatDefault, 5))
		}
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
