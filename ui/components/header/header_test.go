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
	if !strings.HasPrefix(got, " mastui  Observations") || !strings.HasSuffix(got, "https://mast.example.org ") || ansi.StringWidth(got) != 80 {
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
