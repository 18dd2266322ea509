package mast

import (
	"slices"
	"testing"
)

// The numeric histograms of Mast.Caom.All (protocol 3.3) are read, bins in key order
// with the column's range; the categorical ones stay facets.
func TestParseNumericHistograms(t *testing.T) {
	fc, err := parseFacets([]byte(fixture(t, "caom_all.extjs.json")))
	if err != nil {
		t.Fatal(err)
	}
	h, ok := fc.hists["t_exptime"]
	if !ok {
		t.Fatalf("no t_exptime histogram: %v", fc.hists)
	}
	if h.Min != 0 || h.Max != 86400 || len(h.Counts) != 6 || h.Counts[0] != 90000 || h.Counts[1] != 1200 {
		t.Errorf("t_exptime %+v", h)
	}
	if _, ok := fc.hists["obs_collection"]; ok {
		t.Error("a categorical column read as a numeric histogram")
	}
	if _, ok := fc.values["obs_collection"]; !ok {
		t.Error("the facets are gone")
	}
}

func TestNumericHistogramBinsSortedAndRangeFromBins(t *testing.T) {
	raw := `{"status":"COMPLETE","data":{"Tables":[{"Columns":[{"text":"t_min","ExtendedProperties":{"histObj":
		{"hist":{"hist":[{"key":20,"count":3},{"key":10,"count":1},{"key":30,"count":7}]},"type":"numeric"}}}]}]}}`
	fc, err := parseFacets([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := fc.hists["t_min"]
	if !slices.Equal(h.Counts, []int64{1, 3, 7}) || h.Min != 10 || h.Max != 30 {
		t.Errorf("got %+v, want counts 1 3 7 from 10 to 30", h)
	}
}

// A numeric histogram MAST sends in a shape mastui cannot read is left out: the facets
// of the same answer (the collections) are not lost for it.
func TestNumericHistogramBadBinsAreLeftOut(t *testing.T) {
	raw := `{"status":"COMPLETE","data":{"Tables":[{"Columns":[
		{"text":"t_min","ExtendedProperties":{"histObj":{"hist":{"hist":[{"key":"soon","count":3}]},"type":"numeric"}}},
		{"text":"t_exptime","ExtendedProperties":{"histObj":{"hist":{"hist":{"oops":1}},"type":"numeric"}}},
		{"text":"obs_collection","ExtendedProperties":{"histObj":{"hist":[{"key":"HST","count":3}]}}}]}]}}`
	fc, err := parseFacets([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.hists) != 0 {
		t.Errorf("unreadable histograms kept: %+v", fc.hists)
	}
	if v := fc.values["obs_collection"]; len(v) != 1 || v[0].Key != "HST" {
		t.Errorf("facets %+v", fc.values)
	}
}
