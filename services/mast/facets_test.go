package mast

import (
	"context"
	"strings"
	"testing"
)

func TestCollectionsAndFacets(t *testing.T) {
	f := newFake(t)
	f.answer("Mast.Caom.All", fixture(t, "caom_all.extjs.json"))
	c := f.client(nil)
	got, err := c.Collections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(got, ","); s != "HST,IUE,JWST,K2,K2FFI,Kepler,TESS" {
		t.Errorf("collections %s", s)
	}
	call := f.calls()[0]
	if call.Req["format"] != "extjs" || !sameJSON(t, call.params(), `{}`) {
		t.Errorf("request %v", call.Req)
	}
	facets, err := c.Facets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.calls()) != 1 {
		t.Error("facets not cached")
	}
	dp := facets["dataproduct_type"]
	if len(dp) != 4 || dp[0] != (FacetValue{"image", 700000}) || dp[3] != (FacetValue{"timeseries", 50}) {
		t.Errorf("dataproduct_type facet %+v", dp)
	}
	if cl := facets["calib_level"]; len(cl) != 5 || cl[0].Key != "0" || cl[4].Count != 5 {
		t.Errorf("calib_level facet %+v", cl)
	}
	// Numeric columns carry a binned histogram (protocol 3.3): not facets, and their
	// bins, min, max and type must not become values anywhere.
	for _, numeric := range []string{"s_ra", "t_exptime", "t_obs_release"} {
		if v, ok := facets[numeric]; ok {
			t.Errorf("numeric column %s listed as a facet: %+v", numeric, v)
		}
	}
	for col, vals := range facets {
		for _, v := range vals {
			if v.Key == "min" || v.Key == "max" || v.Key == "type" || v.Key == "hist" || strings.Contains(v.Key, "{") {
				t.Errorf("%s: bogus facet value %+v", col, v)
			}
		}
	}
	if len(facets) != 3 {
		t.Errorf("facets of %d columns, want obs_collection, dataproduct_type, calib_level", len(facets))
	}
}

func TestMetadata(t *testing.T) {
	f := newFake(t)
	c := f.client(nil)
	md, err := c.Metadata(context.Background(), "observations")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range md {
		names = append(names, m.Name)
	}
	if names[0] != "intentType" || names[len(names)-1] != "distance" || len(md) != 27 {
		t.Errorf("order/count: %d %v", len(md), names)
	}
	for _, m := range md {
		if m.Name == "_selected_" || m.Name == "jpegURL" {
			t.Errorf("%s should be skipped", m.Name)
		}
	}
	byName := map[string]FieldMeta{}
	for _, m := range md {
		byName[m.Name] = m
	}
	if m := byName["s_ra"]; m.Label != "RA" || m.Type != "float" || m.Unit != "deg" || m.Description != "Observation Right Ascension" {
		t.Errorf("s_ra %+v", m)
	}
	if m := byName["obs_collection"]; m.Type != "string" || m.Examples != "HST" {
		t.Errorf("obs_collection %+v", m)
	}
	if m := byName["obsid"]; m.Type != "string" { // "type" wins over vot.datatype
		t.Errorf("obsid %+v", m)
	}
	if m := byName["calib_level"]; m.Type != "int" {
		t.Errorf("calib_level %+v", m)
	}
	pm, err := c.Metadata(context.Background(), "PRODUCTS")
	if err != nil || len(pm) != 9 || pm[8].Name != "size" || pm[8].Unit != "bytes" || pm[8].Type != "int" {
		t.Errorf("products metadata %+v %v", pm, err)
	}
	if _, err := c.Metadata(context.Background(), "stars"); err == nil {
		t.Error("unknown kind accepted")
	}
	if n := len(f.ccIDs); n != 2 {
		t.Errorf("%d columnsconfig requests, want 2 (cached)", n)
	}
	cfg, err := c.ColumnsConfig(context.Background(), "Mast.Caom.Cone")
	if err != nil || prop(cfg["s_fov"], "ignoreValue") != "0" {
		t.Errorf("ColumnsConfig: %v %v", cfg["s_fov"], err)
	}
}
