package cutouts

import (
	"fmt"
	"strings"
	"testing"
)

func mustSize(t *testing.T, s string) Size {
	t.Helper()
	v, err := ParseSize(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The URL of seed 003's download_cutouts example, byte for byte.
func TestTESScutURLSeedExample(t *testing.T) {
	got, err := TESScutURL("", TESScutCutout{Target: Target{RA: 107.18696, Dec: -70.50919}, Size: mustSize(t, "[5, 7] arcmin"), Sectors: []int{1}})
	want := "https://mast.stsci.edu/tesscut/api/v0.1/astrocut?ra=107.18696&dec=-70.50919&y=0.08333333333333333&x=0.11666666666666667&units=d&sector=1"
	if err != nil || got != want {
		t.Errorf("\n got %s %v\nwant %s", got, err, want)
	}
}

func TestRequestEncodings(t *testing.T) {
	base := "http://sim:1/"
	ceres := Target{MovingTarget: "2001 AB", MovingType: SmallBody}
	fixed := Target{RA: 324.24368, Dec: -27.01029}
	check := func(name string, r Request, err error, method, url, body, ctype string) {
		t.Helper()
		if err != nil || r.Method != method || r.URL != url || r.Body != body || r.ContentType != ctype {
			t.Errorf("%s:\n got %+v %v\nwant %s %s %q %s", name, r, err, method, url, body, ctype)
		}
	}
	r, err := TESScutSectorsRequest(base, fixed, 0)
	check("sectors", r, err, "POST", "http://sim:1/tesscut/api/v0.1/sector", "ra=324.24368&dec=-27.01029&radius=0.0", "application/x-www-form-urlencoded")
	r, err = TESScutSectorsRequest(base, ceres, 0)
	check("moving sectors", r, err, "POST", "http://sim:1/tesscut/api/v0.1/moving_target/sector", "obj_id=2001+AB&obj_type=smallbody", "application/x-www-form-urlencoded")
	r, err = TESScutPost(base, TESScutCutout{Target: fixed, Sectors: []int{28, 68}})
	check("astrocut post", r, err, "POST", "http://sim:1/tesscut/api/v0.1/astrocut", "x=5&y=5&units=px&sector=28&sector=68&ra=324.24368&dec=-27.01029", "application/x-www-form-urlencoded")
	r, err = TESScutPost(base, TESScutCutout{Target: ceres, Size: mustSize(t, "5x7")})
	check("moving astrocut post", r, err, "POST", "http://sim:1/tesscut/api/v0.1/moving_target/astrocut", "x=5&y=7&units=px&obj_id=2001+AB&obj_type=smallbody", "application/x-www-form-urlencoded")
	u, err := TESScutURL(base, TESScutCutout{Target: ceres, Sectors: []int{43}})
	if want := "http://sim:1/tesscut/api/v0.1/moving_target/astrocut?obj_id=2001%20AB&obj_type=smallbody&y=5&x=5&units=px&sector=43"; err != nil || u != want {
		t.Errorf("moving URL\n got %s %v\nwant %s", u, err, want)
	}
	r, err = ZcutSurveysRequest(base, 189.2, 62.2, 0)
	check("zcut surveys", r, err, "POST", "http://sim:1/zcut/api/v0.1/survey", "ra=189.2&dec=62.2&radius=0.0", "application/x-www-form-urlencoded")
	u, err = ZcutURL(base, ZcutCutout{RA: 189.2, Dec: 62.2, Size: mustSize(t, "100"), Survey: "candels_gn_30mas", Format: FormatJPG,
		Stretch: "asinh", MinMaxPercent: []float64{0.5, 99.5}, Invert: true})
	if want := "http://sim:1/zcut/api/v0.1/astrocut?ra=189.2&dec=62.2&y=100&x=100&units=px&survey=candels_gn_30mas&cutout_format=jpg&stretch=asinh&minmax_percent=%5B0.5%2C%2099.5%5D&invert=True"; err != nil || u != want {
		t.Errorf("zcut URL\n got %s %v\nwant %s", u, err, want)
	}
	r, err = ZcutPost(base, ZcutCutout{RA: 189.2, Dec: 62.2, Survey: "goods_north"})
	check("zcut post", r, err, "POST", "http://sim:1/zcut/api/v0.1/astrocut", "x=5&y=5&units=px&ra=189.2&dec=62.2&survey=goods_north", "application/x-www-form-urlencoded")
	u, err = HAPCutURL(base, HAPCutCutout{RA: 210.8, Dec: 54.35, Size: mustSize(t, "3 arcsec")})
	if want := "http://sim:1/hapcut/api/v0.1/astrocut?ra=210.8&dec=54.35&x=0.0008333333333333333&y=0.0008333333333333333&units=d"; err != nil || u != want {
		t.Errorf("hapcut URL\n got %s %v\nwant %s", u, err, want)
	}
	r, err = HAPCutPost(base, HAPCutCutout{RA: 210.8, Dec: 54.35})
	check("hapcut post", r, err, "POST", "http://sim:1/hapcut/api/v0.1/astrocut", `{"x": 5.0, "y": 5.0, "units": "px", "ra": 210.8, "dec": 54.35}`, "application/json")
}

func TestRequestErrorsNameTheProblem(t *testing.T) {
	fixed := Target{RA: 10, Dec: 10}
	for _, c := range []struct {
		err  error
		want string
	}{
		{first(TESScutURL("", TESScutCutout{Target: fixed, Product: "TICA"})), "no longer serves TICA"},
		{first(TESScutURL("", TESScutCutout{Target: fixed, Product: "QLP"})), `unknown TESScut product "QLP"`},
		{first(TESScutURL("", TESScutCutout{Target: fixed, Sectors: []int{0}})), "sector 0"},
		{first(TESScutURL("", TESScutCutout{Target: Target{RA: 400}})), "RA 400"},
		{first(TESScutURL("", TESScutCutout{Target: Target{MovingTarget: "Ceres", MovingType: "comet"}})), `"comet"`},
		{first(ZcutURL("", ZcutCutout{RA: 1, Dec: 1, Format: "gif"})), `format "gif"`},
		{first(ZcutURL("", ZcutCutout{RA: 1, Dec: 1, Format: "jpg", Stretch: "cube"})), `stretch "cube"`},
		{first(ZcutURL("", ZcutCutout{RA: 1, Dec: 1, Format: "jpg", MinMaxPercent: []float64{99, 1}})), "low then high"},
		{second(ZcutPost("", ZcutCutout{RA: 1, Dec: 1, Format: "png"})), "FITS only"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%v, want %q", c.err, c.want)
		}
	}
}

func first(_ string, err error) error   { return err }
func second(_ Request, err error) error { return err }

// jpg/png scale limits as typed: two percentiles, low then high, within 0..100; the
// problem named otherwise.
func TestParseMinMaxPercent(t *testing.T) {
	for text, want := range map[string]string{
		"0.5,99.5": "[0.5 99.5]", "[1, 99]": "[1 99]", " 2 , 98 ": "[2 98]",
		"5": "two numbers", "a,9": `"a" is not a number`, "99,1": "low then high",
		"-1,50": "from 0 to 100", "1,101": "from 0 to 100", "1,2,3": "two numbers", "nan,5": "not a number",
	} {
		v, err := ParseMinMaxPercent(text)
		got := fmt.Sprint(v)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, want) {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
}
