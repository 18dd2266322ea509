package results

import tea "github.com/charmbracelet/bubbletea"

// Click puts the cursor on the row clicked (x, y relative to the view: the title is
// line 0, the table below it); an overlay or a question takes no clicks.
func (m *Model) Click(x, y int) tea.Cmd {
	if m.state != stateReady || m.Capturing() || (m.showDetails && !m.split()) {
		return nil
	}
	if m.grid.Click(x, y-1) {
		return m.maybeFetch()
	}
	return nil
}

// Wheel scrolls the table by delta rows.
func (m *Model) Wheel(_, _ int, delta int) tea.Cmd {
	if m.state != stateReady || m.Capturing() {
		return nil
	}
	m.grid.Wheel(delta)
	return m.maybeFetch()
}
