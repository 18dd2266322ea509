// Package braille is a canvas of Braille characters: every terminal cell holds 2×4 dots,
// so lines, outlines and points drawn in dot coordinates come out four to eight times
// finer than whole cells. Each cell remembers the highest layer drawn into it, which
// picks its style when rendered; glyph marks (a cell's own character) sit over the dots,
// so what matters still reads without colour (NO_COLOR).
package braille

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Layer orders what is drawn: a cell takes the style of the highest layer drawn into it.
// Layer 0 is nothing; styles[layer] renders a cell.
type Layer uint8

// Canvas is a w×h cell grid of 2w×4h dots. The zero value is an empty 0×0 canvas.
type Canvas struct {
	w, h  int
	dots  []uint8
	layer []Layer
	mark  []rune
}

// New makes a w×h cell canvas.
func New(w, h int) *Canvas {
	c := &Canvas{}
	c.Resize(w, h)
	return c
}

// Resize makes the canvas w×h cells and clears it (keeping its memory when it fits).
func (c *Canvas) Resize(w, h int) {
	w, h = max(0, w), max(0, h)
	c.w, c.h = w, h
	n := w * h
	if cap(c.dots) < n {
		c.dots, c.layer, c.mark = make([]uint8, n), make([]Layer, n), make([]rune, n)
	}
	c.dots, c.layer, c.mark = c.dots[:n], c.layer[:n], c.mark[:n]
	c.Clear()
}

// Clear empties every cell.
func (c *Canvas) Clear() {
	clear(c.dots)
	clear(c.layer)
	clear(c.mark)
}

// Size is the canvas in cells.
func (c *Canvas) Size() (w, h int) { return c.w, c.h }

// Dots is the canvas in dots (2 per cell across, 4 down).
func (c *Canvas) Dots() (w, h int) { return 2 * c.w, 4 * c.h }

// dotBit is the bit of the Braille pattern (U+2800 + bits) for dot (x, y) of a cell:
// dots 1-3 and 4-6 run down the left and right columns, 7 and 8 are the bottom row.
func dotBit(x, y int) uint8 {
	if y < 3 {
		return 1 << (y + 3*x)
	}
	return 0x40 << x
}

// Set turns on the dot at (x, y); dots outside the canvas are ignored.
func (c *Canvas) Set(x, y int, l Layer) {
	if x < 0 || y < 0 || x >= 2*c.w || y >= 4*c.h {
		return
	}
	i := (y>>2)*c.w + x>>1
	c.dots[i] |= dotBit(x&1, y&3)
	if l > c.layer[i] {
		c.layer[i] = l
	}
}

// Line draws a straight line between two dot positions (fractions allowed), clipped to
// the canvas first, so a line reaching far outside (a zoomed-in footprint) costs only
// what shows.
func (c *Canvas) Line(x0, y0, x1, y1 float64, l Layer) {
	xmax, ymax := float64(2*c.w)-0.5, float64(4*c.h)-0.5
	inside := func(x, y float64) bool { return x >= -0.5 && y >= -0.5 && x <= xmax && y <= ymax }
	if !inside(x0, y0) || !inside(x1, y1) { // most lines need no clipping: skip its cost
		var ok bool
		if x0, y0, x1, y1, ok = clip(x0, y0, x1, y1, -0.5, -0.5, xmax, ymax); !ok {
			return
		}
	}
	ax, ay := int(math.Round(x0)), int(math.Round(y0))
	bx, by := int(math.Round(x1)), int(math.Round(y1))
	dx, dy := abs(bx-ax), -abs(by-ay)
	sx, sy := 1, 1
	if ax > bx {
		sx = -1
	}
	if ay > by {
		sy = -1
	}
	e := dx + dy
	for {
		c.Set(ax, ay, l)
		if ax == bx && ay == by {
			return
		}
		e2 := 2 * e // both steps test the error before either moves
		if e2 >= dy {
			e += dy
			ax += sx
		}
		if e2 <= dx {
			e += dx
			ay += sy
		}
	}
}

