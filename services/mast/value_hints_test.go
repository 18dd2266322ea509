package mast

import (
	"reflect"
	"testing"
)

// ValueHints: each value no observation holds, with the nearest known ones; known
// values (case-blind, or a part of a multi-valued key), negations, wildcards and
// columns without a facet are not flagged.
func TestValueHints(t *testing.T) {
	facets := map[string][]FacetValue{
		"obs_collection":  {{Key: "HST"}, {Key: "HUT"}, {Key: "JWST"}, {Key: "GALEX"}},
		"instrument_name": {{Key: "NIRCAM"}, {Key: "NIRSPEC"}, {Key: "NIRCAM/IMAGE"}, {Key: "WFC3/UVIS"}},
		"filters":         {{Key: "F170LP;G235M"}, {Key: "NUV"}},
		"calib_level":     {{Key: "1"}, {Key: "3"}},
	}
	got := ValueHints(facets, []Criterion{
		{Name: "obs_collection", Value: "jwst, HTS"},
		{Name: "Instrument_Name", Value: "NIRCMA"},
		{Name: "filters", Value: "g235m,!XYZ,F1*"},
		{Name: "proposal_pi", Value: "Nobody"},
		{Name: "calib_level", Value: "2..3"},
		{Name: "calib_level", Value: ">=2"},
		{Name: "obs_collection", Value: "QQQQQQ"},
	})
	want := []ValueHint{
		{Column: "obs_collection", Value: "HTS", Nearest: []string{"HST", "HUT"}},
		{Column: "Instrument_Name", Value: "NIRCMA", Nearest: []string{"NIRCAM", "NIRCAM/IMAGE", "NIRSPEC"}},
		{Column: "obs_collection", Value: "QQQQQQ", Nearest: []string{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
	for h, s := range map[int]string{
		0: `obs_collection "HTS" matches nothing; did you mean HST or HUT?`,
		1: `Instrument_Name "NIRCMA" matches nothing; did you mean NIRCAM, NIRCAM/IMAGE or NIRSPEC?`,
		2: `obs_collection "QQQQQQ" matches nothing`,
	} {
		if got[h].String() != s {
			t.Errorf("hint %d: %q, want %q", h, got[h].String(), s)
		}
	}
}
