package statusbar

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/ui/uitest"
)

func TestHintsGiveWayToCounts(t *testing.T) {
	c := uitest.Common("")
	m := New(c)
	g := c.Keys.Global
	content := Content{Spinner: "⣾", Activity: "Fetching page 2/12…", Counts: "1,804 observations · 500 loaded",
		Hints: keymap.Enabled(append(c.Keys.Results.ShortHelp(), g.ShortHelp()...))}
	for w, want := range map[int]string{
		100: " ⣾ Fetching page 2/12… · 1,804 observations · 500 loaded                 : commands  ? help  q quit ",
		70:  " ⣾ Fetching page 2/12… · 1,804 observations · 500 loaded       q quit ",
		30:  " ⣾ Fetching page 2/12… · 1,80…",
	} {
		m.SetSize(w)
		got := m.View(content)
		if got != want || ansi.StringWidth(got) > w {
			t.Errorf("width %d:\n got %q\nwant %q", w, got, want)
		}
	}
	m.SetSize(100)
	if got := m.View(Content{Spinner: "⣾", Hints: g.ShortHelp()}); ansi.StringWidth(got) != 100 || got[:2] != "  " {
		t.Errorf("idle line %q: no spinner without an activity", got)
	}
}
