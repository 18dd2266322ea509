package mast_test

import (
	"context"
	"testing"

	"mastui/services/mast"
	"mastui/services/registry"
	"mastui/services/sim"
)

// Every browsable mission of the registry (the ones the Missions tab offers) is served
// by the simulator: its column list holds the dataset keyword, a search returns datasets
// and the first dataset has products. A mission added to the registry without its
// simulated columns and rows fails here. (roman_spectra and roman_cgi have no dataset
// keyword: they are registered for their download route only, see TestMissionInfo.)
func TestSimServesEveryRegisteredMission(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	ctx := context.Background()
	names := registry.BrowsableMissions()
	if len(names) == 0 {
		t.Fatal("the registry offers no mission")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			m, _ := mast.MissionInfo(name)
			cols, err := c.MissionColumns(ctx, name)
			if err != nil {
				t.Fatalf("column list: %v", err)
			}
			hasKey := false
			for _, col := range cols {
				hasKey = hasKey || col.Name == m.DatasetKeyword
			}
			if !hasKey {
				t.Fatalf("column list of %d columns lacks the dataset keyword %s", len(cols), m.DatasetKeyword)
			}
			page, err := c.MissionSearch(ctx, mast.MissionQuery{Mission: name, Limit: 3})
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			key := page.Table.Col(m.DatasetKeyword)
			if page.Table.Rows() == 0 || key == nil {
				t.Fatalf("search: %d rows, columns %v", page.Table.Rows(), page.Table.Names())
			}
			ds := key.String(0)
			prods, err := c.MissionProducts(ctx, name, []string{ds}, 0)
			if err != nil {
				t.Fatalf("products of %s: %v", ds, err)
			}
			if prods.Rows() == 0 || prods.Col("uri") == nil {
				t.Fatalf("products of %s: %d rows, columns %v", ds, prods.Rows(), prods.Names())
			}
		})
	}
}
