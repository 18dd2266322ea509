package catalogs

import (
	"fmt"
	"math"

	"mastui/services/sim/archive"
)

// ticFields are the TESS Input Catalog v8 columns (Mast.Catalogs.Tess.Cone and the
// Mast.Catalogs.Filtered.Tic* services), in MAST's order. ID is a number announced as
// "string" (protocol 2.6).
func ticFields() []field {
	return []field{
		f("ID", tIDStr, "", "TESS Input Catalog identifier"), f("version", tString, "", "Version identifier for this entry"),
		f("HIP", tInt, "", "Hipparcos identifier"), f("TYC", tString, "", "Tycho2 identifier"),
		f("UCAC", tString, "", "UCAC4 identifier"), f("TWOMASS", tString, "", "2MASS identifier"),
		f("SDSS", tString, "", "SDSS DR9 identifier"), f("ALLWISE", tString, "", "AllWISE identifier"),
		f("GAIA", tString, "", "Gaia DR2 identifier"), f("APASS", tString, "", "APASS DR9 identifier"),
		f("KIC", tInt, "", "Kepler Input Catalog identifier"), f("objType", tString, "", "Object type: STAR or EXTENDED"),
		f("typeSrc", tString, "", "Source of the object in the TIC"), f("ra", tFloat, "deg", "Right ascension"),
		f("dec", tFloat, "deg", "Declination"), f("POSflag", tString, "", "Source of the position"),
		f("pmRA", tFloat, "mas/yr", "Proper motion in RA"), f("e_pmRA", tFloat, "mas/yr", "Uncertainty in pmRA"),
		f("pmDEC", tFloat, "mas/yr", "Proper motion in Dec"), f("e_pmDEC", tFloat, "mas/yr", "Uncertainty in pmDEC"),
		f("PMflag", tString, "", "Source of the proper motion"), f("plx", tFloat, "mas", "Parallax"),
		f("e_plx", tFloat, "mas", "Error in the parallax"), f("PARflag", tString, "", "Source of the parallax"),
		f("gallong", tFloat, "deg", "Galactic longitude"), f("gallat", tFloat, "deg", "Galactic latitude"),
		f("eclong", tFloat, "deg", "Ecliptic longitude"), f("eclat", tFloat, "deg", "Ecliptic latitude"),
		f("Bmag", tFloat, "mag", "Johnson B magnitude"), f("e_Bmag", tFloat, "mag", "Uncertainty in B"),
		f("Vmag", tFloat, "mag", "Johnson V magnitude"), f("e_Vmag", tFloat, "mag", "Uncertainty in V"),
		f("umag", tFloat, "mag", "SDSS u"), f("e_umag", tFloat, "mag", "Uncertainty in u"),
		f("gmag", tFloat, "mag", "SDSS g"), f("e_gmag", tFloat, "mag", "Uncertainty in g"),
		f("rmag", tFloat, "mag", "SDSS r"), f("e_rmag", tFloat, "mag", "Uncertainty in r"),
		f("imag", tFloat, "mag", "SDSS i"), f("e_imag", tFloat, "mag", "Uncertainty in i"),
		f("zmag", tFloat, "mag", "SDSS z"), f("e_zmag", tFloat, "mag", "Uncertainty in z"),
		f("Jmag", tFloat, "mag", "2MASS J"), f("e_Jmag", tFloat, "mag", "Uncertainty in J"),
		f("Hmag", tFloat, "mag", "2MASS H"), f("e_Hmag", tFloat, "mag", "Uncertainty in H"),
		f("Kmag", tFloat, "mag", "2MASS K"), f("e_Kmag", tFloat, "mag", "Uncertainty in K"),
		f("TWOMflag", tString, "", "2MASS quality flags"), f("prox", tFloat, "arcsec", "Distance to the nearest 2MASS neighbour"),
		f("w1mag", tFloat, "mag", "WISE W1"), f("e_w1mag", tFloat, "mag", "Uncertainty in W1"),
		f("w2mag", tFloat, "mag", "WISE W2"), f("e_w2mag", tFloat, "mag", "Uncertainty in W2"),
		f("w3mag", tFloat, "mag", "WISE W3"), f("e_w3mag", tFloat, "mag", "Uncertainty in W3"),
		f("w4mag", tFloat, "mag", "WISE W4"), f("e_w4mag", tFloat, "mag", "Uncertainty in W4"),
		f("GAIAmag", tFloat, "mag", "Gaia G magnitude"), f("e_GAIAmag", tFloat, "mag", "Uncertainty in G"),
		f("Tmag", tFloat, "mag", "TESS magnitude"), f("e_Tmag", tFloat, "mag", "Uncertainty in T"),
		f("TESSflag", tString, "", "Source of the TESS magnitude"), f("SPFlag", tString, "", "Source of the stellar parameters"),
		f("Teff", tFloat, "K", "Effective temperature"), f("e_Teff", tFloat, "K", "Uncertainty in Teff"),
		f("logg", tFloat, "cgs", "Surface gravity"), f("e_logg", tFloat, "cgs", "Uncertainty in logg"),
		f("MH", tFloat, "dex", "Metallicity"), f("e_MH", tFloat, "dex", "Uncertainty in MH"),
		f("rad", tFloat, "solRad", "Radius"), f("e_rad", tFloat, "solRad", "Uncertainty in the radius"),
		f("mass", tFloat, "solMass", "Mass"), f("e_mass", tFloat, "solMass", "Uncertainty in the mass"),
		f("rho", tFloat, "solar", "Density"), f("e_rho", tFloat, "solar", "Uncertainty in the density"),
		f("lumclass", tString, "", "Luminosity class: DWARF, GIANT, SUBGIANT"), f("lum", tFloat, "solLum", "Luminosity"),
		f("e_lum", tFloat, "solLum", "Uncertainty in the luminosity"), f("d", tFloat, "pc", "Distance"),
		f("e_d", tFloat, "pc", "Uncertainty in the distance"), f("ebv", tFloat, "mag", "E(B-V) colour excess"),
		f("e_ebv", tFloat, "mag", "Uncertainty in E(B-V)"), f("numcont", tInt, "", "Number of contaminating sources"),
		f("contratio", tFloat, "", "Contamination ratio"), f("disposition", tString, "", "SPLIT, DUPLICATE or ARTIFACT"),
		f("duplicate_id", tLong, "", "TIC ID of the duplicate"), f("priority", tFloat, "", "CTL priority"),
		f("gaiabp", tFloat, "mag", "Gaia BP"), f("e_gaiabp", tFloat, "mag", "Uncertainty in BP"),
		f("gaiarp", tFloat, "mag", "Gaia RP"), f("e_gaiarp", tFloat, "mag", "Uncertainty in RP"),
		f("gaiaqflag", tInt, "", "Gaia quality flag"), f("starchareFlag", tString, "", "Source of the stellar characteristics"),
		f("VmagFlag", tString, "", "Source of V"), f("BmagFlag", tString, "", "Source of B"),
		f("splists", tString, "", "Special lists the star is in"), f("e_RA", tFloat, "mas", "Uncertainty in RA"),
		f("e_Dec", tFloat, "mas", "Uncertainty in Dec"), f("RA_orig", tFloat, "deg", "RA at the original epoch"),
		f("Dec_orig", tFloat, "deg", "Dec at the original epoch"), f("raddflag", tInt, "", "Dwarf radius flag"),
		f("wdflag", tInt, "", "White dwarf flag"), f("objID", tLong, "", "Object identifier"),
	}
}

