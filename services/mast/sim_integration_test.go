package mast_test

// Client ↔ simulator integration: the real client against the real simulator over HTTP.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mastui/services/testmode"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/sim"
)

func newSim(t *testing.T, opts sim.Options) (*sim.Server, *mast.Client) {
	t.Helper()
	s, err := sim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	c := mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond, RetryBaseDelay: time.Millisecond})
	return s, c
}

func sepDeg(ra1, dec1, ra2, dec2 float64) float64 {
	r := math.Pi / 180
	s := math.Sin((dec2-dec1)*r/2)*math.Sin((dec2-dec1)*r/2) +
		math.Cos(dec1*r)*math.Cos(dec2*r)*math.Sin((ra2-ra1)*r/2)*math.Sin((ra2-ra1)*r/2)
	return 2 * math.Asin(math.Sqrt(s)) / r
}

func TestSimConeSearchObjectStaysInsideRadius(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	tb, res, err := c.Search(context.Background(), mast.Query{Object: "M101"})
	if err != nil {
		t.Fatal(err)
	}
	if res == nil || math.Abs(res.RA-210.802429) > 1e-3 || math.Abs(res.Dec-54.34875) > 1e-3 {
		t.Fatalf("resolved = %+v", res)
	}
	if tb.Rows() < 50 {
		t.Fatalf("only %d observations around M101", tb.Rows())
	}
	ra, dec := tb.Col("s_ra"), tb.Col("s_dec")
	for i := 0; i < tb.Rows(); i++ {
		if d := sepDeg(res.RA, res.Dec, ra.Float[i], dec.Float[i]); d > mast.DefaultRadiusDeg+1e-9 {
			t.Fatalf("row %d is %.4f deg away", i, d)
		}
	}
	if tb.Col("distance") == nil || tb.Col("_selected_") != nil {
		t.Errorf("columns = %v", tb.Names())
	}
	n, err := c.Count(context.Background(), mast.Query{Object: "M101"})
	if err != nil || n != int64(tb.Rows()) {
		t.Errorf("count = %d (%v), rows = %d", n, err, tb.Rows())
	}
}

func TestSimPagingAndExecutingGiveTheSameRows(t *testing.T) {
	q := mast.Query{Criteria: []mast.Criterion{{Name: "obs_collection", Value: "GALEX"}}}
	_, one := newSim(t, sim.Options{Archive: demoArchive(t)})
	whole, _, err := one.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newSim(t, sim.Options{Archive: demoArchive(t), Executing: 2})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	paged := mast.New(mast.Config{BaseURL: ts.URL, PageSize: 97, PollInterval: time.Millisecond})
	parts, _, err := paged.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if whole.Rows() < 200 || parts.Rows() != whole.Rows() {
		t.Fatalf("rows: one page %d, paged %d", whole.Rows(), parts.Rows())
	}
	a, b := whole.Col("obsid"), parts.Col("obsid")
	seen := map[string]bool{}
	for i := range a.Str {
		if a.Str[i] != b.Str[i] || seen[a.Str[i]] {
			t.Fatalf("row %d: %s vs %s (or duplicate)", i, a.Str[i], b.Str[i])
		}
		seen[a.Str[i]] = true
	}
	p, err := paged.SearchPage(context.Background(), q, 2, 97)
	if err != nil || p.Page != 2 || p.Table.Rows() != 97 || p.RowsFiltered != int64(whole.Rows()) {
		t.Fatalf("page 2: %+v %v", p, err)
	}
	if p.Table.Col("obsid").Str[0] != a.Str[97] {
		t.Errorf("page 2 starts at %s, want %s", p.Table.Col("obsid").Str[0], a.Str[97])
	}
}

func TestSimCriteriaRowsSatisfyEveryCriterion(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	tb, _, err := c.Search(ctx, mast.Query{Criteria: []mast.Criterion{
		{Name: "dataproduct_type", Value: "image"}, {Name: "proposal_pi", Value: "Osten*"}, {Name: "s_dec", Value: "43.5..45.5"}}})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows() == 0 {
		t.Fatal("the astroquery docs example (Osten*, s_dec 43.5..45.5) found nothing")
	}
	for i := 0; i < tb.Rows(); i++ {
		pi, dec, typ := tb.Col("proposal_pi").Str[i], tb.Col("s_dec").Float[i], tb.Col("dataproduct_type").Str[i]
		if !strings.HasPrefix(strings.ToLower(pi), "osten") || dec < 43.5 || dec > 45.5 || !strings.EqualFold(typ, "image") {
			t.Fatalf("row %d: pi=%q dec=%v type=%q", i, pi, dec, typ)
		}
	}
	jw, _, err := c.Search(ctx, mast.Query{Criteria: []mast.Criterion{
		{Name: "obs_collection", Value: "JWST"}, {Name: "proposal_id", Value: "1073"},
		{Name: "instrument_name", Value: "Nircam*"}, {Name: "filters", Value: "F277W"}}})
	if err != nil || jw.Rows() == 0 {
		t.Fatalf("JWST 1073 NIRCam F277W: %v rows, %v", jw.Rows(), err)
	}
	for i := 0; i < jw.Rows(); i++ {
		if f := jw.Col("filters").Str[i]; !strings.Contains(";"+f+";", ";F277W;") {
			t.Fatalf("filters %q lacks F277W", f)
		}
	}
	neg, _, err := c.Search(ctx, mast.Query{Object: "M101", Criteria: []mast.Criterion{{Name: "obs_collection", Value: "!JWST,!HST"}}})
	if err != nil || neg.Rows() == 0 {
		t.Fatalf("negation: %v", err)
	}
	for _, v := range neg.Col("obs_collection").Str {
		if v == "JWST" || v == "HST" {
			t.Fatalf("negated collection %s returned", v)
		}
	}
}

