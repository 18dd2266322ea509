package mast

import (
	"errors"
	"strings"
	"testing"

	"mastui/model"
)

// testEncoder builds an encoder from the CAOM fixtures (no HTTP).
func testEncoder(t *testing.T) *filterEncoder {
	t.Helper()
	cc, _, _, err := parseColumnsConfig("columnsconfig Mast.Caom.Cone", []byte(fixture(t, "columnsconfig_caom_cone.json")))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := parseFacets([]byte(fixture(t, "caom_all.extjs.json")))
	if err != nil {
		t.Fatal(err)
	}
	return &filterEncoder{cc: cc, facets: func() (*facetCache, error) { return fc, nil }}
}

func encodeAll(t *testing.T, e *filterEncoder, crs ...Criterion) (string, error) {
	t.Helper()
	var out []any
	for _, cr := range crs {
		o, err := e.encode(cr)
		if err != nil {
			return "", err
		}
		out = append(out, o)
	}
	return pyJSON(out)
}

func TestCriteriaProtocolExample(t *testing.T) {
	// Protocol 3.8.1: dataproduct_type=["image"], proposal_pi="Ost*", s_dec=[43.5, 45.5], filters=["NUV","FUV"].
	got, err := encodeAll(t, testEncoder(t),
		Criterion{"dataproduct_type", "image"}, Criterion{"proposal_pi", "Ost*"},
		Criterion{"s_dec", "43.5..45.5"}, Criterion{"filters", "NUV,FUV"})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"paramName": "dataproduct_type", "values": ["image"]}, ` +
		`{"paramName": "proposal_pi", "values": [], "freeText": "Ost%"}, ` +
		`{"paramName": "s_dec", "values": [{"min": 43.5, "max": 45.5}]}, ` +
		`{"paramName": "filters", "separator": ";", "values": ["NUV", "FUV"]}]`
	if got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

func TestCriteriaEncoding(t *testing.T) {
	e := testEncoder(t)
	cases := []struct {
		name, value, want string
	}{
		// paramName as typed, column found case-insensitively, separator copied.
		{"OBS_COLLECTION", "HST,JWST", `{"paramName": "OBS_COLLECTION", "separator": ";", "values": ["HST", "JWST"]}`},
		{"s_ra", "10", `{"paramName": "s_ra", "values": [{"min": 10.0, "max": 10.0}]}`},
		{"s_ra", "1..2, 5..6", `{"paramName": "s_ra", "values": [{"min": 1.0, "max": 2.0}, {"min": 5.0, "max": 6.0}]}`},
		{"t_exptime", ">=100", `{"paramName": "t_exptime", "values": [{"min": 100.0, "max": 1e+300}]}`},
		{"t_exptime", "<=100", `{"paramName": "t_exptime", "values": [{"min": -1e+300, "max": 100.0}]}`},
		{"t_exptime", ">5", `{"paramName": "t_exptime", "values": [{"min": 5.000000000000001, "max": 1e+300}]}`},
		{"t_exptime", "<5", `{"paramName": "t_exptime", "values": [{"min": -1e+300, "max": 4.999999999999999}]}`},
		// Config min/max replace the open ends.
		{"em_res_power", ">=1000", `{"paramName": "em_res_power", "values": [{"min": 1000.0, "max": 200000.0}]}`},
		// Dates on MJD columns; a date alone covers the whole day.
		{"t_min", "2022-07-01..2022-07-31", `{"paramName": "t_min", "values": [{"min": 59761.0, "max": 59792.0}]}`},
		{"t_min", "2022-07-01T12:00:00..59800", `{"paramName": "t_min", "values": [{"min": 59761.5, "max": 59800.0}]}`},
		{"t_obs_release", "<=2022-07-01", `{"paramName": "t_obs_release", "values": [{"min": -1e+300, "max": 59762.0}]}`},
		{"t_max", "2022-07-01", `{"paramName": "t_max", "values": [{"min": 59761.0, "max": 59762.0}]}`},
		// Years and months are spans too: 2023 is the whole year, not MJD 2023.
		{"t_min", "2023", `{"paramName": "t_min", "values": [{"min": 59945.0, "max": 60310.0}]}`},
		{"t_min", "2021..2023", `{"paramName": "t_min", "values": [{"min": 59215.0, "max": 60310.0}]}`},
		{"t_min", "2022-07..2023", `{"paramName": "t_min", "values": [{"min": 59761.0, "max": 60310.0}]}`},
		{"t_max", "2022-07", `{"paramName": "t_max", "values": [{"min": 59761.0, "max": 59792.0}]}`},
		{"t_obs_release", ">=2023", `{"paramName": "t_obs_release", "values": [{"min": 59945.0, "max": 1e+300}]}`},
		{"t_min", "2020,59000", `{"paramName": "t_min", "values": [{"min": 58849.0, "max": 59215.0}, {"min": 59000.0, "max": 59000.0}]}`},
		// treatNumeric makes an int column continuous.
		{"sequence_number", "3..4", `{"paramName": "sequence_number", "values": [{"min": 3.0, "max": 4.0}]}`},
		// Integer discrete columns: ranges enumerated, open ranges from the facet values.
		{"calib_level", "2..4", `{"paramName": "calib_level", "values": ["2", "3", "4"]}`},
		{"calib_level", ">=3", `{"paramName": "calib_level", "values": ["3", "4"]}`},
		{"calib_level", "<2,4", `{"paramName": "calib_level", "values": ["0", "1", "4"]}`},
		// Negation expands over the Mast.Caom.All facet, case-insensitively, in facet order.
		{"obs_collection", "!hst,!iue", `{"paramName": "obs_collection", "separator": ";", "values": ["Kepler", "K2FFI", "K2", "JWST", "TESS"]}`},
		{"obs_collection", "!K2*", `{"paramName": "obs_collection", "separator": ";", "values": ["IUE", "HST", "Kepler", "JWST", "TESS"]}`},
		{"dataproduct_type", "image,cube,!CUBE", `{"paramName": "dataproduct_type", "values": ["image"]}`},
		{"calib_level", "!0", `{"paramName": "calib_level", "values": ["1", "2", "3", "4"]}`},
		// Wildcards: * and % both mark freeText; other values stay in values.
		{"target_name", "NGC%,M101", `{"paramName": "target_name", "values": ["M101"], "freeText": "NGC%"}`},
		{"obsid", "2003738726", `{"paramName": "obsid", "values": ["2003738726"]}`},
	}
	for _, tc := range cases {
		got, err := encodeAll(t, e, Criterion{tc.name, tc.value})
		if err != nil {
			t.Errorf("%s=%s: %v", tc.name, tc.value, err)
			continue
		}
		if want := "[" + tc.want + "]"; got != want {
			t.Errorf("%s=%s\n got %s\nwant %s", tc.name, tc.value, got, want)
		}
	}
}

func TestCriteriaErrors(t *testing.T) {
	e := testEncoder(t)
	cases := []struct{ name, value, want string }{
		{"instrumnet", "WFC3", `unknown column "instrumnet": did you mean "instrument_name"?`},
		{"zzzzqqq", "1", `unknown column "zzzzqqq"`},
		{"s_ra", "1..", `criterion s_ra=1..: range "1.." needs both ends`},
		{"s_ra", "..", `criterion s_ra=..: range ".." needs both ends`},
		{"s_ra", ">abc", `criterion s_ra=>abc: "abc" is not a number`},
		{"s_ra", "5..1", `lower end above its upper end`},
		{"s_ra", "1*", `s_ra is numeric: wildcards`},
		{"s_ra", "!5", `negation ("!5") is only supported for columns with a known value list`},
		{"target_name", "!M101", `negation ("!M101") is only supported for columns with a known value list (target_name has none)`},
		{"target_name", "NGC*,M*", `only one wildcard value per column: target_name has "NGC*" and "M*"`},
		{"calib_level", "1..5000", `spans more than 1000 values`},
		{"calib_level", "high", `"high" is not an integer`},
		{"calib_level", ">9", `no known value of calib_level matches ">9"`},
		{"t_min", "yesterday", `"yesterday" is neither a number (MJD) nor a date`},
		// A small number is neither a plausible year nor an MJD of MAST data: say so.
		{"t_min", "2023.5", `criterion t_min=2023.5: 2023.5 is not a year, and as an MJD it is 1864-06-01, before any MAST data: write a year (2023), a date (2023-07-01) or an MJD above 40000`},
		{"t_max", "<500", `as an MJD it is 1860-03-31`},
		{"t_min", "5000..60000", `5000 is not a year`},
		{"t_min", "2023-13", `"2023-13" is neither a number (MJD) nor a date`},
		{"obs_collection", "HST,,JWST", `empty value in the list`},
		{"obs_collection", "!HST,!IUE,!Kepler,!K2*,!JWST,!TESS", `excludes every known value of obs_collection`},
		{"obs_collection", "H*,!IUE", `wildcard cannot be combined with a negation`},
	}
	for _, tc := range cases {
		_, err := encodeAll(t, e, Criterion{tc.name, tc.value})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s=%s: err %v, want it to contain %q", tc.name, tc.value, err, tc.want)
		}
	}
}

func TestCriteriaFacetFailure(t *testing.T) {
	e := testEncoder(t)
	boom := errors.New("boom")
	e.facets = func() (*facetCache, error) { return nil, boom }
	if _, err := encodeAll(t, e, Criterion{"obs_collection", "!HST"}); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
	// Facets are only needed for negations and open integer ranges.
	if _, err := encodeAll(t, e, Criterion{"obs_collection", "HST"}); err != nil {
		t.Error(err)
	}
}

func TestMJD(t *testing.T) {
	tm, dateOnly, ok := parseISOTime("1858-11-17")
	if !ok || !dateOnly || mjd(tm) != 0 {
		t.Errorf("MJD epoch: %v %v %v", mjd(tm), dateOnly, ok)
	}
	tm, _, _ = parseISOTime("2000-01-01T12:00:00Z")
	if mjd(tm) != 51544.5 {
		t.Errorf("J2000 = %v, want 51544.5", mjd(tm))
	}
	tm, _, _ = parseISOTime("2300-01-01")
	if mjd(tm) != 161117 {
		t.Errorf("2300-01-01 = %v", mjd(tm))
	}
}

func TestClosest(t *testing.T) {
	names := []string{"instrument_name", "obs_collection", "s_ra", "s_dec", "target_name"}
	for in, want := range map[string]string{"instrumnet": "instrument_name", "OBS_COLECTION": "obs_collection", "s_decc": "s_dec", "qqqqqq": ""} {
		if got := model.Closest(in, names); got != want {
			t.Errorf("model.Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLikeMatch(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		ok   bool
	}{{"k2*", "k2ffi", true}, {"k2*", "kepler", false}, {"*ffi", "k2ffi", true}, {"a%c", "abbc", true}, {"a*c", "abcd", false}, {"abc", "abc", true}, {"*", "", true}} {
		if likeMatch(tc.p, tc.s) != tc.ok {
			t.Errorf("likeMatch(%q, %q) != %v", tc.p, tc.s, tc.ok)
		}
	}
}
