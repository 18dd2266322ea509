package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Saving the column choice keeps the user's file: comments, order, other settings.
func TestSaveSettingKeepsTheFile(t *testing.T) {
	clearEnv(t)
	path := filepath.Join(t.TempDir(), "config.json")
	if err := WriteTemplate(path, false); err != nil {
		t.Fatal(err)
	}
	cols := map[string][]string{"observations": {"obs_id", "s_ra"}}
	save := func(cols map[string][]string) {
		t.Helper()
		cfg, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Columns = cols
		if err := SaveSetting(path, "columns", cols, cfg); err != nil {
			t.Fatal(err)
		}
	}
	save(cols)
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), Template()[:len(Template())-2]) || !strings.Contains(string(b), "// the MAST server") {
		t.Fatalf("the template's text was not kept:\n%s", b)
	}
	cfg, err := Load(path)
	if err != nil || strings.Join(cfg.Columns["observations"], ",") != "obs_id,s_ra" {
		t.Fatalf("added: %v %v\n%s", cfg.Columns, err, b)
	}
	// Replaced in place, the next setting and its comment kept.
	os.WriteFile(path, []byte("{\n  // mine\n  \"columns\": {\"observations\": [\"a\"]}, // cols\n  \"workers\": 2,\n}\n"), 0o600)
	save(map[string][]string{"observations": {"b", "c"}})
	b, _ = os.ReadFile(path)
	cfg, err = Load(path)
	if err != nil || strings.Join(cfg.Columns["observations"], ",") != "b,c" || cfg.Workers != 2 ||
		!strings.Contains(string(b), "// mine") || !strings.Contains(string(b), "// cols") {
		t.Fatalf("replaced: %v %v\n%s", cfg.Columns, err, b)
	}
	// An empty file is written whole.
	os.WriteFile(path, nil, 0o600)
	save(cols)
	if cfg, err := Load(path); err != nil || len(cfg.Columns["observations"]) != 2 {
		t.Fatalf("empty file: %v %v", cfg.Columns, err)
	}
	if err := WriteTemplate(path, false); err == nil {
		t.Fatal("init replaced a file without force")
	}
}
