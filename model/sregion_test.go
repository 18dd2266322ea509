package model

import (
	"strings"
	"testing"
)

func TestParseRegionShapes(t *testing.T) {
	cases := []struct {
		in    string
		kinds []ShapeKind
		first SkyPoint // the first shape's centre
	}{
		{"POLYGON 210.7 54.3 210.9 54.3 210.9 54.4 210.7 54.4", []ShapeKind{ShapePolygon}, SkyPoint{210.8, 54.35}},
		{"POLYGON ICRS 210.7 54.3 210.9 54.3 210.9 54.4", []ShapeKind{ShapePolygon}, SkyPoint{210.833, 54.333}},
		{"CIRCLE ICRS 210.802429 54.348750 0.0028", []ShapeKind{ShapeCircle}, SkyPoint{210.802429, 54.34875}},
		{"circle 10 -20 0.5", []ShapeKind{ShapeCircle}, SkyPoint{10, -20}},
		{"POSITION ICRS 53.1 -27.8", []ShapeKind{ShapePoint}, SkyPoint{53.1, -27.8}},
		// HST and JWST footprints: several detectors, one POLYGON each, with frame and
		// reference position words.
		{"POLYGON ICRS GEOCENTER 150.1 2.2 150.2 2.2 150.2 2.3 POLYGON ICRS GEOCENTER 150.3 2.2 150.4 2.2 150.4 2.3 CIRCLE J2000 150 2 0.1",
			[]ShapeKind{ShapePolygon, ShapePolygon, ShapeCircle}, SkyPoint{150.15, 2.23}},
		{"UNION ( POLYGON FK5 1 1 2 1 2 2 , CIRCLE FK5 3 3 1 )", []ShapeKind{ShapePolygon, ShapeCircle}, SkyPoint{1.67, 1.33}},
		// Across RA 0: the centre is near 0, not near 180.
		{"POLYGON 359.9 10 0.1 10 0.1 10.2 359.9 10.2", []ShapeKind{ShapePolygon}, SkyPoint{0, 10.1}},
		{"", nil, SkyPoint{}},
		{"   ", nil, SkyPoint{}},
	}
	for _, c := range cases {
		got, err := ParseRegion(c.in)
		if err != nil {
			t.Errorf("ParseRegion(%q): %v", c.in, err)
			continue
		}
		if len(got) != len(c.kinds) {
			t.Errorf("ParseRegion(%q) = %d shapes, want %d", c.in, len(got), len(c.kinds))
			continue
		}
		for i, k := range c.kinds {
			if got[i].Kind != k {
				t.Errorf("ParseRegion(%q)[%d] kind %v, want %v", c.in, i, got[i].Kind, k)
			}
		}
		if len(got) > 0 {
			ctr := got[0].Center
			dra := ctr.RA - c.first.RA
			if dra > 180 {
				dra -= 360
			}
			if abs(dra) > 0.02 || abs(ctr.Dec-c.first.Dec) > 0.02 {
				t.Errorf("ParseRegion(%q) centre %+v, want about %+v", c.in, ctr, c.first)
			}
		}
	}
}

func TestParseRegionCircleRadiusAndWrap(t *testing.T) {
	got, err := ParseRegion("CIRCLE ICRS 370 -10 -0.0028")
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Center.RA != 10 || got[0].Radius != 0.0028 {
		t.Errorf("got %+v, want RA 10 (370 wrapped) and radius 0.0028 (its size)", got[0])
	}
}

func TestParseRegionBadInputIsAnErrorNamingIt(t *testing.T) {
	cases := map[string]string{
		"POLYGON 1 2 3 4":                   "at least 3",
		"POLYGON 1 2 3 4 5":                 "at least 3",
		"POLYGON 1 2 3 4 5 6 7":             "at least 3",
		"CIRCLE 1 2":                        "ra dec radius",
		"CIRCLE 1 2 3 4":                    "ra dec radius",
		"BOX ICRS 1 2 3 4":                  `unknown shape "BOX"`,
		"POLYGON GALACTIC 1 2 3 4 5 6":      "GALACTIC",
		"POLYGON 1 2 3 4 5 x":               "at least 3",
		"CIRCLE 1 95 0.1":                   "outside -90..90",
		"POSITION 1":                        "ra dec",
		"POLYGON 1 2 3 4 5 NaN":             "finite",
		"POLYGON 1 2 3 4 5 6 garbage words": `unknown shape "garbage"`,
		"12 34":                             `unknown shape "12"`,
	}
	for in, want := range cases {
		got, err := ParseRegion(in)
		if err == nil {
			t.Errorf("ParseRegion(%q) = %+v, want an error", in, got)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRegion(%q) error %q does not say %q", in, err, want)
		}
	}
}

func FuzzParseRegion(f *testing.F) {
	for _, s := range []string{"POLYGON 1 2 3 4 5 6", "CIRCLE ICRS 1 2 3", "UNION ( POSITION 1 2 )", "((((", "POLYGON -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseRegion(s) // never panics
	})
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
