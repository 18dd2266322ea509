// Package config is the user's settings: defaults, the config file, the environment,
// and the XDG paths of the config file and the state directory.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"mastui/model"
)

// DefaultMastURL is the real archive; every base URL can be overridden.
const DefaultMastURL = "https://mast.stsci.edu"

// Config is the user's settings. Precedence: defaults, then the config file, then the
// environment (MASTUI_*), then command-line flags.
type Config struct {
	MastURL     string   `json:"mast_url,omitempty"`     // Portal, downloads, whoami
	ResolverURL string   `json:"resolver_url,omitempty"` // SANTA name resolver
	CatalogsURL string   `json:"catalogs_url,omitempty"` // catalogs API (PanSTARRS); default: catalogs.mast.stsci.edu, or mast_url when that is not MAST
	HLAURL      string   `json:"hla_url,omitempty"`      // HLA host of the HSC spectrum files
	CloudURL    string   `json:"cloud_url,omitempty"`    // HTTPS base of the public bucket stpubdata (objects at <cloud_url>/<key>); default: Amazon's, or the simulator's when mast_url is not MAST
	PageSize    int      `json:"page_size,omitempty"`    // CLI Portal page size (astroquery: 50000)
	TUIPageSize int      `json:"tui_page_size,omitempty"`
	Timeout     Duration `json:"request_timeout,omitempty"` // one HTTP request
	QueryBudget Duration `json:"query_budget,omitempty"`    // one logical query, all polls and pages
	MaxRetries  int      `json:"max_retries,omitempty"`
	// DurableDownloads fsyncs each downloaded file before it is put in place (--fsync).
	DurableDownloads bool   `json:"durable_downloads,omitempty"`
	Resolver         string `json:"resolver,omitempty"` // default name resolver of the CLI: "", SIMBAD or NED
	// DownloadService "off" keeps every download queue in its own process (env
	// MASTUI_DOWNLOAD_SERVICE); "" or "on" shares the user's download service.
	DownloadService string `json:"download_service,omitempty"`
	// DownloadServiceIdle is how long the download service stays up with no client and
	// nothing to download ["5m"; a negative value: until stopped].
	DownloadServiceIdle Duration `json:"download_service_idle,omitempty"`
	// MaxPageBytes caps one answer holding rows (a Portal page, a product list, a
	// Search API answer); MaxMetadataBytes every other answer (columnsconfig,
	// Mast.Caom.All, column lists, name resolution). Bigger answers fail.
	MaxPageBytes     ByteSize `json:"max_page_bytes,omitempty"`
	MaxMetadataBytes ByteSize `json:"max_metadata_bytes,omitempty"`
	// DupcheckApertures is an aperture table replacing the built-in one of the JWST
	// duplication check (services/dupcheck/apertures.csv has its shape).
	DupcheckApertures string `json:"dupcheck_apertures,omitempty"`
	// Mouse lets the TUI take the mouse (click tabs, rows and filter toggles, wheel
	// scroll); off by default so the terminal's own selection keeps working (--mouse).
	Mouse bool `json:"mouse,omitempty"`
	// Columns remembers the TUI column chooser per table ("observations", "products"):
	// the visible columns in display order.
	Columns map[string][]string `json:"columns,omitempty"`
	// DownloadDir is where the TUI and the SSH sessions download ("" is the current
	// directory; --dir overrides).
	DownloadDir string `json:"download_dir,omitempty"`
	// Workers is the number of parallel transfers of every download queue (--workers
	// overrides).
	Workers int `json:"workers,omitempty"`
	// LimitRate caps every download queue's bandwidth, bytes per second (0: none;
	// --limit-rate overrides).
	LimitRate ByteSize `json:"limit_rate,omitempty"`
	// Theme is the TUI's palette: "auto" (dark or light from the terminal's background),
	// "dark", "light", "high-contrast", a theme file name in <config dir>/themes, or the
	// path of a JSON palette file.
	Theme string `json:"theme,omitempty"`
	// Keys overrides key bindings by action name ("queue.pause": "p"; a list binds
	// several keys).
	Keys map[string]KeyList `json:"keys,omitempty"`

	// Origins says where each setting not left at its default came from (Origin).
	Origins map[string]string `json:"-"`
}

