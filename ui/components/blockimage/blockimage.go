// Package blockimage draws an image in a terminal with half-block characters: each cell
// is two pixels, the upper one the foreground of "▀" and the lower one its background,
// in the colours the terminal supports (true colour, 256 or 16). Without colour
// (NO_COLOR, a dumb terminal) each cell is a shade (" ░▒▓█") of its brightness. Kitty
// and sixel graphics are not used: blocks work in every terminal and over SSH.
package blockimage

import (
	"image"
	"image/color"
	"strings"

	"github.com/muesli/termenv"
)

// shades run from dark to bright, for terminals without colour.
const shades = " ░▒▓█"

// Render draws img in at most w×h cells, scaled to fit (never up) and keeping its
// aspect (a cell is two square pixels high). It returns one string per row, each w' ≤ w
// cells wide, ending with a reset when coloured.
func Render(img image.Image, w, h int, profile termenv.Profile) []string {
	b := img.Bounds()
	if w <= 0 || h <= 0 || b.Empty() {
		return nil
	}
	scale := min(float64(w)/float64(b.Dx()), float64(2*h)/float64(b.Dy()), 1)
	cols := max(1, int(float64(b.Dx())*scale))
	px := max(2, int(float64(b.Dy())*scale)) // pixel rows, two per cell
	rows := (px + 1) / 2
	sample := func(x, y int) color.RGBA { // the average of the source pixels under (x, y)
		x0, x1 := b.Min.X+x*b.Dx()/cols, b.Min.X+(x+1)*b.Dx()/cols
		y0, y1 := b.Min.Y+y*b.Dy()/px, b.Min.Y+(y+1)*b.Dy()/px
		x1, y1 = max(x1, x0+1), max(y1, y0+1)
		var r, g, bl, n uint32
		for yy := y0; yy < y1; yy++ {
			for xx := x0; xx < x1; xx++ {
				cr, cg, cb, _ := img.At(xx, yy).RGBA()
				r, g, bl, n = r+cr>>8, g+cg>>8, bl+cb>>8, n+1
			}
		}
		return color.RGBA{uint8(r / n), uint8(g / n), uint8(bl / n), 255}
	}
	out := make([]string, rows)
	var sb strings.Builder
	for row := range rows {
		sb.Reset()
		for x := range cols {
			top := sample(x, 2*row)
			bottom := top
			if 2*row+1 < px {
				bottom = sample(x, 2*row+1)
			}
			if profile == termenv.Ascii {
				sb.WriteRune(shade(top, bottom))
				continue
			}
			sb.WriteString(termenv.CSI + profile.FromColor(top).Sequence(false) + ";" + profile.FromColor(bottom).Sequence(true) + "m▀")
		}
		if profile != termenv.Ascii {
			sb.WriteString(termenv.CSI + termenv.ResetSeq + "m")
		}
		out[row] = sb.String()
	}
	return out
}

// shade is the block character of the two pixels' mean brightness.
func shade(a, b color.RGBA) rune {
	lum := func(c color.RGBA) float64 { return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) }
	v := (lum(a) + lum(b)) / 2 / 256
	s := []rune(shades)
	return s[min(len(s)-1, int(v*float64(len(s))))]
}
