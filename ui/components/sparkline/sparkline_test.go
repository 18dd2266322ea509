package sparkline

import (
	"math"
	"testing"
	"unicode/utf8"
)

func TestRenderScalesBetweenMinAndMax(t *testing.T) {
	if got := Render([]float64{0, 1, 2, 3, 4, 5, 6, 7}, 8); got != "▁▂▃▄▅▆▇█" {
		t.Fatalf("ramp: %q", got)
	}
	// Two values per cell: the cell shows their mean.
	if got := Render([]float64{10, 10, 0, 0, 10, 10}, 3); got != "█▁█" {
		t.Fatalf("means: %q", got)
	}
}

func TestRenderFewerValuesThanCells(t *testing.T) {
	got := Render([]float64{1, 2}, 6)
	if utf8.RuneCountInString(got) != 6 || got != "▁▁▁███" {
		t.Fatalf("stretched: %q", got)
	}
}

func TestRenderGapsFlatAndEmpty(t *testing.T) {
	nan := math.NaN()
	if got := Render([]float64{1, nan, 3}, 3); got != "▁ █" {
		t.Fatalf("gap: %q", got)
	}
	if got := Render([]float64{5, 5, 5}, 3); got != "▄▄▄" {
		t.Fatalf("flat: %q", got)
	}
	for _, c := range []struct {
		v []float64
		w int
	}{{nil, 5}, {[]float64{1}, 0}, {[]float64{nan, math.Inf(1)}, 4}} {
		if got := Render(c.v, c.w); got != "" {
			t.Fatalf("Render(%v, %d) = %q, want empty", c.v, c.w, got)
		}
	}
}