func TestSimCountMatchesRowsForCriteria(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	q := mast.Query{Criteria: []mast.Criterion{{Name: "obs_collection", Value: "HST"}, {Name: "calib_level", Value: "3"}, {Name: "t_exptime", Value: ">1000"}}}
	tb, _, err := c.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.Count(context.Background(), q)
	if err != nil || n != int64(tb.Rows()) || n == 0 {
		t.Fatalf("count %d (%v) vs %d rows", n, err, tb.Rows())
	}
	for _, v := range tb.Col("t_exptime").Float {
		if !(v > 1000) {
			t.Fatalf("t_exptime %v not > 1000", v)
		}
	}
}

func TestSimErrorsAreClear(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	_, _, err := c.Search(ctx, mast.Query{Criteria: []mast.Criterion{{Name: "instrumnet_name", Value: "ACS"}}})
	if err == nil || !strings.Contains(err.Error(), `did you mean "instrument_name"`) {
		t.Errorf("unknown column: %v", err)
	}
	_, err = c.Invoke(ctx, mast.InvokeRequest{Service: "Mast.No.Such.Service"})
	var re *mast.RemoteError
	if !errors.As(err, &re) {
		t.Errorf("unknown service: %v (%T)", err, err)
	}
	_, _, err = c.Search(ctx, mast.Query{Object: "Not A Real Object 12345"})
	var nr *mast.NotResolvedError
	if !errors.As(err, &nr) {
		t.Errorf("unresolvable: %v", err)
	}
}

func TestSimBigIntegersStayExact(t *testing.T) {
	s, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	tb, _, err := c.Search(context.Background(), mast.Query{Criteria: []mast.Criterion{{Name: "obs_collection", Value: "GALEX,PS1"}}})
	if err != nil {
		t.Fatal(err)
	}
	obsid, objID := tb.Col("obsid"), tb.Col("objID")
	if obsid.Kind != model.KindString || objID.Kind != model.KindString {
		t.Fatalf("kinds %v %v", obsid.Kind, objID.Kind)
	}
	big := 0
	for i := 0; i < tb.Rows(); i++ {
		id, err := strconv.ParseUint(obsid.Str[i], 10, 64)
		if err != nil {
			t.Fatalf("obsid %q: %v", obsid.Str[i], err)
		}
		o, ok := s.Archive().Observation(id)
		if !ok || strconv.FormatUint(o.ObjID, 10) != objID.Str[i] {
			t.Fatalf("objID %q differs from the archive's %d", objID.Str[i], o.ObjID)
		}
		if o.ObjID > 1<<53 {
			big++
		}
	}
	if big == 0 {
		t.Fatal("no objID above 2^53 in the sample: the test proves nothing")
	}
}

func TestSimProductsEveryPageOfEveryBatchSweep(t *testing.T) {
	testmode.Sweep(t)
	s, _ := newSim(t, sim.Options{Archive: demoArchive(t)})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	c := mast.New(mast.Config{BaseURL: ts.URL, PageSize: 40})
	obs, _, err := c.Search(context.Background(), mast.Query{Object: "M101"})
	if err != nil {
		t.Fatal(err)
	}
	ids := obs.Col("obsid").Str[:12]
	want := 0
	for _, id := range ids {
		n, _ := strconv.ParseUint(id, 10, 64)
		want += len(s.Archive().Products(n))
	}
	batches := 0
	tb, err := c.Products(context.Background(), ids, mast.ProductOptions{BatchSize: 5, Progress: func(done, total, rows int) { batches++ }})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows() != want || want <= 40 || batches != 3 {
		t.Fatalf("products rows = %d, archive has %d (batches %d)", tb.Rows(), want, batches)
	}
	u, dups := mast.UniqueProducts(tb)
	if u.Rows()+dups != tb.Rows() {
		t.Fatalf("unique %d + dups %d != %d", u.Rows(), dups, tb.Rows())
	}
	seen := map[string]bool{}
	for _, uri := range u.Col("dataURI").Str {
		if seen[uri] {
			t.Fatalf("duplicate %s after UniqueProducts", uri)
		}
		seen[uri] = true
	}
}

