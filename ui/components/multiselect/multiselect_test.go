package multiselect

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"mastui/themes"
)

func newModel(n int) *Model {
	r := lipgloss.NewRenderer(io.Discard, termenv.WithProfile(termenv.Ascii))
	m := New(themes.Default(r))
	opts := make([]Option, n)
	for i := range opts {
		opts[i] = Option{Key: fmt.Sprintf("OPT%02d", i), Count: int64(1000 * (n - i))}
	}
	m.SetOptions(opts)
	return m
}

func TestToggleFilterAndOrder(t *testing.T) {
	m := newModel(12)
	m.SetSize(80, 6)
	m.SetSelected("ZZZ") // chosen before the options knew it
	m.SetFilter("07")
	if !m.Toggle() || !m.IsSelected("OPT07") {
		t.Fatal("toggle under the filter")
	}
	m.SetFilter("")
	m.Toggle() // OPT00
	if got := strings.Join(m.Selected(), ","); got != "OPT00,OPT07,ZZZ" {
		t.Fatalf("selected %q", got)
	}
	m.SetFilter("nothing")
	if m.Toggle() {
		t.Fatal("toggled with nothing visible")
	}
	if g := m.Grid(true); len(g) != 1 || !strings.Contains(g[0], `nothing matches "nothing"`) {
		t.Fatalf("empty grid %q", g)
	}
	if s := m.Summary(20, "any"); s != "[x] OPT00  +2" {
		t.Fatalf("summary %q", s)
	}
	m.Reset()
	if s := m.Summary(20, "any"); s != "any" {
		t.Fatalf("summary after reset %q", s)
	}
}

// The grid flows down columns; ↓/↑ stay in a column, ←/→ jump columns and page.
func TestGridNavigationAndPaging(t *testing.T) {
	m := newModel(20)
	m.SetSize(60, 4) // cells of "▸ [x] OPT00 20,000" (18) + gap: 3 columns, 3 lines + page line
	per, cols := m.geometry()
	if per != 3 || cols != 3 {
		t.Fatalf("geometry %d×%d", per, cols)
	}
	g := m.Grid(true)
	if len(g) != 4 || !strings.HasPrefix(g[0], "▸ [ ] OPT00") || !strings.Contains(g[0], "OPT03") || !strings.Contains(g[3], "page 1/3") {
		t.Fatalf("grid:\n%s", strings.Join(g, "\n"))
	}
	for _, l := range g {
		if ansi.StringWidth(l) > 60 {
			t.Fatalf("line wider than 60: %q", l)
		}
	}
	if !m.Down() || !m.Down() || m.Down() || m.Cursor() != 2 {
		t.Fatalf("down: cursor %d", m.Cursor())
	}
	if !m.Right() || m.Cursor() != 5 || !m.Up() || m.Cursor() != 4 {
		t.Fatalf("right/up: cursor %d", m.Cursor())
	}
	m.Right()
	m.Right() // onto page 2
	if m.Cursor() != 10 || !strings.Contains(strings.Join(m.Grid(true), "\n"), "page 2/3") {
		t.Fatalf("paging: cursor %d", m.Cursor())
	}
	for m.Right() {
	}
	if m.Cursor() != 19 {
		t.Fatalf("last: cursor %d", m.Cursor())
	}
	if !m.Left() || m.Cursor() != 16 {
		t.Fatalf("left: cursor %d", m.Cursor())
	}
}
