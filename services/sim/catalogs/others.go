package catalogs

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
)

// galexCatalog is Mast.Galex.Catalog (GALEX GR6/7 merged sources): distance_arcmin
// first, objID above 2^53.
func galexCatalog() *catalog {
	fields := []field{
		f("objID", tLong, "", "GALEX object identifier"), f("survey", tString, "", "Survey: AIS, MIS, DIS, NGS, GII"),
		f("ra", tDouble, "deg", "Right ascension"), f("dec", tDouble, "deg", "Declination"),
		f("band", tInt, "", "Bands detected: 1 NUV, 2 FUV, 3 both"), f("fov_radius", tDouble, "deg", "Distance from the field centre"),
		f("IAUName", tString, "", "IAU name"), f("nuv_mag", tDouble, "mag", "NUV magnitude"),
		f("nuv_magerr", tDouble, "mag", "NUV magnitude error"), f("fuv_mag", tDouble, "mag", "FUV magnitude"),
		f("fuv_magerr", tDouble, "mag", "FUV magnitude error"), f("nuv_flux", tDouble, "uJy", "NUV flux"),
		f("fuv_flux", tDouble, "uJy", "FUV flux"), f("e_bv", tDouble, "mag", "Galactic E(B-V)"),
		f("nuv_artifact", tInt, "", "NUV artifact flags"), f("nuv_flux_aper_7", tDouble, "uJy", "NUV flux in aperture 7"),
		f("fuv_flux_aper_7", tDouble, "uJy", "FUV flux in aperture 7"), f("fuv_artifact", tInt, "", "FUV artifact flags"),
	}
	row := func(s *archive.Source, r *archive.Rand) []any {
		nuv := s.Mag
		fuvDetected := r.Chance(0.35)
		band, fuv, fuvErr, fuvFlux, fuvAper := int64(1), any(nil), any(nil), any(nil), any(nil)
		if fuvDetected {
			m := nuv + r.Range(0.2, 2)
			band, fuv, fuvErr = 3, round(m, 4), round(r.Range(0.05, 0.4), 4)
			fuvFlux, fuvAper = round(math.Pow(10, -0.4*(m-23.9)), 4), round(math.Pow(10, -0.4*(m-23.9))*0.9, 7)
		}
		return []any{
			int64(6381000000000000000 + s.ID), []string{"AIS", "AIS", "AIS", "MIS", "DIS", "GII"}[r.Intn(6)], s.RA, s.Dec, band,
			r.Range(0.05, 0.6), "GALEX " + jName(s.RA, s.Dec, 1, 0), round(nuv, 4), round(r.Range(0.02, 0.3), 4), fuv, fuvErr,
			round(math.Pow(10, -0.4*(nuv-23.9)), 4), fuvFlux, round(r.Range(0.02, 0.08), 4), int64(0),
			round(math.Pow(10, -0.4*(nuv-23.9))*0.9, 7), fuvAper, int64(0),
		}
	}
	return (&catalog{name: "galex", model: galexModel(), fields: fields, row: row,
		dist: f("distance_arcmin", tDouble, "arcmin", "Distance from the search position"), distAt: 0, distScale: 60}).init()
}

// ddDiscrete are the Disk Detective columns with value lists (Mast.Catalogs.All.DiskDetective).
func ddDiscrete() []string { return []string{"state", "majsucc", "Classification"} }

// ddCatalog is the Disk Detective catalogue (Mast.Catalogs.Dd.Cone and
// Mast.Catalogs.Filtered.DiskDetective[.Position]); G_source_id is above 2^53 and
// announced "string" (protocol 2.6).
func ddCatalog() *catalog {
	fields := []field{
		f("designation", tString, "", "AllWISE designation"), f("ra", tDouble, "deg", "Right ascension"),
		f("dec", tDouble, "deg", "Declination"), f("glon", tDouble, "deg", "Galactic longitude"),
		f("glat", tDouble, "deg", "Galactic latitude"), f("w1mpro", tDouble, "mag", "W1 magnitude"),
		f("w1sigmpro", tDouble, "mag", "W1 uncertainty"), f("w2mpro", tDouble, "mag", "W2 magnitude"),
		f("w3mpro", tDouble, "mag", "W3 magnitude"), f("w4mpro", tDouble, "mag", "W4 magnitude"),
		f("Jmag", tDouble, "mag", "2MASS J"), f("Hmag", tDouble, "mag", "2MASS H"), f("Kmag", tDouble, "mag", "2MASS K"),
		f("G_source_id", tIDStr, "", "Gaia DR2 source identifier"), f("state", tString, "", "Classification state: complete or active"),
		f("classifications", tInt, "", "Number of volunteer classifications"), f("majsucc", tString, "", "Majority vote"),
		f("Classification", tString, "", "Disk Detective classification"), f("ZooniverseID", tString, "", "Zooniverse subject"),
		f("ZooniverseURL", tString, "", "Zooniverse talk page"),
	}
	row := func(s *archive.Source, r *archive.Rand) []any {
		gl, gb := galactic(s.RA, s.Dec)
		zid := "AWI" + fmt.Sprintf("%07s", strings.ToLower(strconv.FormatUint(s.ID*2654435761%78364164096, 36)))
		w1 := s.Mag
		complete := r.Chance(0.8)
		state := "active"
		if complete {
			state = "complete"
		}
		return []any{
			jName(s.RA, s.Dec, 2, 1), s.RA, s.Dec, gl, gb, round(w1, 3), round(r.Range(0.02, 0.1), 3), round(w1-r.Range(0, 0.3), 3),
			round(w1-r.Range(0.5, 2.5), 3), round(w1-r.Range(1, 4), 3), maybe(r, 0.2, round(w1+r.Range(0.5, 1.5), 3)),
			maybe(r, 0.2, round(w1+r.Range(0.2, 0.8), 3)), maybe(r, 0.2, round(w1+r.Range(0.05, 0.3), 3)),
			gaiaSourceID(s), state, int64(10 + r.Intn(30)), []string{"multi", "good", "extended", "shift", "empty"}[r.Intn(5)],
			[]string{"Debris disk candidate", "YSO candidate", "Not a disk", "Galaxy"}[r.Intn(4)],
			zid, "https://talk.diskdetective.org/#/subjects/" + zid,
		}
	}
	return (&catalog{name: "dd", model: ddModel(), fields: fields, row: row,
		dist: f("dstArcSec", tDouble, "arcsec", "Distance from the search position"), distAt: -1, distScale: 3600}).init()
}

