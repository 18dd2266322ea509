package sim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"mastui/services/sim/archive"
	"mastui/services/testmode"
)

// moreMissions are the Search API missions beyond hst and jwst, with their dataset
// keyword, a criteria condition, a cone (and the column the condition is on).
var moreMissions = []struct {
	name, key, condCol, condVal string
	want                        func(v any) bool
	ra, dec                     float64
	mastURI                     bool
}{
	{"iue", "iue_data_id", "camera", "SWP", func(v any) bool { return v == "SWP" }, 279.2347, 38.7837, true},                                      // Vega
	{"ullyses", "observation_id", "host_galaxy_name", "SMC", func(v any) bool { return v == "SMC" }, 14.77083, -72.1775, true},                    // NGC 346
	{"classy", "Target", "z", "<0.01", func(v any) bool { f, _ := v.(float64); return f < 0.01 }, 143.50846, 55.24111, true},                      // I Zw 18
	{"roman", "fileSetName", "optical_element", "F158,F184", func(v any) bool { return v == "F158" || v == "F184" }, 210.802429, 54.34875, false}, // M101
}

func TestSearchMoreColumnList(t *testing.T) {
	ts := searchServer(t)
	for _, m := range moreMissions {
		resp, err := http.Get(ts.URL + "/search/util/api/v0.1/column_list?mission=" + m.name)
		if err != nil {
			t.Fatal(err)
		}
		var cols []map[string]string
		err = json.NewDecoder(resp.Body).Decode(&cols)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || len(cols) < 10 {
			t.Fatalf("%s: status %d, %d columns, %v", m.name, resp.StatusCode, len(cols), err)
		}
		var ra, dec, key bool
		for _, c := range cols {
			for _, k := range []string{"field_name", "description", "column_name", "queryable", "qual_type", "default_output", "indexed", "datatype"} {
				if c[k] == "" {
					t.Fatalf("%s: column %v lacks %s", m.name, c, k)
				}
			}
			ra = ra || c["qual_type"] == "ra"
			dec = dec || c["qual_type"] == "dec"
			key = key || (c["column_name"] == m.key && c["indexed"] == "yes")
		}
		if !ra || !dec || !key {
			t.Errorf("%s: ra %v dec %v dataset key %v", m.name, ra, dec, key)
		}
	}
}

func TestSearchMoreCriteriaConeAndPagingSweep(t *testing.T) {
	testmode.Sweep(t)
	ts := searchServer(t)
	for _, m := range moreMissions {
		// All rows: enough of them for paging (CLASSY is a few dozen galaxies).
		_, all := postSearch(t, ts, m.name, "search", map[string]any{"limit": 100000, "conditions": []any{}})
		total := int(all["totalResults"].(float64))
		if want := map[string]int{"classy": 40}[m.name]; total < max(want, 300) && (m.name != "classy" || total < want) {
			t.Fatalf("%s: only %d rows", m.name, total)
		}
		seen := map[string]bool{}
		for _, r := range all["results"].([]any) {
			id := r.(map[string]any)[m.key].(string)
			if seen[id] {
				t.Fatalf("%s: duplicate dataset %s", m.name, id)
			}
			seen[id] = true
		}
		// Criteria.
		st, out := postSearch(t, ts, m.name, "search", map[string]any{"limit": 5000, "offset": 0,
			"select_cols": []string{m.condCol}, "conditions": []map[string]any{{m.condCol: m.condVal}}})
		if st != 200 {
			t.Fatalf("%s: status %d %v", m.name, st, out)
		}
		rows := out["results"].([]any)
		if len(rows) == 0 || int(out["totalResults"].(float64)) >= total {
			t.Fatalf("%s: %d rows of %d for %s=%s", m.name, len(rows), total, m.condCol, m.condVal)
		}
		for _, r := range rows {
			row := r.(map[string]any)
			if !m.want(row[m.condCol]) || row[m.key] == nil {
				t.Fatalf("%s: row %v breaks %s=%s", m.name, row, m.condCol, m.condVal)
			}
		}
		// Cone, 3 arcmin.
		pos := strings.TrimSpace(strings.Join([]string{ftoa(m.ra), ftoa(m.dec)}, " "))
		st, out = postSearch(t, ts, m.name, "search", map[string]any{"limit": 5000, "offset": 0, "select_cols": nil,
			"target": []string{pos}, "radius": 180.0, "radius_units": "arcseconds", "conditions": []any{}})
		if st != 200 {
			t.Fatalf("%s cone: status %d %v", m.name, st, out)
		}
		rows = out["results"].([]any)
		if len(rows) == 0 {
			t.Fatalf("%s: no rows within 3' of %s", m.name, pos)
		}
		prev := -1.0
		for _, r := range rows {
			row := r.(map[string]any)
			sep := row["ang_sep"].(float64)
			if sep > 3.0001 || sep < prev || row["search_pos"] != pos || row["search_key"] != pos+row[m.key].(string) {
				t.Fatalf("%s cone row %v", m.name, row)
			}
			prev = sep
		}
		// Paging by offset gives the same rows as one big page.
		if total >= 30 {
			var ids []string
			for off := 0; off < 30; off += 10 {
				_, page := postSearch(t, ts, m.name, "search", map[string]any{"limit": 10, "offset": off, "conditions": []any{}})
				for _, r := range page["results"].([]any) {
					ids = append(ids, r.(map[string]any)[m.key].(string))
				}
			}
			for i, r := range all["results"].([]any)[:30] {
				if r.(map[string]any)[m.key] != ids[i] {
					t.Fatalf("%s: paging mismatch at %d", m.name, i)
				}
			}
		}
		// Errors.
		if st, out := postSearch(t, ts, m.name, "search", map[string]any{"conditions": []any{map[string]any{"nope": 1}}}); st != 400 || out["error"] == nil {
			t.Errorf("%s: unknown column: %d %v", m.name, st, out)
		}
	}
	// Roman's pass_id alias and the ULLYSES default columns astroquery sends.
	st, out := postSearch(t, ts, "roman", "search", map[string]any{"limit": 3, "conditions": []map[string]any{{"pass_id": 2}}, "select_cols": []string{"pass"}})
	if st != 200 || len(out["results"].([]any)) != 3 || out["results"].([]any)[0].(map[string]any)["pass"] != 2.0 {
		t.Errorf("pass_id: %d %v", st, out)
	}
	ulCols := []string{"target_name_ulysses", "target_classification", "targ_ra", "targ_dec", "host_galaxy_name", "spectral_type",
		"bmv0_mag", "u_mag", "b_mag", "v_mag", "gaia_g_mean_mag", "star_mass", "instrument", "grating", "filter", "observation_id"}
	if st, out := postSearch(t, ts, "ullyses", "search", map[string]any{"limit": 1, "select_cols": ulCols, "conditions": []any{}}); st != 200 || len(out["info"].([]any)) != 16 {
		t.Errorf("ullyses default columns: %d %v", st, out)
	}
}

