package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	if err := os.WriteFile(path, []byte(`{"mast_url": "http://file", "catalogs_url": "http://cat-file", "cloud_url": "https://bucket-file", "page_size": 1000, "query_budget": "20m"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MASTUI_MAST_URL", "http://env")
	t.Setenv("MASTUI_CATALOGS_URL", "")
	t.Setenv("MASTUI_CLOUD_URL", "")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.CatalogsURL != "http://cat-file" {
		t.Errorf("catalogs_url %q", cfg.CatalogsURL)
	}
	t.Setenv("MASTUI_CATALOGS_URL", "http://cat-env")
	if cfg, _ = Load(path); cfg.CatalogsURL != "http://cat-env" {
		t.Errorf("MASTUI_CATALOGS_URL ignored: %q", cfg.CatalogsURL)
	}
	if cfg.CloudURL != "https://bucket-file" {
		t.Errorf("cloud_url %q", cfg.CloudURL)
	}
	t.Setenv("MASTUI_CLOUD_URL", "https://bucket-env")
	if cfg, _ := Load(path); cfg.CloudURL != "https://bucket-env" {
		t.Errorf("MASTUI_CLOUD_URL ignored: %q", cfg.CloudURL)
	}
	if cfg.MastURL != "http://env" || cfg.PageSize != 1000 || time.Duration(cfg.QueryBudget) != 20*time.Minute || cfg.TUIPageSize != 500 {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestLoadConfigMissingFileIsDefaults(t *testing.T) {
	t.Setenv("MASTUI_MAST_URL", "")
	cfg, err := Load(filepath.Join(t.TempDir(), "nope.json"))
	if err != nil || cfg.MastURL != DefaultMastURL {
		t.Fatalf("cfg=%+v err=%v", cfg, err)
	}
}

func TestLoadConfigNamesBadSetting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	os.WriteFile(path, []byte(`{"page_size": -1}`), 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "page_size") {
		t.Fatalf("err = %v", err)
	}
	os.WriteFile(path, []byte(`{"request_timeout": "soon"}`), 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "soon") {
		t.Fatalf("err = %v", err)
	}
}

func TestSaveConfigRoundTrip(t *testing.T) {
	t.Setenv("MASTUI_MAST_URL", "")
	path := filepath.Join(t.TempDir(), "sub", "config.json")
	cfg := Default()
	cfg.Columns = map[string][]string{"observations": {"obs_id", "s_ra"}}
	cfg.QueryBudget = Duration(15 * time.Minute)
	if err := Save(path, cfg); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Columns["observations"], ",") != "obs_id,s_ra" || time.Duration(got.QueryBudget) != 15*time.Minute {
		t.Errorf("round trip: %+v", got)
	}
}

func TestConfigAnswerCaps(t *testing.T) {
	t.Setenv("MASTUI_MAST_URL", "")
	path := filepath.Join(t.TempDir(), "c.json")
	cfg, err := Load(path)
	if err != nil || cfg.MaxPageBytes != 512<<20 || cfg.MaxMetadataBytes != 64<<20 {
		t.Fatalf("defaults: %d %d %v", cfg.MaxPageBytes, cfg.MaxMetadataBytes, err)
	}
	for text, want := range map[string]ByteSize{`"1GiB"`: 1 << 30, `"200 MB"`: 200e6, `1048576`: 1 << 20, `"3kib"`: 3072} {
		os.WriteFile(path, []byte(`{"max_page_bytes": `+text+`}`), 0o600)
		if cfg, err := Load(path); err != nil || cfg.MaxPageBytes != want {
			t.Errorf("%s: %d %v", text, cfg.MaxPageBytes, err)
		}
	}
	for _, bad := range []string{`"lots"`, `"1.5"`, `0`, `-5`, `"2 parsecs"`} {
		os.WriteFile(path, []byte(`{"max_metadata_bytes": `+bad+`}`), 0o600)
		if _, err := Load(path); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	cfg.MaxPageBytes = 3 << 30
	if err := Save(path, cfg); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"max_page_bytes": "3GiB"`) || !strings.Contains(string(b), `"max_metadata_bytes": "64MiB"`) {
		t.Errorf("saved:\n%s", b)
	}
}

