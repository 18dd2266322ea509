package common

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// A registry refuses what the palette could not offer: a name taken twice (as a name or
// an alias), a name of two words, a command without Run.
func TestCommandsRefuseClashes(t *testing.T) {
	run := func([]string) tea.Cmd { return nil }
	var r Commands
	if err := r.Add(Command{Name: "queue", Aliases: []string{"w"}, Run: run}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Command{
		{Name: "queue", Run: run},
		{Name: "W", Run: run},
		{Name: "other", Aliases: []string{"queue"}, Run: run},
		{Name: "two words", Run: run},
		{Name: "norun"},
		{Name: "", Run: run},
	} {
		if err := r.Add(bad); err == nil {
			t.Errorf("Add(%q, aliases %v) took it", bad.Name, bad.Aliases)
		}
	}
	if c, ok := r.Lookup("W"); !ok || c.Name != "queue" {
		t.Fatalf("Lookup(W) = %q, %v", c.Name, ok)
	}
	if got := len(r.All()); got != 1 {
		t.Fatalf("%d commands registered, want 1", got)
	}
}

// KeyMsgOf turns a binding's key string into the key press it names.
func TestKeyMsgOf(t *testing.T) {
	for _, s := range []string{"w", "G", "ctrl+n", "enter", "shift+tab", "pgdown", "esc", "space", "alt+x", "?", "ctrl+f"} {
		msg, ok := KeyMsgOf(s)
		if !ok {
			t.Errorf("KeyMsgOf(%q) names no key", s)
			continue
		}
		want := s
		if s == "space" {
			want = " "
		}
		if msg.String() != want {
			t.Errorf("KeyMsgOf(%q) = %q", s, msg.String())
		}
	}
	if _, ok := KeyMsgOf("nosuchkey"); ok {
		t.Error("KeyMsgOf(nosuchkey) named a key")
	}
}

// ArgsNow's values are read when asked (they follow the tab in view) and refused like
// Args: ":export markdown" is right on one tab and "did you mean" on another.
func TestCommandArgsNow(t *testing.T) {
	formats := []string{"csv", "ecsv"}
	c := Command{Name: "export", ArgsNow: func() []string { return formats }}
	if !c.TakesArg() || c.CheckArgs([]string{"CSV"}) != "" {
		t.Fatalf("csv refused: %q", c.CheckArgs([]string{"CSV"}))
	}
	if got := c.CheckArgs([]string{"markdown"}); !strings.Contains(got, `does not know "markdown" (csv, ecsv)`) {
		t.Fatalf("markdown on a table: %q", got)
	}
	formats = []string{"markdown", "csv", "json"}
	if got := c.CheckArgs([]string{"markdown"}); got != "" {
		t.Fatalf("markdown on the report: %q", got)
	}
	if got := strings.Join(c.Completions(), ","); got != "markdown,csv,json" {
		t.Fatalf("completions %s", got)
	}
}
