package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model/history"
	"mastui/ui/uitest"
	"mastui/ui/views/searchform"
)

// A value no observation holds: "(no rows)" on stdout, the nearest values on stderr
// (through the error main prints) and exit status 1; known values matching nothing
// stay an answer (exit 0).
func TestNoRowsNamesTheNearestValues(t *testing.T) {
	url := startSim(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"criteria", "obs_collection=HTS"}, `no rows: obs_collection "HTS" matches nothing; did you mean HST`},
		{[]string{"criteria", "--object", "M101", "instrument_name=NIRCMA", "--count"}, `no rows: instrument_name "NIRCMA" matches nothing; did you mean NIRCAM`},
	} {
		out, _, err := runCLI(t, append([]string{"--mast-url", url, "query"}, c.args...)...)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Fatalf("%v: err %v, want %q", c.args, err, c.want)
		}
		if code := reportError(&strings.Builder{}, err); code != 1 {
			t.Fatalf("%v: exit status %d", c.args, code)
		}
		if strings.TrimSpace(out) != "(no rows)" && strings.TrimSpace(out) != "0" {
			t.Fatalf("%v: stdout %q", c.args, out)
		}
	}
	out, _, err := runCLI(t, "--mast-url", url, "query", "criteria", "obs_collection=GALEX", "instrument_name=NIRCAM", "--count")
	if err != nil || strings.TrimSpace(out) != "0" {
		t.Fatalf("known values with no rows: %q, %v", out, err)
	}
}

// A search saved from the TUI's form runs from the CLI as the same query: `query
// --saved` prints what `query criteria` with the same target, radius and criteria
// prints. `saved list|show|rm` list it, show its command line and delete it.
func TestSavedSearchRoundTrip(t *testing.T) {
	url := startSim(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	// With nothing saved, the CLI says how to save a search: in the TUI.
	if _, _, err := runCLI(t, "--mast-url", url, "query", "--saved", "m101-galex"); err == nil ||
		err.Error() != `no saved search "m101-galex" (none saved yet: save one with ctrl+s in the TUI)` {
		t.Fatalf("nothing saved: %v", err)
	}
	f := searchform.New(uitest.Common(""), nil, searchform.Parsers{})
	f.SetTarget("M101")
	f.SetRadius("3 arcmin")
	for range searchform.FieldFilters - searchform.FieldTarget { // to the Filters field
		f.Update(tea.KeyMsg{Type: tea.KeyTab})
	}
	for _, r := range "NUV,FUV" {
		f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if _, err := historyStore().Save("m101-galex", f.Snapshot(), time.Now()); err != nil {
		t.Fatal(err)
	}

	saved, _, err := runCLI(t, "--mast-url", url, "query", "--saved", "m101-galex", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	direct, _, err := runCLI(t, "--mast-url", url, "query", "criteria", "--object", "M101", "--radius", "3 arcmin", "filters=NUV,FUV", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if saved != direct || strings.Count(saved, "\n") < 2 {
		t.Fatalf("--saved printed\n%s\nquery criteria printed\n%s", saved, direct)
	}

	// --saved is listed on the subcommands too: there, with nothing else given, it runs
	// the saved search as `query --saved` does; anything else is refused, named.
	for _, kind := range []string{"criteria", "object", "region"} {
		out, _, err := runCLI(t, "--mast-url", url, "query", kind, "--saved", "m101-galex", "--format", "csv")
		if err != nil || out != saved {
			t.Fatalf("query %s --saved: %v\n%s", kind, err, out)
		}
	}
	for args, want := range map[string]string{
		"criteria --saved m101-galex filters=NUV":  `query --saved m101-galex takes no other arguments (got "filters=NUV")`,
		"criteria --saved m101-galex --object M51": "leave out --object and --coordinates",
		"object --saved m101-galex --radius 0.1":   "leave out --radius and --resolver",
	} {
		_, _, err := runCLI(t, append([]string{"--mast-url", url, "query"}, strings.Fields(args)...)...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), want) {
			t.Errorf("query %s: %v, want a usage error %q", args, err, want)
		}
	}

	list, _, err := runCLI(t, "saved", "list", "--format", "csv")
	if err != nil || !strings.Contains(list, "m101-galex,observations,\"M101 r=3 arcmin filters=NUV,FUV\"") {
		t.Fatalf("saved list: %q %v", list, err)
	}
	show, _, err := runCLI(t, "saved", "show", "m101-galex")
	if want := "mastui query criteria --object M101 filters=NUV,FUV --radius '3 arcmin'\n"; err != nil || show != want {
		t.Fatalf("saved show: %q %v, want %q", show, err, want)
	}
	var nf *history.NotFoundError
	if _, _, err := runCLI(t, "--mast-url", url, "query", "--saved", "nope"); !errors.As(err, &nf) || !strings.Contains(err.Error(), "m101-galex") {
		t.Fatalf("an unknown name: %v", err)
	}
	if _, _, err := runCLI(t, "saved", "rm", "m101-galex"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(os.Getenv("XDG_DATA_HOME"), "mastui", "saved.json"))
	if strings.Contains(string(b), "m101-galex") {
		t.Fatalf("rm left it:\n%s", b)
	}
}
