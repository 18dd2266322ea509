package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"mastui/services/sim/archive"
	"mastui/services/testmode"
)

func TestInvokeAstroqueryFormEncoding(t *testing.T) {
	s, ts := sharedServer(t)
	bodies := astroqueryBodies(t)
	if len(bodies) < 4 {
		t.Fatalf("fixture has %d requests", len(bodies))
	}
	code, b := postForm(t, ts.URL+"/api/v0/invoke", bodies["cone_m101"])
	if code != 200 {
		t.Fatalf("HTTP %d", code)
	}
	p := decodePortal(t, b)
	idx, _ := s.Archive().Cone(210.802429, 54.34875, 0.2)
	if p.Status != "COMPLETE" || len(p.Data) != len(idx) || len(idx) < 200 {
		t.Fatalf("cone M101: status %q, %d rows, archive has %d", p.Status, len(p.Data), len(idx))
	}
	// Answer keys come in MAST's order.
	order := []string{`"status"`, `"msg"`, `"data"`, `"fields"`, `"paging"`}
	last := -1
	for _, k := range order {
		i := bytes.Index(b, []byte(k))
		if i <= last {
			t.Fatalf("key %s out of order in %.200s", k, b)
		}
		last = i
	}
	if p.Paging.Page != 1 || p.Paging.PageSize != 50000 || p.Paging.PagesFiltered != 1 || p.Paging.Rows != len(idx) ||
		p.Paging.RowsFiltered != len(idx) || p.Paging.RowsTotal != len(idx) {
		t.Errorf("paging %+v", p.Paging)
	}
	// The same body as a GET query string works too.
	resp, err := http.Get(ts.URL + "/api/v0/invoke?" + bodies["count_tess"])
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var count portal
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&count); err != nil || count.Status != "COMPLETE" || len(count.Data) != 1 {
		t.Fatalf("GET count: %v %+v", err, count)
	}
	if int(num(t, count.Data[0]["Column1"])) != s.Archive().Collections()["TESS"] {
		t.Errorf("TESS count %v, archive has %d", count.Data[0]["Column1"], s.Archive().Collections()["TESS"])
	}
}

func TestFieldsTypesAndNumbers(t *testing.T) {
	s, ts := sharedServer(t)
	b := invokeRaw(t, ts.URL, `{"service": "Mast.Caom.Cone", "params": {"ra": 210.802429, "dec": 54.34875, "radius": 0.2}, "format": "json", "pagesize": 50000, "page": 1, "cacheBreaker": "x"}`)
	p := decodePortal(t, b)
	types := map[string]string{}
	var names []string
	for _, f := range p.Fields {
		types[f.Name] = f.Type
		names = append(names, f.Name)
	}
	want := map[string]string{"obsid": "string", "objID": "string", "s_ra": "float", "calib_level": "int",
		"distance": "float", "_selected_": "boolean", "mtFlag": "boolean", "obs_collection": "string"}
	for k, v := range want {
		if types[k] != v {
			t.Errorf("field %s type %q, want %q (fields %v)", k, types[k], v, names)
		}
	}
	if names[0] != "intentType" || names[len(names)-1] != "_selected_" || names[len(names)-2] != "distance" {
		t.Errorf("field order %v", names)
	}
	bigSeen := false
	for _, row := range p.Data {
		// obsid and objID are typed "string" but sent as JSON numbers, as MAST does.
		id, ok := row["obsid"].(json.Number)
		if !ok {
			t.Fatalf("obsid %v is %T, want a JSON number", row["obsid"], row["obsid"])
		}
		obj := row["objID"].(json.Number).String()
		if len(obj) >= 16 && obj > "9007199254740992" {
			bigSeen = true
			if strings.Contains(obj, "e") || strings.Contains(obj, ".") {
				t.Fatalf("objID %s not an integer literal", obj)
			}
		}
		o, found := s.Archive().Observation(mustUint(t, id.String()))
		if !found || o.ObsID != row["obs_id"] {
			t.Fatalf("row %v does not match the archive", row["obs_id"])
		}
		if row["_selected_"] != nil {
			t.Fatalf("_selected_ = %v, want null", row["_selected_"])
		}
		if _, ok := row["srcDen"]; !ok {
			t.Fatal("null cells must be present as null")
		}
	}
	if !bigSeen {
		t.Error("no objID above 2^53 around M101; clients that parse IDs as float64 would go untested")
	}
	if !bytes.Contains(b, []byte(`"srcDen": null`)) {
		t.Error("null floats should be written as null")
	}
}

