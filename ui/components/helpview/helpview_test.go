package helpview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/ui/uitest"
)

func TestFocusedSectionFirstAndFlowsIntoColumns(t *testing.T) {
	c := uitest.Common("")
	m := New(c)
	sections := []keymap.Section{
		{Title: "Results", Bindings: keymap.Flatten(c.Keys.Results.FullHelp())},
		{Title: "Global", Bindings: keymap.Flatten(c.Keys.Global.FullHelp())},
	}
	m.SetSize(100, 40)
	tall := m.View(sections)
	if strings.Index(tall, "Results") > strings.Index(tall, "Global") {
		t.Fatal("focused section not first")
	}
	// Three columns of 16 rows hold both sections (46 lines with their titles).
	m.SetSize(100, 22)
	short := m.View(sections)
	if lipgloss.Height(short) > 22 || lipgloss.Width(short) > 100 {
		t.Fatalf("overlay %dx%d in 100x22:\n%s", lipgloss.Width(short), lipgloss.Height(short), short)
	}
	if !strings.Contains(short, "Global") || !strings.Contains(short, "column right") {
		t.Fatalf("bindings lost:\n%s", short)
	}
}

// A section continued in the next column repeats its heading there, and no column ends
// on a heading whose rows went to the next one.
func TestContinuedSectionRepeatsItsHeading(t *testing.T) {
	c := uitest.Common("")
	m := New(c)
	sections := []keymap.Section{
		{Title: "Results", Bindings: keymap.Flatten(c.Keys.Results.FullHelp())},
		{Title: "Global", Bindings: keymap.Flatten(c.Keys.Global.FullHelp())},
	}
	for _, size := range [][2]int{{120, 36}, {160, 30}, {100, 22}, {80, 24}} {
		m.SetSize(size[0], size[1])
		l := m.layout(sections)
		for i, col := range l.cols {
			last := col[len(col)-1]
			if s := ansi.Strip(last); s == "Results" || s == "Global" || strings.HasSuffix(s, "(cont.)") {
				t.Errorf("%v: column %d ends on its heading %q", size, i, s)
			}
			if i > 0 && l.cols[i-1][len(l.cols[i-1])-1] != "" && !strings.Contains(ansi.Strip(col[0]), "(cont.)") && ansi.Strip(col[0]) != "Global" {
				t.Errorf("%v: column %d continues a section without its heading: %q", size, i, ansi.Strip(col[0]))
			}
		}
		if v := m.View(sections); lipgloss.Height(v) > size[1] {
			t.Errorf("%v: overlay %d lines high", size, lipgloss.Height(v))
		}
	}
	m.SetSize(160, 24)
	if v := m.View(sections); !strings.Contains(v, "Results (cont.)") {
		t.Errorf("no continued heading:\n%s", v)
	}
}
