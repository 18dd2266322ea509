package mast_test

// Cutout services: the client against the simulator.

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/services/cutouts"
	"mastui/services/fits"
	"mastui/services/mast"
	"mastui/services/sim"
)

func sectorNames(ss []cutouts.Sector) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

// Seed 003's get_sectors examples, by coordinates and by name, and moving targets.
func TestSimTESScutSectors(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	got, err := c.TESScutSectors(ctx, mast.CutoutTarget{Position: &mast.Position{RA: 324.24368, Dec: -27.01029}}, 0)
	if err != nil || len(got) == 0 || got[0] != (cutouts.Sector{Name: "tess-s0001-1-3", Sector: 1, Camera: 1, CCD: 3}) {
		t.Errorf("by coordinates: %+v %v", got, err)
	}
	got, err = c.TESScutSectors(ctx, mast.CutoutTarget{Object: "TIC 32449963"}, 0)
	if err != nil || len(got) == 0 || got[0].Name != "tess-s0010-1-4" {
		t.Errorf("by name: %+v %v", got, err)
	}
	got, err = c.TESScutSectors(ctx, mast.CutoutTarget{MovingTarget: "Ceres", MovingType: cutouts.SmallBody}, 0)
	if err != nil || strings.Join(sectorNames(got), " ") != "tess-s0043-1-1 tess-s0044-1-2" {
		t.Errorf("Ceres: %+v %v", got, err)
	}
	_, err = c.TESScutSectors(ctx, mast.CutoutTarget{MovingTarget: "Ceres", MovingType: cutouts.MajorBody}, 0)
	var qe *mast.CutoutQueryError
	if !errors.As(err, &qe) || qe.StatusCode != 400 || !strings.Contains(err.Error(), `"Ceres" as a majorbody`) {
		t.Errorf("Ceres as a major body: %v", err)
	}
	var nd *cutouts.NoDataError
	if _, err := c.TESScutSectors(ctx, mast.CutoutTarget{MovingTarget: "Neptune"}, 0); !errors.As(err, &nd) ||
		nd.Msg != "Coordinates are not in any TESS sector." {
		t.Errorf("Neptune: %v", err)
	}
	if _, err := c.TESScutSectors(ctx, mast.CutoutTarget{Object: "M101", MovingTarget: "Mars"}, 0); err == nil ||
		!strings.Contains(err.Error(), "exactly one target") {
		t.Errorf("two targets: %v", err)
	}
	// A radius reaches the neighbouring CCD.
	wide, err := c.TESScutSectors(ctx, mast.CutoutTarget{Position: &mast.Position{RA: 324.24368, Dec: -27.01029}}, 2)
	if err != nil || len(wide) <= len(sectorNames(got)) || wide[0].Sector != 1 {
		t.Errorf("radius 2 deg: %v %v", sectorNames(wide), err)
	}
}

