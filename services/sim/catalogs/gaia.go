package catalogs

import (
	"fmt"
	"math"

	"mastui/services/sim/archive"
)

// gaiaSourceID is a 19-digit Gaia source_id (above 2^53: clients must keep it exact).
func gaiaSourceID(s *archive.Source) uint64 { return 1<<61 + s.ID*1000003%(1<<60) }

// gaiaService is the Mast.Catalogs.<X>.Cone name of a release (lower-cased).
func gaiaService(rel string) string {
	if rel == "tgas" {
		return "tgas"
	}
	return "gaia" + rel
}

// gaiaCatalog is Gaia DR1/DR2/DR3 (release 1..3) or TGAS (release 0): the same sky,
// each release with its own solution_id, designation and columns (DR1 and TGAS have
// no colours or radial velocities, DR3 has GSP-Phot temperatures).
func gaiaCatalog(release int) *catalog {
	solution := map[int]int64{0: 1635378410781933568, 1: 1635378410781933568, 2: 1635721458409799680, 3: 1636148068921376768}[release]
	prefix := map[int]string{0: "TGAS ", 1: "Gaia DR1 ", 2: "Gaia DR2 ", 3: "Gaia DR3 "}[release]
	epoch := map[int]float64{0: 2015.0, 1: 2015.0, 2: 2015.5, 3: 2016.0}[release]
	fields := []field{
		f("solution_id", tLong, "", "Solution identifier"), f("designation", tString, "", "Unique source designation"),
		f("source_id", tLong, "", "Unique source identifier"), f("random_index", tLong, "", "Random index"),
		f("ref_epoch", tDouble, "yr", "Reference epoch"), f("ra", tDouble, "deg", "Right ascension"),
		f("ra_error", tDouble, "mas", "Standard error of ra"), f("dec", tDouble, "deg", "Declination"),
		f("dec_error", tDouble, "mas", "Standard error of dec"), f("parallax", tDouble, "mas", "Parallax"),
		f("parallax_error", tDouble, "mas", "Standard error of parallax"), f("pmra", tDouble, "mas/yr", "Proper motion in RA"),
		f("pmra_error", tDouble, "mas/yr", "Standard error of pmra"), f("pmdec", tDouble, "mas/yr", "Proper motion in Dec"),
		f("pmdec_error", tDouble, "mas/yr", "Standard error of pmdec"), f("astrometric_n_obs_al", tInt, "", "Total observations AL"),
		f("astrometric_excess_noise", tDouble, "mas", "Excess noise"), f("visibility_periods_used", tInt, "", "Visibility periods"),
		f("phot_g_n_obs", tInt, "", "G observations"), f("phot_g_mean_flux", tDouble, "e-/s", "G mean flux"),
		f("phot_g_mean_flux_error", tDouble, "e-/s", "Error of the G flux"), f("phot_g_mean_mag", tDouble, "mag", "G mean magnitude"),
		f("phot_variable_flag", tString, "", "Photometric variability flag"), f("l", tDouble, "deg", "Galactic longitude"),
		f("b", tDouble, "deg", "Galactic latitude"), f("ecl_lon", tDouble, "deg", "Ecliptic longitude"),
		f("ecl_lat", tDouble, "deg", "Ecliptic latitude"),
	}
	if release == 0 {
		fields = append(fields, f("hip", tInt, "", "Hipparcos number"), f("tycho2_id", tString, "", "Tycho-2 identifier"))
	}
	if release >= 2 {
		fields = append(fields, f("phot_bp_mean_mag", tDouble, "mag", "BP mean magnitude"), f("phot_rp_mean_mag", tDouble, "mag", "RP mean magnitude"),
			f("bp_rp", tDouble, "mag", "BP - RP colour"), f("radial_velocity", tDouble, "km/s", "Radial velocity"),
			f("radial_velocity_error", tDouble, "km/s", "Radial velocity error"))
	}
	if release == 2 {
		fields = append(fields, f("teff_val", tDouble, "K", "Effective temperature (Apsis-Priam)"))
	}
	if release == 3 {
		fields = append(fields, f("ruwe", tDouble, "", "Renormalised unit weight error"), f("teff_gspphot", tDouble, "K", "Effective temperature (GSP-Phot)"))
	}
	row := func(s *archive.Source, r *archive.Rand) []any {
		g := s.Mag
		id := gaiaSourceID(s)
		gl, gb := galactic(s.RA, s.Dec)
		el, eb := ecliptic(s.RA, s.Dec)
		color := math.Max(-0.3, 1+0.5*r.Normal())
		errScale := math.Pow(10, 0.2*(g-15))
		pm := func() any {
			if release <= 1 && release != 0 {
				return nil
			}
			return r.Normal() * 6
		}
		v := []any{
			solution, prefix + fmt.Sprint(id), int64(id), int64(r.Intn(1 << 30)), epoch, s.RA, 0.02 * errScale, s.Dec, 0.02 * errScale,
			nanNil(math.Max(-1, 8*math.Pow(10, -0.2*(g-10))+0.05*r.Normal())), 0.03 * errScale, pm(), 0.04 * errScale, pm(), 0.04 * errScale,
			int64(100 + r.Intn(400)), r.LogUniform(0.01, 2), int64(5 + r.Intn(20)), int64(50 + r.Intn(400)),
			math.Pow(10, -0.4*(g-25.69)), r.Range(5, 200), g, "NOT_AVAILABLE", gl, gb, el, eb,
		}
		if release == 0 {
			v = append(v, maybe(r, 0.8, int64(1+r.Intn(118000))), fmt.Sprintf("%d-%d-1", 1+r.Intn(9500), 1+r.Intn(2000)))
		}
		if release >= 2 {
			v = append(v, g+0.4*color, g-0.6*color, color, maybe(r, 0.9, r.Normal()*40), maybe(r, 0.9, r.Range(0.3, 5)))
		}
		if release == 2 {
			v = append(v, maybe(r, 0.3, 3500+4000*math.Exp(-color)))
		}
		if release == 3 {
			v = append(v, r.Range(0.8, 1.4), maybe(r, 0.3, 3500+4000*math.Exp(-color)))
		}
		return v
	}
	model := gaiaModel()
	if release == 0 { // TGAS: only the Tycho-2 stars
		model.Base, model.MagLim, model.Clusters = 50, 12, nil
	}
	return (&catalog{name: fmt.Sprintf("gaia %d", release), model: model, fields: fields, row: row,
		dist: f("distance", tDouble, "arcmin", "Distance from the search position"), distAt: -1, distScale: 60}).init()
}
