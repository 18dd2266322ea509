package helpview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

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