func mustUint(t *testing.T, s string) uint64 {
	t.Helper()
	var v uint64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExecutingThenComplete(t *testing.T) {
	t.Parallel()
	_, ts := newTestServer(t, Options{Seed: 1, Executing: 3})
	req := `{"service": "Mast.Caom.Cone", "params": {"ra": 254.28771, "dec": -4.10031, "radius": 0.05}, "format": "json", "pagesize": 10, "page": 1, "cacheBreaker": "job-1"}`
	for i := 0; i < 3; i++ {
		b := invokeRaw(t, ts.URL, req)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m["status"] != "EXECUTING" || m["msg"] != "" {
			t.Fatalf("poll %d: %s", i, b)
		}
		if _, ok := m["percent complete"]; !ok {
			t.Fatalf("poll %d lacks \"percent complete\": %s", i, b)
		}
	}
	if p := decodePortal(t, invokeRaw(t, ts.URL, req)); p.Status != "COMPLETE" || len(p.Data) != 10 {
		t.Fatalf("4th poll: %s with %d rows", p.Status, len(p.Data))
	}
	// Later pages of the same job (same cacheBreaker) do not start over.
	page2 := strings.Replace(req, `"page": 1`, `"page": 2`, 1)
	if p := decodePortal(t, invokeRaw(t, ts.URL, page2)); p.Status != "COMPLETE" || p.Paging.Page != 2 {
		t.Fatalf("page 2: %s page %d", p.Status, p.Paging.Page)
	}
	// A new cacheBreaker is a new job.
	other := strings.Replace(req, "job-1", "job-2", 1)
	if p := decodePortal(t, invokeRaw(t, ts.URL, other)); p.Status != "EXECUTING" {
		t.Fatalf("new job answered %s", p.Status)
	}
}

func TestPagingConcatenatesToFullResult(t *testing.T) {
	_, ts := sharedServer(t)
	base := map[string]any{"service": "Mast.Caom.Filtered.Position", "format": "json", "cacheBreaker": "paging",
		"params": map[string]any{"columns": "*", "filters": []any{}, "position": "322.49324, 12.16683, 0.2"}}
	full := query(t, ts.URL, withPage(base, 50000, 1))
	if len(full.Data) != 1804 {
		t.Fatalf("M15 region has %d observations, want 1804 (the astroquery docs' count)", len(full.Data))
	}
	const size = 500
	seen := map[string]bool{}
	var ids []string
	for page := 1; ; page++ {
		p := query(t, ts.URL, withPage(base, size, page))
		wantPages := (1804 + size - 1) / size
		if p.Paging.Page != page || p.Paging.PageSize != size || p.Paging.PagesFiltered != wantPages ||
			p.Paging.RowsFiltered != 1804 || p.Paging.Rows != len(p.Data) {
			t.Fatalf("page %d paging %+v", page, p.Paging)
		}
		if page < wantPages && len(p.Data) != size {
			t.Fatalf("page %d has %d rows", page, len(p.Data))
		}
		for _, r := range p.Data {
			id := str(r["obsid"])
			if seen[id] {
				t.Fatalf("obsid %s served twice", id)
			}
			seen[id] = true
			ids = append(ids, id)
		}
		if page == wantPages {
			break
		}
	}
	if len(ids) != len(full.Data) {
		t.Fatalf("pages gave %d rows, one page %d", len(ids), len(full.Data))
	}
	for i, r := range full.Data {
		if str(r["obsid"]) != ids[i] {
			t.Fatalf("row %d differs between paged and whole answers", i)
		}
	}
	// Past the end: no rows, the page asked for echoed.
	if p := query(t, ts.URL, withPage(base, size, 9)); len(p.Data) != 0 || p.Paging.Page != 9 || p.Paging.PagesFiltered != 4 {
		t.Fatalf("page 9: %d rows, %+v", len(p.Data), p.Paging)
	}
	// Empty result: still one page.
	empty := withPage(base, size, 1)
	empty["params"] = map[string]any{"columns": "*", "filters": []any{}, "position": "0, -89, 0.001"}
	if p := query(t, ts.URL, empty); len(p.Data) != 0 || p.Paging.PagesFiltered != 1 {
		t.Fatalf("empty: %d rows, %+v", len(p.Data), p.Paging)
	}
}

func withPage(base map[string]any, size, page int) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	out["pagesize"], out["page"] = size, page
	return out
}

