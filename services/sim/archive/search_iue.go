package archive

import (
	"fmt"
	"math"
	"strings"
)

var iueSearchCols = []SearchCol{
	{"Data ID", "IUE data set identifier: camera and image sequence number", "iue_data_id", "string", "char", true},
	{"Target", "Observer-assigned target name", "target", "string", "char", true},
	{"RA (J2000)", "Right ascension of the target (J2000, degrees)", "ra", "ra", "float", true},
	{"Dec (J2000)", "Declination of the target (J2000, degrees)", "dec", "dec", "float", true},
	{"Camera", "Camera: SWP (1150-1980 A), LWP or LWR (1850-3350 A)", "camera", "string", "char", true},
	{"Image", "Camera image sequence number", "image_number", "integer", "int", false},
	{"Dispersion", "Dispersion mode: LOW (6 A resolution) or HIGH (echelle, 0.2 A)", "dispersion", "string", "char", true},
	{"Aperture", "Aperture: LARGE (10x20 arcsec), SMALL (3 arcsec) or BOTH", "aperture", "string", "char", true},
	{"Exp Time", "Exposure time (seconds)", "exp_time", "float", "float", true},
	{"Obs Date", "Observation start date and time (UT)", "obs_date", "datetime", "datetime", true},
	{"Program", "IUE program identifier", "program_id", "string", "char", true},
	{"Investigator", "Principal investigator", "pi_name", "string", "char", false},
	{"Object Class", "Object classification", "object_class", "string", "char", true},
	{"Wave Min", "Minimum wavelength of the camera (Angstrom)", "wave_min", "float", "float", false},
	{"Wave Max", "Maximum wavelength of the camera (Angstrom)", "wave_max", "float", "float", false},
	{"Processing", "Processing system", "processing", "string", "char", false},
	{"Release Date", "Date the data became public", "release_date", "datetime", "datetime", false},
}

func iueWaves(camera string) (float64, float64) {
	if camera == "SWP" {
		return 1150, 1980
	}
	return 1850, 3350
}

func iueAperture(seed uint64, id string) string {
	r := newRNG(seed, HashString(id), 0x1ae)
	switch k := r.intn(20); {
	case k < 15:
		return "LARGE"
	case k < 18:
		return "SMALL"
	}
	return "BOTH"
}

func iueRowVals(id, target, camera, disp, aper, program, pi, class string, image int, ra, dec, exp, mjd float64) map[string]any {
	lo, hi := iueWaves(camera)
	return map[string]any{
		"iue_data_id": id, "target": target, "ra": ra, "dec": dec, "camera": camera, "image_number": image,
		"dispersion": disp, "aperture": aper, "exp_time": numOrNull(exp), "obs_date": searchTime(mjd),
		"program_id": program, "pi_name": pi, "object_class": class, "wave_min": lo, "wave_max": hi,
		"processing": "NEWSIPS", "release_date": searchTime(mjd + 365),
	}
}

// iueSearchRow is the Search API row of a CAOM IUE observation; its products are the
// CAOM products (mast:IUE/url/pub/iue/data/...).
func iueSearchRow(o *Obs) SearchRow {
	id := strings.ToUpper(o.ObsID)
	image := 0
	fmt.Sscanf(o.ObsID[3:], "%d", &image)
	disp := "LOW"
	if o.Filters == "HIGH DISP" {
		disp = "HIGH"
	}
	class := strings.SplitN(o.TargetClass, ";", 2)[0]
	sr := SearchRow{ID: id, RA: o.RA, Dec: o.Dec, obs: o}
	sr.Vals = iueRowVals(id, o.Target, strings.ToUpper(o.Instrument), disp, iueAperture(0, id), o.ProposalID, o.PI, class,
		image, o.RA, o.Dec, o.TExptime, o.TMin)
	if !math.IsNaN(o.TRelease) {
		sr.Vals["release_date"] = searchTime(o.TRelease)
	}
	return sr
}

