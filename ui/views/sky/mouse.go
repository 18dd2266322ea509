package sky

// Click picks the footprint at cell (x, y) of the panel (row 0 is its title): of the
// footprints there, the next after the cursor's in table order, so clicking again walks
// through nested ones; with none there, the one whose centre is within three cells. It
// returns the table row, -1 for none. The view does not move.
func (m *Model) Click(x, y int) int {
	cw, ch := m.canvas.Size()
	if m.scale == 0 || x < 0 || x >= cw || y < 1 || y > ch {
		return -1
	}
	dw, dh := m.canvas.Dots()
	// The cell's centre in dots, then on the plane (toDots inverted).
	dx, dy := float64(2*x)+1, float64(4*(y-1))+2
	px := m.panX - (dx-float64(dw)/2)*m.scale
	py := m.panY - (dy-float64(dh)/2)*m.scale
	row, _ := m.pickAt(px, py, 1, 2*m.scale, 6*m.scale)
	return row
}

// Wheel zooms: up (delta < 0) in, down out, one zoom step a notch.
func (m *Model) Wheel(delta int) {
	m.fitted = false
	switch {
	case delta < 0:
		m.scale /= zoomStep
	case delta > 0:
		m.scale *= zoomStep
	}
}
