package cli

import (
	"encoding/json"
	"errors"
	"image"
	_ "image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"mastui/services/cutouts"
	"mastui/services/fits"
	"mastui/services/sim"
)

// cutoutSim serves the simulator for one test (state and config isolated) and counts the
// cutout requests (astrocut GETs) it answers.
func cutoutSim(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	isolatedState(t)
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	var cuts atomic.Int64
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/astrocut") {
			cuts.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, &cuts
}

// tpfName reads ny and nx out of a TESScut file name.
var tpfName = regexp.MustCompile(`_(\d+)x(\d+)_astrocut\.fits$`)

// checkTPF asserts a file is a target pixel file whose FLUX cube matches its name.
func checkTPF(t *testing.T, path string) (nx, ny int) {
	t.Helper()
	m := tpfName.FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("%s is not named like a TESScut file", path)
	}
	ny, _ = strconv.Atoi(m[1])
	nx, _ = strconv.Atoi(m[2])
	lc, err := cutouts.ReadLightCurve(path)
	if err != nil {
		t.Fatal(err)
	}
	if lc.Pixels != [2]int{nx, ny} || len(lc.Flux) == 0 {
		t.Fatalf("%s: FLUX of %v pixels, %d cadences; want %dx%d", path, lc.Pixels, len(lc.Flux), nx, ny)
	}
	return nx, ny
}

// Seed 003: get_sectors by coordinates and by object name.
func TestTesscutSectorsSeedExamples(t *testing.T) {
	url, _ := cutoutSim(t)
	for _, c := range []struct {
		args  []string
		first []string
	}{
		{[]string{"--coordinates", "324.24368 -27.01029"}, []string{"tess-s0001-1-3", "1", "1", "3", "2018-07-25", "2018-08-22", "30 min"}},
		{[]string{"--object", "TIC 32449963"}, []string{"tess-s0010-1-4", "10", "1", "4", "2019-03-26", "2019-04-22", "30 min"}},
		{[]string{"--moving-target", "Ceres", "--mt-type", "smallbody"}, []string{"tess-s0043-1-1", "43", "1", "1", "2021-09-16", "2021-10-12", "10 min"}},
	} {
		out, stderr, err := runCLI(t, append([]string{"tesscut", "sectors", "--mast-url", url, "--format", "csv"}, c.args...)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, stderr)
		}
		recs := csvRows(t, out)
		if !strings.HasPrefix(out, "sectorName,sector,camera,ccd,start,end,cadence\n") || len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(c.first, ",") {
			t.Errorf("%v:\n%s", c.args, out)
		}
	}
}

