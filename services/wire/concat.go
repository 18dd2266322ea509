package wire

import "mastui/model"

// Concat stacks the tables of a query's pages, in order, when they have the same
// columns (names and kinds, in the same order), as pages of one query do: each column is
// sized once, the columns of a kind sharing one array like Decode's (on huge pages with
// hugePages, see Options), so stacking costs one copy of the rows. It returns nil for
// tables that differ; model.Table.Append stacks those. A single table is returned as it
// is.
func Concat(tables []*model.Table, hugePages bool) *model.Table {
	switch len(tables) {
	case 0:
		return nil
	case 1:
		return tables[0]
	}
	first := tables[0].Columns
	total := 0
	for _, t := range tables {
		n := t.Rows()
		if len(t.Columns) != len(first) {
			return nil
		}
		for i, c := range t.Columns {
			if c.Name != first[i].Name || c.Kind != first[i].Kind || c.Len() != n || c.Masked != nil && len(c.Masked) < n {
				return nil
			}
		}
		total += n
	}
	cols := make([]*model.Column, len(first))
	for i, c := range first {
		cols[i] = &model.Column{Name: c.Name, Kind: c.Kind, Meta: c.Meta}
	}
	allocColumns(cols, total, hugePages)
	for i, c := range cols {
		for _, t := range tables {
			if t.Columns[i].Masked != nil {
				c.Masked = make([]bool, total)
				break
			}
		}
		off := 0
		for _, t := range tables {
			oc, n := t.Columns[i], t.Rows()
			switch c.Kind {
			case model.KindString:
				copy(c.Str[off:], oc.Str)
			case model.KindFloat:
				copy(c.Float[off:], oc.Float)
			case model.KindInt:
				copy(c.Int[off:], oc.Int)
			case model.KindBool:
				copy(c.Bool[off:], oc.Bool)
			}
			if oc.Masked != nil {
				copy(c.Masked[off:], oc.Masked[:n])
			}
			off += n
		}
	}
	return model.NewTable(cols...)
}