// Point is a position in dots.
type Point struct{ X, Y float64 }

// Polygon draws the closed outline through pts.
func (c *Canvas) Polygon(pts []Point, l Layer) {
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		c.Line(a.X, a.Y, b.X, b.Y, l)
	}
}

// Disc fills the dots within r dots of (x, y): at least the one dot there.
func (c *Canvas) Disc(x, y, r float64, l Layer) {
	if r < 0.5 {
		c.Set(int(math.Round(x)), int(math.Round(y)), l)
		return
	}
	for dy := -int(r); dy <= int(r); dy++ {
		for dx := -int(r); dx <= int(r); dx++ {
			if float64(dx*dx+dy*dy) <= r*r {
				c.Set(int(math.Round(x))+dx, int(math.Round(y))+dy, l)
			}
		}
	}
}

// Mark puts glyph g in the cell holding dot (x, y), over its dots, unless a higher
// layer's mark is there already.
func (c *Canvas) Mark(x, y float64, g rune, l Layer) {
	cx, cy := int(math.Floor(x/2)), int(math.Floor(y/4))
	if cx < 0 || cy < 0 || cx >= c.w || cy >= c.h {
		return
	}
	i := cy*c.w + cx
	if c.mark[i] != 0 && c.layer[i] > l {
		return
	}
	c.mark[i] = g
	c.layer[i] = l
}

// Text writes s from cell (col, row) on, one rune a cell, over whatever is there.
func (c *Canvas) Text(col, row int, s string, l Layer) {
	if row < 0 || row >= c.h {
		return
	}
	for _, r := range s {
		if col >= c.w {
			return
		}
		if col >= 0 {
			i := row*c.w + col
			c.mark[i], c.layer[i] = r, l
		}
		col++
	}
}

// Rune is what cell (col, row) shows: its mark, else its dots, else a space.
func (c *Canvas) Rune(col, row int) rune {
	i := row*c.w + col
	switch {
	case c.mark[i] != 0:
		return c.mark[i]
	case c.dots[i] != 0:
		return rune(0x2800 + int(c.dots[i]))
	}
	return ' '
}

// String is the canvas without styles, one line per row.
func (c *Canvas) String() string { return c.Render(nil) }

// Render draws the canvas, each run of cells of one layer rendered once in
// styles[layer] (a layer without a style is plain text).
func (c *Canvas) Render(styles []lipgloss.Style) string {
	var b, run strings.Builder
	b.Grow(c.w * c.h * 3)
	for row := range c.h {
		if row > 0 {
			b.WriteByte('\n')
		}
		cur := Layer(0)
		flush := func() {
			if run.Len() == 0 {
				return
			}
			if int(cur) < len(styles) && cur > 0 {
				b.WriteString(styles[cur].Render(run.String()))
			} else {
				b.WriteString(run.String())
			}
			run.Reset()
		}
		for col := range c.w {
			l := c.layer[row*c.w+col]
			r := c.Rune(col, row)
			if r == ' ' {
				l = 0 // spaces need no colour: longer runs, fewer escapes
			}
			if l != cur {
				flush()
				cur = l
			}
			run.WriteRune(r)
		}
		flush()
	}
	return b.String()
}

// clip is Liang–Barsky: the part of the segment inside [xmin,xmax]×[ymin,ymax].
func clip(x0, y0, x1, y1, xmin, ymin, xmax, ymax float64) (float64, float64, float64, float64, bool) {
	if math.IsNaN(x0+y0+x1+y1) || math.IsInf(x0+y0+x1+y1, 0) {
		return 0, 0, 0, 0, false
	}
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, pq := range [4][2]float64{{-dx, x0 - xmin}, {dx, xmax - x0}, {-dy, y0 - ymin}, {dy, ymax - y0}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, 0, 0, false
			}
			t0 = max(t0, r)
		} else {
			if r < t0 {
				return 0, 0, 0, 0, false
			}
			t1 = min(t1, r)
		}
	}
	return x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