func TestSimCollectionsMetadataResolver(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	cols, err := c.Collections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	joined := "," + strings.Join(cols, ",") + ","
	for _, want := range []string{"HST", "JWST", "TESS", "Kepler", "K2", "GALEX", "IUE", "SWIFT"} {
		if !strings.Contains(joined, ","+want+",") {
			t.Errorf("collections %v lack %s", cols, want)
		}
	}
	meta, err := c.Metadata(ctx, "observations")
	if err != nil || len(meta) < 31 {
		t.Fatalf("metadata: %d rows, %v", len(meta), err)
	}
	found := false
	for _, m := range meta {
		if m.Name == "s_ra" && m.Type == "float" && m.Unit != "" && m.Description != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("s_ra metadata incomplete: %+v", meta[:3])
	}
	ned, err := c.Resolve(ctx, []string{"M101"}, "NED")
	if err != nil || len(ned) != 1 || ned[0].Resolver != "NED" {
		t.Fatalf("NED: %+v %v", ned, err)
	}
}

func TestSimValidateCriteriaPointsAtTheBadOne(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	err := c.ValidateCriteria(context.Background(), []mast.Criterion{
		{Name: "obs_collection", Value: "HST"}, {Name: "t_exptime", Value: "10..abc"}})
	var ce *mast.CriterionError
	if !errors.As(err, &ce) || ce.Index != 1 || !strings.Contains(err.Error(), "abc") {
		t.Fatalf("err = %v", err)
	}
	if err := c.ValidateCriteria(context.Background(), []mast.Criterion{{Name: "t_min", Value: "2022-07-01..2024-12-31"}}); err != nil {
		t.Fatalf("ISO date range rejected: %v", err)
	}
}

func TestSimBundleRequestStagesACurlScript(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	params := mast.Object{
		{Key: "urlList", Value: "https://hla.stsci.edu/cgi-bin/getdata.cgi?config=ops&dataset=a1,https://hla.stsci.edu/cgi-bin/ecfproxy?file_id=b2.fits"},
		{Key: "filename", Value: "mastDownload_20261122"},
		{Key: "pathList", Value: "mastDownload_20261122/HSC/a1.fits,mastDownload_20261122/HSC/b2.fits"},
		{Key: "descriptionList", Value: []string{"", ""}},
		{Key: "productTypeList", Value: []string{"spectrum", "spectrum"}},
		{Key: "extension", Value: "curl"},
	}
	raws, err := c.InvokeRaw(context.Background(), mast.InvokeRequest{Service: "Mast.Bundle.Request", Params: params})
	if err != nil {
		t.Fatal(err)
	}
	var ans struct {
		Status     string            `json:"status"`
		URL        string            `json:"url"`
		StatusList map[string]string `json:"statusList"`
	}
	if err := json.Unmarshal(raws[0], &ans); err != nil || ans.Status != "COMPLETE" || len(ans.StatusList) != 2 {
		t.Fatalf("answer %s: %v", raws[0], err)
	}
	if !strings.Contains(ans.URL, "/portal/Download/stage/anonymous/public/") || !strings.HasSuffix(ans.URL, "/mastDownload_20261122.sh") {
		t.Fatalf("url = %s", ans.URL)
	}
	resp, err := http.Get(ans.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	script, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || strings.Count(string(script), "curl ") != 2 || !strings.Contains(string(script), "HSC/b2.fits") {
		t.Fatalf("staged script (%d):\n%s", resp.StatusCode, script)
	}
}

// A bare year on a time column is that year (issue 9: t_min=2023 was MJD 2023, 0 rows);
// a year range spans whole years.
func TestSimYearCriteria(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	for _, tc := range []struct {
		value  string
		lo, hi float64 // MJD of the first and after the last day
	}{
		{"2023", 59945, 60310},
		{"2021..2022", 59215, 59945},
	} {
		tb, _, err := c.Search(ctx, mast.Query{Criteria: []mast.Criterion{{Name: "obs_collection", Value: "JWST"}, {Name: "t_min", Value: tc.value}}})
		if err != nil || tb.Rows() == 0 {
			t.Fatalf("t_min=%s: %v rows, %v", tc.value, tb.Rows(), err)
		}
		for _, v := range tb.Col("t_min").Float {
			if v < tc.lo || v > tc.hi {
				t.Fatalf("t_min=%s: a row starts at MJD %v", tc.value, v)
			}
		}
	}
}
