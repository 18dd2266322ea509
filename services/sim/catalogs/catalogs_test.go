package catalogs_test

import (
	"encoding/json"
	"io"
	"mastui/services/testmode"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"mastui/services/sim"
	"mastui/services/sim/simtest"
)

// invoke posts one MashupRequest to a simulator and decodes the answer.
func invoke(t *testing.T, base, req string) map[string]any {
	t.Helper()
	resp, err := httptestPost(base, req)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(resp, &m); err != nil {
		t.Fatalf("%s: %v: %.200s", req, err, resp)
	}
	return m
}

func httptestPost(base, req string) ([]byte, error) {
	resp, err := http.PostForm(base+"/api/v0/invoke", url.Values{"request": {req}})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func newSim(t *testing.T) string {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: simtest.DemoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// Every catalog row has one value per field, whatever the service (a row builder
// out of step with its field list would shift every column after the gap).
func TestEveryServiceAnswersRowsMatchingItsFieldsSweep(t *testing.T) {
	testmode.Sweep(t)
	base := newSim(t)
	cone := `"params": {"ra": 254.28771, "dec": -4.10031, "radius": 0.05}`
	for _, svc := range []string{"Mast.Catalogs.Tess.Cone", "mast.catalogs.TIC.cone", "Mast.Catalogs.Ctl.Cone", "Mast.Catalogs.Dd.Cone",
		"Mast.Catalogs.GaiaDR1.Cone", "Mast.Catalogs.GaiaDR2.Cone", "Mast.Catalogs.GaiaDR3.Cone", "Mast.Catalogs.Tgas.Cone",
		"Mast.Catalogs.Plato.Cone", "Mast.Catalogs.SkyMapper.Cone", "Mast.Hsc.Db.v2", "Mast.Hsc.Db.v3", "Mast.Galex.Catalog"} {
		m := invoke(t, base, `{"service": "`+svc+`", `+cone+`, "format": "json", "pagesize": 50, "page": 1}`)
		if m["status"] != "COMPLETE" {
			t.Fatalf("%s: %v", svc, m["msg"])
		}
		fields := m["fields"].([]any)
		for _, row := range m["data"].([]any) {
			if len(row.(map[string]any)) != len(fields) {
				t.Fatalf("%s: row with %d values, %d fields", svc, len(row.(map[string]any)), len(fields))
			}
		}
	}
	for _, svc := range []string{"Mast.Jwst.Filtered.Nircam", "Mast.Jwst.Filtered.Niriss", "Mast.Jwst.Filtered.Nirspec", "Mast.Jwst.Filtered.Miri",
		"Mast.Jwst.Filtered.Fgs", "Mast.Jwst.Filtered.Guidestar", "Mast.Hst.Filtered.Acs", "Mast.Hst.Filtered.Wfc3"} {
		m := invoke(t, base, `{"service": "`+svc+`", "params": {"columns": "*", "filters": []}, "format": "json", "pagesize": 5, "page": 1}`)
		if m["status"] != "COMPLETE" || len(m["data"].([]any)) == 0 {
			t.Fatalf("%s: %v %v", svc, m["status"], m["msg"])
		}
	}
}

func TestFilteredRowsCannotCountAndCountServicesOnlyCount(t *testing.T) {
	base := newSim(t)
	filters := `"filters": [{"paramName": "objType", "values": ["STAR"]}]`
	m := invoke(t, base, `{"service": "Mast.Catalogs.Filtered.Tic.Rows", "params": {"columns": "COUNT_BIG(*)", `+filters+`}, "format": "json"}`)
	if m["status"] != "ERROR" || m["msg"] != "Incorrect syntax near '*'." {
		t.Fatalf("%v", m)
	}
	m = invoke(t, base, `{"service": "Mast.Catalogs.Filtered.Tic", "params": {"columns": "*", `+filters+`}, "format": "json"}`)
	if m["status"] != "ERROR" || !strings.Contains(m["msg"].(string), "only counts") {
		t.Fatalf("%v", m)
	}
	m = invoke(t, base, `{"service": "Mast.Catalogs.Filtered.Tic", "params": {"columns": "COUNT_BIG(*)", `+filters+`}, "format": "json"}`)
	if n := m["data"].([]any)[0].(map[string]any)["Column1"].(float64); n < 1000 {
		t.Fatalf("count %v", n)
	}
}

// The HSC around M15 holds more than nr=50000 sources within 0.2 deg: the documented
// MaxResultsWarning case. Counted without writing the 50 MB answer.
func TestHSCAtM15ExceedsTheDefaultCap(t *testing.T) {
	base := newSim(t)
	m := invoke(t, base, `{"service": "Mast.Hsc.Db.v3", "params": {"ra": 322.49324, "dec": 12.16683, "radius": 0.2, "nr": 50000, "ni": 1, "magtype": 2}, "format": "json", "pagesize": 1, "page": 1}`)
	if rows := m["paging"].(map[string]any)["rowsFiltered"].(float64); rows != 50000 {
		t.Fatalf("rowsFiltered %v, want the cap 50000", rows)
	}
}

func TestHistogramsHaveTheExtjsShape(t *testing.T) {
	base := newSim(t)
	m := invoke(t, base, `{"service": "Mast.Catalogs.All.Tic", "params": {}, "format": "extjs"}`)
	ext := m["data"].(map[string]any)["Tables"].([]any)[0].(map[string]any)["ExtendedProperties"].(map[string]any)
	obj := ext["discreteHistogram"].(map[string]any)["objType"].(map[string]any)
	if obj["STAR"].(map[string]any)["key"] != "STAR" || len(obj["hist"].([]any)) != 2 {
		t.Fatalf("objType histogram: %v", obj)
	}
	bmag := ext["continuousHistogram"].(map[string]any)["Bmag"].(map[string]any)
	if bmag["type"] != "numeric" || bmag["max"].(float64) < 30 || len(bmag["hist"].(map[string]any)["hist"].([]any)) != 100 {
		t.Fatalf("Bmag histogram: %v %v", bmag["type"], bmag["max"])
	}
}
