package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestMissionSearchSeedExampleCLI(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "mission", "search", "--mission", "hst", "--mast-url", url, "--format", "csv",
		"sci_obs_type=IMAGE", "sci_instrume=!COS", "sci_spec_1234=F150W,F105W,F110W", "sci_dec=>0",
		"sci_actual_duration=1000..2000", "sci_targname=*GAL*", "--select", "sci_targname,sci_instrume,sci_dec,sci_actual_duration")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	head := strings.Join(recs[0], ",")
	if !strings.Contains(head, "sci_data_set_name") || !strings.Contains(head, "sci_targname") {
		t.Errorf("header %s", head)
	}
	_, _, err = runCLI(t, "mission", "search", "--mission", "hst", "--mast-url", url, "sci_Targname=M101")
	if err == nil || !strings.Contains(err.Error(), "sci_targname") {
		t.Errorf("case-sensitive did you mean: %v", err)
	}
	_, _, err = runCLI(t, "mission", "search", "--mission", "hst", "--mast-url", url, "--coordinates", "10 10", "--radius", "45")
	if err == nil || !strings.Contains(err.Error(), "30") {
		t.Errorf("radius over 30 arcmin: %v", err)
	}
}

func TestMissionDownloadFlatAndTree(t *testing.T) {
	url := startSim(t)
	for _, flat := range []bool{false, true} {
		dir := t.TempDir()
		args := []string{"mission", "download", "--mission", "hst", "N4A701010", "--mast-url", url, "--dir", dir, "--filter", "extension=fits"}
		if flat {
			args = append(args, "--flat")
		}
		if _, stderr, err := runCLI(t, args...); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		pattern := filepath.Join(dir, "mastDownload", "hst", "N4A701010", "*.fits")
		if flat {
			pattern = filepath.Join(dir, "*.fits")
		}
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Fatalf("flat=%v: no files at %s", flat, pattern)
		}
		b, _ := os.ReadFile(files[0])
		if !strings.HasPrefix(string(b), "SIMPLE  =") || len(b)%2880 != 0 {
			t.Errorf("%s is not a FITS file", files[0])
		}
	}
}

func TestMissionDownloadFromSubscriptionJSON(t *testing.T) {
	url := startSim(t)
	list, _, err := runCLI(t, "mission", "products", "--mission", "hst", "N4A701010", "--mast-url", url, "--format", "json", "--filter", "extension=fits")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "subscription.json")
	if err := os.WriteFile(path, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, stderr, err := runCLI(t, "mission", "download", "--mission", "hst", "--products-json", path, "--mast-url", url, "--dir", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "mastDownload", "hst", "N4A701010", "*.fits"))
	if len(files) == 0 || strings.Count(list, `"filename"`) != len(files) {
		t.Fatalf("%d files from a list of %d products", len(files), strings.Count(list, `"filename"`))
	}
}

// download-file with a mission fetches one product by its Search API name through
// retrieve_product, and names a mission that needs a mast: URI.
func TestMissionDownloadFileCLI(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "mission", "products", "--mission", "hst", "N4A701010", "--mast-url", url, "--format", "csv", "--filter", "extension=fits")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	col := func(name string) int {
		for i, h := range recs[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no %s column in %v", name, recs[0])
		return -1
	}
	uri, file, size := recs[1][col("uri")], recs[1][col("filename")], recs[1][col("size")]
	dir := t.TempDir()
	if _, stderr, err := runCLI(t, "mission", "download-file", "--mission", "hst", uri, "--mast-url", url, "--out", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "SIMPLE  =") || size != strconv.Itoa(len(b)) {
		t.Errorf("%s: %d bytes (listed %s), FITS %v", file, len(b), size, strings.HasPrefix(string(b), "SIMPLE  ="))
	}
	// The same through the top-level command.
	dest := filepath.Join(t.TempDir(), "copy.fits")
	if _, stderr, err := runCLI(t, "download-file", "--mission", "hst", uri, "--mast-url", url, "--out", dest); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if c, _ := os.ReadFile(dest); string(c) != string(b) {
		t.Errorf("download-file --mission wrote %d bytes, want the same %d", len(c), len(b))
	}
	_, _, err = runCLI(t, "mission", "download-file", "--mission", "iue", "lwp12345.mxlo.gz", "--mast-url", url)
	if err == nil || !strings.Contains(err.Error(), "mast:") {
		t.Errorf("iue without a mast: URI: %v", err)
	}
}

// The products table shows what tells files apart; --columns all shows everything.
func TestMissionProductsTableColumns(t *testing.T) {
	url := startSim(t)
	out, _, err := runCLI(t, "mission", "products", "--mission", "hst", "N4A701010", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Fields(strings.SplitN(out, "\n", 2)[0])
	if len(head) == 0 || head[0] != "filename" || strings.Contains(out, "authz_primary_identifier") || !strings.Contains(out, "n4a70101q_cal.fits") {
		t.Fatalf("table:\n%s", out)
	}
	out, _, err = runCLI(t, "mission", "products", "--mission", "hst", "N4A701010", "--mast-url", url, "--columns", "all")
	if err != nil || !strings.Contains(out, "authz_primary_identifier") {
		t.Fatalf("--columns all: %v\n%s", err, out)
	}
}

// --object and --coordinates take comma lists, as the Missions form does; a name no
// resolver knows is a warning and is skipped (astroquery), all of them unknown an error.
func TestMissionSearchTargetLists(t *testing.T) {
	url := startSim(t)
	positions := func(args ...string) (map[string]bool, string, error) {
		t.Helper()
		out, stderr, err := runCLI(t, append([]string{"mission", "search", "--mission", "hst", "--mast-url", url,
			"--format", "csv", "--columns", "search_pos"}, args...)...)
		got := map[string]bool{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			got[l] = true
		}
		return got, stderr, err
	}
	m2, m9 := "323.36258 -0.82325", "259.79908 -18.51625"
	for _, args := range [][]string{
		{"--object", "M2, M9"},
		{"--object", "M2,M9"},
		{"--coordinates", m2 + ", " + m9},
		{"--coordinates", m2, "--object", "M9"},
	} {
		got, stderr, err := positions(args...)
		if err != nil || len(got) != 2 || !got[m2] || !got[m9] {
			t.Errorf("%q: search positions %v, err %v, stderr %s", args, got, err, stderr)
		}
	}
	got, stderr, err := positions("--object", "M2, NoSuchObject123")
	if err != nil || len(got) != 1 || !got[m2] {
		t.Errorf("one unresolvable name: positions %v, err %v", got, err)
	}
	if !strings.Contains(stderr, "NoSuchObject123") || !strings.Contains(strings.ToLower(stderr), "warning") {
		t.Errorf("no warning naming the skipped name: %q", stderr)
	}
	if _, _, err := positions("--object", "Nope1, Nope2"); err == nil || !strings.Contains(err.Error(), "Nope1") {
		t.Errorf("every name unresolvable: err = %v", err)
	}
	if _, _, err := positions("--coordinates", m2+", M9"); err == nil || !strings.Contains(err.Error(), "M9") {
		t.Errorf("a name in --coordinates: err = %v", err)
	}
}
