package mast_test

import (
	"context"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	"mastui/services/mast"
	"mastui/services/masthttp"
	"mastui/services/sim"
)

// The seed-000 criteria example, through the client and the simulator: every returned row
// satisfies every condition.
func TestSimMissionSearchCriteriaExample(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	page, err := c.MissionSearch(context.Background(), mast.MissionQuery{Mission: "hst", Criteria: []mast.Criterion{
		{Name: "sci_obs_type", Value: "IMAGE"}, {Name: "sci_instrume", Value: "!COS"},
		{Name: "sci_spec_1234", Value: "F150W,F105W,F110W"}, {Name: "sci_dec", Value: ">0"},
		{Name: "sci_actual_duration", Value: "1000..2000"}, {Name: "sci_targname", Value: "*GAL*"},
	}, SelectCols: []string{"sci_obs_type", "sci_instrume", "sci_spec_1234", "sci_dec", "sci_actual_duration", "sci_targname"}})
	if err != nil {
		t.Fatal(err)
	}
	tb := page.Table
	if tb.Rows() == 0 || page.Total != int64(tb.Rows()) {
		t.Fatalf("rows %d, total %d", tb.Rows(), page.Total)
	}
	for i := 0; i < tb.Rows(); i++ {
		typ, inst := strings.TrimSpace(tb.Col("sci_obs_type").Str[i]), strings.TrimSpace(tb.Col("sci_instrume").Str[i])
		spec, targ := tb.Col("sci_spec_1234").Str[i], tb.Col("sci_targname").Str[i]
		dec, dur := tb.Col("sci_dec").Float[i], tb.Col("sci_actual_duration").Float[i]
		okSpec := strings.Contains("F150W,F105W,F110W", strings.TrimSpace(spec))
		if !strings.EqualFold(typ, "IMAGE") || strings.EqualFold(inst, "COS") || !okSpec || !(dec > 0) ||
			dur < 1000 || dur > 2000 || !strings.Contains(strings.ToUpper(targ), "GAL") {
			t.Fatalf("row %d breaks a condition: %s %s %s %v %v %s", i, typ, inst, spec, dec, dur, targ)
		}
	}
	if tb.Col("sci_data_set_name") == nil {
		t.Error("the dataset keyword must always be returned")
	}
}

func TestSimMissionPositionalProductsAndRetrieve(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	page, err := c.MissionSearch(ctx, mast.MissionQuery{Mission: "hst",
		Coordinates: []mast.Position{{RA: 245.89675, Dec: -26.52575}, {RA: 205.54842, Dec: 28.37728}},
		Objects:     []string{"M2", "M9"}, RadiusArcmin: 3,
		SelectCols: []string{"sci_targname", "sci_pep_id"}, SortBy: []string{"search_pos"}})
	if err != nil {
		t.Fatal(err)
	}
	if page.Table.Rows() == 0 || page.Table.Col("ang_sep") == nil {
		t.Fatalf("positional search: %d rows, columns %v", page.Table.Rows(), page.Table.Names())
	}
	for _, sep := range page.Table.Col("ang_sep").Float {
		if math.IsNaN(sep) || sep > 3 {
			t.Fatalf("ang_sep %v arcmin outside the 3 arcmin radius", sep)
		}
	}
	ds := page.Table.Col("sci_data_set_name").Str[:2]
	prods, err := c.MissionProducts(ctx, "hst", ds, 0)
	if err != nil || prods.Rows() == 0 {
		t.Fatalf("products: %v", err)
	}
	uniq, _ := mast.UniqueMissionProducts(prods)
	uri := uniq.Col("uri").Str[0]
	u, err := masthttp.MissionDownloadURL(c.Config().BaseURL, "hst", uri)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || int64(len(body)) != uniq.Col("size").Int[0] {
		t.Fatalf("retrieve_product %s: HTTP %d, %d bytes, want %d", uri, resp.StatusCode, len(body), uniq.Col("size").Int[0])
	}
	if _, err := c.MissionSearch(ctx, mast.MissionQuery{Mission: "hst", Criteria: []mast.Criterion{{Name: "sci_pep_id", Value: "invalid"}}}); err == nil ||
		!strings.Contains(err.Error(), "rejected the query") {
		t.Errorf("invalid value: %v", err)
	}
}
