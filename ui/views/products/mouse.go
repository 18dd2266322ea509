package products

import tea "github.com/charmbracelet/bubbletea"

// Click acts where the click fell (x, y relative to the view: the title is line 0): in
// the filter panel a toggle flips (the panel gets the keys), in the table the cursor
// goes to the row (the table gets the keys).
func (m *Model) Click(x, y int) tea.Cmd {
	if m.table == nil || m.panel.Editing() || y < 1 {
		return nil
	}
	gx := x
	if m.showPanel {
		pw := panelWidth(m.width)
		if x < pw {
			m.setPanelFocus(true)
			if m.panel.Click(y - 1) {
				return m.filtersChanged()
			}
			return nil
		}
		gx = x - pw - 1
	}
	if m.grid.Click(gx, y-1) {
		m.setPanelFocus(false)
	}
	return nil
}

// Wheel scrolls the table by delta rows.
func (m *Model) Wheel(_, _ int, delta int) tea.Cmd {
	if m.table == nil || m.panel.Editing() {
		return nil
	}
	m.grid.Wheel(delta)
	return nil
}
