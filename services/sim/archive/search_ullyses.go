package archive

import (
	"fmt"
	"math"
	"strings"
)

// ullysesSearchCols: the first sixteen are astroquery's default select_cols for ULLYSES.
var ullysesSearchCols = []SearchCol{
	{"Target Name", "ULLYSES target name", "target_name_ulysses", "string", "char", true},
	{"Target Classification", "Target class: massive star (spectral class) or T Tauri star", "target_classification", "string", "char", true},
	{"RA", "Target right ascension (J2000, degrees)", "targ_ra", "ra", "float", true},
	{"Dec", "Target declination (J2000, degrees)", "targ_dec", "dec", "float", true},
	{"Host Galaxy", "Host galaxy: LMC, SMC, NGC 3109, Sextans A, WLM, Leo P or Milky Way", "host_galaxy_name", "string", "char", true},
	{"Spectral Type", "Spectral type", "spectral_type", "string", "char", true},
	{"(B-V)0", "Intrinsic B-V colour (mag)", "bmv0_mag", "float", "float", true},
	{"U", "Johnson U magnitude", "u_mag", "float", "float", true},
	{"B", "Johnson B magnitude", "b_mag", "float", "float", true},
	{"V", "Johnson V magnitude", "v_mag", "float", "float", true},
	{"Gaia G", "Gaia DR3 mean G magnitude", "gaia_g_mean_mag", "float", "float", true},
	{"Mass", "Stellar mass (solar masses)", "star_mass", "float", "float", true},
	{"Instrument", "HST instrument: COS, STIS or WFC3", "instrument", "string", "char", true},
	{"Grating", "Grating (N/A for images)", "grating", "string", "char", true},
	{"Filter", "Filter (N/A for spectra)", "filter", "string", "char", true},
	{"Observation ID", "HST observation (association) identifier", "observation_id", "string", "char", true},
	{"HLSP Target Name", "Target name as used in the HLSP file names", "target_name_hlsp", "string", "char", false},
	{"Aperture", "Aperture used", "aperture", "string", "char", false},
	{"Exposure Time", "Exposure time (seconds)", "exptime", "float", "float", false},
	{"Observation Date", "Observation start time (UT)", "observation_date", "datetime", "datetime", false},
	{"Proposal ID", "HST proposal identifier", "proposal_id", "integer", "int", false},
	{"Data Release", "ULLYSES data release that first included the observation", "data_release", "string", "char", false},
}

// ullysesHost is one galaxy (or star-forming region) ULLYSES targets live in.
type ullysesHost struct {
	host, region, format string
	ra, dec, spread      float64 // centre and scatter (deg)
	n                    int
	tts                  bool
	vLo, vHi             float64
}

var ullysesHosts = []ullysesHost{
	{"LMC", "LMC", "SK-67 %d", 80.89417, -69.75611, 0.35, 60, false, 11.5, 14.5},
	{"LMC", "30 Dor", "MK %d", 84.67625, -69.10083, 0.12, 45, false, 12, 15},
	{"LMC", "LMC", "BI %d", 80.89417, -69.75611, 2.5, 60, false, 12, 14.8},
	{"SMC", "SMC", "AV %d", 13.18667, -72.82861, 0.8, 70, false, 12, 15},
	{"SMC", "NGC 346", "NGC346 MPG %d", 14.77083, -72.17750, 0.08, 35, false, 12.5, 15.5},
	{"NGC 3109", "NGC 3109", "NGC3109-%d", 150.77917, -26.15972, 0.08, 6, false, 19, 20.5},
	{"Sextans A", "Sextans A", "SEXTANS-A-%d", 152.75333, -4.69278, 0.04, 5, false, 19.5, 21},
	{"WLM", "WLM", "WLM-%d", 0.49250, -15.46083, 0.05, 4, false, 19.5, 21},
	{"Leo P", "Leo P", "LEO-P-%d", 155.43792, 18.08806, 0.005, 1, false, 21, 21.5},
	{"Milky Way", "Orion OB1", "V%d ORI", 83.82208, -5.39111, 0.25, 22, true, 11, 16},
	{"Milky Way", "Taurus", "V%d TAU", 68.0, 25.5, 2.5, 18, true, 10, 15},
	{"Milky Way", "Lupus", "SZ %d", 240.5, -38.5, 2.0, 14, true, 11, 15.5},
	{"Milky Way", "Chamaeleon I", "CHX %d", 167.0, -77.2, 0.8, 12, true, 11, 16},
}

