package mast

import (
	"strings"
	"testing"
)

// A few columns of dr2/mean, as the metadata describes them.
var psTestCols = []PanstarrsColumn{
	{Name: "objName", DBType: "STRING", Type: "char"}, {Name: "objID", DBType: "BIGINT", Type: "long"},
	{Name: "nStackDetections", DBType: "SMALLINT", Type: "short"}, {Name: "nDetections", DBType: "SMALLINT", Type: "short"},
	{Name: "gMeanPSFMag", DBType: "REAL", Type: "float"}, {Name: "raMean", DBType: "DOUBLE", Type: "double"},
}

func mustCrit(t *testing.T, specs ...string) []PanstarrsCriterion {
	t.Helper()
	var out []PanstarrsCriterion
	for _, s := range specs {
		cr, err := ParsePanstarrsCriterion(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cr)
	}
	return out
}

// The JSON bodies sent, byte for byte (protocol 7.2).
func TestPanstarrsBody(t *testing.T) {
	pos := &Position{RA: 5.97754, Dec: 32.53617}
	for _, tc := range []struct {
		q    PanstarrsQuery
		want string
	}{
		// The seed-003 example: the protocol's body.
		{PanstarrsQuery{Position: pos, RadiusDeg: 0.01, Criteria: mustCrit(t, "nStackDetections>=2"), PageSize: 15,
			Columns: []string{"objName", "objID", "nStackDetections", "distance"}, SortBy: []PanstarrsSort{{"distance", true}}},
			`{"pagesize": 15, "ra": 5.97754, "dec": 32.53617, "radius": 0.01, "nStackDetections.gte": 2, ` +
				`"columns": ["objName", "objID", "nStackDetections", "distance"], "sort_by": ["distance.desc"]}`},
		// One column is a scalar, sort_by always a list; the radius defaults to 0.2.
		{PanstarrsQuery{Position: pos, Columns: []string{"objname"}, SortBy: []PanstarrsSort{{"raMean", false}}, Page: 2},
			`{"page": 2, "ra": 5.97754, "dec": 32.53617, "radius": 0.2, "columns": "objName", "sort_by": ["raMean"]}`},
		// Lists, ranges (grouped by key, first-appearance order), text values, big ids exact.
		{PanstarrsQuery{Criteria: mustCrit(t, "nDetections=3..10", "objName=PSO J1, PSO J2", "nDetections=1,2",
			"gMeanPSFMag<20.5", "gMeanPSFMag.min=+15", "objID=147030059812483022", "objName~PSO*")},
			`{"nDetections.gte": 3, "nDetections.lte": 10, "objName": ["PSO J1", "PSO J2"], "nDetections": [1, 2], ` +
				`"gMeanPSFMag.lt": 20.5, "gMeanPSFMag.min": 15, "objID": 147030059812483022, "objName.like": "PSO*"}`},
	} {
		got, err := PanstarrsBody(psTestCols, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("body\n got %s\nwant %s", got, tc.want)
		}
	}
}

func TestParsePanstarrsCriterion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nStackDetections>=2", "nStackDetections gte:2"},
		{" nDetections = 3..10 ", "nDetections gte:3 lte:10"},
		{"nDetections=3..", "nDetections gte:3"},
		{"nDetections=..10", "nDetections lte:10"},
		{"objName~PSO J005*", "objName like:PSO J005*"},
		{"objName.contains=J005", "objName contains:J005"},
		{"objName.LIKE=PSO%", "objName like:PSO%"},
		{"col=a, b ,c", "col :a :b :c"},
		{"x>1", "x gt:1"}, {"x<1", "x lt:1"}, {"x<=1", "x lte:1"}, {"x=-1", "x :-1"},
	} {
		cr, err := ParsePanstarrsCriterion(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		got := cr.Column
		for _, v := range cr.Values {
			got += " " + v.Decorator + ":" + v.Value
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"nDetections", "expected COLUMN=VALUE"},
		{"=3", "no column name"},
		{"nDetections>=", "no value after"},
		{"nDetections==3", "use one '='"},
		{"nDetections!=3", "no negation"},
		{"nDetections.between=3", `unknown decorator "between"`},
		{"nDetections.gte>3", "not both"},
		{"n Det=3", "may only hold letters"},
		{"nDetections=1,3..5", "a range cannot be part of a list"},
		{"nDetections=..", "at least one bound"},
		{"col=a,,b", "empty value in the list"},
	} {
		_, err := ParsePanstarrsCriterion(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.in) {
			t.Errorf("%q: error %v, want one quoting the criterion and saying %q", tc.in, err, tc.want)
		}
	}
}

// The metadata decoder: column_name before name, "NULL" is nothing, entries without a
// name or db_type are skipped, unknown keys ignored.
func TestParsePanstarrsMetadata(t *testing.T) {
	cols, err := parsePanstarrsMetadata("m", []byte(`[{"name": "a", "column_name": "objID", "db_type": "BIGINT", "type": "long",
		"description": "Id.", "unit": "NULL", "new": {"x": 1}}, {"name": "raMean", "db_type": "DOUBLE", "unit": "degrees"},
		{"name": "noType", "db_type": "NULL"}, {"db_type": "REAL"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 2 || cols[0] != (PanstarrsColumn{Name: "objID", DBType: "BIGINT", Type: "long", Description: "Id."}) ||
		cols[1].Name != "raMean" || cols[1].Unit != "degrees" || !cols[1].Numeric() || (PanstarrsColumn{DBType: "STRING"}).Numeric() {
		t.Fatalf("%+v", cols)
	}
	if _, err := parsePanstarrsMetadata("m", []byte(`[]`)); err == nil {
		t.Error("an empty column list must fail")
	}
}

// An answer as the catalogs API writes it: ids as strings stay exact, -999 is masked.
func TestDecodePanstarrsAnswer(t *testing.T) {
	cols := []PanstarrsColumn{{Name: "gMeanPSFMag", DBType: "REAL", Description: "Mean PSF magnitude.", Unit: "AB magnitudes"}}
	tb, err := decodePanstarrs("panstarrs dr2/mean", []byte(fixture(t, "panstarrs/query_dr2_mean.json")), cols, false)
	if err != nil {
		t.Fatal(err)
	}
	id, n, mag := tb.Col("objID"), tb.Col("nStackDetections"), tb.Col("gMeanPSFMag")
	if tb.Rows() != 3 || id.Int[0] != 147030059812483022 || id.Int[2] != 147050059787164914 {
		t.Fatalf("objID %v", id.Int)
	}
	if mag.Float[0] != 20.2718 || mag.IsMasked(0) || !mag.IsMasked(1) || !n.IsMasked(2) || n.IsMasked(1) {
		t.Fatalf("magnitudes %v (masked %v), counts %v (masked %v)", mag.Float, mag.Masked, n.Int, n.Masked)
	}
	if mag.Meta.Unit != "AB magnitudes" || mag.Meta.Description == "" {
		t.Errorf("meta %+v", mag.Meta)
	}
}