// ticDiscrete are the TIC columns with value lists (Mast.Catalogs.All.Tic).
func ticDiscrete() []string {
	return []string{"objType", "typeSrc", "POSflag", "PMflag", "PARflag", "TESSflag", "SPFlag", "lumclass", "disposition", "version"}
}

// platoCatalog is the PLATO input catalogue (Mast.Catalogs.Plato.Cone).
func platoCatalog() *catalog {
	fields := []field{
		f("PICidDR1", tLong, "", "PLATO input catalogue identifier"), f("sourceId", tLong, "", "Gaia DR3 source_id"),
		f("RAdeg", tDouble, "deg", "Right ascension"), f("DEdeg", tDouble, "deg", "Declination"),
		f("Gmag", tDouble, "mag", "Gaia G"), f("BPmag", tDouble, "mag", "Gaia BP"), f("RPmag", tDouble, "mag", "Gaia RP"),
		f("Vmag", tDouble, "mag", "Johnson V"), f("Teff", tDouble, "K", "Effective temperature"),
		f("Rad", tDouble, "solRad", "Radius"), f("Mass", tDouble, "solMass", "Mass"), f("sample", tString, "", "P1, P2, P4 or P5 sample"),
	}
	row := func(s *archive.Source, r *archive.Rand) []any {
		c := math.Max(0, 0.9+0.3*r.Normal())
		return []any{int64(1000000 + s.ID%900000000), int64(gaiaSourceID(s)), s.RA, s.Dec, round(s.Mag, 4), round(s.Mag+0.4*c, 4),
			round(s.Mag-0.6*c, 4), round(s.Mag+0.2*c, 4), round(3500+4000*math.Exp(-c), 1), round(r.LogUniform(0.5, 3), 3),
			round(r.Range(0.5, 1.8), 3), []string{"P1", "P2", "P4", "P5", "P5"}[r.Intn(5)]}
	}
	return (&catalog{name: "plato", model: platoModel(), fields: fields, row: row,
		dist: f("dstArcSec", tDouble, "arcsec", "Distance from the search position"), distAt: -1, distScale: 3600}).init()
}

// skymapperCatalog is SkyMapper DR2 (Mast.Catalogs.SkyMapper.Cone).
func skymapperCatalog() *catalog {
	fields := []field{
		f("object_id", tLong, "", "SkyMapper object identifier"), f("raj2000", tDouble, "deg", "Right ascension"),
		f("dej2000", tDouble, "deg", "Declination"), f("u_psf", tDouble, "mag", "u PSF magnitude"),
		f("v_psf", tDouble, "mag", "v PSF magnitude"), f("g_psf", tDouble, "mag", "g PSF magnitude"),
		f("r_psf", tDouble, "mag", "r PSF magnitude"), f("i_psf", tDouble, "mag", "i PSF magnitude"),
		f("z_psf", tDouble, "mag", "z PSF magnitude"), f("class_star", tDouble, "", "Stellarity"), f("flags", tInt, "", "Flags"),
	}
	row := func(s *archive.Source, r *archive.Rand) []any {
		c := math.Max(0, 0.8+0.3*r.Normal())
		return []any{int64(100000000 + s.ID%3000000000), s.RA, s.Dec, maybe(r, 0.3, round(s.Mag+1.5*c, 4)), maybe(r, 0.3, round(s.Mag+1.2*c, 4)),
			round(s.Mag+0.5*c, 4), round(s.Mag, 4), round(s.Mag-0.2*c, 4), round(s.Mag-0.3*c, 4), round(r.Float(), 3), int64(0)}
	}
	return (&catalog{name: "skymapper", model: skymapperModel(), fields: fields, row: row,
		dist: f("dstArcSec", tDouble, "arcsec", "Distance from the search position"), distAt: -1, distScale: 3600}).init()
}
