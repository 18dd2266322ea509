package archive

import (
	"fmt"
	"math"
)

// Seed 004's duplication-check targets (the NIRSpec notebook's input catalog): MSA on
// GOODS-S, IFU on IRAS 04302+2247, fixed slit S200B1 on a white dwarf.
var dupTargets = [3]struct {
	ra, dec float64
	name    string
	class   string
}{
	{53.13, -27.8, "GOODS-S", "FIELD;DEEP FIELD"},
	{68.73091, 24.4814, "IRAS04302+2247", "STAR;YOUNG STELLAR OBJECT"},
	{5.13, -36.895, "WD0018-371", "STAR;WHITE DWARF"},
}

// dupObs is one JWST observation placed by hand near a seed-004 target so the
// duplication check finds matches and near misses of every kind: the same mode, grating,
// filter and an exposure within ×4 inside the radius (a match), and one criterion off (a
// wrong grating, ×5 the exposure, just outside the radius).
type dupObs struct {
	target        int
	inst, filters string
	sep, pa       float64 // arcsec from the target, position angle (deg, east of north)
	exp           float64 // t_exptime (s)
	pid, obs      int     // program and observation number: jw01180-o901
	pi            string
	planned       bool    // calib_level -1, no products or files
	release       float64 // t_obs_release MJD; 0: public a day after the observation
	tmin          float64 // MJD of the (planned) start
}

// dupObservations are seed 004's hand-placed observations. The seed's radii (its
// apertures' longest sides) are MSA 180″, IFU 3″, S200B1 3.3″.
var dupObservations = []dupObs{
	// Target 1: MSA G395H/F290LP 950 s.
	{target: 0, inst: "NIRSPEC/MSA", filters: "F290LP;G395H", sep: 12.6, pa: 40, exp: 1235.0, pid: 1180, obs: 901, pi: "Moreau, Clara E.", tmin: 59905.2},
	{target: 0, inst: "NIRSPEC/MSA", filters: "F290LP;G395H", sep: 22.2, pa: 130, exp: 3515.0, pid: 1210, obs: 901, pi: "Lindqvist, Per O.", tmin: 60210.6},
	{target: 0, inst: "NIRSPEC/MSA", filters: "F290LP;G395H", sep: 26.4, pa: 250, exp: 855.0, pid: 3215, obs: 902, pi: "Okafor, Ngozi A.", planned: true, tmin: 61420.0},
	{target: 0, inst: "NIRSPEC/MSA", filters: "F290LP;G395H", sep: 41.0, pa: 300, exp: 1900.0, pid: 4540, obs: 901, pi: "Tanaka, Emi R.", tmin: 60960.3, release: 61925.0},
	{target: 0, inst: "NIRSPEC/MSA", filters: "F170LP;G235M", sep: 30.0, pa: 80, exp: 1000.0, pid: 1286, obs: 901, pi: "Moreau, Clara E.", tmin: 60101.1},
	{target: 0, inst: "NIRSPEC/MSA", filters: "F290LP;G395H", sep: 50.0, pa: 200, exp: 4750.0, pid: 1287, obs: 901, pi: "Lindqvist, Per O.", tmin: 60330.4},
	{target: 0, inst: "NIRSPEC/MSA", filters: "F290LP;G395H", sep: 200.0, pa: 10, exp: 900.0, pid: 1181, obs: 901, pi: "Moreau, Clara E.", tmin: 60002.8},
	// Target 2: IFU G395H/F290LP 22.749 s: near misses only.
	{target: 1, inst: "NIRSPEC/IFU", filters: "F170LP;G235H", sep: 0.5, pa: 60, exp: 25.0, pid: 1282, obs: 901, pi: "Ferreira, Tomas L.", tmin: 59950.5},
	{target: 1, inst: "NIRSPEC/IFU", filters: "F100LP;G140H", sep: 1.1, pa: 170, exp: 21.0, pid: 1222, obs: 901, pi: "Haddad, Mira S.", tmin: 60050.5},
	{target: 1, inst: "NIRSPEC/IFU", filters: "F290LP;G395H", sep: 1.0, pa: 220, exp: 113.745, pid: 1282, obs: 902, pi: "Ferreira, Tomas L.", tmin: 59952.5},
	{target: 1, inst: "NIRSPEC/IFU", filters: "F290LP;G395H", sep: 4.5, pa: 330, exp: 20.0, pid: 1222, obs: 902, pi: "Haddad, Mira S.", tmin: 60052.5},
	// Target 3: S200B1 G140H/F070LP 1880.22 s: a MOS observation matches (FS is
	// checked against MOS); the slit's own observations miss.
	{target: 2, inst: "NIRSPEC/MSA", filters: "F070LP;G140H", sep: 1.2, pa: 90, exp: 2100.0, pid: 2750, obs: 901, pi: "Novak, Jana K.", tmin: 60420.7},
	{target: 2, inst: "NIRSPEC/SLIT", filters: "F070LP;G140H", sep: 0.8, pa: 15, exp: 9401.1, pid: 1222, obs: 903, pi: "Haddad, Mira S.", tmin: 60060.2},
	{target: 2, inst: "NIRSPEC/SLIT", filters: "F070LP;G140H", sep: 5.0, pa: 280, exp: 1700.0, pid: 1222, obs: 904, pi: "Haddad, Mira S.", planned: true, tmin: 61500.0},
}