// ullyses named targets at their real positions (a few famous ones).
var ullysesNamed = []struct {
	name, host, sp string
	ra, dec, v     float64
	tts            bool
}{
	{"SK-69 246", "LMC", "WN6h", 84.72244, -69.03373, 11.2, false},
	{"SK-67 2", "LMC", "B1 Ia+", 71.79458, -67.09139, 11.3, false},
	{"SK-70 79", "LMC", "B0 III", 81.04875, -70.06278, 12.7, false},
	{"AV 232", "SMC", "O7 Iaf+", 14.88333, -72.17944, 12.4, false},
	{"AV 304", "SMC", "B0.5 V", 15.68500, -72.33389, 14.9, false},
	{"HD 5980", "SMC", "WN6h+O", 14.86071, -72.16497, 11.3, false},
	{"TW HYA", "Milky Way", "K6", 165.46627, -34.70473, 11.1, true},
	{"BP TAU", "Milky Way", "K7", 64.81584, 29.10757, 12.1, true},
	{"RU LUP", "Milky Way", "K7", 239.17629, -37.82074, 11.6, true},
	{"GM AUR", "Milky Way", "K5", 73.79579, 30.36681, 12.0, true},
	{"CVSO 109", "Milky Way", "M0", 81.40783, -1.70022, 14.8, true},
}

var ullysesProposals = []int{15629, 15824, 15837, 15975, 16062, 16098, 16099, 16102, 16108, 16230, 16236, 16371, 16373}

// ullysesSpectra are the (instrument, grating, aperture) settings of the massive-star and
// T Tauri spectra; setting i is used when its bit is set in a target's mask.
var ullysesSpectra = []struct{ inst, grating, aper string }{
	{"COS", "G130M", "PSA"}, {"COS", "G160M", "PSA"}, {"STIS", "E140M", "0.2X0.2"}, {"COS", "G185M", "PSA"},
	{"STIS", "G430L", "52X2"}, {"STIS", "G750L", "52X2"}, {"STIS", "E230M", "0.2X0.2"}, {"STIS", "G230L", "52X2"},
}

func ullysesSlug(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	s = strings.NewReplacer("v* ", "", "* ", "", "+", "p", " ", "-").Replace(s)
	return uriSlug(s)
}

