package mast_test

import (
	"context"
	"encoding/json"
	"mastui/services/testmode"
	"slices"
	"strings"
	"testing"

	"mastui/services/mast"
)

// KnownServices names the services a user types most (sorted, each once); every one
// of them, with its example params, gets rows from the simulator, except those whose
// example is {} and that need an input (products, HSC matches) and those whose answer
// is no table.
func TestKnownServicesAndTheirExamplesSweep(t *testing.T) {
	testmode.Sweep(t)
	names := mast.KnownServices()
	for _, want := range []string{"Mast.Catalogs.Tic.Cone", "Mast.Catalogs.GaiaDR3.Cone", "Mast.Catalogs.Filtered.Tic.Rows",
		"Mast.Catalogs.Filtered.Tic.Position", "Mast.Catalogs.Filtered.DiskDetective", "Mast.Jwst.Filtered.Nirspec",
		"Mast.Jwst.Filtered.Guidestar", "Mast.Hst.Filtered.Wfc3", "Mast.Caom.Cone", "Mast.Caom.Filtered",
		"Mast.Name.Lookup", "Mast.Hsc.Db.v3", "Mast.HscMatches.Db.v2", "Mast.Galex.Catalog"} {
		if !slices.Contains(names, want) {
			t.Errorf("KnownServices lacks %s", want)
		}
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("not sorted or repeated: %v", names)
	}
	cs := newCatalogSim(t)
	ctx := context.Background()
	for _, name := range names {
		ex := mast.ServiceParamsExample(name)
		var obj map[string]any
		if err := json.Unmarshal([]byte(ex), &obj); err != nil {
			t.Errorf("%s: example is not a JSON object: %v\n%s", name, err, ex)
			continue
		}
		if ex == "{}" && (name == "Mast.Caom.Products" || strings.HasPrefix(name, "Mast.HscMatches")) {
			continue
		}
		if strings.HasPrefix(name, "Mast.Catalogs.All.") || name == "Mast.Caom.All" || name == "Mast.Name.Lookup" {
			continue // extjs histograms, and a look-up's answer: not tables (protocol 4.2)
		}
		res, err := cs.c.Service(ctx, mast.ServiceRequest{Service: name, Params: json.RawMessage(ex), Page: 1, PageSize: 50})
		if err != nil {
			t.Errorf("%s with %s: %v", name, ex, err)
			continue
		}
		if res.Table.Rows() == 0 && !strings.HasPrefix(name, "Mast.Catalogs.Filtered.") && !strings.Contains(name, "Dd.") && !strings.Contains(name, "Plato") && !strings.Contains(name, "SkyMapper") {
			t.Errorf("%s with %s: no rows", name, ex)
		}
	}
}