// dupObsidBase numbers the hand-placed observations in a range no generated one uses
// (JWST's run from 87600000, the next mission's from 1000000000).
const dupObsidBase = 184082600

// dupcheckFields adds seed 004's hand-placed observations. They are added after every
// generated one and draw nothing from the generator's stream, so the rest of the
// archive is the same with or without them.
func (g *gen) dupcheckFields() {
	for k, d := range dupObservations {
		t := dupTargets[d.target]
		mode := jwModeByName(d.inst)
		s, c := math.Sincos(d.pa * deg)
		ra, dec := offset(t.ra, t.dec, d.sep/3600*s, d.sep/3600*c)
		g.obs = append(g.obs, Obs{
			Collection: "JWST", IntentType: "science", Provenance: "CALJWST", Project: "JWST",
			Instrument: d.inst, Filters: d.filters, ProductType: mode.kind,
			Target: t.name, TargetClass: t.class, RA: ra, Dec: dec,
			ObsID:      fmt.Sprintf("jw%05d-o%03d_t001_%s_%s", d.pid, d.obs, mode.short, mode.element(d.filters)),
			ProposalID: fmt.Sprint(d.pid), ProposalType: "GO", PI: d.pi,
			Title:    "Spectroscopy of " + t.name,
			TExptime: d.exp, TMin: d.tmin, TMax: roundTo(d.tmin+d.exp/86400, 1e-6), TRelease: d.release,
			CalibLevel: 3, SeqNum: -1, SrcDen: math.NaN(), group: -1, designed: true,
			Obsid: dupObsidBase + uint64(k)*7,
		})
		o := &g.obs[len(g.obs)-1]
		o.EmMin, o.EmMax = filterBand(d.filters, 10)
		o.Region = polygonRegion(o.RA, o.Dec, mode.w, mode.h, d.pa)
		if d.planned {
			o.Planned, o.CalibLevel = true, -1
		} else {
			o.recipe, o.group = recipeJWSTL3, int32(len(g.groups))
			prefix := fmt.Sprintf("jw%05d-o%03d", d.pid, d.obs)
			g.groups = append(g.groups, jwGroup{l3: o.Obsid, prefix: prefix, visits: []jwVisit{{
				id: fmt.Sprintf("jw%05d%03d001", d.pid, d.obs), gs: 4, mjd: d.tmin, msa: d.inst == "NIRSPEC/MSA"}}})
			if d.release == 0 {
				o.TRelease = roundTo(o.TMax+1, 1e-6)
			}
		}
		o.DataURL, o.JpegURL = jwstPreviewURLs(o)
		if o.Planned {
			o.DataURL, o.JpegURL = "", ""
		}
		finish(o)
	}
}
