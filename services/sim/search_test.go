package sim

import (
	"bytes"
	"encoding/json"
	"io"
	"mastui/services/testmode"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
)

func searchServer(t *testing.T) *httptest.Server {
	t.Helper()
	_, ts := sharedServer(t)
	return ts
}

func postSearch(t *testing.T, ts *httptest.Server, mission, op string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(ts.URL+"/search/"+mission+"/api/v0.1/"+op, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

func TestSearchColumnList(t *testing.T) {
	ts := searchServer(t)
	for mission, key := range map[string]string{"hst": "sci_data_set_name", "jwst": "fileSetName"} {
		resp, err := http.Get(ts.URL + "/search/util/api/v0.1/column_list?mission=" + mission)
		if err != nil {
			t.Fatal(err)
		}
		var cols []map[string]string
		json.NewDecoder(resp.Body).Decode(&cols)
		resp.Body.Close()
		found := false
		for _, c := range cols {
			for _, k := range []string{"field_name", "description", "column_name", "queryable", "qual_type", "default_output", "indexed", "datatype"} {
				if _, ok := c[k]; !ok {
					t.Fatalf("%s: column %v lacks %s", mission, c, k)
				}
			}
			found = found || c["column_name"] == key
		}
		if !found {
			t.Errorf("%s: no %s column", mission, key)
		}
	}
	resp, _ := http.Get(ts.URL + "/search/util/api/v0.1/column_list?mission=nope")
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("unknown mission: status %d", resp.StatusCode)
	}
}

func TestSearchMultiTarget(t *testing.T) {
	ts := searchServer(t)
	targets := []string{"245.89675 -26.52575", "205.54842 28.37728", "323.36258 -0.82325", "259.79908 -18.51625"}
	st, out := postSearch(t, ts, "hst", "search", map[string]any{"limit": 5000, "offset": 0,
		"select_cols": []string{"sci_targname", "sci_pep_id", "sci_status"}, "target": targets,
		"radius": 180.0, "radius_units": "arcseconds", "conditions": []any{}, "sort_by": []string{"search_pos"}})
	if st != 200 {
		t.Fatalf("status %d: %v", st, out)
	}
	rows := out["results"].([]any)
	if len(rows) == 0 || int(out["totalResults"].(float64)) != len(rows) {
		t.Fatalf("rows %d total %v", len(rows), out["totalResults"])
	}
	prev := ""
	for _, r := range rows {
		row := r.(map[string]any)
		pos := row["search_pos"].(string)
		if pos < prev {
			t.Fatalf("not sorted by search_pos")
		}
		prev = pos
		sep := row["ang_sep"].(float64)
		if sep > 3.0001 || sep < 0 {
			t.Fatalf("ang_sep %v arcmin outside 3", sep)
		}
		if row["search_key"] != pos+row["sci_data_set_name"].(string) {
			t.Fatalf("search_key %v", row["search_key"])
		}
	}
	info := out["info"].([]any)
	if len(info) != 7 {
		t.Errorf("info %v", info)
	}
}

func TestSearchCriteriaExampleSweep(t *testing.T) {
	testmode.Sweep(t)
	ts := searchServer(t)
	conds := []map[string]any{{"sci_obs_type": "IMAGE"}, {"sci_instrume": "!COS"}, {"sci_spec_1234": "F150W,F105W,F110W"},
		{"sci_dec": ">0"}, {"sci_actual_duration": "1000..2000"}, {"sci_targname": "*GAL*"}}
	st, out := postSearch(t, ts, "hst", "search", map[string]any{"limit": 5000, "offset": 0,
		"select_cols": []string{"sci_obs_type", "sci_spec_1234", "sci_instrume", "sci_dec", "sci_actual_duration", "sci_targname"},
		"conditions":  conds})
	if st != 200 {
		t.Fatalf("status %d: %v", st, out)
	}
	rows := out["results"].([]any)
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	for _, r := range rows {
		row := r.(map[string]any)
		spec := row["sci_spec_1234"].(string)
		dur := row["sci_actual_duration"].(float64)
		if row["sci_obs_type"] != "IMAGE" || strings.TrimSpace(row["sci_instrume"].(string)) == "COS" ||
			(spec != "F150W" && spec != "F105W" && spec != "F110W") || row["sci_dec"].(float64) <= 0 ||
			dur < 1000 || dur > 2000 || !strings.Contains(strings.ToUpper(row["sci_targname"].(string)), "GAL") {
			t.Errorf("row violates conditions: %v", row)
		}
	}
	// Paging and date comparisons.
	body := map[string]any{"limit": 7, "offset": 0, "conditions": []map[string]any{{"sci_start_time": "<2012"}}}
	_, all := postSearch(t, ts, "hst", "search", map[string]any{"limit": 100000, "conditions": body["conditions"]})
	total := int(all["totalResults"].(float64))
	if total < 20 {
		t.Fatalf("total %d", total)
	}
	var ids []string
	for off := 0; off < 21; off += 7 {
		body["offset"] = off
		_, page := postSearch(t, ts, "hst", "search", body)
		if int(page["totalResults"].(float64)) != total || len(page["results"].([]any)) != 7 {
			t.Fatalf("page %d: %v rows, total %v", off, len(page["results"].([]any)), page["totalResults"])
		}
		for _, r := range page["results"].([]any) {
			row := r.(map[string]any)
			if row["sci_start_time"].(string) >= "2012" {
				t.Fatalf("start %v", row["sci_start_time"])
			}
			ids = append(ids, row["sci_data_set_name"].(string))
		}
	}
	for i, r := range all["results"].([]any)[:21] {
		if r.(map[string]any)["sci_data_set_name"] != ids[i] {
			t.Fatalf("paging mismatch at %d", i)
		}
	}
}

func TestSearchErrors(t *testing.T) {
	ts := searchServer(t)
	for _, c := range []map[string]any{{"no_such_col": "x"}, {"sci_pep_id": "invalid"}} {
		st, out := postSearch(t, ts, "hst", "search", map[string]any{"conditions": []any{c}})
		if st != 400 || out["error"] == nil {
			t.Errorf("%v: status %d %v", c, st, out)
		}
	}
}

func TestSearchProductsAndRetrieve(t *testing.T) {
	ts := searchServer(t)
	_, out := postSearch(t, ts, "hst", "search", map[string]any{"limit": 1, "conditions": []any{map[string]any{"sci_status": "PUBLIC"}}})
	id := out["results"].([]any)[0].(map[string]any)["sci_data_set_name"].(string)
	st, pl := postSearch(t, ts, "hst", "post_list_products", map[string]any{"dataset_ids": []string{id, "N9DB0C010"}})
	if st != 200 {
		t.Fatalf("status %d", st)
	}
	prods := pl["products"].([]any)
	seen := map[string]bool{}
	for _, p := range prods {
		pm := p.(map[string]any)
		seen[pm["dataset"].(string)] = true
		if !strings.HasPrefix(pm["uri"].(string), pm["dataset"].(string)+"/") || pm["size"].(float64) <= 0 {
			t.Fatalf("product %v", pm)
		}
	}
	if !seen[id] || !seen["N9DB0C010"] {
		t.Fatalf("datasets %v", seen)
	}
	// Every FITS file is served at its listed size (HEAD); the two smallest are fetched
	// whole, which is what costs time under the race detector.
	var fits []map[string]any
	for _, p := range prods {
		if pm := p.(map[string]any); strings.HasSuffix(pm["filename"].(string), ".fits") {
			fits = append(fits, pm)
		}
	}
	sort.Slice(fits, func(i, j int) bool { return fits[i]["size"].(float64) < fits[j]["size"].(float64) })
	if len(fits) < 3 {
		t.Fatalf("%d FITS products", len(fits))
	}
	for i, pm := range fits {
		size := int64(pm["size"].(float64))
		u := ts.URL + "/search/hst/api/v0.1/retrieve_product?product_name=" + url.QueryEscape(pm["uri"].(string))
		if i >= 2 {
			resp, err := http.Head(u)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.ContentLength != size {
				t.Fatalf("HEAD %s: status %d, length %d, listed %d", pm["uri"], resp.StatusCode, resp.ContentLength, size)
			}
			continue
		}
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Range", "bytes=0-")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 206 || int64(len(b)) != size || !bytes.HasPrefix(b, []byte("SIMPLE  =")) {
			t.Fatalf("%s: status %d, %d bytes of %d, head %q", pm["uri"], resp.StatusCode, len(b), size, b[:min(len(b), 20)])
		}
	}
}

// A dataset near two targets is listed once per target, each row with its own search
// position, and a later search does not see the earlier one's positions.
func TestSearchTwoTargetsSameDataset(t *testing.T) {
	ts := searchServer(t)
	targets := []string{"14.860708 -72.164972", "14.861 -72.165"} // both on HD 5980
	search := func(tg []string) []any {
		code, out := postSearch(t, ts, "iue", "search", map[string]any{"target": tg, "radius": 60, "radius_units": "arcseconds",
			"select_cols": []string{"iue_data_id"}, "conditions": []any{map[string]any{"iue_data_id": "SWP50004"}}})
		if code != 200 {
			t.Fatalf("HTTP %d: %v", code, out)
		}
		return out["results"].([]any)
	}
	rows := search(targets)
	if len(rows) != 2 {
		t.Fatalf("%d rows, want one per target", len(rows))
	}
	for i, r := range rows {
		if got := r.(map[string]any)["search_pos"]; got != targets[i] {
			t.Errorf("row %d search_pos %v, want %s", i, got, targets[i])
		}
	}
	if again := search(targets[1:]); len(again) != 1 || again[0].(map[string]any)["search_pos"] != targets[1] {
		t.Errorf("second search: %v", again)
	}
}
