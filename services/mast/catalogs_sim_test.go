package mast_test

// Seed 003 (Catalogs, without PanSTARRS) and seed 004 (Mast.Jwst.Filtered.Nirspec)
// examples through the client against the simulator.

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/services/testmode"
)

// catalogSim is a simulator whose invoke requests are recorded (decoded JSON).
type catalogSim struct {
	c    *mast.Client
	url  string
	mu   sync.Mutex
	sent []map[string]json.RawMessage
}

func newCatalogSim(t *testing.T) *catalogSim {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: demoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	cs := &catalogSim{}
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v0/invoke" {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			if form, err := url.ParseQuery(string(body)); err == nil {
				var m map[string]json.RawMessage
				if json.Unmarshal([]byte(form.Get("request")), &m) == nil {
					cs.mu.Lock()
					cs.sent = append(cs.sent, m)
					cs.mu.Unlock()
				}
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	cs.url = ts.URL
	cs.c = mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond, RetryBaseDelay: time.Millisecond})
	return cs
}

// lastParams is the params of the last request sent to service.
func (cs *catalogSim) lastParams(t *testing.T, service string) string {
	t.Helper()
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for i := len(cs.sent) - 1; i >= 0; i-- {
		var s string
		json.Unmarshal(cs.sent[i]["service"], &s)
		if s == service {
			var b bytes.Buffer
			json.Compact(&b, cs.sent[i]["params"])
			return b.String()
		}
	}
	t.Fatalf("no request to %s", service)
	return ""
}