// countOf runs the same filters as a COUNT_BIG(*) and as rows.
func countAndRows(t *testing.T, base, service string, params map[string]any) (int, portal) {
	t.Helper()
	rows := query(t, base, map[string]any{"service": service, "format": "json", "pagesize": 50000, "page": 1, "params": params})
	cp := map[string]any{}
	for k, v := range params {
		cp[k] = v
	}
	cp["columns"] = "COUNT_BIG(*)"
	c := query(t, base, map[string]any{"service": service, "format": "json", "pagesize": 50000, "page": 1, "params": cp})
	if len(c.Data) != 1 || len(c.Fields) != 1 || c.Fields[0].Name != "Column1" || c.Fields[0].Type != "string" {
		t.Fatalf("count answer %+v", c)
	}
	return int(num(t, c.Data[0]["Column1"])), rows
}

func TestFiltersSweep(t *testing.T) {
	testmode.Sweep(t)
	s, ts := sharedServer(t)
	a := s.Archive()
	f := func(name string, values []any, extra ...any) map[string]any {
		m := map[string]any{"paramName": name, "values": values}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i].(string)] = extra[i+1]
		}
		return m
	}
	cases := []struct {
		name    string
		service string
		params  map[string]any
		check   func(row map[string]any) bool
		atLeast int
	}{
		{"discrete, case-insensitive", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("obs_collection", []any{"hst"}), f("dataproduct_type", []any{"IMAGE"}), f("calib_level", []any{"3"})}},
			func(r map[string]any) bool {
				return r["obs_collection"] == "HST" && r["dataproduct_type"] == "image" && str(r["calib_level"]) == "3"
			}, 1000},
		{"OR within values, paramName in user casing", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("Obs_Collection", []any{"IUE", "FUSE"})}},
			func(r map[string]any) bool { return r["obs_collection"] == "IUE" || r["obs_collection"] == "FUSE" }, 1500},
		{"freeText LIKE", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("proposal_pi", []any{}, "freeText", "osten%")}},
			func(r map[string]any) bool { return strings.HasPrefix(str(r["proposal_pi"]), "Osten") }, 9},
		{"freeText with _", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("instrument_name", []any{}, "freeText", "WFC3/_VIS")}},
			func(r map[string]any) bool { return r["instrument_name"] == "WFC3/UVIS" }, 100},
		{"separator: any part matches", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("filters", []any{"G395H"}, "separator", ";")}},
			func(r map[string]any) bool { return strings.Contains(str(r["filters"]), "G395H") }, 10},
		{"separator with freeText ORed with values", "Mast.Caom.Filtered.Position",
			map[string]any{"columns": "*", "position": "210.802429, 54.34875, 0.2",
				"filters": []any{f("filters", []any{"Kepler"}, "separator", ";", "freeText", "%UV")}},
			func(r map[string]any) bool {
				v := str(r["filters"])
				return v == "NUV" || v == "FUV"
			}, 20},
		{"inclusive numeric range", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("s_dec", []any{map[string]any{"min": 43.5, "max": 45.5}}), f("obs_collection", []any{"HST"})}},
			func(r map[string]any) bool {
				d, _ := r["s_dec"].(json.Number).Float64()
				return d >= 43.5 && d <= 45.5
			}, 3},
		{"time range in MJD", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("dataproduct_type", []any{"image"}), f("filters", []any{"NUV", "FUV"}, "separator", ";"),
				f("t_max", []any{map[string]any{"min": 52264.4586, "max": 54452.8914}})}},
			func(r map[string]any) bool { return r["obs_collection"] == "GALEX" }, 100},
		{"obsid as a discrete value", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("obsid", []any{fmt.Sprint(a.At(5).Obsid)})}},
			func(r map[string]any) bool { return str(r["obsid"]) == fmt.Sprint(a.At(5).Obsid) }, 1},
		{"instrument family as in the astroquery docs", "Mast.Caom.Filtered",
			map[string]any{"columns": "*", "filters": []any{f("obs_collection", []any{"JWST"}), f("proposal_id", []any{"1073"}),
				f("instrument_name", []any{"Nircam"}), f("filters", []any{"F277W"}, "separator", ";")}},
			func(r map[string]any) bool {
				return r["proposal_id"] == "1073" && r["instrument_name"] == "NIRCAM/IMAGE" && r["filters"] == "F277W"
			}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, rows := countAndRows(t, ts.URL, c.service, c.params)
			if n != len(rows.Data) {
				t.Fatalf("COUNT_BIG(*) = %d, rows = %d", n, len(rows.Data))
			}
			if n < c.atLeast {
				t.Fatalf("%d rows, want at least %d", n, c.atLeast)
			}
			for _, r := range rows.Data {
				if !c.check(r) {
					t.Fatalf("row outside the filter: %v %v %v %v", r["obs_collection"], r["instrument_name"], r["filters"], r["proposal_pi"])
				}
			}
		})
	}
	// No criteria at all counts the whole archive (query_criteria_count with no filters).
	all := query(t, ts.URL, map[string]any{"service": "Mast.Caom.Filtered", "format": "json", "pagesize": 50000, "page": 1,
		"params": map[string]any{"columns": "COUNT_BIG(*)", "filters": []any{}}})
	if int(num(t, all.Data[0]["Column1"])) != a.Len() {
		t.Errorf("count of everything = %v, archive has %d", all.Data[0]["Column1"], a.Len())
	}
	// Osten's three images near EV Lac, as in the astroquery docs.
	p := query(t, ts.URL, map[string]any{"service": "Mast.Caom.Filtered", "format": "json", "pagesize": 50000, "page": 1, "params": map[string]any{
		"columns": "*", "filters": []any{f("dataproduct_type", []any{"image"}), f("proposal_pi", []any{}, "freeText", "Osten%"),
			f("s_dec", []any{map[string]any{"min": 43.5, "max": 45.5}})}}})
	if len(p.Data) != 3 {
		t.Errorf("Osten images: %d rows, want 3", len(p.Data))
	}
}

