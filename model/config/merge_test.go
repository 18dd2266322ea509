package config

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/config")

// golden compares got with ../../testdata/config/name (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("..", "..", "testdata", "config", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(got), want) {
		t.Fatalf("%s differs from the golden file:\n%s", name, got)
	}
}

// clearEnv unsets every MASTUI_<KEY> variable for the test.
func clearEnv(t *testing.T) {
	for _, k := range Keys() {
		if v := EnvVar(k); v != "" {
			t.Setenv(v, "")
		}
	}
}

// writeConfig writes text to a config.json in a fresh directory, returning its path
// and the directory (replaced by <dir> in goldens).
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConfigMergeGolden: defaults, then the file, then the environment, then flags,
// each value shown with where it came from.
func TestConfigMergeGolden(t *testing.T) {
	clearEnv(t)
	path := writeConfig(t, `// a comment
{
  "page_size": 1000,
  "workers": 2,          // overridden below by the environment
  "theme": "light",      // and by a flag
  "limit_rate": "5MB",
  "keys": {
    "queue.pause": "space",
    "global.queue": ["W", "f2"],
  },
}
`)
	t.Setenv("MASTUI_WORKERS", "8")
	t.Setenv("MASTUI_THEME", "dark")
	t.Setenv("MASTUI_MOUSE", "true")
	t.Setenv("MASTUI_MAST_URL", "http://env.example")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetFlag("theme", "high-contrast", "--theme"); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetFlag("mast_url", "http://flag.example", "--mast-url"); err != nil {
		t.Fatal(err)
	}
	if cfg.PageSize != 1000 || cfg.Workers != 8 || cfg.Theme != "high-contrast" || !cfg.Mouse || cfg.LimitRate != 5e6 ||
		cfg.MastURL != "http://flag.example" || strings.Join(cfg.Keys["global.queue"], ",") != "W,f2" || cfg.TUIPageSize != 500 {
		t.Errorf("merged: %+v", cfg)
	}
	golden(t, "merge.txt", strings.ReplaceAll(Show(cfg), filepath.Dir(path), "<dir>"))
}

// TestConfigErrorsGolden: every problem of a file at once, each with its line; an
// unknown key gets the nearest known one.
func TestConfigErrorsGolden(t *testing.T) {
	clearEnv(t)
	path := writeConfig(t, `{
  "page_szie": 100,
  "workers": "many",
  "mouse": 1,
  "theme": "dark",
  "theme": "light",
  "keys": {"queue.pause": 5},
  "request_timeout": "soon",
  "themes": "blue"
}
`)
	_, err := Load(path)
	if err == nil {
		t.Fatal("a bad file loaded")
	}
	var got strings.Builder
	got.WriteString(strings.ReplaceAll(err.Error(), filepath.Dir(path), "<dir>") + "\n")
	for _, bad := range []struct{ name, text string }{
		{"syntax", "{\n  \"workers\": 2\n  \"mouse\": true\n}\n"},
		{"unterminated", "{\n  \"workers\": 2,\n"},
		{"not an object", "[1, 2]\n"},
		{"invalid value", "{\"page_size\": -5}\n"},
	} {
		path := writeConfig(t, bad.text)
		_, err := Load(path)
		if err == nil {
			t.Fatalf("%s: loaded", bad.name)
		}
		got.WriteString(bad.name + ": " + strings.ReplaceAll(err.Error(), filepath.Dir(path), "<dir>") + "\n")
	}
	t.Setenv("MASTUI_WORKERS", "lots")
	_, err = Load(writeConfig(t, "{}"))
	got.WriteString("env: " + err.Error() + "\n")
	golden(t, "errors.txt", got.String())
}

// TestConfigTemplateParsesBack: the file `config init` writes reads as the defaults,
// documents every key, and an uncommented line takes effect.
func TestConfigTemplateParsesBack(t *testing.T) {
	clearEnv(t)
	text := Template()
	cfg, err := Load(writeConfig(t, text))
	if err != nil {
		t.Fatalf("template does not parse: %v\n%s", err, text)
	}
	if Show(cfg) != Show(Default()) {
		t.Errorf("template is not the defaults:\n%s", Show(cfg))
	}
	for _, k := range Keys() {
		if descriptions[k] == "" || !strings.Contains(text, "// \""+k+"\": ") {
			t.Errorf("template lacks %q", k)
		}
	}
	edited := strings.Replace(text, `// "workers": 4,`, `"workers": 6,`, 1)
	edited = strings.Replace(edited, `// "theme": "auto",`, `"theme": "light",`, 1)
	cfg, err = Load(writeConfig(t, edited))
	if err != nil || cfg.Workers != 6 || cfg.Theme != "light" {
		t.Fatalf("uncommented: workers %d theme %q err %v", cfg.Workers, cfg.Theme, err)
	}
}
