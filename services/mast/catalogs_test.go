package mast

import (
	"encoding/json"
	"strings"
	"testing"

	"mastui/services/wire"
)

// The histogram merge of protocol 3.5 on recorded shapes: entries named in the
// histograms are replaced, so w1mpro becomes a numeric range and state a value list.
func TestMergeHistogramsReplacesEntries(t *testing.T) {
	base, _, _, err := parseColumnsConfig("columnsconfig Mast.Catalogs.Dd.Cone", []byte(fixture(t, "columnsconfig_dd_cone.json")))
	if err != nil {
		t.Fatal(err)
	}
	h, err := parseCatalogHistograms("Mast.Catalogs.All.DiskDetective", []byte(fixture(t, "catalogs_all_dd.extjs.json")))
	if err != nil {
		t.Fatal(err)
	}
	cc := mergeHistograms(base, h)
	w1 := cc.cols["w1mpro"]
	if !isContinuous(w1) || prop(w1, "min") != "5.013" || prop(w1, "max") != "14.998" || prop(w1, "text") != "" {
		t.Fatalf("w1mpro: %v", w1)
	}
	state := cc.cols["state"]
	if isContinuous(state) || len(cc.values["state"]) != 2 || cc.values["state"][0] != (FacetValue{Key: "complete", Count: 31}) {
		t.Fatalf("state: %v %v", state, cc.values["state"])
	}
	if prop(cc.cols["designation"], "text") != "designation" {
		t.Fatalf("designation lost: %v", cc.cols["designation"])
	}
	enc := &filterEncoder{cc: cc, facets: func() (*facetCache, error) { return &facetCache{values: cc.values}, nil }}
	for in, want := range map[string]string{
		"w1mpro=8..9":   `{"paramName": "w1mpro", "values": [{"min": 8.0, "max": 9.0}]}`,
		"w1mpro=>=14":   `{"paramName": "w1mpro", "values": [{"min": 14.0, "max": 14.998}]}`,
		"state=!active": `{"paramName": "state", "values": ["complete"]}`,
		"STATE=compl*":  `{"paramName": "STATE", "values": [], "freeText": "compl%"}`,
	} {
		cr, _ := ParseCriterion(in)
		f, err := enc.encode(cr)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got, _ := pyJSON(f); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
	cr, _ := ParseCriterion("stat=complete")
	if _, err := enc.encode(cr); err == nil || !strings.Contains(err.Error(), `did you mean "state"`) {
		t.Fatalf("err = %v", err)
	}
}

// G_source_id is above 2^53 and typed "string": it must stay the server's digits.
func TestDiskDetectiveAnswerKeepsBigIntegers(t *testing.T) {
	r, err := wire.Decode([]byte(fixture(t, "dd_filtered_position.json")), wire.Options{Service: "Mast.Catalogs.Filtered.DiskDetective.Position", WantTable: true})
	if err != nil {
		t.Fatal(err)
	}
	g := r.Table.Col("G_source_id")
	if g.String(0) != "4365646553433558144" || g.String(1) != "4365646553433558145" {
		t.Fatalf("G_source_id %q %q", g.String(0), g.String(1))
	}
	if !r.Table.Col("w1mpro").IsNull(1) || !r.Table.Col("classifications").IsMasked(1) {
		t.Fatal("nulls not masked")
	}
	var raw map[string]any
	json.Unmarshal([]byte(fixture(t, "dd_filtered_position.json")), &raw)
	if r.Table.Col("unknown_extra") != nil {
		t.Fatal("a key without a field became a column")
	}
}

func TestCatalogRegistry(t *testing.T) {
	for name, want := range map[string]string{"": "Mast.Hsc.Db.v3", "hsc": "Mast.Hsc.Db.v3", "Gaia": "Mast.Catalogs.GaiaDR3.Cone",
		"tess": "Mast.Catalogs.Tic.Cone", "dd": "Mast.Catalogs.Dd.Cone", "Sample": "Mast.Catalogs.Sample.Cone", "galex": "Mast.Galex.Catalog"} {
		c, _ := LookupCatalog(name)
		if got, err := c.ConeService(""); err != nil || got != want {
			t.Errorf("%q: %s %v, want %s", name, got, err, want)
		}
	}
	g, _ := LookupCatalog("gaia")
	for v, want := range map[string]string{"1": "Mast.Catalogs.GaiaDR1.Cone", "dr2": "Mast.Catalogs.GaiaDR2.Cone", "TGAS": "Mast.Catalogs.Tgas.Cone"} {
		if got, _ := g.ConeService(v); got != want {
			t.Errorf("gaia %s: %s", v, got)
		}
	}
	tic, _ := LookupCatalog("TIC")
	for _, c := range []struct {
		pos, count bool
		want       string
	}{{false, false, "Mast.Catalogs.Filtered.Tic.Rows"}, {true, false, "Mast.Catalogs.Filtered.Tic.Position.Rows"}, {true, true, "Mast.Catalogs.Filtered.Tic.Position"}} {
		if got, _ := tic.CriteriaService(c.pos, c.count); got != c.want {
			t.Errorf("%+v: %s", c, got)
		}
	}
	ps, known := LookupCatalog("panstarrs")
	if !known || !ps.REST || len(ps.Tables) != 4 {
		t.Fatalf("panstarrs: %+v", ps)
	}
	if _, err := ps.ConeService(""); err == nil {
		t.Fatal("PanSTARRS has no Portal cone service")
	}
}

func TestMastQueryParams(t *testing.T) {
	f1, _ := ParseMastFilter("exp_type=NRS_IFU,NRS_MSASPEC")
	f2, _ := ParseMastFilter("duration=100..200.5")
	p, err := MastQueryParams("Mast.Jwst.Filtered.Nirspec", nil, map[string]any{"ra": 53.13, "dec": -27.8, "radius": 0.5}, []MastFilter{f1, f2})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"columns": "*", "filters": [{"paramName": "exp_type", "values": ["NRS_IFU", "NRS_MSASPEC"]}, ` +
		`{"paramName": "duration", "values": [{"min": 100, "max": 200.5}]}], "dec": -27.8, "ra": 53.13, "radius": 0.5}`
	if got, _ := pyJSON(p); got != want {
		t.Fatalf("%s\nwant %s", got, want)
	}
	if _, err := MastQueryParams("Mast.Jwst.Filtered.Nirspec", nil, nil, nil); err == nil || !strings.Contains(err.Error(), "at least one filter") {
		t.Fatalf("err = %v", err)
	}
	if _, err := MastQueryParams("Mast.Caom.Cone", nil, nil, []MastFilter{f1}); err == nil {
		t.Fatal("a cone service took filters")
	}
}

// A value JSON would not read as a number ("01180", a JWST program keyword) stays a
// string; a plain number stays a number. ("01180" as a number made the request invalid
// JSON.)
func TestFilteredServiceParamsLeadingZeros(t *testing.T) {
	raw, err := FilteredServiceParams("Mast.Jwst.Filtered.Nirspec", []string{"program=01180,1180", "effexptm=0.5..1e3"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"columns": "*", "filters": [{"paramName": "program", "values": ["01180", 1180]}, ` +
		`{"paramName": "effexptm", "values": [{"min": 0.5, "max": 1e3}]}]}`
	if string(raw) != want {
		t.Fatalf("%s\nwant %s", raw, want)
	}
}

func TestHLAURLFollowsTheBaseURL(t *testing.T) {
	if u := New(Config{}).HSCSpectrumURL("HAG_X", 0); u != "https://hla.stsci.edu/cgi-bin/getdata.cgi?config=ops&dataset=HAG_X" {
		t.Fatal(u)
	}
	if u := New(Config{BaseURL: "http://127.0.0.1:9"}).HSCSpectrumURL("HAG_X", 2); u != "http://127.0.0.1:9/cgi-bin/ecfproxy?file_id=HAG_X.fits" {
		t.Fatal(u)
	}
	if u := New(Config{BaseURL: "http://127.0.0.1:9", HLAURL: "http://hla.test/"}).HSCSpectrumURL("A+B", 1); u != "http://hla.test/cgi-bin/getdata.cgi?config=ops&dataset=A%2BB" {
		t.Fatal(u)
	}
}
