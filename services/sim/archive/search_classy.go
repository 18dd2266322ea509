package archive

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

var classySearchCols = []SearchCol{
	{"Target", "CLASSY target name (JHHMM+DDMM)", "Target", "string", "char", true},
	{"Other Name", "Common name of the galaxy", "other_name", "string", "char", true},
	{"RA", "Right ascension (J2000, degrees)", "ra", "ra", "float", true},
	{"Dec", "Declination (J2000, degrees)", "dec", "dec", "float", true},
	{"Redshift", "Spectroscopic redshift (SDSS)", "z", "float", "float", true},
	{"E(B-V) MW", "Milky Way foreground reddening (mag)", "ebv_mw", "float", "float", false},
	{"log M*", "Stellar mass, log10 (solar masses)", "log_mstar", "float", "float", true},
	{"log SFR", "Star formation rate, log10 (solar masses per year)", "log_sfr", "float", "float", true},
	{"12+log(O/H)", "Gas-phase oxygen abundance (direct method)", "oh_abundance", "float", "float", true},
	{"FUV mag", "GALEX FUV magnitude", "fuv_mag", "float", "float", false},
	{"Gratings", "COS gratings combined in the coadded spectra", "gratings", "string", "char", true},
	{"Exposure Time", "Total COS exposure time (seconds)", "exptime", "float", "float", false},
	{"Proposal ID", "HST proposal identifier", "proposal_id", "integer", "int", false},
	{"Data Release", "CLASSY data release", "data_release", "string", "char", false},
}

// classyGalaxies are the CLASSY sample (COS Legacy Archive Spectroscopic SurveY of
// local star-forming galaxies). Positions follow the names; the best-known ones carry
// their precise positions and common names.
var classyGalaxies = []struct {
	name, other string
	ra, dec, z  float64
}{
	{"J0021+0052", "", 0, 0, 0.0984}, {"J0036-3333", "Haro 11", 9.21875, -33.55472, 0.0206},
	{"J0127-0619", "Mrk 996", 21.89792, -6.32667, 0.0054}, {"J0144+0453", "UM 133", 0, 0, 0.0052},
	{"J0337-0502", "SBS 0335-052 E", 54.43333, -5.04444, 0.0135}, {"J0405-3648", "", 0, 0, 0.0029},
	{"J0808+3948", "", 0, 0, 0.0912}, {"J0823+2806", "", 0, 0, 0.0472}, {"J0926+4427", "", 0, 0, 0.1807},
	{"J0934+5514", "I Zw 18", 143.50846, 55.24111, 0.0025}, {"J0938+5428", "", 0, 0, 0.1021},
	{"J0940+2935", "", 0, 0, 0.0017}, {"J0942+3547", "", 0, 0, 0.0149}, {"J0944-0038", "", 0, 0, 0.0049},
	{"J1016+3754", "", 0, 0, 0.0039}, {"J1024+0524", "", 0, 0, 0.0332}, {"J1025+3622", "", 0, 0, 0.1265},
	{"J1044+0353", "", 0, 0, 0.0129}, {"J1105+4444", "", 0, 0, 0.0215}, {"J1112+5503", "", 0, 0, 0.1316},
	{"J1119+5130", "", 0, 0, 0.0045}, {"J1129+2034", "", 0, 0, 0.0047}, {"J1132+1411", "", 0, 0, 0.0176},
	{"J1132+5722", "", 0, 0, 0.0050}, {"J1144+4012", "", 0, 0, 0.1270}, {"J1148+2546", "", 0, 0, 0.0451},
	{"J1150+1501", "", 0, 0, 0.0024}, {"J1157+3220", "", 0, 0, 0.0110}, {"J1200+1343", "", 0, 0, 0.0668},
	{"J1225+6109", "", 0, 0, 0.0023}, {"J1253-0312", "SHOC 391", 0, 0, 0.0227}, {"J1314+3452", "", 0, 0, 0.0029},
	{"J1323-0132", "", 0, 0, 0.0225}, {"J1359+5726", "", 0, 0, 0.0339}, {"J1416+1223", "", 0, 0, 0.1231},
	{"J1418+2102", "", 0, 0, 0.0086}, {"J1428+1653", "", 0, 0, 0.1817}, {"J1429+0643", "", 0, 0, 0.1736},
	{"J1444+4237", "", 0, 0, 0.0023}, {"J1448-0110", "", 0, 0, 0.0274}, {"J1521+0759", "", 0, 0, 0.0943},
	{"J1525+0757", "", 0, 0, 0.0758}, {"J1545+0858", "", 0, 0, 0.0377}, {"J1612+0817", "", 0, 0, 0.1491},
}

