package mast_test

import (
	"context"
	"strings"
	"testing"

	"mastui/services/mast"
	"mastui/services/sim"
)

// Facets for one search, from the simulator: the collections and instruments counted
// among the observations around M101 are those the search itself returns (each part of
// a multi-valued cell once), not the archive's; a criterion narrows them.
func TestSimQueryFacetsCountTheSearch(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	q := mast.Query{Object: "M101", RadiusDeg: 0.2}
	got, err := c.QueryFacets(ctx, q, []string{"obs_collection", "Instrument_Name"})
	if err != nil {
		t.Fatal(err)
	}
	tb, _, err := c.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if got.Partial || got.Rows != int64(tb.Rows()) {
		t.Fatalf("rows %d partial %v, the search has %d", got.Rows, got.Partial, tb.Rows())
	}
	for _, col := range []string{"obs_collection", "instrument_name"} {
		want := map[string]int64{}
		cc := tb.Col(col)
		for r := 0; r < tb.Rows(); r++ {
			for _, p := range strings.Split(cc.String(r), ";") {
				if p != "" {
					want[p]++
				}
			}
		}
		vals := got.Values[col]
		if len(vals) == 0 || len(vals) != len(want) {
			t.Fatalf("%s: %d values, the search holds %d (%v)", col, len(vals), len(want), vals)
		}
		for i, v := range vals {
			if want[v.Key] != v.Count || i > 0 && vals[i-1].Count < v.Count {
				t.Fatalf("%s: %+v, counted from the rows %d (or out of order)", col, v, want[v.Key])
			}
		}
	}
	all, err := c.Facets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all["obs_collection"]) <= len(got.Values["obs_collection"]) {
		t.Fatalf("M101's collections %v are as many as the archive's %v", got.Values["obs_collection"], all["obs_collection"])
	}

	top := got.Values["instrument_name"][0].Key
	q.Criteria = []mast.Criterion{{Name: "instrument_name", Value: top}}
	narrowed, err := c.QueryFacets(ctx, q, []string{"instrument_name"})
	if err != nil {
		t.Fatal(err)
	}
	if v := narrowed.Values["instrument_name"]; len(v) != 1 || v[0] != got.Values["instrument_name"][0] {
		t.Fatalf("with instrument_name=%s: %v", top, v)
	}
}