// KeyList is the keys of one action: "p", or ["p", "space"] in the config file.
type KeyList []string

func (k *KeyList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*k = KeyList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("want a key like \"p\" or a list of keys, got %s", jsonKind(b))
	}
	*k = many
	return nil
}

// MarshalJSON writes one key as a string, several as a list.
func (k KeyList) MarshalJSON() ([]byte, error) {
	if len(k) == 1 {
		return json.Marshal(k[0])
	}
	return json.Marshal([]string(k))
}

// Duration is a time.Duration written as "30s" / "10m" in the config file.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var secs float64
		if err2 := json.Unmarshal(b, &secs); err2 != nil {
			return fmt.Errorf("duration must be a string like \"30s\" or a number of seconds")
		}
		*d = Duration(secs * float64(time.Second))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("bad duration %q: %w", s, err)
	}
	*d = Duration(v)
	return nil
}

// ByteSize is a number of bytes, written in the config file as a number or a string
// with a unit: "512MiB", "64 MB", "1GiB" (KB/MB/GB are powers of 1000, KiB/MiB/GiB of
// 1024).
type ByteSize int64

// String writes n as the config file does: "512MiB", or a number of bytes.
func (n ByteSize) String() string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n > 0 && int64(n)%u.size == 0 {
			return fmt.Sprintf("%d%s", int64(n)/u.size, u.name)
		}
	}
	return strconv.FormatInt(int64(n), 10)
}

func (n ByteSize) MarshalJSON() ([]byte, error) {
	if s := n.String(); strings.HasSuffix(s, "iB") {
		return json.Marshal(s)
	}
	return json.Marshal(int64(n))
}

func (n *ByteSize) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var f float64
		if err := json.Unmarshal(b, &f); err != nil {
			return fmt.Errorf("size must be a number of bytes or a string like \"512MiB\"")
		}
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	v, ok := model.ParseQuantity(s)
	if !ok || v != math.Trunc(v) || v > math.MaxInt64 {
		return fmt.Errorf("bad size %q: use a number of bytes or e.g. \"512MiB\", \"64MB\"", s)
	}
	*n = ByteSize(v)
	return nil
}

// DefaultDownloadServiceIdle is how long the download service waits with no client and
// nothing to do before it exits (download_service_idle; the service's own default).
const DefaultDownloadServiceIdle = 5 * time.Minute

// Default answer caps: a Portal page of 50,000 CAOM rows is about 100 MB.
const (
	DefaultMaxPageBytes     = 512 << 20
	DefaultMaxMetadataBytes = 64 << 20
)

// Default returns the built-in settings.
func Default() Config {
	return Config{
		MastURL:     DefaultMastURL,
		PageSize:    50000,
		TUIPageSize: 500,
		Timeout:     Duration(2 * time.Minute),
		QueryBudget: Duration(600 * time.Second),
		MaxRetries:  5,
		Workers:     4,
		Theme:       "auto",

		DownloadServiceIdle: Duration(DefaultDownloadServiceIdle),

		MaxPageBytes:     DefaultMaxPageBytes,
		MaxMetadataBytes: DefaultMaxMetadataBytes,
	}
}

// ExpandHome replaces a leading "~/" of a path in the settings by the home directory.
func ExpandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// Path is $MASTUI_CONFIG, else $XDG_CONFIG_HOME/mastui/config.json.
func Path() string {
	if p := os.Getenv("MASTUI_CONFIG"); p != "" {
		return p
	}
	return filepath.Join(Dir(), "config.json")
}

// Dir is $XDG_CONFIG_HOME/mastui, where the settings and a token file (when no system
// keyring exists) live.
func Dir() string { return filepath.Join(xdgDir("XDG_CONFIG_HOME", ".config"), "mastui") }

// StateDir is $XDG_STATE_HOME/mastui (logs, later the download journal).
func StateDir() string { return filepath.Join(xdgDir("XDG_STATE_HOME", ".local/state"), "mastui") }

// DataDir is $XDG_DATA_HOME/mastui (the search history and saved searches).
func DataDir() string { return filepath.Join(xdgDir("XDG_DATA_HOME", ".local/share"), "mastui") }

func xdgDir(env, fallback string) string {
	if d := os.Getenv(env); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), fallback)
	}
	return filepath.Join(home, fallback)
}

