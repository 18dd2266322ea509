// Package grid is the windowed table both the results and the products views draw: a
// header line and the visible rows only, a row cursor, a column cursor with the first
// column pinned, selection marks, and a sort mark. It never copies the table: rows are
// addressed through a view index (a sort permutation or the rows a filter keeps).
package grid

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
)

// Gutter is the width before every row: the cursor glyph, the selection glyph, and the
// row mark (Glyphs.Locked on an exclusive-access row) or a space.
const Gutter = 3

// minPartial is the fewest cells a cut-off last column gets.
const minPartial = 4

// VisCol is one column drawn in the current frame, with the width it gets.
type VisCol struct {
	Col   *Column
	Index int // index into Columns()
	W     int
}

// Model is the table window.
type Model struct {
	c      *common.Common
	cols   []*Column
	view   []int // display position -> table row; nil is the identity over n rows
	n      int
	sel    Selection
	cursor int // display position of the row cursor
	top    int // first display position in the window
	colCur int // index of the column under the column cursor
	colOff int // first scrolled column after the pinned one (index into cols[1:])
	width  int
	height int
	mark   *Column            // the sorted column
	locked func(row int) bool // marks a table row exclusive-access (SetLocked); nil: none
	desc   bool
	vis    []VisCol // scratch: the columns of the last frame
	find   string   // text marked in the cells, lower case (SetFind)
}

// New builds an empty grid.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the area: one header line and height-1 rows.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clampWindow()
	m.ensureColVisible()
}

// SetColumns sets the columns shown, in order. The column cursor stays on the same
// column when it is still shown.
func (m *Model) SetColumns(cols []*Column) {
	var cur *Column
	if m.colCur < len(m.cols) {
		cur = m.cols[m.colCur]
	}
	m.cols = cols
	m.colCur = 0
	for i, c := range cols {
		if c == cur || cur != nil && c.Src == cur.Src {
			m.colCur = i
			break
		}
	}
	m.colOff = min(m.colOff, max(0, len(m.cols)-2))
	m.ensureColVisible()
}

// Columns are the columns shown.
func (m *Model) Columns() []*Column { return m.cols }

// SetRows sets which table rows show, in order: view[i] is the table row at display
// position i; a nil view shows rows 0..n-1. The grid keeps the slice (no copy).
func (m *Model) SetRows(view []int, n int) {
	m.view, m.n = view, n
	if view != nil {
		m.n = len(view)
	}
	m.clampWindow()
}

// Selection is the grid's selection: the views select through it and the grid draws
// its marks.
func (m *Model) Selection() *Selection { return &m.sel }

// ToggleCursor selects or unselects the table row under the cursor and moves the
// cursor down, like a file manager. It returns that row and its new state; r is -1
// when no row shows.
func (m *Model) ToggleCursor() (r int, on bool) {
	r = m.CursorRow()
	if r < 0 {
		return -1, false
	}
	on = m.sel.Toggle(r)
	m.MoveTo(m.cursor + 1)
	return r, on
}

// SetLocked marks the table rows for which locked is true (exclusive-access data) with
// Glyphs.Locked in the gutter; nil marks none.
func (m *Model) SetLocked(locked func(row int) bool) { m.locked = locked }

// SetSortMark shows col as sorted (nil: no column is sorted).
func (m *Model) SetSortMark(col *Column, desc bool) { m.mark, m.desc = col, desc }

// Len is the number of rows shown.
func (m *Model) Len() int { return m.n }

// Row is the table row at display position i.
func (m *Model) Row(i int) int {
	if m.view != nil {
		return m.view[i]
	}
	return i
}

// Cursor is the display position of the row cursor.
func (m *Model) Cursor() int { return m.cursor }

// CursorRow is the table row under the cursor, -1 when nothing shows.
func (m *Model) CursorRow() int {
	if m.cursor < 0 || m.cursor >= m.n {
		return -1
	}
	return m.Row(m.cursor)
}

// Top is the display position of the first row in the window.
func (m *Model) Top() int { return m.top }

// RowsHeight is the number of rows that fit below the header.
func (m *Model) RowsHeight() int { return max(0, m.height-1) }

// MoveTo puts the cursor on display position i (clamped) and scrolls to it.
func (m *Model) MoveTo(i int) {
	m.cursor = i
	m.clampWindow()
}

