package sky

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/braille"
)

// Layers from the bottom: the cone, catalog sources, footprints by group, the selected
// ones, the cursor's, the target and the crosshair.
const (
	layerCone braille.Layer = iota + 1
	layerSource
	layerGroup // + group index modulo the series
)

func (m *Model) layers() (sel, cur, target, cross braille.Layer) {
	top := layerGroup + braille.Layer(len(m.c.Styles.Sky.Series))
	return top, top + 1, top + 2, top + 3
}

// styles are the canvas's styles by layer.
func (m *Model) styles() []lipgloss.Style {
	st := m.c.Styles.Sky
	out := []lipgloss.Style{{}, st.Cone, st.Source}
	out = append(out, st.Series...)
	return append(out, st.Selected, st.Cursor, st.Target, st.Crosshair)
}

// View draws the title, the chart and the legend in exactly the panel's size.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.title())
	if m.height >= 3 {
		m.draw()
		lines = append(lines, strings.Split(m.canvas.Render(m.styles()), "\n")...)
		lines = append(lines, m.legend())
	}
	for i, l := range lines {
		lines[i] = common.Fit(l, m.width, "")
	}
	return strings.Join(lines[:min(len(lines), m.height)], "\n")
}

// Frame draws the chart alone (what the benchmark times).
func (m *Model) Frame() string {
	m.draw()
	return m.canvas.Render(m.styles())
}

func (m *Model) draw() {
	cv := m.canvas
	cv.Clear()
	if m.scale == 0 {
		return
	}
	st := m.c.Styles.Sky
	sel, cur, target, cross := m.layers()
	nseries := len(st.Series)
	if m.radius > 0 {
		m.drawCone()
	}
	m.drawSources()
	var picked []*Footprint
	for i := range m.foot {
		f := &m.foot[i]
		if !f.onSide {
			continue
		}
		if f.Row == m.cursor || m.selected != nil && m.selected(f.Row) {
			picked = append(picked, f)
			continue
		}
		m.drawFoot(f, layerGroup+braille.Layer(f.Group%nseries), false)
	}
	// Highlights last, so they sit over the rest: the selected outlines and a glyph at
	// their centre, the cursor's outline doubled and its own glyph.
	for _, f := range picked {
		if f.Row == m.cursor {
			continue
		}
		m.drawFoot(f, sel, false)
		x, y := m.toDots(f.px, f.py)
		cv.Mark(x, y, st.SelectedGlyph, sel)
	}
	if f := m.footOf(m.cursor); f != nil && f.onSide {
		m.drawFoot(f, cur, true)
		x, y := m.toDots(f.px, f.py)
		cv.Mark(x, y, st.CursorGlyph, cur)
	}
	if m.target {
		x, y := m.toDots(0, 0)
		cv.Mark(x, y, st.TargetGlyph, target)
	}
	if m.crosshair {
		dw, dh := cv.Dots()
		cv.Mark(float64(dw)/2, float64(dh)/2, st.CrosshairGlyph, cross)
	}
}

func (m *Model) drawFoot(f *Footprint, l braille.Layer, thick bool) {
	cv := m.canvas
	// Off the view: nothing to draw. Smaller than a dot: one dot says as much as its
	// outline would, for a fraction of the cost.
	x0, y0 := m.toDots(f.hix, f.hiy) // east is left: the box's top-left is its high x, y
	x1, y1 := m.toDots(f.lox, f.loy)
	dw, dh := cv.Dots()
	if x1 < -1 || y1 < -1 || x0 > float64(dw) || y0 > float64(dh) {
		return
	}
	if !thick && x1-x0 < 1 && y1-y0 < 1 {
		cx, cy := m.toDots(f.px, f.py)
		cv.Disc(cx, cy, 0, l)
		return
	}
	var buf [circleSteps + 8]braille.Point
	for i, s := range f.Shapes {
		pts := f.plane[i]
		if s.Kind == model.ShapePoint || len(pts) < 2 {
			if len(pts) > 0 {
				x, y := m.toDots(pts[0].x, pts[0].y)
				cv.Disc(x, y, 0, l)
			}
			continue
		}
		dots := buf[:0]
		for _, p := range pts {
			x, y := m.toDots(p.x, p.y)
			dots = append(dots, braille.Point{X: x, Y: y})
		}
		cv.Polygon(dots, l)
		if thick { // doubled one dot right and down: reads as the cursor's without colour
			for k := range dots {
				dots[k].X++
				dots[k].Y++
			}
			cv.Polygon(dots, l)
		}
	}
}