func search(t *testing.T, c *mast.Client, q mast.CatalogQuery) *mast.CatalogResult {
	t.Helper()
	res, err := c.CatalogSearch(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	if res.Table.Rows() == 0 {
		t.Fatalf("%+v: no rows", q)
	}
	return res
}

func pos(ra, dec float64) *mast.Position { return &mast.Position{RA: ra, Dec: dec} }

func TestCatalogGalexConeKeepsObjIDExact(t *testing.T) {
	cs := newCatalogSim(t)
	res := search(t, cs.c, mast.CatalogQuery{Catalog: "Galex", Position: pos(158.47924, -7.30962)})
	if res.Service != "Mast.Galex.Catalog" || res.Table.Columns[0].Name != "distance_arcmin" {
		t.Fatalf("service %s, first column %s", res.Service, res.Table.Columns[0].Name)
	}
	if got := cs.lastParams(t, "Mast.Galex.Catalog"); got != `{"ra":158.47924,"dec":-7.30962,"radius":0.2,"maxrecords":50000}` {
		t.Fatalf("params sent: %s", got)
	}
	// The objID of row 0 as the server wrote it, read again from the raw answer.
	raws, err := cs.c.InvokeRaw(context.Background(), mast.InvokeRequest{Service: "Mast.Galex.Catalog",
		Params: mast.Object{{"ra", 158.47924}, {"dec", -7.30962}, {"radius", 0.2}, {"maxrecords", 50000}}})
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Data []map[string]json.Number `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(raws[0]))
	dec.UseNumber()
	dec.Decode(&raw)
	want := raw.Data[0]["objID"].String()
	if got := res.Table.Col("objID").String(0); got != want {
		t.Fatalf("objID %s, server sent %s", got, want)
	}
	if n, _ := strconv.ParseUint(want, 10, 64); n <= 1<<53 {
		t.Fatalf("objID %s is not above 2^53: the test proves nothing", want)
	}
	if d := res.Table.Col("distance_arcmin"); d.Float[res.Table.Rows()-1] > 12+1e-9 {
		t.Fatalf("a row is %v arcmin away", d.Float[res.Table.Rows()-1])
	}
}

func TestCatalogHSCMaxResultsWarning(t *testing.T) {
	cs := newCatalogSim(t)
	res := search(t, cs.c, mast.CatalogQuery{Catalog: "HSC", Position: pos(322.49324, 12.16683),
		Params: []mast.Criterion{{Name: "magtype", Value: "2"}, {Name: "nr", Value: "500"}}})
	if res.Service != "Mast.Hsc.Db.v3" || res.Table.Rows() != 500 {
		t.Fatalf("%s: %d rows", res.Service, res.Table.Rows())
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "Maximum catalog results returned (nr=500)") {
		t.Fatalf("warnings: %q", res.Warnings)
	}
	if got := cs.lastParams(t, "Mast.Hsc.Db.v3"); got != `{"ra":322.49324,"dec":12.16683,"radius":0.2,"nr":500,"ni":1,"magtype":2}` {
		t.Fatalf("params sent: %s", got)
	}
	small := search(t, cs.c, mast.CatalogQuery{Catalog: "hsc", Version: "2", Position: pos(322.49324, 12.16683), RadiusDeg: 0.001})
	if small.Service != "Mast.Hsc.Db.v2" || len(small.Warnings) != 0 {
		t.Fatalf("%s warnings %q", small.Service, small.Warnings)
	}
	if _, err := cs.c.CatalogSearch(context.Background(), mast.CatalogQuery{Catalog: "HSC", Position: pos(1, 1),
		Params: []mast.Criterion{{Name: "maxrecords", Value: "5"}}}); err == nil || !strings.Contains(err.Error(), "use nr, ni, magtype") {
		t.Fatalf("err = %v", err)
	}
}

func TestCatalogTICAroundM10(t *testing.T) {
	cs := newCatalogSim(t)
	res := search(t, cs.c, mast.CatalogQuery{Catalog: "TIC", Object: "M10", RadiusDeg: 0.02})
	tb := res.Table
	if res.Resolved == nil || tb.Col("ID") == nil || tb.Col("Tmag") == nil || tb.Col("dstArcSec") == nil {
		t.Fatalf("resolved %v, columns %v", res.Resolved, tb.Names())
	}
	if tb.Col("ID").Kind != model.KindString || tb.Col("ID").Str[0] == "" {
		t.Fatalf("ID column: %v", tb.Col("ID").Kind)
	}
	for i := range tb.Rows() {
		if d := tb.Col("dstArcSec").Float[i]; d > 72+1e-6 {
			t.Fatalf("row %d at %v arcsec", i, d)
		}
	}
}

func TestCatalogGaiaVersions(t *testing.T) {
	cs := newCatalogSim(t)
	res := search(t, cs.c, mast.CatalogQuery{Catalog: "Gaia", Version: "2", Position: pos(158.47924, -7.30962), RadiusDeg: 0.1})
	if res.Service != "Mast.Catalogs.GaiaDR2.Cone" {
		t.Fatal(res.Service)
	}
	des, id := res.Table.Col("designation"), res.Table.Col("source_id")
	if id.Kind != model.KindInt || des.Str[0] != "Gaia DR2 "+strconv.FormatInt(id.Int[0], 10) || id.Int[0] <= 1<<53 {
		t.Fatalf("designation %q, source_id %v", des.Str[0], id.Int[0])
	}
	def := search(t, cs.c, mast.CatalogQuery{Catalog: "gaia", Position: pos(158.47924, -7.30962), RadiusDeg: 0.05})
	if def.Service != "Mast.Catalogs.GaiaDR3.Cone" {
		t.Fatal(def.Service)
	}
	if _, err := cs.c.CatalogSearch(context.Background(), mast.CatalogQuery{Catalog: "Gaia", Version: "4", Position: pos(1, 1)}); err == nil ||
		!strings.Contains(err.Error(), "DR1, DR2, DR3, TGAS") {
		t.Fatalf("err = %v", err)
	}
}

func TestCatalogTICCriteriaEncodingAndRows(t *testing.T) {
	cs := newCatalogSim(t)
	q := mast.CatalogQuery{Catalog: "Tic", Criteria: []mast.Criterion{{Name: "Bmag", Value: "30..50"}, {Name: "objType", Value: "STAR"}}}
	res := search(t, cs.c, q)
	if res.Service != "Mast.Catalogs.Filtered.Tic.Rows" {
		t.Fatal(res.Service)
	}
	want := `{"columns":"*","filters":[{"paramName":"Bmag","values":[{"min":30.0,"max":50.0}]},{"paramName":"objType","values":["STAR"]}]}`
	if got := cs.lastParams(t, "Mast.Catalogs.Filtered.Tic.Rows"); got != want {
		t.Fatalf("params sent:\n%s\nwant\n%s", got, want)
	}
	for i := range res.Table.Rows() {
		if b := res.Table.Col("Bmag").Float[i]; b < 30 || b > 50 || res.Table.Col("objType").Str[i] != "STAR" {
			t.Fatalf("row %d: Bmag %v objType %q", i, b, res.Table.Col("objType").Str[i])
		}
	}
	n, err := cs.c.CatalogCount(context.Background(), q)
	if err != nil || n != int64(res.Table.Rows()) {
		t.Fatalf("count %d (%v), rows %d", n, err, res.Table.Rows())
	}
	if got := cs.lastParams(t, "Mast.Catalogs.Filtered.Tic"); !strings.Contains(got, `"columns":"COUNT_BIG(*)"`) {
		t.Fatalf("count params: %s", got)
	}
	_, err = cs.c.CatalogSearch(context.Background(), mast.CatalogQuery{Catalog: "TIC", Criteria: []mast.Criterion{{Name: "Tmagg", Value: "1..2"}}})
	if err == nil || !strings.Contains(err.Error(), `did you mean "Tmag"`) {
		t.Fatalf("err = %v", err)
	}
	_, err = cs.c.CatalogSearch(context.Background(), mast.CatalogQuery{Catalog: "Gaia", Criteria: []mast.Criterion{{Name: "ra", Value: "1..2"}}})
	if err == nil || !strings.Contains(err.Error(), "not available for catalog Gaia") {
		t.Fatalf("err = %v", err)
	}
}

func TestCatalogCTLAndDiskDetectiveCriteriaWithPosition(t *testing.T) {
	cs := newCatalogSim(t)
	ctl := search(t, cs.c, mast.CatalogQuery{Catalog: "Ctl", Object: "M101", RadiusDeg: 1, Criteria: []mast.Criterion{{Name: "Tmag", Value: "10.75..11"}}})
	if ctl.Service != "Mast.Catalogs.Filtered.Ctl.Position.Rows" || ctl.Table.Col("ctlPriority") == nil {
		t.Fatalf("%s %v", ctl.Service, ctl.Table.Names())
	}
	if got := cs.lastParams(t, ctl.Service); !strings.HasPrefix(got, `{"ra":210.80`) || !strings.Contains(got, `"radius":1.0,"columns":"*","filters":[{"paramName":"Tmag","values":[{"min":10.75,"max":11.0}]}]`) {
		t.Fatalf("params: %s", got)
	}
	dd := search(t, cs.c, mast.CatalogQuery{Catalog: "DiskDetective", Object: "M10", RadiusDeg: 2, Criteria: []mast.Criterion{{Name: "state", Value: "complete"}}})
	if dd.Service != "Mast.Catalogs.Filtered.DiskDetective.Position" {
		t.Fatal(dd.Service)
	}
	if got := cs.lastParams(t, dd.Service); strings.Contains(got, "columns") {
		t.Fatalf("DiskDetective params carry columns: %s", got)
	}
	g := dd.Table.Col("G_source_id")
	for i := range dd.Table.Rows() {
		n, err := strconv.ParseUint(g.String(i), 10, 64)
		if err != nil || n <= 1<<53 || dd.Table.Col("state").Str[i] != "complete" ||
			!strings.HasPrefix(dd.Table.Col("ZooniverseURL").Str[i], "https://talk.diskdetective.org/#/subjects/") {
			t.Fatalf("row %d: G_source_id %q state %q", i, g.String(i), dd.Table.Col("state").Str[i])
		}
	}
	cols, err := cs.c.CatalogColumns(context.Background(), "DiskDetective", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		if c.Name == "state" && (c.Continuous || len(c.Values) != 2) {
			t.Fatalf("state column: %+v", c)
		}
		if c.Name == "w1mpro" && (!c.Continuous || c.Min == nil || c.Max == nil || *c.Min >= *c.Max) {
			t.Fatalf("w1mpro column: %+v", c)
		}
	}
}

func TestCatalogHSCMatchesAndSpectra(t *testing.T) {
	cs := newCatalogSim(t)
	ctx := context.Background()
	res := search(t, cs.c, mast.CatalogQuery{Object: "M10", RadiusDeg: 0.02})
	match := res.Table.Col("MatchID").String(0)
	m, err := cs.c.HSCMatches(ctx, match, "")
	if err != nil || m.Rows() == 0 {
		t.Fatalf("matches of %s: %v rows, %v", match, m, err)
	}
	for i := range m.Rows() {
		if m.Col("MatchID").String(i) != match {
			t.Fatalf("row %d has MatchID %s", i, m.Col("MatchID").String(i))
		}
	}
	if n, _ := res.Table.Col("NumImages").Int64(0); int(n) != m.Rows() {
		t.Fatalf("NumImages %d, %d matches", n, m.Rows())
	}
	if got := cs.lastParams(t, "Mast.HscMatches.Db.v3"); got != `{"input":"`+match+`"}` {
		t.Fatalf("params: %s", got)
	}
	spec, err := cs.c.HSCSpectra(ctx)
	if err != nil || spec.Rows() < 10 {
		t.Fatalf("spectra: %v", err)
	}
	dir := t.TempDir()
	items, err := cs.c.HSCSpectrumItems(spec, []int{0, 2}, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	name0 := spec.Col("DatasetName").Str[0]
	if !strings.HasPrefix(items[0].URL, cs.url+"/cgi-bin/getdata.cgi?config=ops&dataset=") ||
		!strings.HasPrefix(items[1].URL, cs.url+"/cgi-bin/ecfproxy?file_id=") ||
		items[0].Dest != dir+"/mastDownload/HSC/"+name0+".fits" {
		t.Fatalf("items: %+v", items)
	}
	for _, it := range items {
		resp, err := http.Get(it.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("SIMPLE  =")) || len(b)%2880 != 0 {
			t.Fatalf("%s: %d, %d bytes", it.URL, resp.StatusCode, len(b))
		}
	}
}

func TestServiceRequestJwstNirspecSweep(t *testing.T) {
	testmode.Sweep(t)
	cs := newCatalogSim(t)
	ctx := context.Background()
	all, err := cs.c.Service(ctx, mast.ServiceRequest{Service: "Mast.Jwst.Filtered.Nirspec", Params: json.RawMessage(`{"columns": "*", "filters": []}`)})
	if err != nil || all.Table.Rows() == 0 || all.Table.Col("filename") == nil || all.Table.Col("msametfl") == nil {
		t.Fatalf("all NIRSpec files: %v", err)
	}
	if got := cs.lastParams(t, "Mast.Jwst.Filtered.Nirspec"); got != `{"columns":"*","filters":[]}` {
		t.Fatalf("params: %s", got)
	}
	multi := `{"columns": "*", "filters": [{"paramName": "apername", "values": ["NRS1_FULL", "NRS_FULL_MSA"]},
		{"paramName": "detector", "values": ["NRS1"]}, {"paramName": "filter", "values": ["F290LP", "F170LP"]},
		{"paramName": "exp_type", "values": ["NRS_IFU", "NRS_MSASPEC", "NRS_BRIGHTOBJ", "NRS_WATA"]},
		{"paramName": "readpatt", "values": ["NRS", "NRSRAPID"]}]}`
	res, err := cs.c.Service(ctx, mast.ServiceRequest{Service: "mast.jwst.filtered.nirspec", Params: json.RawMessage(multi)})
	if err != nil || res.Table.Rows() == 0 {
		t.Fatalf("multi-filter query: %v", err)
	}
	tb := res.Table
	for i := range tb.Rows() {
		if tb.Col("detector").Str[i] != "NRS1" || !strings.Contains("NRS NRSRAPID", tb.Col("readpatt").Str[i]) || tb.Col("visitype").Str[i] == "" {
			t.Fatalf("row %d: %s %s", i, tb.Col("detector").Str[i], tb.Col("readpatt").Str[i])
		}
	}
	n, err := cs.c.ServiceCount(ctx, mast.ServiceRequest{Service: "Mast.Jwst.Filtered.Nirspec", Params: json.RawMessage(multi)})
	if err != nil || n != int64(tb.Rows()) {
		t.Fatalf("count %d (%v), rows %d", n, err, tb.Rows())
	}
	if _, err := cs.c.Service(ctx, mast.ServiceRequest{Service: "Mast.Jwst.Filtered.Nirspec", Params: json.RawMessage(`{"columns": "*",`)}); err == nil ||
		!strings.Contains(err.Error(), "params must be a JSON object") {
		t.Fatalf("err = %v", err)
	}
	_, err = cs.c.Service(ctx, mast.ServiceRequest{Service: "Mast.Nope.Cone", Params: json.RawMessage(`{}`)})
	if err == nil || !strings.Contains(err.Error(), "Unknown service: Mast.Nope.Cone") {
		t.Fatalf("err = %v", err)
	}
}