// A key given twice inside an object-valued setting is reported like a top-level one,
// at its line and under its full name; so is an entry of the wrong type.
func TestLoadReportsBadKeysEntriesByName(t *testing.T) {
	t.Setenv("MASTUI_MAST_URL", "")
	path := filepath.Join(t.TempDir(), "c.json")
	os.WriteFile(path, []byte("{\"keys\": {\"global.queue\": \"w\",\n  \"global.queue\": \"f3\",\n  \"results.up\": 5,\n  \"queue.pause\": \"p\"},\n \"workers\": 2,\n \"workers\": 3}\n"), 0o600)
	cfg, err := Load(path)
	want := path + ":2: keys.global.queue: given twice (first on line 1)\n" +
		path + ":3: keys.results.up: want a key like \"p\" or a list of keys, got the number 5\n" +
		path + ":6: workers: given twice (first on line 5)"
	if err == nil || err.Error() != want {
		t.Fatalf("err:\n%v\nwant:\n%s", err, want)
	}
	if got := cfg.Keys["queue.pause"]; len(got) != 1 || got[0] != "p" || cfg.Origin("keys.queue.pause") != path+":4" {
		t.Errorf("the good entry is lost: %v from %s", cfg.Keys, cfg.Origin("keys.queue.pause"))
	}
}

// Every bad value is reported at once, in line order, one format: a bad value early in
// the file does not hide the ones after it, nor the environment's.
func TestLoadReportsEveryProblemInLineOrder(t *testing.T) {
	t.Setenv("MASTUI_MAST_URL", "")
	t.Setenv("MASTUI_MAX_RETRIES", "-2")
	path := filepath.Join(t.TempDir(), "c.json")
	os.WriteFile(path, []byte("{\n  \"resolver\": \"GOOGLE\",\n  \"request_timeout\": \"soon\",\n  \"tui_page_size\": -5,\n  \"wokers\": 3\n}\n"), 0o600)
	_, err := Load(path)
	want := path + ":2: resolver: must be \"\", SIMBAD or NED, got \"GOOGLE\"\n" +
		path + ":3: request_timeout: bad duration \"soon\": time: invalid duration \"soon\"\n" +
		path + ":4: tui_page_size: must be positive, got -5\n" +
		path + ":5: unknown key \"wokers\": did you mean \"workers\"?\n" +
		"env MASTUI_MAX_RETRIES: max_retries: must be 0 or more, got -2"
	if err == nil || err.Error() != want {
		t.Fatalf("err:\n%v\nwant:\n%s", err, want)
	}
}

// The default download_service_idle shown (config show, config init) is the wait the
// service applies; 0, which the service would take as that default, is refused rather
// than shown as "0s" while the service waits 5 minutes.
func TestDownloadServiceIdleDefaultIsTheServicesWait(t *testing.T) {
	t.Setenv("MASTUI_MAST_URL", "")
	t.Setenv("MASTUI_DOWNLOAD_SERVICE_IDLE", "")
	if got := time.Duration(Default().DownloadServiceIdle); got != 5*time.Minute {
		t.Errorf("default %s, the service waits 5m", got)
	}
	if !strings.Contains(Show(Default()), `download_service_idle  "5m0s"`) || !strings.Contains(Template(), `// "download_service_idle": "5m0s",`) {
		t.Errorf("show/init do not say 5m:\n%s", Show(Default()))
	}
	path := filepath.Join(t.TempDir(), "c.json")
	os.WriteFile(path, []byte(`{"download_service_idle": "0s"}`), 0o600)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), path+`:1: download_service_idle: 0 is no wait`) {
		t.Errorf("0 accepted: %v", err)
	}
	os.WriteFile(path, []byte(`{"download_service_idle": "-1s"}`), 0o600)
	if cfg, err := Load(path); err != nil || cfg.DownloadServiceIdle >= 0 {
		t.Errorf("negative (until stopped): %v %v", cfg.DownloadServiceIdle, err)
	}
}
