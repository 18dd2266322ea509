package keymap

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

func TestActionNamesAreUniqueAndSnakeCase(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range ActionNames() {
		if seen[n] {
			t.Errorf("action %q twice", n)
		}
		seen[n] = true
	}
	for _, want := range []string{"queue.pause", "queue.retry_failed", "global.queue", "results.up", "cutouts.table.down", "text_input.apply", "catalogs.submit"} {
		if !seen[want] {
			t.Errorf("no action %q", want)
		}
	}
}

func TestDefaultKeymapHasNoConflicts(t *testing.T) {
	if errs := Default().Conflicts(); len(errs) > 0 {
		t.Fatalf("default conflicts: %v", errors.Join(errs...))
	}
}

// An override rebinds the action; the help (overlay, status bar) shows the new keys;
// another session's keymap keeps the defaults.
func TestOverrideRebindsAndHelpFollows(t *testing.T) {
	k := Default()
	if err := k.Override(map[string][]string{"queue.pause": {"space"}, "global.queue": {"W", "f2"}, "queue.copy_path": {}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(keyMsg(" "), k.Queue.Pause) || key.Matches(keyMsg("p"), k.Queue.Pause) {
		t.Errorf("queue.pause keys %v", k.Queue.Pause.Keys())
	}
	if h := k.Queue.Pause.Help(); h.Key != "space" || h.Desc != "pause / resume" {
		t.Errorf("help %+v", h)
	}
	if !key.Matches(keyMsg("f2"), k.Global.Queue) || k.Global.Queue.Help().Key != "W/f2" {
		t.Errorf("global.queue %v %+v", k.Global.Queue.Keys(), k.Global.Queue.Help())
	}
	for _, b := range Enabled(Flatten(k.Queue.FullHelp())) {
		if b.Help().Desc == "copy local path" {
			t.Error("an unbound action still in the help")
		}
	}
	if ref := Reference(k); !strings.Contains(ref, "| download queue | `space` | pause / resume | `queue.pause` |") {
		t.Errorf("reference does not follow the keymap:\n%s", ref)
	}
	if d := Default(); !key.Matches(keyMsg("p"), d.Queue.Pause) {
		t.Error("an override leaked into a fresh keymap")
	}
}

func TestOverrideErrors(t *testing.T) {
	for _, c := range []struct {
		over map[string][]string
		want []string
	}{
		{map[string][]string{"queue.pause": {"x"}}, []string{"queue.pause", `key "x" is also queue.cancel`, "download queue"}},
		{map[string][]string{"global.help": {"p"}}, []string{"global.help", "queue.pause", "download queue"}},
		{map[string][]string{"queue.paus": {"p"}}, []string{"queue.paus", `did you mean "queue.pause"?`}},
		{map[string][]string{"queue.pause": {"ctrl+"}}, []string{"queue.pause", `unknown key "ctrl+"`}},
		{map[string][]string{"form.submit": {"s"}}, []string{"form.submit", `key "s" would be typed into the search form's text`}},
	} {
		err := Default().Override(c.over)
		if err == nil {
			t.Errorf("%v: accepted", c.over)
			continue
		}
		var ae *ActionError
		if !errors.As(err, &ae) {
			t.Errorf("%v: %T", c.over, err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: %q lacks %q", c.over, err, w)
			}
		}
	}
}

// Action names are snake case with an initialism kept as one word, so a user writes
// "results.copy_obs_id", not "results.copy_obs_i_d".
func TestActionNamesKeepInitialismsWhole(t *testing.T) {
	for in, want := range map[string]string{
		"RetryFailed": "retry_failed", "TextInput": "text_input", "CopyObsID": "copy_obs_id",
		"CopyURL": "copy_url", "URLPath": "url_path", "Page2Down": "page2_down", "Up": "up",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
	names := ActionNames()
	for _, n := range []string{"results.copy_obs_id", "results.copy_url", "results.copy_cli"} {
		if !slices.Contains(names, n) {
			t.Errorf("no action %s among %d", n, len(names))
		}
	}
}
