package statusbar

import (
	"strings"
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

// Narrow, the form's lesser hints give way first and its primary action, enter search,
// stays longest; then ":" commands; "? help" and quit stay last (it was "ctrl+r reset
// form" that stayed, listed last).
func TestHintsKeepTheViewsFirstAndQuitLongest(t *testing.T) {
	c := uitest.Common("")
	m := New(c)
	f := c.Keys.Form
	content := Content{Counts: "Collection any", Hints: keymap.Enabled(append(f.ShortHelp(), c.Keys.Global.ShortHelp()...))}
	for w, want := range map[int]string{
		120: "ctrl+r reset form  tab next field (completes first)  enter search  : commands  ? help  q quit ",
		95:  "tab next field (completes first)  enter search  : commands  ? help  q quit ",
		60:  "enter search  : commands  ? help  q quit ",
		48:  " Collection any      : commands  ? help  q quit ",
		42:  " Collection any            ? help  q quit ",
		30:  " Collection any        q quit ",
	} {
		m.SetSize(w)
		if got := m.View(content); !strings.HasSuffix(got, want) || ansi.StringWidth(got) > w {
			t.Errorf("width %d:\n got %q\nwant …%q", w, got, want)
		}
	}
}