// An in-memory cutout: target pixel files whose FLUX has the requested shape, and a light
// curve.
func TestSimTESScutCutoutInMemory(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	size, _ := cutouts.ParseSize("5x7")
	zip, err := c.TESScutCutouts(context.Background(), cutouts.TESScutCutout{
		Target: cutouts.Target{RA: 324.24368, Dec: -27.01029}, Size: size, Sectors: []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m, err := cutouts.UnpackBytes(zip, dir, cutouts.UnpackOptions{Service: "TESScut"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 1 || filepath.Base(m.Files[0]) != "tess-s0001-1-3_324.24368_-27.01029_7x5_astrocut.fits" {
		t.Fatalf("manifest %v", m.Files)
	}
	f, err := fits.Open(m.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var names []string
	for i := range f.HDUs {
		names = append(names, f.HDUs[i].Name())
	}
	if strings.Join(names, ",") != "PRIMARY,PIXELS,APERTURE" {
		t.Errorf("HDUs %v", names)
	}
	if s, _ := f.HDUs[0].Header.Int("SECTOR"); s != 1 {
		t.Errorf("SECTOR %d", s)
	}
	pix, _ := f.HDU("PIXELS")
	tab, err := f.Table(pix)
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, col := range tab.Columns {
		cols = append(cols, col.Name)
	}
	if strings.Join(cols, ",") != "TIME,TIMECORR,CADENCENO,RAW_CNTS,FLUX,FLUX_ERR,FLUX_BKG,FLUX_BKG_ERR,QUALITY,POS_CORR1,POS_CORR2,FFI_FILE" {
		t.Errorf("columns %v", cols)
	}
	fluxCol, _ := tab.Column("FLUX")
	if d := tab.Columns[fluxCol].Dims; len(d) != 2 || d[0] != 5 || d[1] != 7 {
		t.Errorf("FLUX dims %v, want 5 columns by 7 rows", d)
	}
	if ap, _ := f.HDU("APERTURE"); fmt.Sprint(ap.Dims()) != "[5 7]" {
		t.Errorf("APERTURE %v", ap.Dims())
	}
	lc, err := cutouts.LightCurveOf(f)
	if err != nil || len(lc.Time) < 8 || lc.Skipped == 0 || lc.Pixels != [2]int{5, 7} {
		t.Fatalf("light curve %d points, %d skipped, %v: %v", len(lc.Time), lc.Skipped, lc.Pixels, err)
	}
	for i := 1; i < len(lc.Time); i++ {
		if lc.Time[i] <= lc.Time[i-1] || lc.Flux[i] <= 0 {
			t.Fatalf("cadence %d: time %v flux %v", i, lc.Time[i], lc.Flux[i])
		}
	}
}

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// The GET a queue downloads: the same URL gives the same bytes, a Range resumes exactly,
// and Unpack turns the file into FITS files (moving target, one request per sector).
func TestSimTESScutURLResumeAndUnpack(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	plan, err := c.TESScutPlan(context.Background(), cutouts.TESScutCutout{Target: cutouts.Target{MovingTarget: "Ceres"}}, false)
	if err != nil || len(plan) != 2 || plan[0].Sectors[0] != 43 || plan[1].Sectors[0] != 44 {
		t.Fatalf("plan %+v %v", plan, err)
	}
	u, err := cutouts.TESScutURL(c.Config().BaseURL, plan[0])
	if err != nil {
		t.Fatal(err)
	}
	resp, whole := get(t, u, nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" || resp.Header.Get("Accept-Ranges") != "bytes" {
		t.Fatalf("%d %v", resp.StatusCode, resp.Header)
	}
	half := len(whole) / 2
	resp, rest := get(t, u, http.Header{"Range": {fmt.Sprintf("bytes=%d-", half)}})
	if resp.StatusCode != 206 || string(whole[half:]) != string(rest) {
		t.Fatalf("resume: %d, %d bytes, equal %v", resp.StatusCode, len(rest), string(whole[half:]) == string(rest))
	}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "tesscut_20261205120000.zip")
	os.WriteFile(zipPath, append(whole[:half:half], rest...), 0o644)
	m, err := cutouts.Unpack(zipPath, dir, cutouts.UnpackOptions{Service: "TESScut"})
	if err != nil || len(m.Files) != 1 || filepath.Base(m.Files[0]) != "tess-s0043-1-1_ceres_5x5_astrocut.fits" {
		t.Fatalf("%+v %v", m, err)
	}
	if _, err := os.Stat(zipPath); !os.IsNotExist(err) {
		t.Errorf("the zip is still there: %v", err)
	}
}

// A target outside the asked sector: the JSON "no data" answer, in memory and on disk.
func TestSimTESScutNoData(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	req := cutouts.TESScutCutout{Target: cutouts.Target{RA: 324.24368, Dec: -27.01029}, Sectors: []int{2}}
	_, err := c.TESScutCutouts(context.Background(), req)
	var nd *cutouts.NoDataError
	if !errors.As(err, &nd) || !strings.Contains(nd.Msg, "not in the requested sector") {
		t.Errorf("in memory: %v", err)
	}
	u, _ := cutouts.TESScutURL(c.Config().BaseURL, req)
	_, body := get(t, u, nil)
	p := filepath.Join(t.TempDir(), "tesscut.zip")
	os.WriteFile(p, body, 0o644)
	if _, err := cutouts.Unpack(p, filepath.Dir(p), cutouts.UnpackOptions{Service: "TESScut"}); !errors.As(err, &nd) {
		t.Errorf("on disk: %v", err)
	}
}

// 50 requests at once: the client keeps to MAST's 10 in flight, so the server refuses
// none. (The simulator holds each answer a moment so that requests overlap.)
func TestSimTESScutLimitHoldsUnderBurst(t *testing.T) {
	s, c := newSim(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{CutoutLatency: 20 * time.Millisecond}})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.TESScutSectors(context.Background(), mast.CutoutTarget{Position: &mast.Position{RA: float64(i), Dec: -30}}, 0)
			var nd *cutouts.NoDataError
			if err != nil && !errors.As(err, &nd) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := s.CutoutStats()
	if st.MaxInFlight > cutouts.MaxConcurrentTESScut || st.Rejected != 0 {
		t.Errorf("the server saw %d requests at once and refused %d; the limit is %d", st.MaxInFlight, st.Rejected, cutouts.MaxConcurrentTESScut)
	}
	if st.MaxInFlight < 2 {
		t.Errorf("the server never saw two requests at once (%d): the burst did not run concurrently", st.MaxInFlight)
	}
}

// A 503 (TESScut's answer over its limit) is retried after Retry-After.
func TestSimTESScut503Backoff(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{ErrorEvery: 2, ErrorPaths: []string{"/tesscut/"},
		ErrorStatus: 503, RetryAfter: time.Second}})
	ctx := context.Background()
	target := mast.CutoutTarget{Position: &mast.Position{RA: 324.24368, Dec: -27.01029}}
	if _, err := c.TESScutSectors(ctx, target, 0); err != nil { // request 1: fine
		t.Fatal(err)
	}
	start := time.Now()
	got, err := c.TESScutSectors(ctx, target, 0) // request 2: 503, then 3: fine
	if err != nil || len(got) == 0 {
		t.Fatalf("%v %v", got, err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("retried after %v, before the Retry-After of 1s", d)
	}
	// Without retries the 503 is an HTTP error naming TESScut.
	_, c0 := newSim(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{ErrorEvery: 1, ErrorPaths: []string{"/tesscut/"}, ErrorStatus: 503}})
	c0 = mast.New(mast.Config{BaseURL: c0.Config().BaseURL, MaxRetries: -1})
	_, err = c0.TESScutSectors(ctx, target, 0)
	var he *mast.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 || !strings.Contains(err.Error(), "TESScut sector") {
		t.Errorf("503 without retries: %v", err)
	}
}

func TestSimZcutAndHAPCut(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	surveys, err := c.ZcutSurveys(ctx, mast.Position{RA: 189.2, Dec: 62.2}, 0)
	if err != nil || strings.Join(surveys, ",") != "candels_gn_60mas,candels_gn_30mas,goods_north" {
		t.Errorf("surveys %v %v", surveys, err)
	}
	var nd *cutouts.NoDataError
	if _, err := c.ZcutSurveys(ctx, mast.Position{RA: 10, Dec: 10}, 0); !errors.As(err, &nd) {
		t.Errorf("no survey: %v", err)
	}
	zip, err := c.ZcutCutouts(ctx, cutouts.ZcutCutout{RA: 189.2, Dec: 62.2, Size: cutouts.Size{X: 30, Y: 20, Units: cutouts.Pixels}, Survey: "goods_north"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cutouts.UnpackBytes(zip, t.TempDir(), cutouts.UnpackOptions{Service: "Zcut"})
	if err != nil || len(m.Files) != 1 {
		t.Fatalf("%v %v", m, err)
	}
	f, err := fits.Open(m.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(f.HDUs) != 5 || f.HDUs[1].Name() != "CUTOUT" || fmt.Sprint(f.HDUs[1].Dims()) != "[30 20]" {
		t.Errorf("%d HDUs, %s %v", len(f.HDUs), f.HDUs[1].Name(), f.HDUs[1].Dims())
	}
	f.Close()
	// jpg on disk with image parameters.
	u, err := cutouts.ZcutURL(c.Config().BaseURL, cutouts.ZcutCutout{RA: 189.2, Dec: 62.2, Size: cutouts.Size{X: 40, Y: 30, Units: cutouts.Pixels},
		Survey: "candels_gn_30mas", Format: cutouts.FormatJPG, Stretch: "sqrt", MinMaxPercent: []float64{1, 99}, Invert: true})
	if err != nil {
		t.Fatal(err)
	}
	_, body := get(t, u, nil)
	dir := t.TempDir()
	p := filepath.Join(dir, "zcut.zip")
	os.WriteFile(p, body, 0o644)
	m, err = cutouts.Unpack(p, dir, cutouts.UnpackOptions{Service: "Zcut"})
	if err != nil || len(m.Files) != 2 || !strings.HasSuffix(m.Files[0], "_f606w_v1.0_drz_189.200000_62.200000_40.0pix-x-30.0pix_astrocut.jpg") {
		t.Fatalf("%v %v", m.Files, err)
	}
	fh, _ := os.Open(m.Files[0])
	cfg, format, err := image.DecodeConfig(fh)
	fh.Close()
	if err != nil || format != "jpeg" || cfg.Width != 40 || cfg.Height != 30 {
		t.Errorf("jpg %v %s %v", cfg, format, err)
	}
	// HAPCut around M101's HST data, and nothing on empty sky.
	zip, err = c.HAPCutCutouts(ctx, cutouts.HAPCutCutout{RA: 210.80227, Dec: 54.34895, Size: cutouts.Size{X: 10, Y: 10, Units: cutouts.Pixels}})
	if err != nil {
		t.Fatal(err)
	}
	if m, err = cutouts.UnpackBytes(zip, t.TempDir(), cutouts.UnpackOptions{Service: "HAPCut"}); err != nil || len(m.Files) == 0 ||
		!strings.HasPrefix(filepath.Base(m.Files[0]), "hst_cutout_skycell-") {
		t.Errorf("HAPCut %v %v", m.Files, err)
	}
	if _, err := c.HAPCutCutouts(ctx, cutouts.HAPCutCutout{RA: 1, Dec: -1}); !errors.As(err, &nd) || !strings.Contains(nd.Msg, "Missing HAP files") {
		t.Errorf("HAPCut no data: %v", err)
	}
}
