package blockimage

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// tiny is 4×4: a red and a blue row, a grey ramp, then white.
func tiny() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := range 4 {
		img.Set(x, 0, color.RGBA{255, 0, 0, 255})
		img.Set(x, 1, color.RGBA{0, 0, 255, 255})
		g := uint8(x * 85)
		img.Set(x, 2, color.RGBA{g, g, g, 255})
		img.Set(x, 3, color.RGBA{255, 255, 255, 255})
	}
	return img
}

// TestRenderGolden: a tiny image in true colour (▀: upper pixel as foreground, lower as
// background) and as shades without colour.
func TestRenderGolden(t *testing.T) {
	var b strings.Builder
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.Ascii} {
		for _, line := range Render(tiny(), 10, 10, p) {
			b.WriteString(line + "\n")
		}
		b.WriteString("--\n")
	}
	golden.RequireEqual(t, []byte(b.String()))
}

// TestRenderFitsTheBox: a wide image shrinks to the width and keeps its aspect; a tall
// one to the height; nothing is scaled up.
func TestRenderFitsTheBox(t *testing.T) {
	for _, c := range []struct{ iw, ih, w, h, wantW, wantH int }{
		{64, 48, 32, 100, 32, 12},
		{64, 48, 100, 6, 16, 6},
		{4, 4, 80, 40, 4, 2},
	} {
		lines := Render(image.NewRGBA(image.Rect(0, 0, c.iw, c.ih)), c.w, c.h, termenv.TrueColor)
		if len(lines) != c.wantH || ansi.StringWidth(lines[0]) != c.wantW {
			t.Errorf("%d×%d in %d×%d: %d lines of %d cells, want %d of %d", c.iw, c.ih, c.w, c.h, len(lines), ansi.StringWidth(lines[0]), c.wantH, c.wantW)
		}
	}
	if Render(image.NewRGBA(image.Rect(0, 0, 4, 4)), 0, 5, termenv.TrueColor) != nil {
		t.Error("no room should draw nothing")
	}
}
