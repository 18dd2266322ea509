package braille

import (
	"io"
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestDotsMapToBraillePattern(t *testing.T) {
	c := New(1, 1)
	c.Set(0, 0, 1)
	c.Set(1, 3, 1)
	if got := c.String(); got != "⢁" { // dots 1 and 8
		t.Errorf("got %q, want ⢁", got)
	}
	c.Clear()
	for y := range 4 {
		for x := range 2 {
			c.Set(x, y, 1)
		}
	}
	if got := c.String(); got != "⣿" {
		t.Errorf("full cell %q, want ⣿", got)
	}
}

func TestLinesAndPolygon(t *testing.T) {
	c := New(4, 2)
	c.Polygon([]Point{{0, 0}, {7, 0}, {7, 7}, {0, 7}}, 1)
	want := "⡏⠉⠉⢹\n⣇⣀⣀⣸"
	if got := c.String(); got != want {
		t.Errorf("square:\n%s\nwant\n%s", got, want)
	}
	c.Clear()
	c.Line(0, 0, 7, 7, 1)
	if got := c.String(); got != "⠑⢄  \n  ⠑⢄" {
		t.Errorf("diagonal:\n%q", got)
	}
}

func TestLineFarOutsideIsClippedNotWalked(t *testing.T) {
	c := New(3, 1)
	c.Line(-1e12, 1, 1e12, 1, 1) // walking it dot by dot would never end
	if got := c.String(); got != "⠒⠒⠒" {
		t.Errorf("got %q", got)
	}
	c.Clear()
	c.Line(-10, -10, -5, -1, 1)
	c.Line(math.NaN(), 0, 3, 3, 1)
	c.Line(math.Inf(1), 0, 3, 3, 1)
	if got := c.String(); got != "   " {
		t.Errorf("lines outside or not finite drew %q", got)
	}
}

func TestMarksSitOverDotsAndKeepTheHigherLayer(t *testing.T) {
	c := New(3, 1)
	c.Line(0, 0, 5, 0, 1)
	c.Mark(2.5, 1, '●', 3)
	c.Mark(3, 2, '+', 2) // lower layer: the selection mark stays
	c.Mark(99, 0, 'x', 9)
	if got := c.String(); got != "⠉●⠉" {
		t.Errorf("got %q", got)
	}
	c.Text(2, 0, "AB", 1)
	if got := c.String(); got != "⠉●A" {
		t.Errorf("text: got %q", got)
	}
}

func TestDiscSizes(t *testing.T) {
	c := New(2, 1)
	c.Disc(0, 0, 0, 1)
	c.Disc(2.5, 1.5, 1.5, 1)
	if got := c.String(); got != "⠁⣶" { // rows 1-3 of dots 2-3, and the dot at 4 off the canvas
		t.Errorf("got %q", got)
	}
}

func TestRenderStylesRunsByLayer(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	styles := []lipgloss.Style{r.NewStyle(), r.NewStyle().Foreground(lipgloss.Color("1")), r.NewStyle().Foreground(lipgloss.Color("2"))}
	c := New(4, 1)
	c.Line(0, 0, 3, 0, 1)
	c.Line(4, 0, 7, 0, 2)
	got := c.Render(styles)
	if strings.Count(got, "\x1b[") < 2 || !strings.Contains(got, "⠉⠉") {
		t.Errorf("want two styled runs, got %q", got)
	}
	if c.String() != "⠉⠉⠉⠉" {
		t.Errorf("plain %q", c.String())
	}
}

func TestResizeZeroIsEmpty(t *testing.T) {
	c := New(0, 0)
	c.Set(0, 0, 1)
	c.Line(0, 0, 5, 5, 1)
	if c.String() != "" {
		t.Errorf("%q", c.String())
	}
	c.Resize(2, 1)
	if c.String() != "  " {
		t.Errorf("%q", c.String())
	}
}

// Every line ends, whatever its slope (a Bresenham that re-read its error between the
// two steps overshot and walked forever on some slopes).
func TestLinesOfEverySlopeEnd(t *testing.T) {
	c := New(20, 10)
	for x := 0; x < 40; x += 3 {
		for y := 0; y < 40; y += 3 {
			c.Line(20, 20, float64(x), float64(y), 1)
			c.Line(float64(x)+0.4, float64(y)+0.6, 3.3, 1.7, 1)
		}
	}
	c.Clear()
	c.Line(0, 0, 6, 2, 1) // shallow: one dot per column
	n := 0
	for _, r := range c.String() {
		if r >= 0x2800 && r <= 0x28ff {
			for b := r - 0x2800; b != 0; b &= b - 1 {
				n++
			}
		}
	}
	if n != 7 {
		t.Errorf("%d dots on a 7-column line, want 7:\n%s", n, c.String())
	}
}
