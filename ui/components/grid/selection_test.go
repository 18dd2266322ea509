package grid

import (
	"slices"
	"strings"
	"testing"

	"mastui/ui/uitest"
)

func TestSelectionCountsFollowFlags(t *testing.T) {
	var s Selection
	s.Grow(5)
	if s.Rows() != 5 || s.Count() != 0 || s.Selected() != nil {
		t.Fatalf("fresh: rows %d count %d %v", s.Rows(), s.Count(), s.Selected())
	}
	s.Set(1, true)
	s.Set(1, true) // already selected: counted once
	if !s.Toggle(3) || s.Count() != 2 || !slices.Equal(s.Selected(), []int{1, 3}) {
		t.Fatalf("set+toggle: count %d %v", s.Count(), s.Selected())
	}
	if s.Toggle(3) || s.Count() != 1 {
		t.Fatalf("toggle off: count %d", s.Count())
	}
	s.Invert()
	if s.Count() != 4 || !slices.Equal(s.Selected(), []int{0, 2, 3, 4}) {
		t.Fatalf("invert: count %d %v", s.Count(), s.Selected())
	}
	s.SetAll(false)
	if s.Count() != 0 || s.Selected() != nil {
		t.Fatalf("none: count %d %v", s.Count(), s.Selected())
	}
	s.SetAll(true)
	if s.Count() != 5 {
		t.Fatalf("all: count %d", s.Count())
	}
}

// Rows loaded later arrive unselected, even after select-all; rows never grown into
// read as unselected, and setting one grows the flags.
func TestSelectionGrowsWithLoadedRows(t *testing.T) {
	var s Selection
	s.Grow(3)
	s.SetAll(true)
	s.Grow(6)
	s.Grow(2) // never shrinks
	if s.Rows() != 6 || s.Count() != 3 || s.Has(4) || s.Has(99) || s.Has(-1) {
		t.Fatalf("rows %d count %d", s.Rows(), s.Count())
	}
	s.Invert()
	if !slices.Equal(s.Selected(), []int{3, 4, 5}) {
		t.Fatalf("invert after grow %v", s.Selected())
	}
	s.Set(8, true)
	if s.Rows() != 9 || s.Count() != 4 || !s.Has(8) {
		t.Fatalf("set beyond: rows %d count %d", s.Rows(), s.Count())
	}
	s.Reset()
	if s.Rows() != 0 || s.Count() != 0 || s.Has(3) {
		t.Fatalf("reset: rows %d count %d", s.Rows(), s.Count())
	}
}

// SetRows, InvertRows and SelectedOf work on a subset (the rows a filter shows), in
// the subset's order, and leave the other rows alone.
func TestSelectionOfRowSubsets(t *testing.T) {
	var s Selection
	s.Grow(8)
	s.Set(0, true)
	shown := []int{6, 2, 4}
	s.SetRows(shown, true)
	if s.Count() != 4 || !slices.Equal(s.SelectedOf(shown), shown) {
		t.Fatalf("set shown: count %d %v", s.Count(), s.SelectedOf(shown))
	}
	s.Set(2, false)
	s.InvertRows(shown)
	if !slices.Equal(s.SelectedOf(shown), []int{2}) || !slices.Equal(s.Selected(), []int{0, 2}) {
		t.Fatalf("invert shown: %v, all %v", s.SelectedOf(shown), s.Selected())
	}
	s.SetRows(shown, false)
	if s.SelectedOf(shown) != nil || s.Count() != 1 {
		t.Fatalf("unset shown: %v count %d", s.SelectedOf(shown), s.Count())
	}
}

// ToggleCursor marks the table row under the cursor (through the view index), moves
// down, and the mark is drawn on that row.
func TestToggleCursorMarksRowAndMovesOn(t *testing.T) {
	c := uitest.Common("")
	g := New(c)
	g.SetSize(40, 6)
	g.SetColumns(table(10))
	g.SetRows([]int{9, 3, 5}, 0)
	g.Selection().Grow(10)
	if r, on := g.ToggleCursor(); r != 9 || !on || g.Cursor() != 1 {
		t.Fatalf("toggle: row %d on %v cursor %d", r, on, g.Cursor())
	}
	g.MoveTo(2)
	g.ToggleCursor() // on the last row: the cursor stays
	if g.Cursor() != 2 || !slices.Equal(g.Selection().Selected(), []int{5, 9}) {
		t.Fatalf("cursor %d selected %v", g.Cursor(), g.Selection().Selected())
	}
	lines := strings.Split(g.View(), "\n")
	if !strings.HasPrefix(lines[1], " ● ") || !strings.HasPrefix(lines[2], "   ") || !strings.HasPrefix(lines[3], "▸● ") {
		t.Fatalf("marks:\n%s", strings.Join(lines, "\n"))
	}
	g.SetRows(nil, 0)
	if r, _ := g.ToggleCursor(); r != -1 || g.Selection().Count() != 2 {
		t.Fatalf("empty grid toggled row %d", r)
	}
}
