package history_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mastui/model/history"
)

var t0 = time.Date(2026, 12, 5, 15, 0, 0, 0, time.UTC)

func obs(target string, crits ...history.Criterion) history.Search {
	return history.Search{Tab: "observations", Target: target, Radius: "0.2 deg", Criteria: crits}
}

// The file: one JSON object a line, oldest first, 0600 in a 0700 directory, with the
// fields as typed and nothing else.
func TestHistoryFileFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mastui")
	s := history.Open(dir)
	if err := s.Add(obs("M101", history.Criterion{Name: "obs_collection", Value: "JWST"}), t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Add(history.Search{Tab: "missions.jwst", Target: "NGC 6121"}, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "history.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"at":"2026-12-05T15:00:00Z","tab":"observations","target":"M101","radius":"0.2 deg","criteria":[{"name":"obs_collection","value":"JWST"}]}
{"at":"2026-12-05T15:01:00Z","tab":"missions.jwst","target":"NGC 6121"}
`
	if string(b) != want {
		t.Fatalf("file:\n%s\nwant:\n%s", b, want)
	}
	for path, mode := range map[string]os.FileMode{filepath.Join(dir, "history.jsonl"): 0o600, dir: 0o700} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != mode {
			t.Fatalf("%s: %v %v, want %v", path, fi.Mode().Perm(), err, mode)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".history*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	got, bad, err := s.History("observations")
	if err != nil || bad != 0 || len(got) != 1 || got[0].Target != "M101" || got[0].Criteria[0].Value != "JWST" {
		t.Fatalf("observations history %+v bad %d err %v", got, bad, err)
	}
}

// A search run again moves to the end instead of being listed twice (the target and
// resolver compared case-blind); past Max the oldest go; an empty search is not kept.
func TestHistoryDedupAndCap(t *testing.T) {
	s := history.Open(t.TempDir())
	s.Max = 3
	for i, target := range []string{"M101", "M4", "m101", "M10", "M15"} {
		if err := s.Add(obs(target), t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Add(history.Search{Tab: "observations", Radius: "3 arcmin"}, t0); err != nil {
		t.Fatal(err)
	}
	got, _, _ := s.History("")
	var targets []string
	for _, e := range got {
		targets = append(targets, e.Target)
	}
	if strings.Join(targets, ",") != "m101,M10,M15" {
		t.Fatalf("kept %v, want m101,M10,M15 (M4 capped away, M101 moved up)", targets)
	}
	if tg, _ := s.Targets("observations"); strings.Join(tg, ",") != "M15,M10,m101" {
		t.Fatalf("recent targets %v", tg)
	}
	// Same target, other criteria: another search.
	s.Add(obs("M15", history.Criterion{Name: "filters", Value: "NUV"}), t0.Add(time.Hour))
	if got, _, _ := s.History("observations"); len(got) != 3 || got[2].Criteria == nil || got[1].Target != "M15" {
		t.Fatalf("after a variant: %+v", got)
	}
}

// A line edited by hand into nonsense is skipped and counted, the others kept (and the
// next Add writes only good lines).
func TestHistoryBadLines(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "history.jsonl"), []byte(`{"tab":"observations","target":"M101"}
not json
{"tab":"","target":"x"}

{"tab":"observations","target":"M4"}
`), 0o600)
	s := history.Open(dir)
	got, bad, err := s.History("observations")
	if err != nil || bad != 2 || len(got) != 2 {
		t.Fatalf("got %+v bad %d err %v", got, bad, err)
	}
	s.Add(obs("M10"), t0)
	b, _ := os.ReadFile(filepath.Join(dir, "history.jsonl"))
	if bytes.Contains(b, []byte("not json")) || bytes.Count(b, []byte("\n")) != 3 {
		t.Fatalf("rewritten file:\n%s", b)
	}
}

// Saved searches: save, list, get, replace, remove; names are checked; the file is
// 0600 JSON; a broken file is an error naming it, not an empty list.
func TestSavedRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := history.Open(dir)
	jw := obs("M101", history.Criterion{Name: "obs_collection", Value: "JWST"})
	if rep, err := s.Save("m101-jwst", jw, t0); err != nil || rep {
		t.Fatalf("save: %v %v", rep, err)
	}
	if _, err := s.Save("bad name", jw, t0); err == nil || !strings.Contains(err.Error(), "bad name") {
		t.Fatalf("a name with a space: %v", err)
	}
	if _, err := s.Save("empty", history.Search{Tab: "observations"}, t0); err == nil {
		t.Fatal("an empty search was saved")
	}
	s.Save("a-first", obs("M4"), t0)
	if rep, _ := s.Save("m101-jwst", jw, t0.Add(time.Hour)); !rep {
		t.Fatal("replacing did not say so")
	}
	list, err := s.SavedList()
	if err != nil || len(list) != 2 || list[0].Name != "a-first" || list[1].Name != "m101-jwst" || !list[1].Saved.Equal(t0.Add(time.Hour)) {
		t.Fatalf("list %+v %v", list, err)
	}
	got, err := s.Get("m101-jwst")
	if err != nil || !got.Search.Same(jw) {
		t.Fatalf("get %+v %v", got, err)
	}
	var nf *history.NotFoundError
	if _, err := s.Get("nope"); !errors.As(err, &nf) || !strings.Contains(err.Error(), "a-first, m101-jwst") {
		t.Fatalf("get unknown: %v", err)
	}
	if err := s.Remove("a-first"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("a-first"); !errors.As(err, &nf) {
		t.Fatalf("second remove: %v", err)
	}
	b, _ := os.ReadFile(s.SavedPath())
	var f map[string]any
	if json.Unmarshal(b, &f) != nil || f["version"] != float64(1) {
		t.Fatalf("saved.json:\n%s", b)
	}
	if fi, _ := os.Stat(s.SavedPath()); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
	os.WriteFile(s.SavedPath(), []byte("{broken"), 0o600)
	if _, err := s.SavedList(); err == nil || !strings.Contains(err.Error(), "saved.json") {
		t.Fatalf("a broken file: %v", err)
	}
}

// A bad name is refused with what is wrong, short enough to show whole on one line of
// an 80-column screen (the save prompt and a toast put " ✗ " before it).
func TestCheckNameSaysWhatIsWrongInOneShortLine(t *testing.T) {
	for name, want := range map[string]string{
		"m101 all":              `bad name "m101 all": use 1-64 letters, digits, - _ . + (e.g. m101-all)`,
		"-m101":                 `bad name "-m101": start with a letter or digit (e.g. m101-all)`,
		"":                      "give the search a name, e.g. m101-all",
		strings.Repeat("a", 70): "a name of 70 characters: at most 64 (e.g. m101-all)",
	} {
		err := history.CheckName(name)
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", name, err, want)
		}
		if err != nil && len(" ✗ "+err.Error()) > 80 {
			t.Errorf("%q: %d columns: %s", name, len(" ✗ "+err.Error()), err)
		}
	}
	for _, ok := range []string{"m101-all", "a", "M101_jwst.v2+x", strings.Repeat("a", 64)} {
		if err := history.CheckName(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

// With nothing saved, the not-found error says how to save one as the caller's user
// does it (the CLI and the TUI say it differently); with searches saved, it lists them.
func TestNotFoundSaysHowToSaveAsTheCallerPhrasesIt(t *testing.T) {
	s := history.Open(t.TempDir())
	_, err := s.Get("nosuch")
	if err == nil || err.Error() != `no saved search "nosuch" (none saved yet)` {
		t.Fatalf("plain: %v", err)
	}
	err = history.ExplainNotFound(err, "ctrl+s saves the form's search")
	var nf *history.NotFoundError
	if !errors.As(err, &nf) || err.Error() != `no saved search "nosuch" (none saved yet: ctrl+s saves the form's search)` {
		t.Fatalf("explained: %v", err)
	}
	if history.ExplainNotFound(nil, "x") != nil {
		t.Fatal("nil became an error")
	}
}
