package header

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/uitest"
)

func TestServerLabelRightAndDroppedWhenNarrow(t *testing.T) {
	c := uitest.Common("https://mast.example.org\x1b[2J")
	m := New(c, "Observations")
	m.SetSize(80)
	got := m.View()
	if !strings.HasPrefix(got, " mastui [Observations]") || !strings.HasSuffix(got, "https://mast.example.org ") || ansi.StringWidth(got) != 80 {
		t.Fatalf("%q", got)
	}
	m.SetSize(30)
	if got := m.View(); strings.Contains(got, "https") || ansi.StringWidth(got) > 30 {
		t.Fatalf("narrow %q", got)
	}
	m.SetSize(10)
	if got := m.View(); ansi.StringWidth(got) > 10 {
		t.Fatalf("tiny %q", got)
	}
}

// Without colour (NO_COLOR: the renderer drops every style) the active tab is still
// marked, and the tab names keep their place when it changes.
func TestActiveTabMarkedWithoutColour(t *testing.T) {
	m := New(uitest.Common(""), "Observations", "Missions", "Queue")
	m.SetSize(80)
	first := m.View()
	m.SetActive(1)
	second := m.View()
	if !strings.Contains(first, "[Observations]") || strings.Contains(first, "[Missions]") {
		t.Fatalf("tab 0 active: %q", first)
	}
	if !strings.Contains(second, "[Missions]") || strings.Contains(second, "[Observations]") {
		t.Fatalf("tab 1 active: %q", second)
	}
	for _, name := range []string{"Observations", "Missions", "Queue"} {
		if strings.Index(first, name) != strings.Index(second, name) {
			t.Errorf("%s moved: %q → %q", name, first, second)
		}
	}
}