// drawCone draws the search cone as a dotted circle.
func (m *Model) drawCone() {
	const steps = 72
	for i := 0; i < steps; i += 2 {
		a := m.tp.Center()
		p0, p1 := model.Offset(a, m.radius, 360*float64(i)/steps), model.Offset(a, m.radius, 360*float64(i+1)/steps)
		x0, y0, ok0 := m.tp.Project(p0)
		x1, y1, ok1 := m.tp.Project(p1)
		if ok0 && ok1 {
			ax, ay := m.toDots(x0, y0)
			bx, by := m.toDots(x1, y1)
			m.canvas.Line(ax, ay, bx, by, layerCone)
		}
	}
}

// drawSources draws catalog sources as discs: the brightest 1.5 dots across, the
// faintest a single dot.
func (m *Model) drawSources() {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range m.sources {
		if !math.IsNaN(s.Mag) {
			lo, hi = math.Min(lo, s.Mag), math.Max(hi, s.Mag)
		}
	}
	for _, s := range m.sources {
		x, y, ok := m.tp.Project(s.Pos)
		if !ok {
			continue
		}
		r := 0.0
		if !math.IsNaN(s.Mag) && hi > lo {
			r = 1.5 * (hi - s.Mag) / (hi - lo)
		}
		dx, dy := m.toDots(x, y)
		m.canvas.Disc(dx, dy, r, layerSource)
	}
}

// title is "Sky · 412 footprints · 3 unreadable · cell 1.2′ · ◆ M101 j8xi01010 ·
// ╋ 210.80 +54.35".
func (m *Model) title() string {
	st := m.c.Styles.Sky
	parts := []string{"Sky", common.Commas(int64(len(m.foot))) + " footprints"}
	if m.bad > 0 {
		parts = append(parts, common.Commas(int64(m.bad))+" unreadable")
	}
	if m.scale > 0 {
		parts = append(parts, "cell "+angle(2*m.scale))
	}
	if m.cursorLabel != "" {
		parts = append(parts, string(st.CursorGlyph)+" "+m.cursorLabel)
	}
	if m.crosshair && m.projected {
		p := m.tp.Unproject(m.panX, m.panY)
		parts = append(parts, fmt.Sprintf("%s %.4f %+.4f", string(st.CrosshairGlyph), p.RA, p.Dec))
	}
	return " " + st.Title.Render(ansi.Truncate(strings.Join(parts, " · "), max(0, m.width-1), "…"))
}

// legend says what the glyphs mean (first: they matter without colour) and names the
// groups by colour, as many as fit.
func (m *Model) legend() string {
	st := m.c.Styles.Sky
	var b strings.Builder
	b.WriteString(" " + st.Legend.Render(string(st.CursorGlyph)+" cursor "+string(st.SelectedGlyph)+" selected"))
	if m.target {
		b.WriteString(st.Legend.Render(" " + string(st.TargetGlyph) + " target"))
	}
	if len(m.sources) > 0 {
		b.WriteString(st.Legend.Render(" ⠂⣿ " + common.Commas(int64(len(m.sources))) + " sources"))
	}
	b.WriteString(" ")
	for i, g := range m.groups {
		if g == "" && len(m.groups) == 1 { // no collection nor instrument: nothing to name
			break
		}
		if g == "" {
			g = "(none)"
		}
		b.WriteString(" " + st.Series[i%len(st.Series)].Render("■ "+g))
	}
	return ansi.Truncate(b.String(), m.width, "…")
}

// angle formats degrees as arcsec, arcmin or degrees.
func angle(deg float64) string {
	switch {
	case deg < 1.0/60:
		return fmt.Sprintf("%.3g″", deg*3600)
	case deg < 1:
		return fmt.Sprintf("%.3g′", deg*60)
	}
	return fmt.Sprintf("%.3g°", deg)
}
