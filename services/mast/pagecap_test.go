package mast_test

// Pages the server caps silently (astroquery#2788, sim --page-cap): never a silent
// partial result.

import (
	"context"
	"strconv"
	"testing"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/sim"
)

// coneObsids is what Mast.Caom.Cone should return around M101, in the simulator's order.
func coneObsids(s *sim.Server, res *mast.Resolved) []string {
	idx, _ := s.Archive().Cone(res.RA, res.Dec, mast.DefaultRadiusDeg)
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = strconv.FormatUint(s.Archive().At(int(i)).Obsid, 10)
	}
	return out
}

func columnText(t *testing.T, tb *model.Table, name string) []string {
	t.Helper()
	c := tb.Col(name)
	if c == nil {
		t.Fatalf("no column %s in %v", name, tb.Names())
	}
	out := make([]string, tb.Rows())
	for i := range out {
		out[i] = c.String(i)
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: row %d is %s, want %s", what, i, got[i], want[i])
		}
	}
}

func TestSimCappedPagesGiveEveryRow(t *testing.T) {
	s, c := newSim(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{PageSizeCap: 50}})
	ctx := context.Background()
	tb, res, err := c.Search(ctx, mast.Query{Object: "M101"})
	if err != nil {
		t.Fatal(err)
	}
	want := coneObsids(s, res)
	if len(want) <= 100 {
		t.Fatalf("the test needs more than two capped pages around M101, has %d rows", len(want))
	}
	sameList(t, "Search", columnText(t, tb, "obsid"), want)

	// One page of 200 (the TUI's lazy paging) holds 200 rows, and the next page the
	// next 200, although the server serves 50 at a time.
	var paged []string
	for page := 1; page <= 2; page++ {
		p, err := c.SearchPage(ctx, mast.Query{Object: "M101"}, page, 200)
		if err != nil {
			t.Fatal(err)
		}
		if p.Page != page || p.PageSize != 200 || p.PagesFiltered != (len(want)+199)/200 || p.RowsFiltered != int64(len(want)) {
			t.Errorf("page %d: %+v", page, p)
		}
		if len(p.Notices) == 0 {
			t.Errorf("page %d: no notice of the capped pages", page)
		}
		paged = append(paged, columnText(t, p.Table, "obsid")...)
	}
	sameList(t, "SearchPage 1-2", paged, want[:min(400, len(want))])

	// Product lists are paged answers too.
	var obsids []string
	var wantProducts []string
	for _, id := range want[:8] {
		obsids = append(obsids, id)
		n, _ := strconv.ParseUint(id, 10, 64)
		for _, p := range s.Archive().Products(n) {
			wantProducts = append(wantProducts, p.DataURI)
		}
	}
	if len(wantProducts) <= 50 {
		t.Fatalf("the test needs more than one capped page of products, has %d", len(wantProducts))
	}
	pt, err := c.Products(ctx, obsids, mast.ProductOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sameList(t, "Products", columnText(t, pt, "dataURI"), wantProducts)
}

// TestSimCappedMissionSearch: a Search API answer with fewer rows than limit although
// totalResults says more exist is completed from where it stopped.
func TestSimCappedMissionSearch(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{PageSizeCap: 50}})
	q := mast.MissionQuery{Mission: "jwst", Criteria: []mast.Criterion{{Name: "instrume", Value: "NIRCAM"}}}
	p, err := c.MissionSearch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total <= 100 || p.Table.Rows() != int(p.Total) || p.HitLimit {
		t.Fatalf("%d rows of %d (hit limit %v)", p.Table.Rows(), p.Total, p.HitLimit)
	}
	ids := columnText(t, p.Table, "fileSetName")
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("dataset %s twice", id)
		}
		seen[id] = true
	}
	// A window of the TUI (offset, limit) holds what it asked for.
	q.Offset, q.Limit = 120, 200
	w, err := c.MissionSearch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	sameList(t, "window 120+200", columnText(t, w.Table, "fileSetName"), ids[120:320])
	if !w.HitLimit || len(w.Messages) == 0 {
		t.Errorf("window: hit limit %v, messages %q", w.HitLimit, w.Messages)
	}
}