// A sector the mission's date table does not list has no dates (null in JSON, "--" in
// a table), never invented ones; its cadence still follows from its number.
func TestTesscutSectorsDatesAndCadence(t *testing.T) {
	url, _ := cutoutSim(t)
	args := []string{"tesscut", "sectors", "--mast-url", url, "--coordinates", "107.18696 -70.50919"} // the southern CVZ: every southern sector
	out, stderr, err := runCLI(t, append(args, "--format", "json")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var rows []struct {
		Sector  int     `json:"sector"`
		Start   *string `json:"start"`
		End     *string `json:"end"`
		Cadence string  `json:"cadence"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	undated := 0
	for _, r := range rows {
		span, known := cutouts.SectorDates(r.Sector)
		switch {
		case known && (r.Start == nil || r.End == nil || *r.Start+" → "+*r.End != span.String()):
			t.Errorf("sector %d: %v → %v, want %s", r.Sector, r.Start, r.End, span)
		case !known && (r.Start != nil || r.End != nil):
			t.Errorf("sector %d is not in the table but has dates %v → %v", r.Sector, *r.Start, *r.End)
		}
		if !known {
			undated++
		}
		if want := cutouts.FormatCadence(cutouts.SectorCadence(r.Sector)); r.Cadence != want || want == "" {
			t.Errorf("sector %d: cadence %q, want %q", r.Sector, r.Cadence, want)
		}
	}
	if undated == 0 || len(rows) < 30 {
		t.Fatalf("%d rows, %d without dates: want both kinds\n%s", len(rows), undated, out)
	}
	out, _, err = runCLI(t, append(args, "--format", "table")...)
	if err != nil || !regexp.MustCompile(`tess-s0001-4-3 +1 +4 +3 +2018-07-25 +2018-08-22 +30 min`).MatchString(out) ||
		!regexp.MustCompile(`tess-s0(08[4-9]|09\d|10\d)-\d-\d +\d+ +\d +\d +-- +-- +200 s`).MatchString(out) {
		t.Fatalf("table (err %v):\n%s", err, out)
	}
}

// No sector is a warning (astroquery's NoResultsWarning) and an empty table, exit 0.
func TestTesscutSectorsNoDataWarns(t *testing.T) {
	url, _ := cutoutSim(t)
	out, stderr, err := runCLI(t, "tesscut", "sectors", "--moving-target", "Neptune", "--mast-url", url, "--format", "csv")
	if err != nil || !strings.Contains(stderr, "warning: TESScut:") {
		t.Fatalf("err %v, stderr %q", err, stderr)
	}
	if out != "sectorName,sector,camera,ccd,start,end,cadence\n" {
		t.Fatalf("want the header only:\n%s", out)
	}
}

// Seed 003's download_cutouts: [5, 7] arcmin around 107.18696 -70.50919 in sector 1 is
// one target pixel file named as MAST names it, the zip gone, the manifest printed. A
// rerun finds it on disk without a request.
func TestTesscutCutoutSeedExample(t *testing.T) {
	url, cuts := cutoutSim(t)
	dir := t.TempDir()
	args := []string{"tesscut", "cutout", "--coordinates", "107.18696 -70.50919", "--size", "[5, 7] arcmin", "--sector", "1", "--dir", dir, "--mast-url", url, "--format", "csv"}
	out, stderr, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.fits"))
	if len(files) != 1 || !strings.HasPrefix(filepath.Base(files[0]), "tess-s0001-4-3_107.18696_-70.50919_") {
		t.Fatalf("files %q", files)
	}
	if nx, ny := checkTPF(t, files[0]); nx <= ny {
		t.Errorf("[5, 7] arcmin is 7 arcmin wide and 5 high, got %dx%d pixels", nx, ny)
	}
	recs := csvRows(t, out)
	if !strings.HasPrefix(out, "Local Path,Status,Message,URL\n") || len(recs) != 1 || recs[0][0] != files[0] || recs[0][1] != "COMPLETE" {
		t.Fatalf("manifest:\n%s", out)
	}
	if zips, _ := filepath.Glob(filepath.Join(dir, "*.zip*")); len(zips) != 0 {
		t.Errorf("zip left: %q", zips)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv")); len(m) != 1 {
		t.Errorf("manifest files %q", m)
	}
	before := cuts.Load()
	out, stderr, err = runCLI(t, args...)
	if err != nil || cuts.Load() != before || !strings.Contains(out, "already on disk") {
		t.Fatalf("rerun: %v, %d requests\n%s%s", err, cuts.Load()-before, out, stderr)
	}
}

// An object name is resolved first; a moving target is cut one sector at a time.
func TestTesscutCutoutObjectAndMovingTarget(t *testing.T) {
	url, cuts := cutoutSim(t)
	dir := t.TempDir()
	_, stderr, err := runCLI(t, "tesscut", "cutout", "--object", "TIC 32449963", "--size", "5", "--sector", "10", "--dir", dir, "--mast-url", url)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "tess-s0010-1-4_*_5x5_astrocut.fits"))
	if len(files) != 1 {
		t.Fatalf("files %q", files)
	}
	checkTPF(t, files[0])

	dir = t.TempDir()
	before := cuts.Load()
	_, stderr, err = runCLI(t, "tesscut", "cutout", "--moving-target", "Ceres", "--size", "3", "--dir", dir, "--mast-url", url)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ = filepath.Glob(filepath.Join(dir, "*.fits"))
	if len(files) != 2 || cuts.Load()-before != 2 {
		t.Fatalf("files %q after %d cutout requests, want one per sector (43, 44)", files, cuts.Load()-before)
	}
	for _, f := range files {
		checkTPF(t, f)
	}
}

// Bad command lines are refused naming the problem, before any request.
func TestCutoutCommandsRefuseBadInput(t *testing.T) {
	url, cuts := cutoutSim(t)
	pos := []string{"--coordinates", "324.24368 -27.01029"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{append([]string{"tesscut", "cutout", "--size", "0"}, pos...), "positive"},
		{append([]string{"tesscut", "cutout", "--size", "5x"}, pos...), "cutout size"},
		{append([]string{"tesscut", "cutout", "--size", "3 parsec"}, pos...), "unknown unit"},
		{append([]string{"tesscut", "cutout", "--size", "2.5"}, pos...), "whole number"},
		{append([]string{"tesscut", "cutout", "--product", "TICA"}, pos...), "no longer serves TICA"},
		{append([]string{"tesscut", "cutout", "--object", "M104"}, pos...), "exactly one target"},
		{[]string{"tesscut", "cutout"}, "exactly one target"},
		{append([]string{"tesscut", "sectors", "--mt-type", "smallbody"}, pos...), "--mt-type goes with --moving-target"},
		{[]string{"tesscut", "sectors", "--moving-target", "Ceres", "--mt-type", "comet"}, "majorbody or smallbody"},
		{[]string{"tesscut", "sectors", "--coordinates", "400 95"}, "coordinates"},
		{[]string{"zcut", "cutout", "--coordinates", "189.49206 62.20615", "--stretch", "linear"}, "--format-img jpg or png"},
		{[]string{"zcut", "cutout", "--coordinates", "189.49206 62.20615", "--format-img", "gif"}, "fits, jpg or png"},
		{[]string{"zcut", "cutout", "--coordinates", "189.49206 62.20615", "--format-img", "jpg", "--minmax-percent", "5"}, "two numbers"},
		{[]string{"hapcut", "cutout", "--size", "5"}, "--coordinates"},
	} {
		_, _, err := runCLI(t, append(c.args, "--mast-url", url)...)
		var ue usageError
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err %v, want %q", c.args, err, c.want)
		} else if !errors.As(err, &ue) {
			t.Errorf("%v: %v is not a usage error (exit 2)", c.args, err)
		}
	}
	if n := cuts.Load(); n != 0 {
		t.Errorf("%d cutout requests sent for bad command lines", n)
	}
	_, _, err := runCLI(t, "tesscut", "cutout", "--object", "No Such Object 4711", "--mast-url", url, "--dir", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "No Such Object 4711") {
		t.Errorf("unresolvable name: %v", err)
	}
}

// The service's "no data" answer to a cutout fails naming it (not retried).
func TestTesscutCutoutNoData(t *testing.T) {
	url, cuts := cutoutSim(t)
	_, stderr, err := runCLI(t, "tesscut", "cutout", "--coordinates", "324.24368 -27.01029", "--sector", "2", "--dir", t.TempDir(), "--mast-url", url)
	if err == nil || !strings.Contains(stderr, "TESScut: Cutout request returned no data") || cuts.Load() != 1 {
		t.Fatalf("err %v after %d requests\n%s", err, cuts.Load(), stderr)
	}
}

// Zcut: the surveys at a GOODS-N position, a FITS cutout (one file per survey) and jpg
// images (one per band).
func TestZcutSurveysAndCutouts(t *testing.T) {
	url, _ := cutoutSim(t)
	pos := []string{"--coordinates", "189.49206 62.20615", "--mast-url", url}
	out, stderr, err := runCLI(t, append([]string{"zcut", "surveys", "--format", "csv"}, pos...)...)
	if err != nil || !strings.Contains(out, "candels_gn_30mas") {
		t.Fatalf("%v\n%s%s", err, out, stderr)
	}
	dir := t.TempDir()
	if _, stderr, err := runCLI(t, append([]string{"zcut", "cutout", "--size", "10", "--survey", "candels_gn_30mas", "--dir", dir}, pos...)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "candels_gn_30mas_*_10.0pix-x-10.0pix_astrocut.fits"))
	if len(files) != 1 {
		t.Fatalf("files %q", files)
	}
	f, err := fits.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if h, ok := f.HDU("CUTOUT"); !ok || h.Dims()[0] != 10 || h.Dims()[1] != 10 {
		t.Fatalf("no 10x10 CUTOUT image in %s", files[0])
	}
	dir = t.TempDir()
	if _, stderr, err := runCLI(t, append([]string{"zcut", "cutout", "--size", "8", "--survey", "candels_gn_30mas", "--format-img", "jpg", "--stretch", "linear", "--minmax-percent", "1,99", "--invert", "--dir", dir}, pos...)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	jpgs, _ := filepath.Glob(filepath.Join(dir, "*.jpg"))
	if len(jpgs) == 0 {
		t.Fatal("no jpg images")
	}
	for _, p := range jpgs {
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(fh)
		fh.Close()
		if err != nil || cfg.Width != 8 || cfg.Height != 8 {
			t.Fatalf("%s: %v %dx%d", p, err, cfg.Width, cfg.Height)
		}
	}
}

// HAPCut: cutouts where the archive has HST data, one FITS file per product.
func TestHAPCutCutout(t *testing.T) {
	url, _ := cutoutSim(t)
	out, _, err := runCLI(t, "query", "criteria", "obs_collection=HST", "instrument_name=WFC3/UVIS", "--mast-url", url, "--format", "csv", "--columns", "s_ra,s_dec")
	if err != nil {
		t.Fatal(err)
	}
	recs := csvRows(t, out)
	if len(recs) == 0 {
		t.Fatal("no HST observation")
	}
	dir := t.TempDir()
	if _, stderr, err := runCLI(t, "hapcut", "cutout", "--coordinates", recs[0][0]+" "+recs[0][1], "--size", "6", "--dir", dir, "--mast-url", url); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "hst_cutout_skycell-*.fits"))
	if len(files) == 0 {
		t.Fatal("no HAPCut files")
	}
	for _, p := range files {
		f, err := fits.Open(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		f.Close()
	}
}

// astroquery's guard: a download that includes TESS full-frame images stops, naming
// their number and size and pointing at tesscut cutout; --force goes on.
func TestDownloadTESSFullFramesGuard(t *testing.T) {
	url, _ := cutoutSim(t)
	out, _, err := runCLI(t, "query", "criteria", "obs_collection=TESS", "target_name=TESS FFI", "--mast-url", url, "--format", "csv", "--columns", "obsid")
	if err != nil {
		t.Fatal(err)
	}
	id := csvRows(t, out)[0][0]
	dir := t.TempDir()
	_, _, err = runCLI(t, "download", id, "--dir", dir, "--mast-url", url)
	if err == nil || !regexp.MustCompile(`\d+ TESS full-frame images \(\d`).MatchString(err.Error()) || !strings.Contains(err.Error(), "mastui tesscut cutout") {
		t.Fatalf("err %v", err)
	}
	list := filepath.Join(dir, "urls.txt")
	_, stderr, err := runCLI(t, "download", id, "--dir", dir, "--mast-url", url, "--force", "--urls", list)
	if err != nil || !strings.Contains(stderr, "warning: downloading") {
		t.Fatalf("--force: %v\n%s", err, stderr)
	}
	if b, _ := os.ReadFile(list); strings.Count(string(b), "_ffic.fits") == 0 {
		t.Fatal("--force did not go on")
	}
}
