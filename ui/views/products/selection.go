package products

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
)

// refreshSelection recounts the selected products that are shown, and their bytes.
func (m *Model) refreshSelection() {
	m.selN, m.selSize, m.selAll = 0, 0, 0
	size := m.sizeColumn()
	for _, r := range m.shown {
		if m.sel[r] {
			m.selN++
			m.selSize += sizeOf(size, r)
		}
	}
	for _, on := range m.sel {
		if on {
			m.selAll++
		}
	}
}

func (m *Model) sizeColumn() *model.Column {
	if m.table == nil {
		return nil
	}
	return m.table.Col("size")
}

func sizeOf(c *model.Column, r int) int64 {
	n, _ := c.Int64(r)
	return max(0, n)
}

// toggleSelect selects or unselects the product under the cursor and moves down.
func (m *Model) toggleSelect() {
	r := m.grid.CursorRow()
	if r < 0 {
		return
	}
	m.sel[r] = !m.sel[r]
	d, s := 1, sizeOf(m.sizeColumn(), r)
	if !m.sel[r] {
		d, s = -1, -s
	}
	m.selN, m.selSize, m.selAll = m.selN+d, m.selSize+s, m.selAll+d
	m.grid.MoveTo(m.grid.Cursor() + 1)
}

// selectShown selects (or unselects) every product shown.
func (m *Model) selectShown(on bool) {
	for _, r := range m.shown {
		m.sel[r] = on
	}
	m.refreshSelection()
}

// selectNone clears the whole selection, hidden rows included.
func (m *Model) selectNone() {
	clear(m.sel)
	m.refreshSelection()
}

func (m *Model) invertShown() {
	for _, r := range m.shown {
		m.sel[r] = !m.sel[r]
	}
	m.refreshSelection()
}

// SelectedRows are the selected rows that are shown, in the order shown.
func (m *Model) SelectedRows() []int {
	var out []int
	for _, r := range m.shown {
		if m.sel[r] {
			out = append(out, r)
		}
	}
	return out
}

// sendToQueue sends the selected products that are shown (or the one under the cursor when
// none is) to the download queue, as an intent the root applies.
func (m *Model) sendToQueue() tea.Cmd {
	rows := m.SelectedRows()
	if len(rows) == 0 {
		if r := m.grid.CursorRow(); r >= 0 {
			rows = []int{r}
		}
	}
	if len(rows) == 0 {
		return common.Toast(common.LevelWarn, "Nothing to download: no product is shown")
	}
	refs := m.p.Refs(m.table, rows)
	return func() tea.Msg { return common.QueueProductsMsg{Products: refs} }
}

// copyURI copies the URI column (dataURI, uri) of the product under the cursor.
func (m *Model) copyURI() tea.Cmd {
	r := m.grid.CursorRow()
	if r < 0 {
		return nil
	}
	col := m.p.URIColumn
	c := m.table.Col(col)
	if c == nil || c.IsMasked(r) || c.String(r) == "" {
		return common.Toast(common.LevelWarn, "No "+col+" for this product")
	}
	return m.c.Copy(col, c.String(r))
}
