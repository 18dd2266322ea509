package results

import tea "github.com/charmbracelet/bubbletea"

// Click puts the cursor on the row clicked (x, y relative to the view: the title is
// line 0, the table below it), or on the footprint clicked in the sky panel; an overlay
// or a question takes no clicks.
func (m *Model) Click(x, y int) tea.Cmd {
	if m.state != stateReady || m.Capturing() {
		return nil
	}
	if sx, ok := m.skyX(x); ok {
		m.syncSky()
		if r := m.sky.Click(sx, y-1); r >= 0 && m.grid.SetCursorRow(r) {
			return m.maybeFetch()
		}
		return nil
	}
	if m.showDetails && !m.split() {
		return nil
	}
	if m.grid.Click(x, y-1) {
		return m.maybeFetch()
	}
	return nil
}

// Wheel scrolls the table by delta rows, or zooms the sky panel under the pointer.
func (m *Model) Wheel(x, _ int, delta int) tea.Cmd {
	if m.state != stateReady || m.Capturing() {
		return nil
	}
	if _, ok := m.skyX(x); ok {
		m.sky.Wheel(delta)
		return nil
	}
	m.grid.Wheel(delta)
	return m.maybeFetch()
}

// skyX is column x of the view in the sky panel's coordinates, when the panel is there.
func (m *Model) skyX(x int) (int, bool) {
	shown, beside := m.SkyShown()
	switch {
	case !shown:
		return 0, false
	case !beside: // in the table's place
		return x, true
	}
	left := m.width - m.width*2/5 + 1 // the table's columns and the space after them
	return x - left, x >= left
}
