package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mastui/model/config"
)

// configFile isolates the config file of a test: MASTUI_CONFIG in a fresh directory.
func configFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mastui", "config.json")
	t.Setenv("MASTUI_CONFIG", path)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("MASTUI_MAST_URL", "")
	return path
}

func TestConfigInitPathShow(t *testing.T) {
	path := configFile(t)
	out, errOut, err := runCLI(t, "config", "path")
	if err != nil || out != path+"\n" || !strings.Contains(errOut, "config init") {
		t.Fatalf("path: %q %q %v", out, errOut, err)
	}
	if out, _, err := runCLI(t, "config", "init"); err != nil || out != "wrote "+path+"\n" {
		t.Fatalf("init: %q %v", out, err)
	}
	written, _ := os.ReadFile(path)
	if string(written) != config.Template() {
		t.Fatal("init did not write the template")
	}
	if _, err := config.Load(path); err != nil {
		t.Fatalf("the file init wrote does not load: %v", err)
	}
	// A second init refuses to overwrite (and says how); --force does.
	os.WriteFile(path, []byte(`{"workers": 2}`), 0o600)
	if _, _, err := runCLI(t, "config", "init"); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("init over a file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != `{"workers": 2}` {
		t.Fatalf("init without --force changed the file: %s", b)
	}
	t.Setenv("MASTUI_THEME", "light")
	out, _, err = runCLI(t, "config", "show", "--mast-url", "http://127.0.0.1:9")
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{} // key → "value from"
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 3 {
			shown[f[0]] = strings.Join(f[1:], " ")
		}
	}
	for key, want := range map[string]string{
		"workers":   "2 " + path + ":1",
		"theme":     `"light" env MASTUI_THEME`,
		"mast_url":  `"http://127.0.0.1:9" flag --mast-url`,
		"page_size": "50000 default",
	} {
		if shown[key] != want {
			t.Errorf("show %s = %q, want %q:\n%s", key, shown[key], want, out)
		}
	}
	if _, _, err := runCLI(t, "config", "init", "--force"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != config.Template() {
		t.Fatal("init --force did not replace the file")
	}
}

// Bad settings stop every command at start: every problem at once, one a line, in the
// file's line order, each "<file>:<line>: <key>: <problem>" — a bad value the config
// package finds (tui_page_size) does not hide the theme, keys and workers the CLI checks.
func TestConfigProblemsStopTheStart(t *testing.T) {
	path := configFile(t)
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("{\n  \"tui_page_size\": -5,\n  \"keys\": {\"queue.pause\": \"x\",\n    \"global.hlp\": \"?\"},\n  \"theme\": \"lite\",\n  \"workers\": 99\n}\n"), 0o600)
	_, errOut, err := runCLI(t, "config", "show")
	if err == nil {
		t.Fatal("bad settings accepted")
	}
	var stderr strings.Builder
	code := reportError(&stderr, err)
	want := []string{
		"mastui: " + path + `:2: tui_page_size: must be positive, got -5`,
		"  " + path + `:3: keys.queue.pause: key "x" is also queue.cancel (in the download queue); give one of them another key`,
		"  " + path + `:4: keys.global.hlp: unknown action: did you mean "global.help"? (the README's key table lists them)`,
		"  " + path + `:5: theme: no theme "lite": did you mean "light"?`,
		"  " + path + `:6: workers: give 1 to 64 parallel transfers, not 99`,
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("want %d problems, one a line:\n%s", len(want), stderr.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n%s\nwant:\n%s", i+1, lines[i], w)
		}
	}
	if code != 1 || errOut != "" {
		t.Errorf("want exit 1: %d %q", code, errOut)
	}
}

// edit opens $EDITOR, checks the file after, and re-opens it while the user asks to.
func TestConfigEditReopensUntilValid(t *testing.T) {
	path := configFile(t)
	dir := t.TempDir()
	editor := filepath.Join(dir, "editor")
	// The fake editor writes a bad file the first time, a good one the second.
	script := `#!/bin/sh
n=$(cat "` + dir + `/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "` + dir + `/runs"
if [ $n = 1 ]; then printf '{\n  "wokers": 3\n}\n' > "$1"; else printf '{\n  "workers": 3\n}\n' > "$1"; fi
`
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", editor)
	out, errOut, err := runWithStdin("y\n", "config", "edit")
	if err != nil {
		t.Fatalf("edit: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, path+`:2: unknown key "wokers": did you mean "workers"?`) || !strings.Contains(errOut, "edit again?") {
		t.Errorf("first pass not reported: %q", errOut)
	}
	if !strings.Contains(out, path+": OK") {
		t.Errorf("stdout %q", out)
	}
	if runs, _ := os.ReadFile(filepath.Join(dir, "runs")); strings.TrimSpace(string(runs)) != "2" {
		t.Errorf("editor ran %s times", runs)
	}
	if cfg, err := config.Load(path); err != nil || cfg.Workers != 3 {
		t.Errorf("saved: %+v %v", cfg.Workers, err)
	}
	// Answering no leaves the file as it is, with an error.
	os.WriteFile(filepath.Join(dir, "runs"), []byte("0"), 0o600)
	if _, _, err := runWithStdin("n\n", "config", "edit"); err == nil || !strings.Contains(err.Error(), "left with errors") {
		t.Errorf("no: %v", err)
	}
}