// Load reads defaults, then the file at path (a missing file is fine), then the
// environment (MASTUI_<KEY>, EnvVar), and checks the result. Bad settings are Problems,
// all of them at once: a bad value leaves its setting at the default and the rest is
// still read and checked.
func Load(path string) (Config, error) {
	cfg, err := ReadFile(path)
	var problems Problems
	if !errors.As(err, &problems) && err != nil {
		return cfg, err
	}
	problems = append(problems, applyEnv(&cfg)...)
	problems = append(problems, cfg.problems()...)
	if len(problems) > 0 {
		return cfg, problems
	}
	return cfg, nil
}

// ReadFile reads defaults and the file only, without the environment: what a
// program should modify and save back, so env overrides never leak into the file. The
// file's bad values are Problems; the settings read are returned with them.
func ReadFile(path string) (Config, error) {
	cfg := Default()
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return cfg, fmt.Errorf("read config %s: %w", path, err)
	default:
		lines, err := DecodeStrict(b, &cfg)
		for key, line := range lines {
			cfg.setOrigin(key, fmt.Sprintf("%s:%d", path, line))
		}
		if err != nil {
			return cfg, fileProblems(path, err)
		}
	}
	return cfg, nil
}

// Validate reports every bad setting (Problems), each with where its value came from.
func (c Config) Validate() error {
	if problems := c.problems(); len(problems) > 0 {
		return problems
	}
	return nil
}

func (c Config) problems() Problems {
	var out Problems
	bad := func(key, format string, args ...any) {
		out = append(out, c.Problem(key, fmt.Errorf(format, args...)))
	}
	if c.PageSize <= 0 {
		bad("page_size", "must be positive, got %d", c.PageSize)
	}
	if c.TUIPageSize <= 0 {
		bad("tui_page_size", "must be positive, got %d", c.TUIPageSize)
	}
	if c.Timeout <= 0 {
		bad("request_timeout", "must be positive, got %s", time.Duration(c.Timeout))
	}
	if c.QueryBudget <= 0 {
		bad("query_budget", "must be positive, got %s", time.Duration(c.QueryBudget))
	}
	if c.MaxRetries < 0 {
		bad("max_retries", "must be 0 or more, got %d", c.MaxRetries)
	}
	if c.MaxPageBytes <= 0 {
		bad("max_page_bytes", "must be positive, got %d", c.MaxPageBytes)
	}
	if c.MaxMetadataBytes <= 0 {
		bad("max_metadata_bytes", "must be positive, got %d", c.MaxMetadataBytes)
	}
	if c.Workers < 1 {
		bad("workers", "must be at least 1, got %d", c.Workers)
	}
	if c.LimitRate < 0 {
		bad("limit_rate", "must be 0 (no cap) or more, got %d", c.LimitRate)
	}
	if !validResolver(c.Resolver) {
		bad("resolver", "must be \"\", SIMBAD or NED, got %q", c.Resolver)
	}
	if c.DownloadServiceIdle == 0 {
		bad("download_service_idle", "0 is no wait: give e.g. \"5m\" (the default), or a negative value to keep the service up until stopped")
	}
	if c.DownloadService != "" && c.DownloadService != "on" && c.DownloadService != "off" {
		bad("download_service", "is on or off, not %q", c.DownloadService)
	}
	return out
}

// validResolver: "" lets MAST choose.
func validResolver(r string) bool {
	switch strings.ToUpper(r) {
	case "", "SIMBAD", "NED":
		return true
	}
	return false
}

// FileError is a config file that cannot be read: one line per problem, each with its
// line number.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "config %s:", e.Path)
	for _, line := range strings.Split(e.Err.Error(), "\n") {
		b.WriteString("\n  " + line)
	}
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// Save writes cfg to path atomically (temp file, fsync, rename), creating the
// directory. Only settings that differ from the defaults need to be present, but writing
// them all keeps the file self-describing.
func Save(path string, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return fmt.Errorf("encode config: %w", err)
	}
	return writeAtomic(path, append(b, '\n'))
}

// writeAtomic writes b to path (temp file, fsync, rename), creating the directory.
func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".config-*.json")
	if err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("save config: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save config: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	return nil
}
