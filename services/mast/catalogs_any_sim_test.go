package mast_test

// QueryCatalog, CountCatalog and CatalogColumnsOf: one entry point for every catalog,
// PanSTARRS included, against the simulator.

import (
	"context"
	"errors"
	"strings"
	"testing"

	"mastui/model"
	"mastui/services/mast"
	"mastui/services/testmode"
)

func TestQueryCatalogSortsAndSelectsPortalRowsClientSideSweep(t *testing.T) {
	testmode.Sweep(t)
	cs := newCatalogSim(t)
	ctx := context.Background()
	res, err := cs.c.QueryCatalog(ctx, mast.CatalogRequest{Catalog: "tic", Object: "M10", RadiusDeg: 0.02,
		Select: []string{"ID", "tmag"}, SortBy: []model.SortKey{{Column: "Tmag", Desc: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Table.Names(), ","); got != "ID,Tmag" {
		t.Fatalf("columns %s", got)
	}
	tm := res.Table.Col("Tmag")
	if res.Table.Rows() < 3 {
		t.Fatalf("%d rows: the test needs several", res.Table.Rows())
	}
	for i := 1; i < res.Table.Rows(); i++ {
		if !tm.IsNull(i) && tm.Float[i] > tm.Float[i-1] {
			t.Fatalf("row %d: Tmag %v after %v, want descending", i, tm.Float[i], tm.Float[i-1])
		}
	}
	_, err = cs.c.QueryCatalog(ctx, mast.CatalogRequest{Catalog: "TIC", Object: "M10", RadiusDeg: 0.02, SortBy: []model.SortKey{{Column: "Tmagg"}}})
	if err == nil || !strings.Contains(err.Error(), `sort column "Tmagg" is not a column of the answer: did you mean "Tmag"?`) {
		t.Fatalf("err = %v", err)
	}
}

func TestQueryCatalogDispatchesPanstarrsAndSplitsExtraParams(t *testing.T) {
	cs := newCatalogSim(t)
	ctx := context.Background()
	res, err := cs.c.QueryCatalog(ctx, mast.CatalogRequest{Catalog: "PANSTARRS", Release: "dr2", Table: "mean",
		Position: pos(5.97754, 32.53617), RadiusDeg: 0.01, Criteria: []string{"nStackDetections>=2"},
		Select: []string{"objName", "objID", "nStackDetections", "distance"}, SortBy: []model.SortKey{{Column: "distance", Desc: true}}, PageSize: 15})
	if err != nil {
		t.Fatal(err)
	}
	if res.Service != "PanSTARRS dr2/mean" || strings.Join(res.Table.Names(), ",") != "objName,objID,nStackDetections,distance" {
		t.Fatalf("%s: %v", res.Service, res.Table.Names())
	}
	hsc, err := cs.c.QueryCatalog(ctx, mast.CatalogRequest{Catalog: "HSC", Position: pos(322.49324, 12.16683), Criteria: []string{"magtype=2", "NR=500"}})
	if err != nil {
		t.Fatal(err)
	}
	if hsc.Table.Rows() != 500 || len(hsc.Warnings) != 1 {
		t.Fatalf("%d rows, warnings %q", hsc.Table.Rows(), hsc.Warnings)
	}
	if got := cs.lastParams(t, "Mast.Hsc.Db.v3"); !strings.HasSuffix(got, `"nr":500,"ni":1,"magtype":2}`) {
		t.Fatalf("params %s", got)
	}
}

func TestQueryCatalogBadInputNamesTheProblemSweep(t *testing.T) {
	testmode.Sweep(t)
	cs := newCatalogSim(t)
	ctx := context.Background()
	cases := []struct {
		r    mast.CatalogRequest
		want string
	}{
		{mast.CatalogRequest{Catalog: "Gaai", Position: pos(1, 1)}, `unknown catalog "Gaai": did you mean "Gaia"?`},
		{mast.CatalogRequest{Catalog: "Gaia", Release: "dr1", Position: pos(1, 1)}, "data releases and tables are PanSTARRS's"},
		{mast.CatalogRequest{Catalog: "PanSTARRS", Version: "2", Position: pos(1, 1)}, "not versions"},
		{mast.CatalogRequest{Catalog: "Gaia", Position: pos(1, 1), Criteria: []string{"phot_g_mean_mag=1..2"}}, "catalog Gaia takes no criteria"},
		{mast.CatalogRequest{Catalog: "TIC", Criteria: []string{"Bmag"}}, "expected KEY=VALUE"},
		{mast.CatalogRequest{Catalog: "PanSTARRS", Criteria: []string{"nDetections!=3"}}, "no negation"},
	}
	for _, c := range cases {
		if _, err := cs.c.QueryCatalog(ctx, c.r); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.r, err, c.want)
		}
	}
	for _, r := range []mast.CatalogRequest{{Catalog: "HSC", Position: pos(1, 1)}, {Catalog: "PanSTARRS", Position: pos(1, 1)}} {
		if _, err := cs.c.CountCatalog(ctx, r); !errors.Is(err, mast.ErrNoCatalogCount) {
			t.Errorf("%s count: err = %v", r.Catalog, err)
		}
	}
	n, err := cs.c.CountCatalog(ctx, mast.CatalogRequest{Catalog: "TIC", Criteria: []string{"Bmag=30..50", "objType=STAR"}})
	if err != nil || n == 0 {
		t.Fatalf("TIC count %d, %v", n, err)
	}
}

func TestCatalogColumnsOfPanstarrsAndPortal(t *testing.T) {
	cs := newCatalogSim(t)
	ctx := context.Background()
	ps, err := cs.c.CatalogColumnsOf(ctx, mast.CatalogRequest{Catalog: "ps1", Release: "dr1", Table: "mean"})
	if err != nil || len(ps) == 0 {
		t.Fatalf("%d columns, %v", len(ps), err)
	}
	found := false
	for _, c := range ps {
		found = found || c.Name == "objID" && c.Type == "int" && c.Description != ""
	}
	if !found {
		t.Fatalf("no objID int column in %+v", ps[:3])
	}
	tic, err := cs.c.CatalogColumnsOf(ctx, mast.CatalogRequest{Catalog: "TIC"})
	if err != nil || len(tic) == 0 {
		t.Fatalf("TIC columns: %v", err)
	}
	if _, err := cs.c.CatalogColumnsOf(ctx, mast.CatalogRequest{Catalog: "TIC", Table: "mean"}); err == nil {
		t.Fatal("a table for TIC accepted")
	}
}
