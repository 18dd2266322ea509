package mast

import (
	"math"
	"strings"
	"testing"
)

func TestParseCoordinates(t *testing.T) {
	hms := (21 + 29/60.0 + 58.38/3600) * 15
	dms := 12 + 10/60.0 + 0.6/3600
	good := []struct {
		in      string
		ra, dec float64
	}{
		{"322.49324 12.16683", 322.49324, 12.16683},
		{"322.49324, 12.16683", 322.49324, 12.16683},
		{"322.49324,12.16683", 322.49324, 12.16683},
		{"  0 -90 ", 0, -90},
		{"21h29m58.38s +12d10m00.6s", hms, dms},
		{"21:29:58.38 +12:10:00.6", hms, dms},
		{"21 29 58.38 +12 10 00.6", hms, dms},
		{"21h 29m 58.38s +12d 10m 00.6s", hms, dms},
		{"21:29:58.38 -00:30:00", hms, -0.5},
		{"322.49324d 12.16683d", 322.49324, 12.16683},
		{"21.5h -1.5", 322.5, -1.5},
	}
	for _, tc := range good {
		p, err := ParseCoordinates(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if math.Abs(p.RA-tc.ra) > 1e-9 || math.Abs(p.Dec-tc.dec) > 1e-9 {
			t.Errorf("%q = %v %v, want %v %v", tc.in, p.RA, p.Dec, tc.ra, tc.dec)
		}
	}
	bad := []struct{ in, want string }{
		{"322.49324", "expected two values RA and Dec"},
		{"", "expected two values RA and Dec"},
		{"1 2 3", "expected two values RA and Dec"},
		{"10 95", "Dec 95 is outside -90..90"},
		{"400 10", "RA 400 is outside 0..360"},
		{"21x 10", `cannot parse RA "21x"`},
		{"10 abc", `cannot parse Dec "abc"`},
		{"21:75:00 10", `cannot parse RA "21:75:00": minutes must be below 60`},
		{"25:00:00 10", `RA 25h is outside 0..24h`},
		{"10 12h", `Dec cannot be given in hours`},
		{"nan 10", `cannot parse RA "nan"`},
		{"21:-29:00 10", `only the first part may have a sign`},
	}
	for _, tc := range bad {
		_, err := ParseCoordinates(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestParseRadius(t *testing.T) {
	good := map[string]float64{
		"0.2 deg": 0.2, "0.2d": 0.2, "3 arcmin": 0.05, "3'": 0.05, "10 arcsec": 10.0 / 3600, `10"`: 10.0 / 3600,
		".02 deg": 0.02, "0.5": 0.5, "1e-2 deg": 0.01, "2 degrees": 2, "30 ARCSEC": 30.0 / 3600,
	}
	for in, want := range good {
		got, err := ParseRadius(in)
		if err != nil || math.Abs(got-want) > 1e-15 {
			t.Errorf("%q = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"3 parsec": `unknown radius unit "parsec": use deg, arcmin or arcsec`,
		"-1 deg":   "radius must be positive",
		"0":        "radius must be positive",
		"abc":      `cannot parse radius "abc"`,
		"":         "empty radius",
		"200 deg":  "larger than 180 deg",
	}
	for in, want := range bad {
		_, err := ParseRadius(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", in, err, want)
		}
	}
}

func TestParseCriterion(t *testing.T) {
	c, err := ParseCriterion(" obs_collection = HST,JWST ")
	if err != nil || c != (Criterion{"obs_collection", "HST,JWST"}) {
		t.Errorf("got %+v %v", c, err)
	}
	c, err = ParseCriterion("t_exptime=>=100")
	if err != nil || c != (Criterion{"t_exptime", ">=100"}) {
		t.Errorf("got %+v %v", c, err)
	}
	for in, want := range map[string]string{
		"HST":        "expected KEY=VALUE",
		"=HST":       "has no column name",
		"obs=":       "has no value",
		"a b=1":      "may only hold letters",
		"obs_id=a=b": "",
	} {
		_, err := ParseCriterion(in)
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", in, err, want)
		}
	}
}
