package sky

import (
	"math"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// zoomStep is the factor of one zoom key; panStep the part of the view one pan key moves.
const (
	zoomStep = 1.5
	panStep  = 0.25
)

// Update takes a sky key: handled reports whether it was one, pick is the table row the
// user picked (the next or previous footprint under the crosshair), -1 for none.
func (m *Model) Update(msg tea.KeyMsg) (handled bool, pick int) {
	k := m.c.Keys.Sky
	pick = -1
	dw, dh := m.canvas.Dots()
	switch {
	case key.Matches(msg, k.ZoomIn):
		m.scale /= zoomStep
	case key.Matches(msg, k.ZoomOut):
		m.scale *= zoomStep
	case key.Matches(msg, k.PanLeft):
		m.panX += panStep * float64(dw) * m.scale
		m.crosshair = true
	case key.Matches(msg, k.PanRight):
		m.panX -= panStep * float64(dw) * m.scale
		m.crosshair = true
	case key.Matches(msg, k.PanUp):
		m.panY += panStep * float64(dh) * m.scale
		m.crosshair = true
	case key.Matches(msg, k.PanDown):
		m.panY -= panStep * float64(dh) * m.scale
		m.crosshair = true
	case key.Matches(msg, k.Fit):
		m.fit()
	case key.Matches(msg, k.Colour):
		m.toggleColour()
	case key.Matches(msg, k.Next):
		pick = m.pick(1)
	case key.Matches(msg, k.Prev):
		pick = m.pick(-1)
	default:
		return false, -1
	}
	m.fitted = key.Matches(msg, k.Fit) || key.Matches(msg, k.Colour) && m.fitted
	return true, pick
}

// pick is the row of the next (dir 1) or previous (-1) footprint, in table order after
// the cursor's, of those under the crosshair; with none there, the footprint nearest it
// (which the crosshair then moves to).
func (m *Model) pick(dir int) int {
	m.crosshair = true
	row, nearest := m.pickAt(m.panX, m.panY, dir, 2*m.scale, math.Inf(1)) // "under": within two dots
	if nearest != nil {
		m.panX, m.panY = nearest.px, nearest.py
	}
	return row
}

// pickAt is the row of the next (dir 1) or previous (-1) footprint, in table order
// from the cursor's, of those holding plane point (x, y) (a point shape within tol
// degrees). With none there, it is the footprint whose centre is nearest (within
// reach degrees), returned as nearest too. -1: nothing.
func (m *Model) pickAt(x, y float64, dir int, tol, reach float64) (row int, nearest *Footprint) {
	var under []int
	for i := range m.foot {
		if m.foot[i].contains(x, y, tol) {
			under = append(under, m.foot[i].Row)
		}
	}
	if len(under) == 0 {
		best, bestD := -1, reach
		for i := range m.foot {
			f := &m.foot[i]
			if d := math.Hypot(f.px-x, f.py-y); f.onSide && d <= bestD {
				best, bestD = i, d
			}
		}
		if best < 0 {
			return -1, nil
		}
		return m.foot[best].Row, &m.foot[best]
	}
	// under is in table order: step from the cursor's place, wrapping.
	if dir > 0 {
		for _, r := range under {
			if r > m.cursor {
				return r, nil
			}
		}
		return under[0], nil
	}
	for i := len(under) - 1; i >= 0; i-- {
		if under[i] < m.cursor {
			return under[i], nil
		}
	}
	return under[len(under)-1], nil
}