// iueFamous are UV-bright objects IUE observed over and over, at their real positions,
// served as dedicated rows (image numbers above the CAOM ones).
var iueFamous = []struct {
	name, class, program, pi string
	ra, dec                  float64
	n                        int
}{
	{"HD 5980", "STAR", "SMCWR", "Koenigsberger, G.", 14.860708, -72.164972, 24},
	{"ETA CAR", "STAR", "ETCAR", "Davidson, K.", 161.264775, -59.684431, 30},
	{"SN1987A", "SUPERNOVA", "SN87A", "Kirshner, R.", 83.866750, -69.269742, 40},
	{"P CYG", "STAR", "PCYGL", "Lamers, H.", 304.446625, 38.032944, 16},
	{"ZETA PUP", "STAR", "ZPUPW", "Howarth, I.", 120.896031, -40.003148, 20},
	{"AG CAR", "STAR", "AGCAR", "Viotti, R.", 161.095000, -60.452500, 14},
	{"NGC 4151", "GALAXY", "N4151", "Ulrich, M.", 182.635745, 39.405730, 28},
	{"3C 273", "QSO", "Q3C27", "Courvoisier, T.", 187.277915, 2.052388, 18},
	{"HD 93521", "STAR", "HD935", "Bohlin, R.", 162.098000, 37.570278, 12},
	{"BD+28 4211", "STAR", "STD28", "Bohlin, R.", 327.795917, 28.863972, 14},
}

// iueExtraRows are the dedicated IUE rows of the famous objects; their files follow the
// archive's IUE layout, so they download like the CAOM ones.
func iueExtraRows(a *Archive) []SearchRow {
	r := newRNG(a.seed, HashString("iue-search"))
	next := map[string]int{"SWP": 50000, "LWP": 28000, "LWR": 16000}
	var out []SearchRow
	for _, t := range iueFamous {
		for i := 0; i < t.n; i++ {
			camera := []string{"SWP", "SWP", "LWP", "LWR"}[r.intn(4)]
			mjd := r.rangef(43600, 50000)
			if camera == "LWR" {
				mjd = r.rangef(43600, 47500)
			} else if camera == "LWP" {
				mjd = r.rangef(46100, 50000)
			}
			mjd = roundTo(mjd, 1e-6)
			image := next[camera]
			next[camera]++
			obsID := fmt.Sprintf("%s%05d", strings.ToLower(camera), image)
			id := strings.ToUpper(obsID)
			disp := "LOW"
			if r.chance(0.35) {
				disp = "HIGH"
			}
			exp := roundTo(r.logUniform(5, 7200), 0.001)
			ra, dec := offset(t.ra, t.dec, r.normal()*1e-4, r.normal()*1e-4)
			sr := SearchRow{ID: id, RA: ra, Dec: dec}
			sr.Vals = iueRowVals(id, t.name, camera, disp, iueAperture(0, id), t.program, t.pi, t.class, image, ra, dec, exp, mjd)
			mx := "mxlo"
			if disp == "HIGH" {
				mx = "mxhi"
			}
			dir := iueDir(obsID)
			f := func(name, desc, pt, sub string, calib int, lo, hi float64) synthFile {
				return synthFile{name: name, uri: dir + name, ptype: pt, sub: sub, desc: desc, calib: calib, lo: lo, hi: hi}
			}
			vo := "mast:IUE/url/pub/vospectra/iue2/"
			sr.meta = &synthMeta{collection: "IUE", project: "IUE", kind: "spectrum", target: t.name, telescope: "IUE",
				inst: camera, filters: disp + " DISP", proposal: t.program, ra: ra, dec: dec, mjd: mjd, files: []synthFile{
					f(obsID+"."+mx+".gz", "Merged extracted spectrum", ptScience, strings.ToUpper(mx), 2, 15*kB, 25*kB),
					f(obsID+".elbll.gz", "Extended line-by-line file", ptScience, "ELBLL", 2, 150*kB, 200*kB),
					f(obsID+".lilo.gz", "Linearized image", ptScience, "LILO", 2, 500*kB, 700*kB),
					f(obsID+".silo.gz", "Spatially resolved image", ptScience, "SILO", 2, 90*kB, 120*kB),
					f(obsID+".melol.gz", "Extracted spectrum (large aperture)", ptScience, "MELOL", 2, 10*kB, 14*kB),
					f(obsID+".raw.gz", "Raw image", ptScience, "RAW", 1, 350*kB, 450*kB),
					f(obsID+".gif", "Preview-Full", ptPreview, "PREVIEW", 2, 6*kB, 12*kB),
					{name: obsID + mx + "_vo.fits", uri: vo + obsID + mx + "_vo.fits", ptype: ptScience, sub: "VO",
						desc: "VO spectrum", calib: 2, lo: 40 * kB, hi: 60 * kB},
				}}
			out = append(out, sr)
		}
	}
	return out
}
