package mast_test

import (
	"context"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"mastui/services/mast"
	"mastui/services/masthttp"
	"mastui/services/sim"
)

// The Search API missions beyond hst and jwst, through the real client against the
// simulator: column list, a criteria search, the products of two datasets and a
// download of one of them.
func TestSimMoreMissions(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	for _, tc := range []struct {
		mission, key string
		crit         mast.Criterion
		check        func(v string) bool
	}{
		{"roman", "fileSetName", mast.Criterion{Name: "optical_element", Value: "F158"}, func(v string) bool { return v == "F158" }},
		{"classy", "Target", mast.Criterion{Name: "other_name", Value: "!SDSS*"}, func(v string) bool { return !strings.HasPrefix(v, "SDSS") }},
		{"ullyses", "observation_id", mast.Criterion{Name: "host_galaxy_name", Value: "SMC,LMC"}, func(v string) bool { return v == "SMC" || v == "LMC" }},
		{"iue", "iue_data_id", mast.Criterion{Name: "camera", Value: "SWP"}, func(v string) bool { return v == "SWP" }},
	} {
		t.Run(tc.mission, func(t *testing.T) {
			m, notice := mast.MissionInfo(tc.mission)
			if notice != "" || m.DatasetKeyword != tc.key {
				t.Fatalf("mission info %+v %q", m, notice)
			}
			cols, err := c.MissionColumns(ctx, tc.mission)
			if err != nil || len(cols) < 10 {
				t.Fatalf("columns: %d, %v", len(cols), err)
			}
			hasKey := false
			for _, col := range cols {
				hasKey = hasKey || col.Name == tc.key
			}
			if !hasKey {
				t.Fatalf("no %s column", tc.key)
			}
			page, err := c.MissionSearch(ctx, mast.MissionQuery{Mission: tc.mission, Criteria: []mast.Criterion{tc.crit},
				SelectCols: []string{tc.crit.Name}, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			tb := page.Table
			if tb.Rows() < 2 || page.Total < int64(tb.Rows()) || tb.Col(tc.key) == nil {
				t.Fatalf("rows %d, total %d, columns %v", tb.Rows(), page.Total, tb.Names())
			}
			for i := 0; i < tb.Rows(); i++ {
				if v := strings.TrimSpace(tb.Col(tc.crit.Name).String(i)); !tc.check(v) {
					t.Fatalf("row %d: %s = %q breaks %s", i, tc.crit.Name, v, tc.crit.Value)
				}
			}
			ds := []string{tb.Col(tc.key).Str[0], tb.Col(tc.key).Str[1]}
			prods, err := c.MissionProducts(ctx, tc.mission, ds, 0)
			if err != nil || prods.Rows() == 0 {
				t.Fatalf("products of %v: %v", ds, err)
			}
			sets := map[string]bool{}
			for i := 0; i < prods.Rows(); i++ {
				sets[prods.Col("fileset").Str[i]] = true
			}
			if len(sets) != 2 || !sets[ds[0]] || !sets[ds[1]] {
				t.Fatalf("filesets %v, want %v", sets, ds)
			}
			uniq, _ := mast.UniqueMissionProducts(prods)
			// The smallest product keeps the download short.
			idx := make([]int, uniq.Rows())
			for i := range idx {
				idx[i] = i
			}
			size := uniq.Col("size")
			sort.Slice(idx, func(a, b int) bool { return size.Int[idx[a]] < size.Int[idx[b]] })
			i := idx[0]
			uri := uniq.Col("uri").Str[i]
			u, err := masthttp.MissionDownloadURL(c.Config().BaseURL, tc.mission, uri)
			if err != nil {
				t.Fatal(err)
			}
			if m.UsesRetrieveProduct != strings.Contains(u, "/retrieve_product?") {
				t.Fatalf("download URL %s", u)
			}
			resp, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || int64(len(body)) != size.Int[i] {
				t.Fatalf("GET %s: HTTP %d, %d bytes, want %d", u, resp.StatusCode, len(body), size.Int[i])
			}
		})
	}
}
