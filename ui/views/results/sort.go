package results

import (
	"slices"

	"mastui/model"
)

// sortOrder returns the permutation of rows 0..n-1 ordering column c ascending (or
// descending). Masked cells (and NaN, and empty strings) come last in both directions; ties keep the
// loaded order. The table itself is never copied or moved.
func sortOrder(c *model.Column, n int, desc bool) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, model.ColumnOrder(c, desc))
	return idx
}

// cycleSort sorts by the column under the column cursor: ascending, then descending,
// then the loaded order again. Another column starts ascending. The cursor goes to the
// top (a page arriving later re-sorts without moving it off its row).
func (m *Model) cycleSort() {
	cur := m.grid.Current()
	if cur == nil {
		return
	}
	switch {
	case m.sortCol != cur:
		m.sortCol, m.sortDesc = cur, false
	case !m.sortDesc:
		m.sortDesc = true
	default:
		m.sortCol, m.sortDesc = nil, false
	}
	m.resort()
	m.grid.MoveTo(0) // a new order reads from its top
}

// resort recomputes the view order over the loaded rows, keeping the cursor on the
// same observation.
func (m *Model) resort() {
	row := m.grid.CursorRow()
	m.grid.SetSortMark(m.sortCol, m.sortDesc)
	if m.sortCol == nil {
		m.order = nil
	} else {
		m.order = sortOrder(m.sortCol.Src, m.Loaded(), m.sortDesc)
	}
	if m.find.text != "" {
		m.grid.SetRows(m.found(m.order, m.Loaded()), 0)
	} else {
		m.grid.SetRows(m.order, m.Loaded())
	}
	if row >= 0 {
		m.grid.SetCursorRow(row)
	}
}

// SortState describes the sort for tests and the title: the column name ("" when
// unsorted) and whether it is descending.
func (m *Model) SortState() (column string, desc bool) {
	if m.sortCol == nil {
		return "", false
	}
	return m.sortCol.Name(), m.sortDesc
}

// RowAt is the table row shown at display position i (for tests).
func (m *Model) RowAt(i int) int { return m.grid.Row(i) }
