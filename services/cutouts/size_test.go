package cutouts

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Size
	}{
		{"5", Size{5, 5, Pixels}},
		{"10 px", Size{10, 10, Pixels}},
		{"5x7", Size{5, 7, Pixels}},   // x (columns) then y (rows), as typed
		{"5 X 7", Size{5, 7, Pixels}}, // any case, spaces
		{"5×7 pixels", Size{5, 7, Pixels}},
		{"[5, 7]", Size{7, 5, Pixels}}, // astroquery's (ny, nx)
		{"(5,7)", Size{7, 5, Pixels}},
		{"3 arcmin", Size{0.05, 0.05, Degrees}},
		{"3'", Size{0.05, 0.05, Degrees}},
		{"[5, 7] arcmin", Size{7.0 / 60, 5.0 / 60, Degrees}},
		{"0.05 deg", Size{0.05, 0.05, Degrees}},
		{"0.05d", Size{0.05, 0.05, Degrees}},
		{"30 arcsec", Size{30.0 / 3600, 30.0 / 3600, Degrees}},
		{"30\"", Size{30.0 / 3600, 30.0 / 3600, Degrees}},
		{"2x1 arcmin", Size{2.0 / 60, 1.0 / 60, Degrees}},
	} {
		got, err := ParseSize(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseSize(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", "empty cutout size"},
		{"abc", "unknown unit"},
		{"5 furlongs", `unknown unit "furlongs"`},
		{"0", "must be positive"},
		{"-3 arcmin", "must be positive"},
		{"5x", `unknown unit "x"`},
		{"5x7x9", "expected one number or two"},
		{"[1, 2, 3]", "has 3 values"},
		{"[5, 7", "unclosed ["},
		{"2.5", "whole number"},
		{"NaN", `unknown unit "NaN"`},
		{"inf px", "not a number"},
	} {
		_, err := ParseSize(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseSize(%q): %v, want an error with %q", c.in, err, c.want)
		}
	}
}

func TestSizeString(t *testing.T) {
	for in, want := range map[string]string{"5x7": "5x7 px", "3 arcmin": "3x3 arcmin", "[5, 7] arcmin": "7x5 arcmin",
		"30 arcsec": "30x30 arcsec", "2 deg": "2x2 deg"} {
		s, _ := ParseSize(in)
		if s.String() != want {
			t.Errorf("%q: %q, want %q", in, s.String(), want)
		}
	}
	if (Size{}).String() != "5x5 px" {
		t.Errorf("zero size: %q", Size{}.String())
	}
}
