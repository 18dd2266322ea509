package dupcheck

import (
	"math"
	"strings"
	"testing"
)

func defaults(t *testing.T) *Apertures {
	t.Helper()
	ap, err := DefaultApertures()
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

// The built-in table is seed 004's, in arcseconds (not the notebook's /360 degrees).
func TestDefaultAperturesAreSeed004InArcsec(t *testing.T) {
	ap := defaults(t)
	want := map[string]struct {
		r    float64
		inst string
		also bool
	}{"MSA": {180, "NIRSPEC/MSA", false}, "IFU": {3, "NIRSPEC/IFU", true}, "S1600A1": {1.6, "NIRSPEC/SLIT", true},
		"S200A1": {3.3, "NIRSPEC/SLIT", true}, "S200A2": {3.3, "NIRSPEC/SLIT", true}, "S400A1": {3.8, "NIRSPEC/SLIT", true},
		"S200B1": {3.3, "NIRSPEC/SLIT", true}}
	if len(ap.Names()) != len(want) {
		t.Fatalf("apertures %v", ap.Names())
	}
	for name, w := range want {
		a, ok := ap.Lookup(strings.ToLower(name))
		if !ok || a.RadiusArcsec != w.r || a.Instrument != w.inst || (len(a.AlsoCheck) > 0) != w.also {
			t.Errorf("%s: %+v", name, a)
		}
		if w.also && a.AlsoCheck[0] != "NIRSPEC/MSA" {
			t.Errorf("%s also checks %v", name, a.AlsoCheck)
		}
	}
}

// CSV in any column order, sexagesimal or degrees, the optional name and "filters".
func TestParseTargetsCSV(t *testing.T) {
	in := "\ufeffName,number,exposure_time,aperture,ra,dec,grating,filters\n" +
		"# a comment\n\n" +
		"GOODS,1,950,msa,03:32:31.2,-27:48:00,g395h,f290lp\n" +
		",2,22.749,IFU,68.73091,24.48140,G395H,F290LP\n"
	ts, err := ParseTargets(strings.NewReader(in), "t.csv", defaults(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 {
		t.Fatalf("%d targets", len(ts))
	}
	a := ts[0]
	if a.Number != "1" || a.Name != "GOODS" || a.Aperture.Name != "MSA" || a.Instrument != "NIRSPEC/MSA" || a.Grating != "G395H" ||
		a.Filter != "F290LP" || a.Exposure != 950 || math.Abs(a.Position.RA-53.13) > 1e-9 || math.Abs(a.Position.Dec+27.8) > 1e-9 || a.Line != 4 {
		t.Errorf("target 1: %+v", a)
	}
	if b := ts[1]; b.Label() != "2" || b.Aperture.Name != "IFU" || b.Line != 5 || b.Position.Dec != 24.4814 {
		t.Errorf("target 2: %+v", b)
	}
}

// ECSV: astropy's space-delimited text table with its YAML header.
func TestParseTargetsECSV(t *testing.T) {
	in := "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: number, datatype: string}\n# - {name: exposure_time, datatype: float64}\n" +
		"number aperture ra dec grating filter exposure_time\n" +
		"3 S200B1 \"00 20 31.2\" \"-36 53 42\" G140H F070LP 1880.22\n"
	ts, err := ParseTargets(strings.NewReader(in), "t.ecsv", defaults(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || ts[0].Aperture.Name != "S200B1" || math.Abs(ts[0].Position.RA-5.13) > 1e-9 || math.Abs(ts[0].Position.Dec+36.895) > 1e-9 {
		t.Fatalf("%+v", ts)
	}
	comma := "# %ECSV 1.0\n# ---\n# delimiter: ','\nnumber,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-27.8,G395H,F290LP,950\n"
	if ts, err := ParseTargets(strings.NewReader(comma), "c.ecsv", defaults(t)); err != nil || len(ts) != 1 {
		t.Fatalf("comma ECSV: %v %+v", err, ts)
	}
}

// Every bad cell is named by its line and column, with the reason.
func TestParseTargetsErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"number,aperture,ra,dec,grating,filter\n", `t.csv: the header lacks exposure_time`},
		{"", "t.csv: empty: no header line"},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n", "no targets"},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-27.8,G395H,F290LP\n", "t.csv line 2: 6 fields, the header has 7"},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,S200B,53.13,-27.8,G395H,F290LP,950\n",
			`t.csv line 2, column "aperture": unknown aperture "S200B": did you mean "S200B1"?`},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,361,-27.8,G395H,F290LP,950\n", `t.csv line 2, column "ra": RA 361 is outside 0..360`},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-97,G395H,F290LP,950\n", `t.csv line 2, column "dec": Dec -97 is outside -90..90`},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-27 48 00,G395H,F290LP,950\n", `column "dec": RA "53.13" and Dec "-27 48 00" are not written alike`},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-27.8,G395H,F290LP,0\n", `t.csv line 2, column "exposure_time": 0: the exposure must be positive`},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-27.8,G395H,F290LP,long\n", `column "exposure_time": "long" is not a number of seconds`},
		{"number,aperture,ra,dec,grating,filter,exposure_time\n1,MSA,53.13,-27.8,,F290LP,950\n", `column "grating": empty`},
	}
	for _, c := range cases {
		_, err := ParseTargets(strings.NewReader(c.in), "t.csv", defaults(t))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %q", c.in, err, c.want)
		}
	}
	// Two bad rows: both reported.
	in := "number,aperture,ra,dec,grating,filter,exposure_time\n1,MAS,53.13,-27.8,G395H,F290LP,950\n2,MSA,53.13,-27.8,G395H,F290LP,-1\n"
	_, err := ParseTargets(strings.NewReader(in), "t.csv", defaults(t))
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("two bad rows: %v", err)
	}
}

// An aperture table is data: a NIRCam mode added as a row, bad tables refused.
func TestParseApertures(t *testing.T) {
	ap, err := ParseApertures(strings.NewReader("aperture,radius_arcsec,instrument_name,also_check\nNRC_GRISM,30,nircam/grism,NIRCAM/IMAGE; nircam/wfss\n"), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	a, ok := ap.Lookup("nrc_grism")
	if !ok || a.Instrument != "NIRCAM/GRISM" || a.RadiusArcsec != 30 || strings.Join(a.AlsoCheck, ",") != "NIRCAM/IMAGE,NIRCAM/WFSS" {
		t.Fatalf("%+v", a)
	}
	if FileService(a.Instrument) != "Mast.Jwst.Filtered.Nircam" || FileService("NIRSPEC/IFU") != "Mast.Jwst.Filtered.Nirspec" || FileService("WFC3/UVIS") != "" {
		t.Error("file services")
	}
	for in, want := range map[string]string{
		"aperture,instrument_name\nX,NIRSPEC/MSA\n":                        `no "radius_arcsec" column`,
		"aperture,radius_arcsec,instrument_name\nX,-3,NIRSPEC/MSA\n":       `a.csv line 2, column "radius_arcsec": "-3" is not a radius`,
		"aperture,radius_arcsec,instrument_name\nX,3,NIRSPEC/MSA\nx,4,A\n": `a.csv line 3: aperture "x" is already on line 2`,
		"aperture,radius_arcsec,instrument_name\n":                         "no apertures",
	} {
		if _, err := ParseApertures(strings.NewReader(in), "a.csv"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}