// SetCursorRow moves the cursor to the display position of table row r; false when
// r is not shown.
func (m *Model) SetCursorRow(r int) bool {
	if m.view == nil {
		if r < 0 || r >= m.n {
			return false
		}
		m.MoveTo(r)
		return true
	}
	for i, v := range m.view {
		if v == r {
			m.MoveTo(i)
			return true
		}
	}
	return false
}

// Current is the column under the column cursor (nil without columns).
func (m *Model) Current() *Column {
	if m.colCur >= len(m.cols) {
		return nil
	}
	return m.cols[m.colCur]
}

// ColumnCursor is the index of the column under the column cursor.
func (m *Model) ColumnCursor() int { return m.colCur }

// SetColumnCursor moves the column cursor to column i (clamped) and scrolls to it.
func (m *Model) SetColumnCursor(i int) {
	m.colCur = max(0, min(i, len(m.cols)-1))
	m.ensureColVisible()
}

// ColOffset is the first scrolled column after the pinned one.
func (m *Model) ColOffset() int { return m.colOff }

// Update moves the cursors for the navigation keys; false when msg is not one.
func (m *Model) Update(msg tea.KeyMsg, k keymap.Table) bool {
	page := max(1, m.RowsHeight())
	switch {
	case key.Matches(msg, k.Down):
		m.MoveTo(m.cursor + 1)
	case key.Matches(msg, k.Up):
		m.MoveTo(m.cursor - 1)
	case key.Matches(msg, k.PageDown):
		m.top += page
		m.MoveTo(m.cursor + page)
	case key.Matches(msg, k.PageUp):
		m.top -= page
		m.MoveTo(m.cursor - page)
	case key.Matches(msg, k.Home):
		m.MoveTo(0)
	case key.Matches(msg, k.End):
		m.MoveTo(m.n - 1)
	case key.Matches(msg, k.Left):
		m.SetColumnCursor(m.colCur - 1)
	case key.Matches(msg, k.Right):
		m.SetColumnCursor(m.colCur + 1)
	default:
		return false
	}
	return true
}

// clampWindow keeps the cursor within the rows and the window around the cursor.
func (m *Model) clampWindow() {
	m.cursor = max(0, min(m.cursor, m.n-1))
	h := max(1, m.RowsHeight())
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(0, min(m.top, m.n-h))
}

// ensureColVisible scrolls the columns so the one under the column cursor shows in
// full (the pinned first column always shows).
func (m *Model) ensureColVisible() {
	if m.colCur <= 0 || len(m.cols) < 2 {
		return
	}
	if m.colCur-1 < m.colOff {
		m.colOff = m.colCur - 1
		return
	}
	for m.colOff < m.colCur-1 && !m.fullyVisible(m.colCur) {
		m.colOff++
	}
}

func (m *Model) fullyVisible(i int) bool {
	for _, v := range m.VisibleColumns() {
		if v.Index == i {
			return v.W >= v.Col.Width
		}
	}
	return false
}

// VisibleColumns picks the pinned first column plus the scrolled ones that fit. It
// reuses a scratch slice: no allocation per frame.
func (m *Model) VisibleColumns() []VisCol {
	m.vis = m.vis[:0]
	if len(m.cols) == 0 {
		return m.vis
	}
	avail := m.width - Gutter
	first := m.cols[0]
	w := min(m.colWidth(first), max(0, avail))
	m.vis = append(m.vis, VisCol{Col: first, Index: 0, W: w})
	avail -= w
	for i := 1 + m.colOff; i < len(m.cols) && avail > 1; i++ {
		c := m.cols[i]
		cw := m.colWidth(c)
		if 1+cw <= avail {
			m.vis = append(m.vis, VisCol{Col: c, Index: i, W: cw})
			avail -= 1 + cw
			continue
		}
		if avail-1 >= minPartial {
			m.vis = append(m.vis, VisCol{Col: c, Index: i, W: avail - 1})
		}
		break
	}
	return m.vis
}

// colWidth is the column's width, widened to fit the sort mark after its header.
func (m *Model) colWidth(c *Column) int {
	if c == m.mark {
		return max(c.Width, min(textWidth(c.Header)+2, c.Cap+2))
	}
	return c.Width
}
