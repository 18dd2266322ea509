package export

import (
	"os/exec"
	"strings"
	"testing"

	"mastui/services/mast"
)

// TestShellQuoteRoundTripsThroughSh: sh reads every quoted word back as the word
// (sanitized), whatever quotes, globs, $, !, backslashes or blanks it holds.
func TestShellQuoteRoundTripsThroughSh(t *testing.T) {
	words := []string{"M101", "", "0.2 deg", "it's", `"$HOME"`, "*", "a\\b", "!EXCLUSIVE_ACCESS", "x;rm -rf ~", "`id`", "$(id)", "'", "é ü", "--object", "a=b,c", "tab\there"}
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, ShellQuote(w))
	}
	out, err := exec.Command("sh", "-c", `for a in `+strings.Join(quoted, " ")+`; do printf '%s\n' "$a"; done`).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	want := append([]string(nil), words...)
	want[len(want)-1] = "tab here" // a tab is sanitized to a blank
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sh read back\n%q\nwant\n%q", got, want)
	}
	if ShellQuote("obs_collection=HST") != "obs_collection=HST" {
		t.Errorf("a plain word is quoted: %s", ShellQuote("obs_collection=HST"))
	}
}

// TestPythonSnippetsCompile: every snippet is valid Python with the expected call.
func TestPythonSnippetsCompile(t *testing.T) {
	py := "python3"
	if _, err := exec.LookPath(py); err != nil {
		t.Skip("no python3")
	}
	pos := &mast.Position{RA: 210.802429, Dec: 54.34875}
	float := func(n string) bool { return n == "t_exptime" || n == "t_min" || n == "s_dec" }
	cases := []struct {
		code, want string
	}{
		{ObservationsPython(mast.Query{Object: "M101", RadiusDeg: 0.05}, nil),
			`from astroquery.mast import Observations; obs = Observations.query_object("M101", radius="0.05 deg")`},
		{ObservationsPython(mast.Query{Position: pos}, nil),
			`from astroquery.mast import Observations; from astropy.coordinates import SkyCoord; obs = Observations.query_region(SkyCoord(210.802429, 54.34875, unit="deg"), radius="0.2 deg")`},
		{ObservationsPython(mast.Query{Object: `M"101\`, Resolver: "NED", Criteria: []mast.Criterion{
			{Name: "filters", Value: "NUV,FUV"}, {Name: "t_exptime", Value: "100..200"}, {Name: "calib_level", Value: "2..3"},
			{Name: "s_dec", Value: ">=40"}, {Name: "dataRights", Value: "!EXCLUSIVE_ACCESS"}, {Name: "a.b", Value: "x"},
			{Name: "class", Value: "é"}, {Name: "t_min", Value: "2023"}}}, float),
			`from astroquery.mast import Observations; obs = Observations.query_criteria(objectname="M\"101\\", radius="0.2 deg", ` +
				`filters=["NUV", "FUV"], t_exptime=[100, 200], calib_level=["2", "3"], s_dec=[40, 1e+300], ` +
				`**{"a.b": "x"}, **{"class": "\u00e9"}, t_min=[59945, 60310], resolver="NED")  # astroquery has no negation: dataRights=!EXCLUSIVE_ACCESS is left out`},
		{MissionPython(mast.MissionQuery{Mission: "hst", Coordinates: []mast.Position{*pos}, Criteria: []mast.Criterion{{Name: "sci_instrume", Value: "!COS"}},
			SortBy: []string{"sci_start_time"}, SortDesc: []bool{true}, SelectCols: []string{"sci_data_set_name"}}),
			`from astroquery.mast import MastMissions; from astropy.coordinates import SkyCoord; datasets = MastMissions(mission="hst").query_criteria(` +
				`coordinates=SkyCoord(210.802429, 54.34875, unit="deg"), radius="3 arcmin", sci_instrume="!COS", select_cols=["sci_data_set_name"], sort_by=["sci_start_time"], sort_desc=[True])`},
	}
	for _, c := range cases {
		if c.code != c.want {
			t.Errorf("snippet\n%s\nwant\n%s", c.code, c.want)
		}
		if out, err := exec.Command(py, "-c", "import sys; compile(sys.argv[1], 'snippet', 'exec')", c.code).CombinedOutput(); err != nil {
			t.Errorf("not valid Python: %v\n%s\n%s", err, out, c.code)
		}
	}
}

func TestCommandLines(t *testing.T) {
	pos := &mast.Position{RA: 322.49324, Dec: 12.16683}
	for _, c := range []struct{ got, want string }{
		{CommandLine(ObservationsArgs(mast.Query{Object: "NGC 5457", RadiusDeg: 0.05, Resolver: "NED"})), "mastui query object 'NGC 5457' --radius 0.05 --resolver NED"},
		{CommandLine(ObservationsArgs(mast.Query{Position: pos})), "mastui query region '322.49324 12.16683'"},
		{CommandLine(ObservationsArgs(mast.Query{Criteria: []mast.Criterion{{Name: "obs_collection", Value: "HST"}, {Name: "dataRights", Value: "!EXCLUSIVE_ACCESS"}, {Name: "instrument_name", Value: "NIRCAM*"}}}), "--demo"),
			"mastui query criteria obs_collection=HST 'dataRights=!EXCLUSIVE_ACCESS' 'instrument_name=NIRCAM*' --demo"},
		{CommandLine(MissionArgs(mast.MissionQuery{Mission: "jwst", Objects: []string{"M2", "M9"}, RadiusArcmin: 5, SortBy: []string{"a", "b"}, SortDesc: []bool{false, true}})),
			"mastui mission search --mission jwst --object M2,M9 --radius 5 --sort a --sort b:desc"},
		{CommandLine(nil), ""},
	} {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}
