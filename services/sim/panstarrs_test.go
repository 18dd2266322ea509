package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// psAnswer is a catalogs API answer, numbers kept as written.
type psAnswer struct {
	Info []struct{ Name, Type, DBType string } `json:"info"`
	Data [][]json.RawMessage                   `json:"data"`
}

func psGet(t *testing.T, req func() (*http.Response, error)) (int, psAnswer, string) {
	t.Helper()
	resp, err := req()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var a psAnswer
	if resp.StatusCode == 200 {
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
	}
	return resp.StatusCode, a, string(b)
}

// The three ways a query arrives: a form as astroquery 0.4.6 sends it (repeated
// columns, sort_by "col.desc"), a GET query string with a [a,b] list, and errors as JSON.
func TestPanstarrsFormsAndQueryStrings(t *testing.T) {
	_, ts := sharedServer(t)
	form := url.Values{"ra": {"5.97754"}, "dec": {"32.53617"}, "radius": {"0.01"}, "nStackDetections.gte": {"2"},
		"columns": {"objName", "objID", "nStackDetections", "distance"}, "sort_by": {"distance.desc"}, "pagesize": {"15"}}
	code, a, body := psGet(t, func() (*http.Response, error) { return http.PostForm(ts.URL+"/api/v0.1/panstarrs/dr2/mean.json", form) })
	if code != 200 || len(a.Data) != 15 || len(a.Info) != 4 || a.Info[1].Type != "long" {
		t.Fatalf("%d %s", code, body)
	}
	prev := 1.0
	for _, row := range a.Data {
		// objID as a string holding an integer above 2^53; distance descending.
		var id string
		var dist float64
		if json.Unmarshal(row[1], &id) != nil || len(id) != 18 || json.Unmarshal(row[3], &dist) != nil || dist > prev {
			t.Fatalf("row %s", row)
		}
		prev = dist
	}
	code, a, body = psGet(t, func() (*http.Response, error) {
		return http.Get(ts.URL + "/api/v0.1/panstarrs/dr1/stack?objName.like=PSO%20J005.97*&columns=[objName,gPSFMag]&pagesize=3")
	})
	if code != 200 || len(a.Data) != 3 || a.Info[1].Name != "gPSFMag" || !strings.HasPrefix(string(a.Data[0][0]), `"PSO J005.97`) {
		t.Fatalf("GET: %d %s", code, body)
	}
	code, _, body = psGet(t, func() (*http.Response, error) {
		return http.Get(ts.URL + "/api/v0.1/panstarrs/dr2/mean.json?ra=5.97754&dec=32.53617&nStackDetectionz.gte=2")
	})
	var e struct{ Message string }
	if code != 400 || json.Unmarshal([]byte(body), &e) != nil || !strings.Contains(e.Message, "nStackDetectionz") {
		t.Errorf("bad column: %d %s", code, body)
	}
	code, _, body = psGet(t, func() (*http.Response, error) { return http.Get(ts.URL + "/api/v0.1/panstarrs/dr3/mean/metadata") })
	if code != 404 || !strings.Contains(body, "dr3") {
		t.Errorf("unknown release: %d %s", code, body)
	}
	resp, err := http.Get(ts.URL + "/api/v0.1/panstarrs/dr2/mean/metadata.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var meta []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&meta); err != nil || len(meta) != 124 || meta[0]["column_name"] != "objName" ||
		meta[0]["unit"] != "NULL" || meta[5]["db_type"] != "BIGINT" {
		t.Errorf("metadata: %v %v", err, meta[:1])
	}
}