func TestSelectedColumns(t *testing.T) {
	_, ts := sharedServer(t)
	p := query(t, ts.URL, map[string]any{"service": "Mast.Caom.Filtered.Position", "format": "json", "pagesize": 100, "page": 1,
		"params": map[string]any{"columns": "obs_id, S_RA,distance", "filters": []any{}, "position": "210.802429, 54.34875, 0.1"}})
	if len(p.Fields) != 3 || p.Fields[1].Name != "s_ra" || p.Fields[2].Name != "distance" || len(p.Data[0]) != 3 {
		t.Fatalf("fields %+v row %v", p.Fields, p.Data[0])
	}
	for _, r := range p.Data {
		if d := num(t, r["distance"]); d < 0 || d > 360 {
			t.Fatalf("distance %v arcsec outside a 0.1 deg cone", d)
		}
	}
}

func TestPortalErrors(t *testing.T) {
	_, ts := sharedServer(t)
	cases := []struct{ req, want string }{
		{`{"service": "Mast.Caom.Nope", "params": {}}`, "Mast.Caom.Nope"},
		{`{"service": "Mast.Caom.Filtered", "params": {"columns": "*", "filters": [{"paramName": "instrumnet_name", "values": ["ACS"]}]}}`, "instrumnet_name"},
		{`{"service": "Mast.Caom.Filtered", "params": {"columns": "obs_id,bogus", "filters": []}}`, "bogus"},
		{`{"service": "Mast.Caom.Filtered.Position", "params": {"columns": "*", "filters": []}}`, "position"},
		{`{"service": "Mast.Caom.Cone", "params": {"ra": 10, "dec": 95}}`, "dec"},
		{`{"service": "Mast.Caom.Products", "params": {"obsid": "abc"}}`, "abc"},
		{`not json`, "JSON"},
	}
	for _, c := range cases {
		code, b := postForm(t, ts.URL+"/api/v0/invoke", "request="+pyQuote(c.req))
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil || code != http.StatusOK {
			t.Fatalf("%s: HTTP %d %s", c.req, code, b)
		}
		if m["status"] != "ERROR" || !strings.Contains(str(m["msg"]), c.want) {
			t.Errorf("%s: got %s, want ERROR naming %q", c.req, b, c.want)
		}
	}
	code, b := postForm(t, ts.URL+"/api/v0/invoke", "nothing=here")
	if code != 200 || !bytes.Contains(b, []byte(`"ERROR"`)) {
		t.Errorf("missing request field: HTTP %d %s", code, b)
	}
}

