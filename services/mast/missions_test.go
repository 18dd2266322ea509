package mast

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"mastui/model"
)

// fakeSearchAPI is an httptest Search API: column_list from fixtures, search and
// post_list_products from per-test functions; it records the bodies.
type fakeSearchAPI struct {
	mu         sync.Mutex
	colLists   int
	bodies     []string
	headers    []http.Header
	search     func(body string) (int, string)
	products   func(body string) (int, string)
	columnList string
}

func newFakeSearchAPI(t *testing.T) (*fakeSearchAPI, *Client) {
	t.Helper()
	f := &fakeSearchAPI{columnList: fixture(t, "missions/column_list_hst.json")}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		defer f.mu.Unlock()
		switch {
		case r.URL.Path == "/search/util/api/v0.1/column_list":
			f.colLists++
			if r.URL.Query().Get("mission") != "hst" {
				w.Write([]byte("[]"))
				return
			}
			w.Write([]byte(f.columnList))
		case r.URL.Path == "/search/hst/api/v0.1/search" && r.Method == http.MethodPost:
			f.bodies = append(f.bodies, string(b))
			f.headers = append(f.headers, r.Header.Clone())
			st, out := f.search(string(b))
			w.WriteHeader(st)
			w.Write([]byte(out))
		case r.URL.Path == "/search/hst/api/v0.1/post_list_products" && r.Method == http.MethodPost:
			f.bodies = append(f.bodies, string(b))
			st, out := f.products(string(b))
			w.WriteHeader(st)
			w.Write([]byte(out))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return f, New(Config{BaseURL: srv.URL, MaxRetries: -1})
}

func TestMissionInfo(t *testing.T) {
	for name, want := range map[string]Mission{
		"HST":           {Name: "hst", DatasetKeyword: "sci_data_set_name", UsesRetrieveProduct: true, Telescope: "hubble"},
		"":              {Name: "hst", DatasetKeyword: "sci_data_set_name", UsesRetrieveProduct: true, Telescope: "hubble"},
		"jwst":          {Name: "jwst", DatasetKeyword: "fileSetName", UsesRetrieveProduct: true, Telescope: "webb"},
		"roman":         {Name: "roman", DatasetKeyword: "fileSetName", UsesRetrieveProduct: true},
		"roman_spectra": {Name: "roman_spectra", DatasetKeyword: "", UsesRetrieveProduct: true},
		"roman_cgi":     {Name: "roman_cgi", DatasetKeyword: "", UsesRetrieveProduct: true},
		"classy":        {Name: "classy", DatasetKeyword: "Target", UsesRetrieveProduct: false},
		"ullyses":       {Name: "ullyses", DatasetKeyword: "observation_id", UsesRetrieveProduct: false},
		"iue":           {Name: "iue", DatasetKeyword: "iue_data_id", UsesRetrieveProduct: false},
	} {
		got, notice := MissionInfo(name)
		if got != want || notice != "" {
			t.Errorf("MissionInfo(%q) = %+v, %q; want %+v", name, got, notice, want)
		}
	}
	got, notice := MissionInfo("Foo")
	if got != (Mission{Name: "foo"}) || !strings.Contains(notice, `"foo" does not have a known dataset ID keyword`) {
		t.Errorf("unknown mission: %+v, %q", got, notice)
	}
}

// searchAll is the search_hst.json answer claiming its 3 rows are all there are.
func searchAll(t *testing.T) string {
	return strings.Replace(fixture(t, "missions/search_hst.json"), `"totalResults": 7`, `"totalResults": 3`, 1)
}

func TestMissionSearchSeedBody(t *testing.T) {
	f, c := newFakeSearchAPI(t)
	f.search = func(string) (int, string) { return 200, searchAll(t) }
	q := MissionQuery{
		Mission:      "hst",
		Coordinates:  []Position{{RA: 23.34086, Dec: 60.658}},
		RadiusArcmin: 3,
		Criteria:     []Criterion{{"sci_pep_id", "12556,8794"}, {"sci_obs_type", "SPECTRUM"}},
		SelectCols:   []string{"sci_pep_id"},
		SortBy:       []string{"sci_pep_id"},
		SortDesc:     []bool{true},
	}
	if _, err := c.MissionSearch(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	want := `{"limit": 5000, "offset": 0, "select_cols": ["sci_pep_id", "sci_data_set_name"], ` +
		`"target": ["23.34086 60.658"], "radius": 180.0, "radius_units": "arcseconds", ` +
		`"conditions": [{"sci_pep_id": "12556,8794"}, {"sci_obs_type": "SPECTRUM"}], ` +
		`"sort_by": ["sci_pep_id"], "sort_desc": [true]}`
	if len(f.bodies) != 1 || f.bodies[0] != want {
		t.Fatalf("body\n got %q\nwant %q", f.bodies, want)
	}
	if !json.Valid([]byte(f.bodies[0])) {
		t.Error("body is not valid JSON")
	}
	h := f.headers[0]
	if h.Get("Content-Type") != "application/json" || h.Get("Accept") != "application/json" {
		t.Errorf("headers: %v", h)
	}
	// second query: column_list cached, defaults, no position → no target keys
	if _, err := c.MissionSearch(context.Background(), MissionQuery{Criteria: []Criterion{{"sci_targname", "M101"}}}); err != nil {
		t.Fatal(err)
	}
	if f.colLists != 1 {
		t.Errorf("column_list fetched %d times, want 1", f.colLists)
	}
	if want := `{"limit": 5000, "offset": 0, "select_cols": null, "conditions": [{"sci_targname": "M101"}]}`; f.bodies[1] != want {
		t.Errorf("body\n got %s\nwant %s", f.bodies[1], want)
	}
}

func TestMissionSearchValidation(t *testing.T) {
	f, c := newFakeSearchAPI(t)
	f.search = func(string) (int, string) { return 200, fixture(t, "missions/search_hst.json") }
	ctx := context.Background()
	_, err := c.MissionSearch(ctx, MissionQuery{Criteria: []Criterion{{"sci_pep_id", "1"}, {"sci_Targname", "M101"}}})
	var ce *CriterionError
	if err == nil || !errors.As(err, &ce) || ce.Index != 1 || !strings.Contains(err.Error(), "Did you mean 'sci_targname'?") {
		t.Errorf("case-sensitive check: %v", err)
	}
	_, err = c.MissionSearch(ctx, MissionQuery{SelectCols: []string{"sci_pep_id, sci_nope"}})
	if err == nil || !strings.Contains(err.Error(), "sci_nope") {
		t.Errorf("unknown select col: %v", err)
	}
	_, err = c.MissionSearch(ctx, MissionQuery{Coordinates: []Position{{1, 2}}, RadiusArcmin: 31})
	if err == nil || !strings.Contains(err.Error(), "query radius too large: must be ≤ 30 arcmin") {
		t.Errorf("radius: %v", err)
	}
	_, err = c.MissionSearch(ctx, MissionQuery{SortBy: []string{"sci_pep"}})
	if err == nil || !strings.Contains(err.Error(), "sci_pep_id") {
		t.Errorf("sort_by: %v", err)
	}
	many := make([]Position, 101)
	if _, err = c.MissionSearch(ctx, MissionQuery{Coordinates: many}); err == nil || !strings.Contains(err.Error(), "at most 100") {
		t.Errorf("targets: %v", err)
	}
	if len(f.bodies) != 0 {
		t.Errorf("invalid queries were sent: %q", f.bodies)
	}
	// "all" → every column; dataset keyword not duplicated
	if _, err := c.MissionSearch(ctx, MissionQuery{SelectCols: []string{"all"}, Limit: 3, Offset: 6}); err != nil {
		t.Fatal(err)
	}
	want := `{"limit": 3, "offset": 6, "select_cols": ["sci_data_set_name", "sci_targname", "sci_pep_id", "sci_obs_type", ` +
		`"sci_instrume", "sci_ra", "sci_start_time", "sci_hlsp", "sci_actual_duration", "sci_archive_id", "sci_public"], "conditions": []}`
	if f.bodies[0] != want {
		t.Errorf("all:\n got %s\nwant %s", f.bodies[0], want)
	}
}

func TestMissionSearchDecode(t *testing.T) {
	f, c := newFakeSearchAPI(t)
	f.search = func(string) (int, string) { return 200, fixture(t, "missions/search_hst.json") }
	p, err := c.MissionSearch(context.Background(), MissionQuery{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	tb := p.Table
	wantCols := []string{"sci_data_set_name", "sci_pep_id", "sci_ra", "sci_start_time", "sci_instrume", "sci_hlsp",
		"sci_actual_duration", "sci_archive_id", "sci_public", "ang_sep"}
	if strings.Join(tb.Names(), ",") != strings.Join(wantCols, ",") {
		t.Fatalf("columns %v, want %v (info order, info only)", tb.Names(), wantCols)
	}
	if !p.HitLimit || p.Total != 7 || p.Limit != 3 || tb.Rows() != 3 {
		t.Errorf("page: hit %v total %d limit %d rows %d", p.HitLimit, p.Total, p.Limit, tb.Rows())
	}
	if len(p.Messages) != 1 || p.Messages[0] != "Query OK" {
		t.Errorf("messages %q", p.Messages)
	}
	kinds := map[string]model.Kind{"sci_data_set_name": model.KindString, "sci_pep_id": model.KindInt, "sci_ra": model.KindFloat,
		"sci_start_time": model.KindString, "sci_instrume": model.KindString, "sci_actual_duration": model.KindFloat,
		"sci_archive_id": model.KindInt, "sci_public": model.KindBool}
	for n, k := range kinds {
		if got := tb.Col(n).Kind; got != k {
			t.Errorf("%s kind %v want %v", n, got, k)
		}
	}
	if tb.Col("sci_instrume").Str[0] != "WFPC  " {
		t.Errorf("trailing blanks lost: %q", tb.Col("sci_instrume").Str[0])
	}
	if tb.Col("sci_archive_id").Int[0] != 9007199254740993 {
		t.Errorf("big int: %d", tb.Col("sci_archive_id").Int[0])
	}
	pep := tb.Col("sci_pep_id")
	if pep.Int[0] != 12556 || pep.IsMasked(0) || !pep.IsMasked(1) || !pep.IsMasked(2) || pep.Int[2] != -999 {
		t.Errorf("pep %v %v", pep.Int, pep.Masked)
	}
	ra := tb.Col("sci_ra")
	if !ra.IsMasked(1) || ra.Float[1] != -999 || ra.Float[2] != 40.1 {
		t.Errorf("ra %v %v", ra.Float, ra.Masked)
	}
	if d := tb.Col("sci_actual_duration"); !d.IsMasked(1) || d.IsMasked(2) || d.Float[2] != 12 {
		t.Errorf("duration %v %v", d.Float, d.Masked)
	}
	if h := tb.Col("sci_hlsp"); !h.IsMasked(0) || !h.IsMasked(1) || h.Str[2] != "HLSP" {
		t.Errorf("hlsp %q %v", h.Str, h.Masked)
	}
	if s := tb.Col("sci_start_time"); !s.IsMasked(1) || s.Str[2] != "2001-05-05T01:02:03.5" {
		t.Errorf("start %q %v", s.Str, s.Masked)
	}
	if b := tb.Col("sci_public"); !b.Bool[0] || b.Bool[1] || !b.IsMasked(2) {
		t.Errorf("public %v %v", b.Bool, b.Masked)
	}
	if m := tb.Col("sci_pep_id").Meta; m.Description != "Proposal ID." || m.Label != "Proposal ID" || m.Type != "INTEGER" {
		t.Errorf("meta %+v", m)
	}
	// fewer rows than limit, and no more exist → no HitLimit
	f.search = func(string) (int, string) { return 200, searchAll(t) }
	p, err = c.MissionSearch(context.Background(), MissionQuery{Limit: 4})
	if err != nil || p.HitLimit {
		t.Errorf("limit 4: %v %v", p.HitLimit, err)
	}
}

func TestMissionSearchRejected(t *testing.T) {
	for _, st := range []int{400, 500} {
		f, c := newFakeSearchAPI(t)
		f.search = func(string) (int, string) {
			return st, `{"error": "Invalid value for sci_pep_id: 'invalid'\u001b[31m"}`
		}
		_, err := c.MissionSearch(context.Background(), MissionQuery{Criteria: []Criterion{{"sci_pep_id", "invalid"}}})
		var qe *MissionQueryError
		if err == nil || !errors.As(err, &qe) || qe.StatusCode != st ||
			!strings.HasPrefix(err.Error(), "MAST Search API rejected the query: Invalid value for sci_pep_id: 'invalid'") ||
			strings.Contains(err.Error(), "\x1b") {
			t.Errorf("%d: %v", st, err)
		}
		if len(f.bodies) != 1 {
			t.Errorf("%d: %d requests (500 must not be retried)", st, len(f.bodies))
		}
	}
}

func TestMissionProductsBatches(t *testing.T) {
	f, c := newFakeSearchAPI(t)
	var sizes []int
	f.products = func(body string) (int, string) {
		var req struct {
			IDs []string `json:"dataset_ids"`
		}
		if err := json.Unmarshal([]byte(body), &req); err != nil {
			return 400, `{"error":"bad"}`
		}
		sizes = append(sizes, len(req.IDs))
		var b strings.Builder
		b.WriteString(`{"products": [`)
		for i, id := range req.IDs {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"dataset": "` + id + `", "filename": "` + strings.ToLower(id) + `_raw.fits", "size": 10}`)
		}
		b.WriteString("]}")
		return 200, b.String()
	}
	ids := make([]string, 0, 2502)
	for i := 0; i < 2500; i++ {
		ids = append(ids, "D"+strings.Repeat("0", 4)+string(rune('A'+i%26))+strconv.Itoa(i))
	}
	ids = append(ids, ids[0], " ")
	tb, err := c.MissionProducts(context.Background(), "hst", ids, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(sizes) != 3 || sizes[0] != 1000 || sizes[1] != 1000 || sizes[2] != 500 {
		t.Errorf("batches %v", sizes)
	}
	if tb.Rows() != 2500 || tb.Col("dataset").Str[2499] != ids[2499] || tb.Col("size").Kind != model.KindInt {
		t.Errorf("rows %d", tb.Rows())
	}
	if _, err := c.MissionProducts(context.Background(), "hst", []string{" ", ""}, 0); err == nil {
		t.Error("empty dataset list accepted")
	}
}

func TestMissionProductsFixtures(t *testing.T) {
	f, c := newFakeSearchAPI(t)
	f.products = func(string) (int, string) { return 200, fixture(t, "missions/products_hst.json") }
	tb, err := c.MissionProducts(context.Background(), "hst", []string{"JBTAA0010,JBTAA0020"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.bodies[0] != `{"dataset_ids":["JBTAA0010","JBTAA0020"]}` {
		t.Errorf("body %s", f.bodies[0])
	}
	want := "product_key,access,dataset,instrument_name,filters,filename,uri,authz_primary_identifier," +
		"authz_secondary_identifier,file_suffix,category,size,type"
	if strings.Join(tb.Names(), ",") != want || tb.Rows() != 3 {
		t.Fatalf("columns %v rows %d", tb.Names(), tb.Rows())
	}
	if tb.Col("size").Int[1] != 214901760 || tb.Col("authz_primary_identifier").Str[0] != "12345" {
		t.Errorf("values")
	}
	u, dups := UniqueMissionProducts(tb)
	if dups != 1 || u.Rows() != 2 || u.Col("uri").Str[1] != "JBTAA0010/jbtaa0010_drz.fits" {
		t.Errorf("unique: %d %d", dups, u.Rows())
	}

	f.products = func(string) (int, string) { return 200, fixture(t, "missions/products_nested.json") }
	tb, err = c.MissionProducts(context.Background(), "hst", []string{"x"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Rows() != 2 || tb.Names()[1] != "fileset" || !tb.Col("size").IsMasked(1) || tb.Col("size").Int[0] != 117538560 {
		t.Errorf("nested: %v rows %d", tb.Names(), tb.Rows())
	}
}

func TestParseMissionRadius(t *testing.T) {
	for in, want := range map[string]float64{"3": 3, "0.5": 0.5, "3 arcmin": 3, "0.05 deg": 3, "30 arcsec": 0.5, "30": 30, "0.5 deg": 30, "1800 arcsec": 30} {
		got, err := ParseMissionRadius(in)
		if err != nil || got < want-1e-9 || got > want+1e-9 {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{"31": "query radius too large: must be ≤ 30 arcmin, got \"31\"",
		"1 deg": "query radius too large", "": "bare number is arcminutes", "x": "bare number is arcminutes", "0": "positive", "-1": "positive"} {
		if _, err := ParseMissionRadius(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", in, err, msg)
		}
	}
}

// The checks MissionSearch runs before a request are usable on their own (the TUI form
// runs them as the user types).
func TestValidateMissionQueryOffline(t *testing.T) {
	cols := []MissionColumn{{Name: "targprop"}, {Name: "instrume"}, {Name: "fileSetName"}}
	ok := MissionQuery{Criteria: []Criterion{{Name: "instrume", Value: "NIRCAM"}}, SortBy: []string{"ang_sep"}, SelectCols: []string{"targprop,instrume"}}
	if err := ValidateMissionQuery("jwst", cols, ok); err != nil {
		t.Fatalf("valid query: %v", err)
	}
	for _, c := range []struct {
		q    MissionQuery
		want string
	}{
		{MissionQuery{SortBy: []string{"targpro"}}, "Did you mean 'targprop'?"},
		{MissionQuery{SelectCols: []string{"instrum"}}, "Column 'instrum' does not exist"},
		{MissionQuery{Criteria: []Criterion{{Name: "Instrume", Value: "x"}}}, "Did you mean 'instrume'?"},
		{MissionQuery{RadiusArcmin: 45}, "30"},
		{MissionQuery{Objects: make([]string, 101)}, "at most 100"},
	} {
		if err := ValidateMissionQuery("jwst", cols, c.q); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.q, err, c.want)
		}
	}
	for spec, want := range map[string]string{"date_obs": "date_obs asc", " date_obs : DESC ": "date_obs desc", "x:up": "error", ":desc": "error"} {
		col, desc, err := ParseMissionSort(spec)
		got := col + map[bool]string{true: " desc", false: " asc"}[desc]
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("sort %q: %s, want %s", spec, got, want)
		}
	}
}

// TestMissionSearchShortAnswersFail: when the answer after a short one brings nothing,
// the search fails instead of returning part of the result.
func TestMissionSearchShortAnswersFail(t *testing.T) {
	f, c := newFakeSearchAPI(t)
	f.search = func(body string) (int, string) {
		if strings.Contains(body, `"offset": 0,`) {
			return 200, fixture(t, "missions/search_hst.json") // 3 rows of 7
		}
		return 200, `{"messages": [], "info": [], "totalResults": 7, "results": []}`
	}
	_, err := c.MissionSearch(context.Background(), MissionQuery{})
	var ie *IncompleteError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "search hst: server returned 3 of 7 rows") {
		t.Fatalf("err = %v, want a partial result refused", err)
	}
	if len(f.bodies) != 2 || !strings.Contains(f.bodies[1], `"limit": 4997, "offset": 3,`) {
		t.Errorf("requests %q", f.bodies)
	}
}
