package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"mastui/model/config"
	"mastui/services/sim"
)

// startSim runs the simulator for one test and isolates config and state dirs.
func startSim(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("MASTUI_CONFIG", t.TempDir()+"/none.json")
	t.Setenv("MASTUI_MAST_URL", "")
	ctx, cancel := context.WithCancel(context.Background())
	url, stop, err := sim.Start(ctx, "127.0.0.1:0", sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(); cancel() })
	return url
}

// run is Main without the process, for a command line run in-process (version "dev").
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return execute(ctx, invocation{version: "dev", stdin: stdin, stdout: stdout, stderr: stderr}, args)
}

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func TestQueryObjectCSVAndCountAgree(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "query", "object", "M101", "--mast-url", url, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(recs) < 11 || recs[0][0] == "" {
		t.Fatalf("want a header and >10 rows, got %d records", len(recs))
	}
	count, _, err := runCLI(t, "query", "object", "M101", "--count", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(strings.TrimSpace(count)); n != len(recs)-1 {
		t.Errorf("--count = %q, csv rows = %d", count, len(recs)-1)
	}
}

func TestQueryCriteriaJSONRowsSatisfyCriteria(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "--mast-url", url, "query", "criteria", "obs_collection=GALEX", "filters=NUV,FUV",
		"--object", "M101", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("json: %v", err)
	}
	if len(rows) == 0 {
		t.Fatal("no GALEX rows around M101")
	}
	for _, r := range rows {
		if r["obs_collection"] != "GALEX" {
			t.Fatalf("row outside criteria: %v", r)
		}
		if f, _ := r["filters"].(string); f != "NUV" && f != "FUV" {
			t.Fatalf("filters = %v", r["filters"])
		}
		if _, ok := r["obsid"].(string); !ok {
			t.Fatalf("obsid should keep its string type, got %T", r["obsid"])
		}
	}
}

func TestCLIErrorsNameTheProblem(t *testing.T) {
	url := startSim(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"query", "criteria", "instrumnet_name=ACS", "--mast-url", url}, "did you mean"},
		{[]string{"query", "region", "21h29m 95", "--mast-url", url}, "ec"},
		{[]string{"query", "object", "M101", "--radius", "3 parsec", "--mast-url", url}, "parsec"},
		{[]string{"query", "object", "M101", "--format", "xml", "--mast-url", url}, "xml"},
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"query", "criteria", "--mast-url", url}, "at least one"},
	}
	for _, c := range cases {
		_, _, err := runCLI(t, c.args...)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(c.want)) {
			t.Errorf("%v: err = %v, want it to mention %q", c.args, err, c.want)
		}
	}
}

