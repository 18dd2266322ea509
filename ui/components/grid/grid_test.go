package grid

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/ui/uitest"
)

func TestWriteCellTruncatesByWidth(t *testing.T) {
	for _, tc := range []struct {
		in    string
		w     int
		right bool
		want  string
	}{
		{"HST", 6, false, "HST   "},
		{"12.5", 6, true, "  12.5"},
		{"M101-A-VERY-LONG", 8, false, "M101-A-…"},
		{"銀河銀河銀河", 7, false, "銀河銀…"},  // wide runes: 3 × 2 cells + "…" = 7
		{"銀河銀河銀河", 8, false, "銀河銀… "}, // a wide rune does not fit in 1 cell: pad
	} {
		var b strings.Builder
		writeCell(&b, tc.in, tc.w, tc.right)
		if got := b.String(); got != tc.want || ansi.StringWidth(got) != tc.w {
			t.Errorf("writeCell(%q, %d) = %q (width %d), want %q", tc.in, tc.w, got, ansi.StringWidth(got), tc.want)
		}
	}
}

func TestBytesFormatAndMasks(t *testing.T) {
	c := model.NewColumn("size", model.KindInt, 2)
	c.Int = append(c.Int, 117_000_000, 0)
	c.SetMasked(1)
	col := NewColumn(c, "size", FormatBytes, 8)
	if got := col.Text(0); got != "117 MB" {
		t.Errorf("bytes %q", got)
	}
	if got := col.Text(1); got != Masked {
		t.Errorf("masked %q", got)
	}
	if !col.Right {
		t.Error("numbers are right-aligned")
	}
}

func table(n int) []*Column {
	a := model.NewColumn("a", model.KindString, n)
	b := model.NewColumn("b", model.KindInt, n)
	for i := 0; i < n; i++ {
		a.Str = append(a.Str, strings.Repeat("x", 1+i%5))
		b.Int = append(b.Int, int64(i))
	}
	cols := []*Column{NewColumn(a, "", FormatDefault, 10), NewColumn(b, "", FormatDefault, 10)}
	for _, c := range cols {
		c.Measure(0, n)
	}
	return cols
}

// The view index maps display positions to table rows; marks and the cursor row follow it.
func TestViewIndexSelectionAndSortMark(t *testing.T) {
	c := uitest.Common("")
	g := New(c)
	g.SetSize(40, 6)
	cols := table(10)
	g.SetColumns(cols)
	g.SetRows([]int{9, 3, 5}, 0)
	g.Selection().Grow(10)
	g.Selection().Set(3, true)
	g.SetSortMark(cols[1], true)
	g.Update(tea.KeyMsg{Type: tea.KeyDown}, c.Keys.Results.Table)
	if g.Len() != 3 || g.CursorRow() != 3 {
		t.Fatalf("len %d cursor row %d", g.Len(), g.CursorRow())
	}
	v := g.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "b ↓") {
		t.Fatalf("view:\n%s", v)
	}
	if !strings.HasPrefix(lines[2], "▸● ") || !strings.HasSuffix(strings.TrimRight(lines[2], " "), " 3") {
		t.Fatalf("cursor row %q", lines[2])
	}
	if !strings.HasSuffix(strings.TrimRight(lines[1], " "), " 9") {
		t.Fatalf("first row %q", lines[1])
	}
	if !g.SetCursorRow(5) || g.Cursor() != 2 || g.SetCursorRow(4) {
		t.Fatal("SetCursorRow")
	}
}