// ticID is a 9-digit TIC number, unique per source.
func ticID(s *archive.Source) uint64 { return 10000000 + (s.ID*2654435761)%1990000000 }

// ticRow draws a TIC row: magnitudes around Tmag with a colour, Gaia-era astrometry,
// stellar parameters for most stars. A few stars have the absurd B magnitudes the real
// catalogue also has (the docs' criteria example asks for Bmag 30..50).
func ticRow(s *archive.Source, r *archive.Rand) []any {
	t := round(s.Mag, 3)
	color := math.Max(-0.3, 0.8+0.4*r.Normal()) // B-V
	extended := r.Chance(0.03)
	objType, typeSrc := "STAR", "tmgaia2"
	if extended {
		objType, typeSrc = "EXTENDED", "tmgaia2"
	}
	gl, gb := galactic(s.RA, s.Dec)
	el, eb := ecliptic(s.RA, s.Dec)
	bmag := any(round(t+0.9+1.1*color+0.05*r.Normal(), 3))
	if t > 16 && r.Chance(0.6) {
		bmag = nil
	}
	if r.Chance(1.0 / 2500) {
		bmag = round(r.Range(30, 45), 3)
	}
	bright := t < 12
	tyc, hip := any(nil), any(nil)
	if bright {
		tyc = fmt.Sprintf("%d-%05d-1", 1000+r.Intn(8000), r.Intn(2000))
		if t < 8 {
			hip = int64(1 + r.Intn(118000))
		}
	}
	twomass := jName(s.RA, s.Dec, 2, 1)[1:]
	plx := math.Max(0.02, 10*math.Pow(10, -0.2*(t-8))+0.1*r.Normal())
	teff := 3500 + 4000*math.Exp(-color)
	if extended {
		teff = math.NaN()
	}
	lum := []string{"DWARF", "DWARF", "DWARF", "GIANT", "SUBGIANT"}[r.Intn(5)]
	rad := round(r.LogUniform(0.3, 3), 5)
	if lum == "GIANT" {
		rad = round(r.LogUniform(5, 40), 4)
	}
	mass := round(math.Min(math.Pow(rad, 1.2), 2.5)*r.Range(0.8, 1.1), 3)
	disp := any(nil)
	if r.Chance(0.01) {
		disp = "SPLIT"
	}
	maybeF := func(p, v, err float64) (any, any) {
		if r.Chance(p) {
			return nil, nil
		}
		return round(v, 3), round(err, 3)
	}
	u, eu := maybeF(0.8, t+2.5+color, 0.05)
	g, eg := maybeF(0.6, t+1+0.7*color, 0.02)
	rm, er := maybeF(0.6, t+0.5+0.2*color, 0.02)
	im, ei := maybeF(0.6, t+0.3, 0.02)
	zm, ez := maybeF(0.7, t+0.2, 0.03)
	w3, ew3 := maybeF(0.5, t-1.3-0.6*color, 0.1)
	w4, ew4 := maybeF(0.7, t-1.4-0.6*color, 0.3)
	gaiaID := fmt.Sprint(gaiaSourceID(s))
	return []any{
		ticID(s), "20190415", hip, tyc, maybe(r, 0.3, fmt.Sprintf("%03d-%06d", 200+r.Intn(700), r.Intn(200000))),
		twomass, nil, maybe(r, 0.2, "J"+jName(s.RA, s.Dec, 2, 1)[1:]), gaiaID, nil, nil, objType, typeSrc,
		round(s.RA, 8), round(s.Dec, 8), "tmgaia2",
		round(r.Normal()*5, 3), round(r.Range(0.03, 0.5), 3), round(r.Normal()*5, 3), round(r.Range(0.03, 0.5), 3), "gaia2",
		round(plx, 4), round(r.Range(0.02, 0.4), 4), "gaia2",
		round(gl, 6), round(gb, 6), round(el, 6), round(eb, 6),
		bmag, maybe(r, 0.2, round(r.Range(0.02, 0.3), 3)), round(t+0.5+0.6*color, 3), round(r.Range(0.01, 0.2), 3),
		u, eu, g, eg, rm, er, im, ei, zm, ez,
		round(t-0.5-0.5*color, 3), round(r.Range(0.02, 0.1), 3), round(t-0.8-0.6*color, 3), round(r.Range(0.02, 0.1), 3),
		round(t-0.9-0.65*color, 3), round(r.Range(0.02, 0.1), 3), "AAA-222-111-000-0-0", round(r.Range(2, 60), 3),
		round(t-1-0.6*color, 3), round(r.Range(0.02, 0.1), 3), round(t-1.1-0.6*color, 3), round(r.Range(0.02, 0.1), 3),
		w3, ew3, w4, ew4,
		round(t+0.4+0.3*color, 6), round(r.Range(0.0005, 0.005), 6), t, round(r.Range(0.006, 0.02), 3), "gaiaj", "gaia2",
		nanNil(round(teff, 0)), nanNil(round(120+r.Float()*100, 0)), round(r.Range(3.5, 4.7), 5), round(r.Range(0.05, 0.1), 5),
		maybe(r, 0.9, round(r.Normal()*0.3, 2)), nil, rad, round(rad*0.08, 5), mass, round(mass*0.12, 3),
		round(mass/(rad*rad*rad), 5), round(0.1*mass/(rad*rad*rad), 5), lum, round(rad*rad*math.Pow(teff/5772, 4), 5),
		round(r.Range(0.01, 0.5), 5), round(1000/plx, 3), round(r.Range(1, 100), 3), round(r.Range(0, 0.3), 5), round(r.Range(0.001, 0.03), 5),
		int64(r.Intn(40)), maybe(r, 0.1, round(r.LogUniform(1e-4, 2), 6)), disp, nil, maybe(r, 0.9, round(r.LogUniform(1e-5, 3e-3), 8)),
		round(t+0.9+0.4*color, 6), round(r.Range(0.005, 0.05), 6), round(t-0.1+0.1*color, 6), round(r.Range(0.005, 0.05), 6),
		int64(1), "gaia2", "tmgaia2", "gaia2", "", round(r.Range(0.02, 0.8), 4), round(r.Range(0.02, 0.8), 4),
		round(s.RA-r.Normal()*1e-6, 8), round(s.Dec-r.Normal()*1e-6, 8), int64(r.Intn(2)), int64(0), int64(s.ID%1000000000 + 100000000),
	}
}

// nanNil is a float or null.
func nanNil(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

func ticCatalog() *catalog {
	return (&catalog{name: "tic", model: ticModel(), fields: ticFields(), row: ticRow,
		dist: f("dstArcSec", tFloat, "arcsec", "Distance from the search position"), distAt: -1, distScale: 3600}).init()
}

// ctlCatalog is the Candidate Target List: the TIC's bright dwarfs, with their CTL
// priority before objID.
func ctlCatalog() *catalog {
	fields := ticFields()
	n := len(fields)
	fields = append(fields[:n-1:n-1], f("ctlPriority", tFloat, "", "CTL priority"), fields[n-1])
	row := func(s *archive.Source, r *archive.Rand) []any {
		v := ticRow(s, r)
		m := len(v)
		pri := round(math.Pow(10, -0.2*(s.Mag-8))*1e-3, 12)
		return append(v[:m-1:m-1], pri, v[m-1])
	}
	return (&catalog{name: "ctl", model: ticModel(), fields: fields, row: row, keep: func(s *archive.Source) bool { return s.Mag < 13.5 },
		dist: f("dstArcSec", tFloat, "arcsec", "Distance from the search position"), distAt: -1, distScale: 3600}).init()
}