func massiveSpType(r *rng) (string, float64, float64) {
	if r.chance(0.55) {
		sub := []string{"2", "3", "4", "5", "5.5", "6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "9.7"}[r.intn(14)]
		lc := []string{"V", "V", "IV", "III", "II", "Ib", "Iaf", "If", "Vz"}[r.intn(9)]
		return "O" + sub + " " + lc, -0.32 + r.rangef(0, 0.03), r.rangef(20, 80)
	}
	sub := []string{"0", "0.2", "0.5", "0.7", "1", "1.5", "2", "2.5", "3", "5", "8"}[r.intn(11)]
	lc := []string{"V", "III", "II", "Ib", "Iab", "Ia", "Ia+"}[r.intn(7)]
	return "B" + sub + " " + lc, -0.28 + r.rangef(0, 0.2), r.rangef(8, 45)
}

func ttsSpType(r *rng) (string, float64, float64) {
	sp := []string{"K2", "K4", "K5", "K6", "K7", "M0", "M0.5", "M1", "M2", "M3", "M4"}[r.intn(11)]
	return sp, r.rangef(0.85, 1.6), r.rangef(0.15, 1.4)
}

// ullysesRows are the ULLYSES observations: UV/optical spectra of massive stars in the
// Magellanic Clouds and nearby low-metallicity galaxies and of T Tauri stars in Galactic
// star-forming regions (with repeated monitoring epochs), one row per HST observation.
func ullysesRows(a *Archive) []SearchRow {
	r := newRNG(a.seed, HashString("ullyses-search"))
	type star struct {
		name, host, sp       string
		ra, dec, v, bmv, mas float64
		tts                  bool
	}
	var stars []star
	for _, n := range ullysesNamed {
		sp, bmv, mass := n.sp, -0.3, 40.0
		if n.tts {
			_, bmv, mass = ttsSpType(r)
		}
		stars = append(stars, star{n.name, n.host, sp, n.ra, n.dec, n.v, bmv, mass, n.tts})
	}
	for _, h := range ullysesHosts {
		for i := 0; i < h.n; i++ {
			var st star
			st.host, st.tts = h.host, h.tts
			if h.tts {
				st.sp, st.bmv, st.mas = ttsSpType(r)
			} else {
				st.sp, st.bmv, st.mas = massiveSpType(r)
			}
			rad := h.spread * math.Sqrt(r.float())
			pa := r.rangef(0, 2*math.Pi)
			st.ra, st.dec = offset(h.ra, h.dec, rad*math.Sin(pa), rad*math.Cos(pa))
			st.ra, st.dec = roundTo(st.ra, 1e-6), roundTo(st.dec, 1e-6)
			st.v = roundTo(r.rangef(h.vLo, h.vHi), 0.001)
			st.name = fmt.Sprintf(h.format, 20+i*13+r.intn(12))
			stars = append(stars, st)
		}
	}
	var out []SearchRow
	visits := make([]int, len(ullysesProposals))
	for si, st := range stars {
		pi := si % len(ullysesProposals)
		prop := ullysesProposals[pi]
		code := "e" + base36(pi*37+5, 2)
		slug := ullysesSlug(st.name)
		dr := fmt.Sprintf("DR%d", 1+r.intn(7))
		class := map[byte]string{'O': "O star", 'B': "B star", 'W': "Wolf-Rayet star"}[st.sp[0]]
		if st.tts {
			class = "T Tauri star"
		}
		var mask int
		if st.tts {
			mask = 1 | 2 | 1<<4 | 1<<5 | 1<<7 // COS FUV, STIS optical and NUV
		} else {
			mask = 1 | 2
			if st.v > 17 {
				mask = 1
			} else if r.chance(0.35) {
				mask = 1<<2 | 1<<6 // STIS echelle
			}
			if r.chance(0.4) {
				mask |= 1 << 4
			}
		}
		epochs := 1
		if st.tts && r.chance(0.3) {
			epochs = 4 + r.intn(9) // monitoring campaign
		}
		mjd0 := r.rangef(58850, 60400)
		aspec := fmt.Sprintf("hlsp_ullyses_hst_cos-stis_%s_uv-opt_%s_aspec.fits", slug, strings.ToLower(dr))
		for ep := 0; ep < epochs; ep++ {
			for k, s := range ullysesSpectra {
				if mask&(1<<k) == 0 {
					continue
				}
				id := fmt.Sprintf("%c%s%s010", map[string]byte{"COS": 'l', "STIS": 'o'}[s.inst], code, base36(visits[pi], 2))
				visits[pi]++
				mjd := roundTo(mjd0+float64(ep)*r.rangef(2, 8)+r.rangef(0, 0.3), 1e-6)
				exp := roundTo(r.logUniform(300, 6000)*(1+max(0, st.v-13)/3), 0.001)
				vals := ullysesVals(st.name, class, st.host, st.sp, slug, s.inst, s.grating, "N/A", s.aper, id, dr, prop,
					st.ra, st.dec, st.v, st.bmv, st.mas, exp, mjd, st.tts)
				tag := strings.ToLower(s.grating)
				if epochs > 1 {
					tag = fmt.Sprintf("%s_epoch%d", tag, ep+1)
				}
				dir := "mast:HLSP/ullyses/" + slug + "/" + strings.ToLower(dr) + "/"
				cspec := fmt.Sprintf("hlsp_ullyses_hst_%s_%s_%s_%s_cspec.fits", strings.ToLower(s.inst), slug, tag, strings.ToLower(dr))
				prev := fmt.Sprintf("hlsp_ullyses_hst_%s_%s_%s_%s_preview.png", strings.ToLower(s.inst), slug, tag, strings.ToLower(dr))
				files := []synthFile{
					{cspec, dir + cspec, ptScience, "CSPEC", "Coadded spectrum of one grating", 3, 200 * kB, 3 * mB},
					{aspec, dir + aspec, ptScience, "ASPEC", "Abutted spectrum of all gratings", 4, 1 * mB, 6 * mB},
					{prev, dir + prev, ptPreview, "PREVIEW", "Preview plot", 3, 40 * kB, 160 * kB},
				}
				out = append(out, ullysesRow(id, st.ra, st.dec, vals, files, st.name, s.inst, s.grating, prop, mjd))
			}
			if st.tts && ep == 0 {
				// WFC3/UVIS photometry taken alongside the first spectra.
				for _, filt := range []string{"F225W", "F336W"} {
					id := fmt.Sprintf("i%s%s010", code, base36(visits[pi], 2))
					visits[pi]++
					mjd := roundTo(mjd0+r.rangef(0, 0.3), 1e-6)
					vals := ullysesVals(st.name, class, st.host, st.sp, slug, "WFC3", "N/A", filt, "UVIS2-C512C-SUB", id, dr, prop,
						st.ra, st.dec, st.v, st.bmv, st.mas, roundTo(r.rangef(20, 400), 0.001), mjd, st.tts)
					dir := "mast:HLSP/ullyses/" + slug + "/" + strings.ToLower(dr) + "/"
					drc := fmt.Sprintf("hlsp_ullyses_hst_wfc3_%s_%s_%s_drc.fits", slug, strings.ToLower(filt), strings.ToLower(dr))
					files := []synthFile{{drc, dir + drc, ptScience, "DRC", "Drizzled image", 3, 2 * mB, 6 * mB}}
					out = append(out, ullysesRow(id, st.ra, st.dec, vals, files, st.name, "WFC3", filt, prop, mjd))
				}
			}
		}
	}
	return out
}

func ullysesRow(id string, ra, dec float64, vals map[string]any, files []synthFile, target, inst, filt string, prop int, mjd float64) SearchRow {
	return SearchRow{ID: strings.ToUpper(id), RA: ra, Dec: dec, Vals: vals, meta: &synthMeta{
		collection: "HLSP", project: "hlsp_ullyses", kind: "spectrum", target: target, telescope: "HST", inst: inst,
		filters: filt, proposal: fmt.Sprint(prop), ra: ra, dec: dec, mjd: mjd, files: files}}
}

func ullysesVals(name, class, host, sp, slug, inst, grating, filter, aper, id, dr string, prop int,
	ra, dec, v, bmv, mass, exp, mjd float64, tts bool) map[string]any {
	ebv := 0.05 + 0.1*math.Abs(math.Sin(ra*7+dec))
	b := roundTo(v+bmv+ebv, 0.001)
	u := roundTo(b+bmv*0.9-0.7, 0.001)
	if tts {
		u = roundTo(b+0.4, 0.001)
	}
	return map[string]any{
		"target_name_ulysses": name, "target_classification": class, "targ_ra": ra, "targ_dec": dec,
		"host_galaxy_name": host, "spectral_type": sp, "bmv0_mag": roundTo(bmv, 0.001), "u_mag": u, "b_mag": b, "v_mag": v,
		"gaia_g_mean_mag": roundTo(v-0.05-0.3*bmv, 0.001), "star_mass": roundTo(mass, 0.01), "instrument": inst,
		"grating": grating, "filter": filter, "observation_id": strings.ToUpper(id), "target_name_hlsp": strings.ToUpper(slug),
		"aperture": aper, "exptime": exp, "observation_date": searchTime(mjd), "proposal_id": prop, "data_release": dr,
	}
}
