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
	return true, pick
}

// pick is the row of the next (dir 1) or previous (-1) footprint, in table order after
// the cursor's, of those under the crosshair; with none there, the footprint nearest it
// (which the crosshair then moves to).
func (m *Model) pick(dir int) int {
	m.crosshair = true
	tol := 2 * m.scale // a point is "under" the crosshair within two dots
	var under []int
	for i := range m.foot {
		if m.foot[i].contains(m.panX, m.panY, tol) {
			under = append(under, m.foot[i].Row)
		}
	}
	if len(under) == 0 {
		best, bestD := -1, math.Inf(1)
		for i := range m.foot {
			f := &m.foot[i]
			if d := math.Hypot(f.px-m.panX, f.py-m.panY); f.onSide && d < bestD {
				best, bestD = i, d
			}
		}
		if best < 0 {
			return -1
		}
		f := &m.foot[best]
		m.panX, m.panY = f.px, f.py
		return f.Row
	}
	// under is in table order: step from the cursor's place, wrapping.
	if dir > 0 {
		for _, r := range under {
			if r > m.cursor {
				return r
			}
		}
		return under[0]
	}
	for i := len(under) - 1; i >= 0; i-- {
		if under[i] < m.cursor {
			return under[i]
		}
	}
	return under[len(under)-1]
}
