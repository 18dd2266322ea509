package products

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
)

// refreshSelection recounts the selected products that are shown, and their bytes, from
// the grid's selection.
func (m *Model) refreshSelection() {
	m.selN, m.selSize = 0, 0
	sel, size := m.grid.Selection(), m.sizeColumn()
	for _, r := range m.shown {
		if sel.Has(r) {
			m.selN++
			m.selSize += sizeOf(size, r)
		}
	}
}

// selectedHidden is the number of selected products a filter hides.
func (m *Model) selectedHidden() int { return m.grid.Selection().Count() - m.selN }

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
// The cursor is on a shown row, so the counts of the shown change by that row only.
func (m *Model) toggleSelect() {
	r, on := m.grid.ToggleCursor()
	if r < 0 {
		return
	}
	d, s := 1, sizeOf(m.sizeColumn(), r)
	if !on {
		d, s = -1, -s
	}
	m.selN, m.selSize = m.selN+d, m.selSize+s
}

// selectShown selects (or unselects) every product shown.
func (m *Model) selectShown(on bool) {
	m.grid.Selection().SetRows(m.shown, on)
	m.refreshSelection()
}

// selectNone clears the whole selection, hidden rows included.
func (m *Model) selectNone() {
	m.grid.Selection().SetAll(false)
	m.refreshSelection()
}

func (m *Model) invertShown() {
	m.grid.Selection().InvertRows(m.shown)
	m.refreshSelection()
}

// SelectedRows are the selected rows that are shown, in the order shown.
func (m *Model) SelectedRows() []int { return m.grid.Selection().SelectedOf(m.shown) }

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
	refs := m.withCloudURLs(m.p.Refs(m.table, rows))
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