// classyPosition reads JHHMM+DDMM; the unknown seconds come from r.
func classyPosition(name string, r *rng) (float64, float64) {
	hh, _ := strconv.Atoi(name[1:3])
	mm, _ := strconv.Atoi(name[3:5])
	dd, _ := strconv.Atoi(name[6:8])
	dm, _ := strconv.Atoi(name[8:10])
	ra := (float64(hh) + (float64(mm)+r.float())/60) * 15
	dec := float64(dd) + (float64(dm)+r.float())/60
	if name[5] == '-' {
		dec = -dec
	}
	return roundTo(ra, 1e-5), roundTo(dec, 1e-5)
}

// classyRows are the CLASSY galaxies, one row (and one HLSP file set) per galaxy.
func classyRows(a *Archive) []SearchRow {
	r := newRNG(a.seed, HashString("classy-search"))
	var out []SearchRow
	for _, g := range classyGalaxies {
		ra, dec := classyPosition(g.name, r)
		if g.ra != 0 || g.dec != 0 {
			ra, dec = g.ra, g.dec
		}
		other := g.other
		if other == "" {
			other = fmt.Sprintf("SDSS %s", g.name)
		}
		gratings := []string{"G130M", "G160M"}
		if r.chance(0.6) {
			gratings = append(gratings, "G185M")
		} else {
			gratings = append(gratings, "G140L")
		}
		if r.chance(0.3) {
			gratings = append(gratings, "G225M")
		}
		mass := roundTo(6.2+r.float()*4, 0.01)
		if g.z < 0.005 {
			mass = roundTo(6.2+r.float()*1.8, 0.01)
		}
		sfr := roundTo(-2+0.8*(mass-6.2)+r.normal()*0.3, 0.01)
		oh := roundTo(7.0+r.float()*1.7, 0.01)
		if g.other == "I Zw 18" {
			oh = 7.17
		}
		exp := roundTo(r.rangef(5000, 30000), 0.001)
		prop := []int{15840, 15840, 15840, 11727, 13470, 12928}[r.intn(6)]
		mjd := roundTo(r.rangef(58770, 59350), 1e-6)
		id := g.name
		slug := strings.ToLower(g.name)
		dir := "mast:HLSP/classy/" + slug + "/"
		var files []synthFile
		add := func(name, sub, desc string, calib int, lo, hi float64, pt string) {
			files = append(files, synthFile{name, dir + name, pt, sub, desc, calib, lo, hi})
		}
		pre := "hlsp_classy_hst_cos_" + slug + "_"
		for _, res := range []string{"hr", "mr", "lr"} {
			add(pre+"uv_"+res+"_v1_coadded.fits", "COADDED", "UV spectrum coadded over all gratings ("+map[string]string{
				"hr": "high", "mr": "moderate", "lr": "low"}[res]+" resolution)", 4, 2*mB, 9*mB, ptScience)
		}
		for _, gr := range gratings {
			add(pre+strings.ToLower(gr)+"_v1_coadded.fits", "COADDED", "Coadded "+gr+" spectrum", 3, 400*kB, 3*mB, ptScience)
		}
		add(pre+"v1_preview.png", "PREVIEW", "Preview plot", 3, 60*kB, 200*kB, ptPreview)
		add("hlsp_classy_hst_cos_"+slug+"_v1_readme.txt", "README", "README", 3, 3*kB, 8*kB, ptInfo)
		sr := SearchRow{ID: id, RA: ra, Dec: dec, Vals: map[string]any{
			"Target": id, "other_name": other, "ra": ra, "dec": dec, "z": g.z,
			"ebv_mw":    roundTo(0.01+0.08*math.Abs(math.Sin(ra+dec)), 0.001),
			"log_mstar": mass, "log_sfr": sfr, "oh_abundance": oh, "fuv_mag": roundTo(r.rangef(14, 20), 0.01),
			"gratings": strings.Join(gratings, ";"), "exptime": exp, "proposal_id": prop, "data_release": "DR1",
		}}
		sr.meta = &synthMeta{collection: "HLSP", project: "hlsp_classy", kind: "spectrum", target: id, telescope: "HST",
			inst: "COS/FUV", filters: strings.Join(gratings, ";"), proposal: fmt.Sprint(prop), ra: ra, dec: dec, mjd: mjd, files: files}
		out = append(out, sr)
	}
	return out
}
