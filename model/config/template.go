package config

import (
	"fmt"
	"reflect"
	"strings"
)

// descriptions explain each setting in the file `mastui config init` writes (a test
// keeps one per key).
var descriptions = map[string]string{
	"mast_url":              "the MAST server: Portal, downloads, whoami",
	"resolver_url":          "the SANTA name resolver (default: follows mast_url)",
	"catalogs_url":          "the catalogs API, PanSTARRS (default: catalogs.mast.stsci.edu, or mast_url when it is not MAST)",
	"hla_url":               "the HLA host of the HSC spectrum files",
	"cloud_url":             "HTTPS base of the public bucket stpubdata (default: Amazon's, or the simulator's)",
	"page_size":             "rows per Portal page in the CLI (astroquery: 50000)",
	"tui_page_size":         "rows per page in the TUI",
	"request_timeout":       "one HTTP request",
	"query_budget":          "one logical query: every poll and page",
	"max_retries":           "retries of a failed request",
	"durable_downloads":     "fsync each downloaded file before it is put in place (--fsync)",
	"resolver":              "default name resolver: \"\" (MAST chooses), SIMBAD or NED",
	"download_service":      "on: every mastui of the user shares one download service (downloads outlive the TUI); off: each keeps its own queue",
	"download_service_idle": "how long the download service stays up with no client and nothing to do, e.g. \"5m\" (negative: until stopped)",
	"dupcheck_apertures":    "a CSV aperture table replacing the JWST duplication check's built-in one",
	"max_page_bytes":        "the largest answer holding rows",
	"max_metadata_bytes":    "the largest other answer",
	"download_dir":          "where the TUI and `mastui serve` download (\"\": the current directory; --dir overrides)",
	"workers":               "parallel transfers of every download queue (--workers overrides)",
	"limit_rate":            "bandwidth cap of every download queue, bytes per second, e.g. \"5MB\" (0: none; --limit-rate overrides)",
	"mouse":                 "let the TUI take the mouse: click tabs, rows and toggles, wheel scroll (--mouse); off, the terminal selects text",
	"theme":                 "auto, dark, light, high-contrast, a file name in <config dir>/themes, or a palette file path",
	"keys":                  "key overrides by action name, e.g. {\"queue.pause\": \"space\"} (the names: the last column of the README's key table)",
	"columns":               "the TUI's column choices per table (the column chooser, c, writes them)",
}

// keysInOrder lists the config keys in the order Config declares them (related
// settings together).
func keysInOrder() []string {
	var out []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Config]()) {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// Template is the commented config file `mastui config init` writes: every setting
// with its default, commented out (uncomment a line to change it; comments and a
// trailing comma are allowed).
func Template() string {
	def := Default()
	fields := settingFields()
	var b strings.Builder
	b.WriteString("// mastui settings. Precedence: defaults, this file, the environment (MASTUI_<KEY>),\n")
	b.WriteString("// command-line flags. `mastui config show` prints the result and where each value\n")
	b.WriteString("// came from. Uncomment a line to change a setting.\n{\n")
	for _, key := range keysInOrder() {
		v := reflect.ValueOf(def).FieldByIndex(fields[key].Index).Interface()
		fmt.Fprintf(&b, "  // %s\n", descriptions[key])
		if env := EnvVar(key); env != "" {
			fmt.Fprintf(&b, "  // (environment: %s)\n", env)
		}
		fmt.Fprintf(&b, "  // %q: %s,\n\n", key, jsonText(v))
	}
	b.WriteString("}\n")
	return b.String()
}