func TestCollectionsMetadataResolveProducts(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "collections", "--mast-url", url)
	if err != nil || !strings.Contains(out, "JWST\n") || !strings.Contains(out, "HST\n") {
		t.Fatalf("collections: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, "metadata", "observations", "--mast-url", url, "--format", "csv")
	if err != nil || !strings.Contains(out, "s_ra,") || !strings.HasPrefix(out, "Column Name,Column Label,Data Type") {
		t.Fatalf("metadata: %v\n%.300s", err, out)
	}
	out, _, err = runCLI(t, "resolve", "M101", "--mast-url", url, "--format", "csv")
	if err != nil || !strings.Contains(out, "210.80") {
		t.Fatalf("resolve: %v\n%s", err, out)
	}
	obs, _, err := runCLI(t, "query", "object", "M101", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	ids := strings.Split(strings.TrimSpace(obs), "\n")[1:3]
	all, _, err := runCLI(t, append([]string{"products", "--mast-url", url, "--format", "csv", "--columns", "productFilename"}, ids...)...)
	if err != nil {
		t.Fatal(err)
	}
	uniq, stderr, err := runCLI(t, append([]string{"products", "--unique", "--mast-url", url, "--format", "csv", "--columns", "productFilename"}, ids...)...)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(all, "\n") < 2 || strings.Count(uniq, "\n") > strings.Count(all, "\n") {
		t.Fatalf("products: all=%d unique=%d lines (%s)", strings.Count(all, "\n"), strings.Count(uniq, "\n"), stderr)
	}
}

func TestProductsFilterKeepsOnlyMatchingRows(t *testing.T) {
	url := startSim(t)
	obs, _, err := runCLI(t, "query", "criteria", "obs_collection=JWST", "proposal_id=1073", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.Split(strings.TrimSpace(obs), "\n")[1]
	out, stderr, err := runCLI(t, "products", id, "--mast-url", url, "--format", "json",
		"--filter", "productType=SCIENCE", "--filter", "extension=fits", "--filter", "size=<50MB")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil || len(rows) == 0 {
		t.Fatalf("rows=%d err=%v stderr=%s", len(rows), err, stderr)
	}
	for _, r := range rows {
		size, _ := r["size"].(json.Number).Int64()
		if !strings.EqualFold(r["productType"].(string), "SCIENCE") || !strings.HasSuffix(r["productFilename"].(string), "fits") || size >= 50_000_000 {
			t.Fatalf("row outside the filters: %v", r)
		}
	}
	if !strings.Contains(stderr, "products match") {
		t.Errorf("stderr = %q", stderr)
	}
	_, _, err = runCLI(t, "products", id, "--mast-url", url, "--filter", "productTyp=SCIENCE")
	if err == nil || !strings.Contains(err.Error(), `did you mean "productType"`) {
		t.Errorf("unknown filter column: %v", err)
	}
}

// --help, -h, help and --version answer on stdout with exit 0, for the program and for
// every command, instead of "mastui: mastui: flag: help requested" and exit 2.
func TestHelpAndVersion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string // all on stdout
	}{
		{[]string{"--help"}, []string{"Usage:", "mastui query object NAME", "Global flags"}},
		{[]string{"-h"}, []string{"Usage:", "mastui mission search"}},
		{[]string{"help"}, []string{"Usage:", "mastui download OBSID"}},
		{[]string{"help", "resolve"}, []string{"mastui resolve NAME", "--resolver"}},
		{[]string{"query", "--help"}, []string{"mastui query criteria", "--radius", "--count", "Global flags"}},
		{[]string{"query", "object", "M101", "-h"}, []string{"mastui query object NAME"}},
		{[]string{"mission", "search", "--help"}, []string{"mastui mission search", "--coordinates", "ARCMINUTES"}},
		{[]string{"download", "--help"}, []string{"mastui download OBSID", "--workers"}},
		{[]string{"download-file", "-h"}, []string{"mastui download-file URI", "--out"}},
		{[]string{"resolve", "--help"}, []string{"mastui resolve NAME"}},
		{[]string{"collections", "--help"}, []string{"mastui collections"}},
		{[]string{"sim", "--help"}, []string{"mastui sim", "-page-cap"}},
		{[]string{"--version"}, []string{"mastui dev"}},
		{[]string{"version"}, []string{"mastui dev"}},
	} {
		out, errOut, err := runCLI(t, c.args...)
		if err != nil {
			t.Errorf("%v: %v", c.args, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: stdout lacks %q:\n%s", c.args, w, out)
			}
		}
		if errOut != "" {
			t.Errorf("%v: stderr %q", c.args, errOut)
		}
	}
	// A command's help is its own, not every command's.
	if out, _, _ := runCLI(t, "resolve", "--help"); strings.Contains(out, "mastui download") {
		t.Errorf("resolve --help shows other commands:\n%s", out)
	}
	// Bad flags are still usage errors, named once.
	for _, args := range [][]string{{"--bogus"}, {"query", "--bogus"}} {
		_, _, err := runCLI(t, args...)
		var ue usageError
		if !errors.As(err, &ue) || strings.HasPrefix(err.Error(), "mastui:") || !strings.Contains(err.Error(), "bogus") {
			t.Errorf("%v: err = %v", args, err)
		}
	}
}

// Empty values and missing files are refused with a message, never read as "the default".
func TestEmptyValuesAndMissingConfig(t *testing.T) {
	url := startSim(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"query", "object", "M101", "--radius", "", "--mast-url", url}, "--radius"},
		{[]string{"query", "object", "M101", "--radius", "  ", "--mast-url", url}, "--radius"},
		{[]string{"query", "criteria", "obs_collection=HST", "--coordinates", "", "--mast-url", url}, "--coordinates"},
		{[]string{"query", "criteria", "obs_collection=HST", "--object", "", "--mast-url", url}, "--object"},
		{[]string{"mission", "search", "--object", "M2", "--radius", "", "--mast-url", url}, "--radius"},
		{[]string{"mission", "search", "--object", "", "--mast-url", url}, "object"},
		{[]string{"mission", "search", "--coordinates", " , ", "--mast-url", url}, "coordinates"},
		{[]string{"collections", "--config", "/nonexistent/mastui.json", "--mast-url", url}, "/nonexistent/mastui.json"},
	} {
		out, _, err := runCLI(t, c.args...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v (stdout %.100q), want a usage error naming %s", c.args, err, out, c.want)
		}
	}
	// The default config file missing is fine, from $XDG_CONFIG_HOME as from $MASTUI_CONFIG.
	t.Setenv("MASTUI_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if out, _, err := runCLI(t, "collections", "--mast-url", url); err != nil || !strings.Contains(out, "HST") {
		t.Errorf("no config file at the default path: %v", err)
	}
	// An existing --config file is read.
	cfg := t.TempDir() + "/c.json"
	if err := os.WriteFile(cfg, []byte(`{"mast_url": "`+url+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runCLI(t, "collections", "--config", cfg); err != nil || !strings.Contains(out, "HST") {
		t.Errorf("--config %s: %v", cfg, err)
	}
}

// resolve prints what it resolved and names what it could not, with a non-zero exit.
func TestResolveReportsTheBadNameAndPrintsTheOthers(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "resolve", "M2", "NoSuchObject123", "M9", "--mast-url", url, "--format", "csv")
	if err == nil || !strings.Contains(err.Error(), `"NoSuchObject123"`) {
		t.Errorf("err = %v, want it to name NoSuchObject123", err)
	}
	if err != nil && (strings.Contains(err.Error(), `"M2"`) || strings.Contains(err.Error(), `"M9"`)) {
		t.Errorf("err names a resolved name: %v", err)
	}
	recs, cerr := csv.NewReader(strings.NewReader(out)).ReadAll()
	if cerr != nil || len(recs) != 3 || recs[1][0] != "M2" || recs[2][0] != "M9" || !strings.HasPrefix(recs[1][3], "323.36") {
		t.Errorf("stdout should list M2 and M9: %v\n%s", cerr, out)
	}
	if _, _, err := runCLI(t, "resolve", "Nope1", "Nope2", "--mast-url", url); err == nil ||
		!strings.Contains(err.Error(), `"Nope1"`) || !strings.Contains(err.Error(), `"Nope2"`) {
		t.Errorf("all unresolvable: err = %v", err)
	}
}

// The header shows the server, never the user:password of a --mast-url.
func TestServerLabelHidesCredentials(t *testing.T) {
	e := &cliEnv{cfg: config.Config{MastURL: "https://user:s3cret@mast.example.org:8443/"}}
	if got := e.serverLabel(); strings.Contains(got, "s3cret") || strings.Contains(got, "user") || !strings.Contains(got, "mast.example.org:8443") {
		t.Fatalf("server label %q", got)
	}
}
