package grid

// Click puts the cursors where a click fell, x and y relative to the grid (y 0 is the
// header line): the row cursor on the row drawn there and the column cursor on the
// column. It reports whether the click hit a row.
func (m *Model) Click(x, y int) bool {
	i := m.top + y - 1
	if y < 1 || y > m.RowsHeight() || i >= m.n {
		return false
	}
	m.MoveTo(i)
	pos := Gutter
	for j, v := range m.VisibleColumns() {
		if j > 0 {
			pos++ // the space between columns
		}
		if x >= pos && x < pos+v.W {
			m.colCur = v.Index
			break
		}
		pos += v.W
	}
	return true
}

// Wheel moves the cursor by delta rows (negative is up), the window following.
func (m *Model) Wheel(delta int) { m.MoveTo(m.cursor + delta) }