func ftoa(f float64) string { b, _ := json.Marshal(f); return string(b) }

func TestSearchMoreProductsAndDownloadSweep(t *testing.T) {
	testmode.Sweep(t)
	ts := searchServer(t)
	for _, m := range moreMissions {
		_, out := postSearch(t, ts, m.name, "search", map[string]any{"limit": 2, "offset": 5, "conditions": []any{}})
		var ids []string
		for _, r := range out["results"].([]any) {
			ids = append(ids, r.(map[string]any)[m.key].(string))
		}
		st, pl := postSearch(t, ts, m.name, "post_list_products", map[string]any{"dataset_ids": ids})
		if st != 200 {
			t.Fatalf("%s: status %d", m.name, st)
		}
		prods := pl["products"].([]any)
		seen := map[string]bool{}
		for _, p := range prods {
			pm := p.(map[string]any)
			for _, k := range []string{"product_key", "access", "fileset", "instrument_name", "filters", "filename", "uri",
				"authz_primary_identifier", "authz_secondary_identifier", "file_suffix", "category", "size", "type"} {
				if _, ok := pm[k]; !ok {
					t.Fatalf("%s: product %v lacks %s", m.name, pm, k)
				}
			}
			if _, ok := pm["dataset"]; ok {
				t.Fatalf("%s: product has a dataset key: %v", m.name, pm)
			}
			seen[pm["fileset"].(string)] = true
			uri := pm["uri"].(string)
			if m.mastURI != strings.HasPrefix(uri, "mast:") || (!m.mastURI && uri != pm["fileset"].(string)+"/"+pm["filename"].(string)) {
				t.Fatalf("%s: uri %q", m.name, uri)
			}
		}
		if len(seen) != 2 || !seen[ids[0]] || !seen[ids[1]] {
			t.Fatalf("%s: filesets %v for %v", m.name, seen, ids)
		}
		// Download the smallest product: whole, ranged and HEAD.
		sort.SliceStable(prods, func(i, j int) bool {
			return prods[i].(map[string]any)["size"].(float64) < prods[j].(map[string]any)["size"].(float64)
		})
		for _, p := range []map[string]any{prods[0].(map[string]any), prods[len(prods)-1].(map[string]any)} {
			size := int64(p["size"].(float64))
			uri := p["uri"].(string)
			u := ts.URL + "/api/v0.1/Download/file?uri=" + url.QueryEscape(uri)
			if !m.mastURI {
				u = ts.URL + "/search/" + m.name + "/api/v0.1/retrieve_product?product_name=" + url.QueryEscape(uri)
			}
			req, _ := http.NewRequest("HEAD", u, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.ContentLength != size {
				t.Fatalf("%s HEAD %s: %d, length %d, want %d", m.name, uri, resp.StatusCode, resp.ContentLength, size)
			}
			if size > 8<<20 {
				continue
			}
			resp, err = http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			whole, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || int64(len(whole)) != size {
				t.Fatalf("%s GET %s: %d, %d bytes, want %d", m.name, uri, resp.StatusCode, len(whole), size)
			}
			req, _ = http.NewRequest("GET", u, nil)
			req.Header.Set("Range", "bytes=100-")
			resp, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 206 || !bytes.Equal(part, whole[100:]) {
				t.Fatalf("%s Range %s: %d, %d bytes", m.name, uri, resp.StatusCode, len(part))
			}
			if strings.HasSuffix(uri, ".fits") && !bytes.HasPrefix(whole, []byte("SIMPLE  =")) {
				t.Fatalf("%s: %s is not FITS", m.name, uri)
			}
		}
	}
}

// The new missions' files are archive files too: FileContent knows them.
func TestSearchMoreFileContent(t *testing.T) {
	s, _ := sharedServer(t)
	for _, m := range moreMissions {
		sm := archive.LookupSearchMission(m.name)
		rows := sm.ExtraRows(s.Archive())
		if m.name == "iue" {
			if len(rows) == 0 {
				t.Fatal("no dedicated IUE rows")
			}
		}
		ps := s.Archive().SearchProducts(sm, rows[len(rows)/2].ID)
		if len(ps) == 0 {
			t.Fatalf("%s: no products for %s", m.name, rows[len(rows)/2].ID)
		}
		for _, p := range ps {
			n, _, err := s.Archive().FileContent(p.DataURI)
			if err != nil || n != p.Size {
				t.Fatalf("%s: %s: %d bytes, want %d (%v)", m.name, p.DataURI, n, p.Size, err)
			}
		}
	}
}
