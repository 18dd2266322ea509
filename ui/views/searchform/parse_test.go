package searchform

import (
	"math"
	"strings"
	"testing"
)

func TestLooksLikeCoordinates(t *testing.T) {
	for s, want := range map[string]bool{
		"210.8 54.35": true, "14h03m12.6s +54d20m56s": true, "14:03:12.6 +54:20:56": true,
		"-12.5, +3": true, "210.8": true,
		"M101": false, "NGC 6121": false, "3C 273": false, "2MASS J1234": false, "": false, "Vega": false,
	} {
		if got := LooksLikeCoordinates(s); got != want {
			t.Errorf("LooksLikeCoordinates(%q) = %v", s, got)
		}
	}
}

func TestParseCoordinates(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	for s, want := range map[string][2]float64{
		"210.802429 54.348750":   {210.802429, 54.34875},
		"14h03m12.6s +54d20m56s": {210.8025, 54.348889},
		"14:03:12.6 +54:20:56":   {210.8025, 54.348889},
		"14 03 12.6 +54 20 56":   {210.8025, 54.348889},
		"00:42:44.3 -00:30:00":   {10.684583, -0.5},
		"10.68, 41.27":           {10.68, 41.27},
	} {
		p, err := ParseCoordinates(s)
		if err != nil || !near(p.RA, want[0]) || math.Abs(p.Dec-want[1]) > 1e-5 {
			t.Errorf("ParseCoordinates(%q) = %+v, %v; want %v", s, p, err, want)
		}
	}
	for s, frag := range map[string]string{
		"210.8":          "both RA and Dec",
		"999 12":         "RA 999 is out of range",
		"10 95":          "Dec 95 is out of range",
		"12:75:00 +10":   "minutes must be below 60",
		"1 2 3":          "malformed coordinates",
		"12h3x +10":      "malformed RA",
		"10.5.5 +10.2.3": "malformed RA",
	} {
		_, err := ParseCoordinates(s)
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("ParseCoordinates(%q) error %v, want it to mention %q", s, err, frag)
		}
	}
}

func TestParseRadius(t *testing.T) {
	for s, want := range map[string]float64{
		"0.2 deg": 0.2, "0.2": 0.2, "3 arcmin": 0.05, "3arcmin": 0.05, "36 arcsec": 0.01, "1.5d": 1.5, "6'": 0.1,
	} {
		got, err := ParseRadius(s)
		if err != nil || math.Abs(got-want) > 1e-12 {
			t.Errorf("ParseRadius(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for s, frag := range map[string]string{
		"":          "radius is empty",
		"3 parsecs": `unknown radius unit "parsecs"`,
		"abc":       "not a number",
		"0":         "greater than 0",
		"-1 deg":    "greater than 0",
		"200":       "larger than 180",
	} {
		_, err := ParseRadius(s)
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("ParseRadius(%q) error %v, want it to mention %q", s, err, frag)
		}
	}
}