func TestServiceNameCaseInsensitive(t *testing.T) {
	_, ts := sharedServer(t)
	for _, svc := range []string{"Mast.Caom.Cone", "mast.caom.cone", "MAST.CAOM.CONE"} {
		p := query(t, ts.URL, map[string]any{"service": svc, "params": map[string]any{"ra": 270.92194, "dec": -24.38017, "radius": 0.02},
			"format": "json", "pagesize": 50000, "page": 1})
		if len(p.Data) != 196 {
			t.Errorf("%s: %d rows around M8 within 0.02 deg, want 196", svc, len(p.Data))
		}
	}
}

func TestProductsService(t *testing.T) {
	s, ts := sharedServer(t)
	a := s.Archive()
	var jwst, hst *Obs
	for i := 0; i < a.Len(); i++ {
		o := a.At(i)
		if jwst == nil && len(a.Members(o)) >= 3 {
			jwst = o
		}
		if hst == nil && o.Collection == "HST" && o.IsAssociation() && o.ProductType == "image" {
			hst = o
		}
	}
	member := a.Members(jwst)[0]
	ids := fmt.Sprintf("%d, %d,%d", jwst.Obsid, member, hst.Obsid)
	p := query(t, ts.URL, map[string]any{"service": "Mast.Caom.Products", "params": map[string]any{"obsid": ids},
		"format": "json", "pagesize": 50000, "page": 1})
	want := len(a.Products(jwst.Obsid)) + len(a.Products(member)) + len(a.Products(hst.Obsid))
	if len(p.Data) != want || want == 0 {
		t.Fatalf("%d product rows, want %d", len(p.Data), want)
	}
	fields := []string{"obsID", "obs_collection", "dataproduct_type", "obs_id", "description", "type", "dataURI", "productType",
		"productGroupDescription", "productSubGroupDescription", "productDocumentationURL", "project", "prvversion",
		"proposal_id", "productFilename", "size", "parent_obsid", "dataRights", "calib_level", "filters", "_selected_"}
	for i, f := range p.Fields {
		if f.Name != fields[i] {
			t.Fatalf("product field %d = %s, want %s", i, f.Name, fields[i])
		}
	}
	uris := map[string]int{}
	mrp, gs := 0, 0
	for _, r := range p.Data {
		if _, ok := r["obsID"].(json.Number); !ok {
			t.Fatalf("obsID %v should be a JSON number", r["obsID"])
		}
		if _, ok := r["size"].(json.Number); !ok {
			t.Fatalf("size %v should be a JSON number", r["size"])
		}
		if parent := str(r["parent_obsid"]); parent != fmt.Sprint(jwst.Obsid) && parent != fmt.Sprint(member) && parent != fmt.Sprint(hst.Obsid) {
			t.Fatalf("parent_obsid %s is neither requested obsid", parent)
		}
		uris[str(r["dataURI"])]++
		if r["productGroupDescription"] == "Minimum Recommended Products" {
			mrp++
		}
		if strings.Contains(str(r["productFilename"]), "_gs-") {
			gs++
		}
	}
	dups := 0
	for _, n := range uris {
		if n > 1 {
			dups++
		}
	}
	if dups == 0 || mrp == 0 || gs == 0 {
		t.Errorf("a JWST level-3 listing with one of its members should repeat shared files (%d repeated), have MRPs (%d) and guide-star files (%d)", dups, mrp, gs)
	}
}

