package mast_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/services/testmode"
)

// Seed 003: query_region("158.47924 -7.30962", radius=0.1, catalog="Panstarrs",
// data_release="dr1", table="mean") has 7007 rows, columns objName ... yFlags, distance.
func TestSimPanstarrsSeedRegionSweep(t *testing.T) {
	testmode.Sweep(t)
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	page, err := c.QueryPanstarrs(context.Background(), mast.PanstarrsQuery{Release: "DR1", Table: "mean",
		Position: &mast.Position{RA: 158.47924, Dec: -7.30962}, RadiusDeg: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	tb := page.Table
	if tb.Rows() != 7007 || page.HitLimit || len(page.Warnings) > 0 {
		t.Fatalf("%d rows (hit limit %v, %v), want 7007", tb.Rows(), page.HitLimit, page.Warnings)
	}
	names := tb.Names()
	if names[0] != "objName" || names[len(names)-1] != "distance" || names[len(names)-2] != "yFlags" {
		t.Fatalf("columns %v", names)
	}
	dist, id, name := tb.Col("distance"), tb.Col("objID"), tb.Col("objName")
	if id.Kind != model.KindInt || dist.Kind != model.KindFloat {
		t.Fatalf("objID is %v, distance %v", id.Kind, dist.Kind)
	}
	maskedMag := 0
	mag := tb.Col("yMeanPSFMag")
	for r := range tb.Rows() {
		if dist.Float[r] > 0.1 {
			t.Fatalf("row %d at %v deg, outside the cone", r, dist.Float[r])
		}
		// objID encodes the position the name gives (zone, then RA in micro-degrees).
		ra := strings.TrimPrefix(name.Str[r], "PSO J")[:8]
		if got := fmt.Sprintf("%013d", id.Int[r]%10000000000000)[:7]; got != strings.Replace(ra, ".", "", 1) {
			t.Fatalf("row %d: objID %d does not match name %s", r, id.Int[r], name.Str[r])
		}
		if mag.IsMasked(r) {
			maskedMag++
			if mag.Float[r] != -999 {
				t.Fatalf("masked magnitude %v", mag.Float[r])
			}
		}
	}
	if maskedMag == 0 || maskedMag == tb.Rows() {
		t.Errorf("%d of %d y magnitudes masked: -999 must be masked, real values not", maskedMag, tb.Rows())
	}
	if d := tb.Col("objName").Meta.Description; d == "" {
		t.Error("no description from the metadata")
	}
}

// Seed 003: the criteria example with decorators, columns, sort_by and pagesize.
func TestSimPanstarrsSeedCriteria(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	crit, err := mast.ParsePanstarrsCriterion("nStackDetections>=2")
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.QueryPanstarrs(context.Background(), mast.PanstarrsQuery{Table: "mean", Release: "dr2",
		Position: &mast.Position{RA: 5.97754, Dec: 32.53617}, RadiusDeg: 0.01, Criteria: []mast.PanstarrsCriterion{crit},
		Columns: []string{"objName", "objID", "nStackDetections", "distance"},
		SortBy:  []mast.PanstarrsSort{{Column: "distance", Desc: true}}, PageSize: 15})
	if err != nil {
		t.Fatal(err)
	}
	tb := page.Table
	if got := strings.Join(tb.Names(), ","); got != "objName,objID,nStackDetections,distance" {
		t.Fatalf("columns %s", got)
	}
	if tb.Rows() != 15 || !page.HitLimit || len(page.Warnings) != 1 || !strings.Contains(page.Warnings[0], "Maximum results") {
		t.Fatalf("%d rows, hit limit %v, warnings %v: a full page must say more may exist", tb.Rows(), page.HitLimit, page.Warnings)
	}
	for r := range tb.Rows() {
		if n := tb.Col("nStackDetections").Int[r]; n < 2 {
			t.Errorf("row %d: nStackDetections %d", r, n)
		}
		if r > 0 && tb.Col("distance").Float[r] > tb.Col("distance").Float[r-1] {
			t.Errorf("row %d: not sorted by distance descending", r)
		}
		if id := tb.Col("objID").Int[r]; id <= 1<<53 || !strings.HasPrefix(strconv.FormatInt(id, 10), "1470") {
			t.Errorf("row %d: objID %d", r, id)
		}
	}
}

// A criteria-only query, the like decorator, a range and a page past the first.
func TestSimPanstarrsCriteriaOnlyAndPaging(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	var crits []mast.PanstarrsCriterion
	for _, s := range []string{"objName~PSO J005.97*", "nDetections=10..30"} {
		cr, err := mast.ParsePanstarrsCriterion(s)
		if err != nil {
			t.Fatal(err)
		}
		crits = append(crits, cr)
	}
	q := mast.PanstarrsQuery{Criteria: crits, Columns: []string{"objname", "NDETECTIONS"}, SortBy: []mast.PanstarrsSort{{Column: "objName"}}}
	all, err := c.QueryPanstarrs(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	n := all.Table.Rows()
	if n < 4 {
		t.Fatalf("%d rows", n)
	}
	for r := range n {
		name, det := all.Table.Col("objName").Str[r], all.Table.Col("nDetections").Int[r]
		if !strings.HasPrefix(name, "PSO J005.97") || det < 10 || det > 30 {
			t.Fatalf("row %d: %s %d", r, name, det)
		}
	}
	q.PageSize, q.Page = 2, 2
	p2, err := c.QueryPanstarrs(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if p2.Table.Rows() != 2 || p2.Table.Col("objName").Str[0] != all.Table.Col("objName").Str[2] {
		t.Fatalf("page 2 of 2 rows: %v", p2.Table.Col("objName").Str)
	}
}

// What the client refuses before sending anything, and what the server refuses.
func TestSimPanstarrsErrors(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	pos := &mast.Position{RA: 5.97754, Dec: 32.53617}
	crit := func(s string) []mast.PanstarrsCriterion {
		cr, err := mast.ParsePanstarrsCriterion(s)
		if err != nil {
			t.Fatal(err)
		}
		return []mast.PanstarrsCriterion{cr}
	}
	for _, tc := range []struct {
		q    mast.PanstarrsQuery
		want string
	}{
		{mast.PanstarrsQuery{Position: pos, Criteria: crit("nStackDetection>=2")},
			"Filter 'nStackDetection' does not exist for panstarrs catalog mean, dr2. Did you mean 'nStackDetections'?"},
		{mast.PanstarrsQuery{Release: "dr3"}, `unknown PanSTARRS data release "dr3"`},
		{mast.PanstarrsQuery{Table: "means"}, `unknown PanSTARRS table "means"`},
		{mast.PanstarrsQuery{}, "At least one non-positional criterion must be supplied"},
		{mast.PanstarrsQuery{Columns: []string{"objNam"}, Position: pos}, "Column 'objNam' does not exist for panstarrs catalog mean, dr2. Did you mean 'objName'?"},
		{mast.PanstarrsQuery{SortBy: []mast.PanstarrsSort{{Column: "distanc"}}, Position: pos}, "Sort column 'distanc' does not exist"},
		{mast.PanstarrsQuery{Criteria: crit("nDetections=abc")}, `"abc" is not a number`},
		{mast.PanstarrsQuery{Criteria: crit("nDetections~1*")}, "like needs a text column"},
		{mast.PanstarrsQuery{Criteria: crit("distance<0.1")}, "Filter 'distance' does not exist"}, // no position, no distance
	} {
		_, err := c.QueryPanstarrs(ctx, tc.q)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.q, err, tc.want)
		}
	}
	// The server's own refusal (a cone bigger than it serves) becomes a PanstarrsQueryError.
	_, err := c.QueryPanstarrs(ctx, mast.PanstarrsQuery{Position: pos, RadiusDeg: 2})
	var qe *mast.PanstarrsQueryError
	if !errors.As(err, &qe) || qe.StatusCode != 400 || !strings.Contains(err.Error(), "radius") {
		t.Errorf("error %v, want the server's message about the radius", err)
	}
}

// Every table of both releases answers, with the metadata's columns.
func TestSimPanstarrsTables(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	for _, rel := range mast.PanstarrsReleases {
		for _, table := range mast.PanstarrsTables {
			cols, err := c.PanstarrsColumns(ctx, rel, table)
			if err != nil {
				t.Fatal(err)
			}
			if rel == "dr2" && table == "mean" && len(cols) != 124 {
				t.Errorf("dr2/mean has %d columns, want 124 as the real metadata", len(cols))
			}
			page, err := c.QueryPanstarrs(ctx, mast.PanstarrsQuery{Release: rel, Table: table,
				Position: &mast.Position{RA: 5.97754, Dec: 32.53617}, RadiusDeg: 0.005})
			if err != nil {
				t.Fatalf("%s/%s: %v", rel, table, err)
			}
			if page.Table.Rows() == 0 || len(page.Table.Columns) != len(cols)+1 { // + distance
				t.Errorf("%s/%s: %d rows, %d columns for %d in the metadata", rel, table, page.Table.Rows(), len(page.Table.Columns), len(cols))
			}
		}
	}
}