func TestCaomAllFacets(t *testing.T) {
	s, ts := sharedServer(t)
	b := invokeRaw(t, ts.URL, `{"service": "Mast.Caom.All", "params": {}, "format": "extjs", "pagesize": 50000, "page": 1, "cacheBreaker": "all"}`)
	var ans struct {
		Status string
		Data   struct {
			Tables []struct {
				Columns []struct {
					Text               string
					ExtendedProperties map[string]json.RawMessage
				}
			}
		}
	}
	if err := json.Unmarshal(b, &ans); err != nil || ans.Status != "COMPLETE" || len(ans.Data.Tables) != 1 {
		t.Fatalf("Mast.Caom.All: %v %.300s", err, b)
	}
	facets, numeric := 0, map[string]bool{}
	for _, c := range ans.Data.Tables[0].Columns {
		h, ok := c.ExtendedProperties["histObj"]
		if !ok {
			continue
		}
		// Numeric columns carry MAST's binned histogram (protocol 3.3), not a facet.
		var bins struct {
			Hist *struct {
				Hist []struct {
					Key   *float64
					Count int
				}
			}
			Min, Max float64
			Type     string
		}
		if json.Unmarshal(h, &bins) == nil && bins.Type == "numeric" {
			numeric[c.Text] = true
			total := 0
			for _, b := range bins.Hist.Hist {
				if b.Key == nil || *b.Key < bins.Min || *b.Key > bins.Max {
					t.Errorf("%s: bin %+v outside [%v, %v]", c.Text, b, bins.Min, bins.Max)
				}
				total += b.Count
			}
			if len(bins.Hist.Hist) != 100 || total == 0 || total > s.Archive().Len() {
				t.Errorf("%s: %d bins counting %d observations", c.Text, len(bins.Hist.Hist), total)
			}
			continue
		}
		facets++
		if c.Text != "obs_collection" {
			continue
		}
		var hist map[string]json.RawMessage
		if err := json.Unmarshal(h, &hist); err != nil {
			t.Fatal(err)
		}
		for coll, n := range s.Archive().Collections() {
			var e struct {
				Count int
				Key   string
			}
			if err := json.Unmarshal(hist[coll], &e); err != nil || e.Count != n || e.Key != coll {
				t.Errorf("facet %s = %s, archive has %d", coll, hist[coll], n)
			}
		}
		if _, ok := hist["hist"]; !ok || len(hist) != len(s.Archive().Collections())+1 {
			t.Errorf("histObj keys: %d", len(hist))
		}
	}
	if facets < 8 {
		t.Errorf("%d faceted columns, want the discrete CAOM columns", facets)
	}
	for _, c := range []string{"s_ra", "s_dec", "t_min", "t_max", "t_exptime", "em_min", "em_max", "t_obs_release"} {
		if !numeric[c] {
			t.Errorf("%s has no numeric histogram", c)
		}
	}
}

func TestNameLookupService(t *testing.T) {
	_, ts := sharedServer(t)
	b := invokeRaw(t, ts.URL, `{"service": "Mast.Name.Lookup", "params": {"input": "M8", "format": "json"}}`)
	var ans struct {
		ResolvedCoordinate []archive.Resolved `json:"resolvedCoordinate"`
		Status             *string            `json:"status"`
	}
	if err := json.Unmarshal(b, &ans); err != nil || ans.Status == nil || *ans.Status != "" || len(ans.ResolvedCoordinate) != 1 {
		t.Fatalf("Name.Lookup: %v %s", err, b)
	}
	c := ans.ResolvedCoordinate[0]
	if c.SearchString != "m8" || c.Resolver != "NED" || c.CanonicalName != "MESSIER 008" || c.RA < 270.9 || c.RA > 270.95 {
		t.Errorf("M8 resolved as %+v", c)
	}
}
