package archive

import (
	"fmt"
	"math"
	"strings"
)

func ps1Sky(r *rng) (float64, float64) {
	for {
		ra, dec := randomSky(r)
		if dec > -30 {
			return ra, dec
		}
	}
}

func skycellName(r *rng) (string, string) { return "", "" } // named by ps1Program

// ps1Program adds Pan-STARRS1 stacked images of one sky cell, one per filter.
func (g *gen) ps1Program(f *field, n int) {
	r := g.r
	ra, dec := f.pos(r)
	proj := 635 + int((dec+30)/120*1800) + g.next("ps1:cell")%7
	cell := fmt.Sprintf("skycell.%04d.%03d", proj, g.next(fmt.Sprint("ps1:", proj))%100)
	for i := 0; i < n; i++ {
		filt := []string{"g", "r", "i", "z", "y"}[i%5]
		if i >= 5 {
			cell = fmt.Sprintf("skycell.%04d.%03d", proj, g.next(fmt.Sprint("ps1:", proj))%100)
		}
		o := g.newObs("PS1")
		o.Instrument, o.Provenance, o.Project, o.Filters = "GPC1", "PS1", "PS1", filt
		o.Target, o.TargetClass = cell, f.class
		o.ObsID = "rings.v3." + cell + ".stk." + filt
		o.ProductType, o.CalibLevel = "image", 3
		o.TMin, o.TMax = roundTo(55000+r.rangef(0, 200), 1e-6), roundTo(56500+r.rangef(0, 100), 1e-6)
		o.TExptime = roundTo(r.rangef(500, 3000), 0.001)
		o.EmMin, o.EmMax = filterBand(filt, 1)
		o.RA, o.Dec = ra, dec
		o.Region = polygonRegion(ra, dec, 0.4, 0.4, 0)
		o.DataURL = "mast:PS1/product/" + o.ObsID + ".unconv.fits"
		o.JpegURL = "mast:PS1/product/" + o.ObsID + ".unconv.jpg"
		o.TRelease = 57500
		o.recipe = recipePS1
		finish(o)
	}
}

func ps1Products(l *prodList, o *Obs) {
	add := func(suffix, desc, pt, sub string, mrp bool, lo, hi float64) {
		f := o.ObsID + suffix
		l.add(f, "mast:PS1/product/"+f, desc, pt, sub, 3, mrp, lo, hi)
	}
	lo, hi := 10*mB, 18*mB
	if o.Obsid%17 == 0 {
		lo, hi = 100*mB, 300*mB
	}
	add(".unconv.fits", "Stacked image", ptScience, "STACK", true, lo, hi)
	add(".unconv.wt.fits", "Variance", ptAuxiliary, "WT", false, 2*mB, 9*mB)
	add(".unconv.mask.fits", "Mask", ptAuxiliary, "MASK", false, 1*mB, 5*mB)
	add(".unconv.jpg", "Preview-Full", ptPreview, "PREVIEW", false, 50*kB, 300*kB)
}

// hlspProject is one High Level Science Product collection.
type hlspProject struct {
	name, telescope, inst, kind, suffix string
	filters                             []string
	nmPerUnit                           float64
	t0, t1                              float64
	title                               string
}

var hlspProjects = []hlspProject{
	{"legus", "hst", "ACS/WFC", "image", "_drc.fits", []string{"F435W", "F555W", "F814W"}, 1, 56500, 57200, "LEGUS: Legacy ExtraGalactic UV Survey"},
	{"phangs-hst", "hst", "WFC3/UVIS", "image", "_drc.fits", []string{"F275W", "F336W", "F438W", "F555W", "F814W"}, 1, 58400, 59500, "PHANGS-HST"},
	{"phangs-jwst", "jwst", "NIRCAM", "image", "_i2d.fits", []string{"F200W", "F300M", "F335M", "F360M"}, 10, 59760, 60300, "PHANGS-JWST"},
	{"jades", "jwst", "NIRCAM", "image", "_drz.fits", []string{"F090W", "F115W", "F150W", "F200W", "F277W", "F356W", "F444W"}, 10, 59850, 60400, "JADES: JWST Advanced Deep Extragalactic Survey"},
	{"phat", "hst", "ACS/WFC", "image", "_drz.fits", []string{"F475W", "F814W"}, 1, 55400, 56600, "PHAT: Panchromatic Hubble Andromeda Treasury"},
	{"qlp", "tess", "Photometer", "timeseries", "_llc.fits", []string{"TESS"}, 1, 58325, 60900, "QLP: Quick-Look Pipeline light curves"},
	{"tess-spoc", "tess", "Photometer", "timeseries", "_lc.fits", []string{"TESS"}, 1, 58325, 60900, "TESS-SPOC FFI light curves"},
	{"k2sff", "k2", "Kepler", "timeseries", "_llc.fits", []string{"Kepler"}, 1, 56725, 58420, "K2SFF: self-flat-fielded light curves"},
	{"ullyses", "hst", "COS/FUV", "spectrum", "_cspec.fits", []string{"G130M;G160M", "G140L"}, 1, 59000, 60000, "ULLYSES: UV Legacy Library of Young Stars"},
}

func hlspByName(name string) *hlspProject {
	for i := range hlspProjects {
		if hlspProjects[i].name == name {
			return &hlspProjects[i]
		}
	}
	return nil
}

// hlspProgram adds n community-contributed products of one HLSP collection.
func (g *gen) hlspProgram(f *field, n int) {
	r := g.r
	p := &hlspProjects[r.intn(len(hlspProjects))]
	if x := hlspByName(f.inst); x != nil {
		p = x
	}
	pi := piName(r)
	target := f.name(r)
	slug := uriSlug(target)
	for i := 0; i < n; i++ {
		filt := p.filters[i%len(p.filters)]
		o := g.newObs("HLSP")
		o.Instrument, o.Provenance, o.Project = p.inst, strings.ToUpper(p.name), "hlsp_"+p.name
		o.Filters, o.ProductType, o.CalibLevel = filt, p.kind, 4
		o.Target, o.TargetClass = target, f.class
		instSlug := strings.ToLower(strings.ReplaceAll(p.inst, "/", "-"))
		filtSlug := strings.ToLower(strings.ReplaceAll(filt, ";", "-"))
		id := fmt.Sprintf("hlsp_%s_%s_%s_%s_%s_v1", p.name, p.telescope, instSlug, slug, filtSlug)
		if k := g.next(id); k > 1 {
			id = fmt.Sprintf("hlsp_%s_%s_%s_%s-%d_%s_v1", p.name, p.telescope, instSlug, slug, k, filtSlug)
		}
		o.ObsID = id
		o.TMin, o.TMax = g.mjdSpan(p.t0, p.t1, r.rangef(1, 300))
		o.TExptime = roundTo(r.logUniform(500, 50000), 0.001)
		o.EmMin, o.EmMax = filterBand(filt, p.nmPerUnit)
		o.ProposalID, o.ProposalType, o.PI, o.Title = fmt.Sprint(10000+r.intn(8000)), "HLSP", pi, p.title
		o.RA, o.Dec = f.pos(r)
		o.Region = polygonRegion(o.RA, o.Dec, 0.05, 0.05, r.rangef(0, 360))
		o.DataURL = hlspDir(o) + o.ObsID + p.suffix
		o.JpegURL = hlspDir(o) + o.ObsID + "_preview.png"
		o.TRelease = roundTo(o.TMax+200, 1e-6)
		if o.TRelease > ReferenceMJD {
			o.TRelease = ReferenceMJD - 10
		}
		o.key = p.suffix
		o.recipe = recipeHLSP
		finish(o)
	}
}

func hlspDir(o *Obs) string {
	return "mast:HLSP/" + strings.TrimPrefix(o.Project, "hlsp_") + "/" + uriSlug(o.Target) + "/"
}

// uriSlug makes a target name safe inside file names and URIs (astroquery sends URIs
// unescaped, so a "+" would arrive as a space).
func uriSlug(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r == ' ':
			return -1
		}
		return '-'
	}, s)
}

func hlspProducts(l *prodList, o *Obs) {
	dir := hlspDir(o)
	l.add(o.ObsID+o.key, dir+o.ObsID+o.key, "HLSP science product", ptScience, "HLSP", 4, true, 1*mB, 18*mB)
	l.add(o.ObsID+"_preview.png", dir+o.ObsID+"_preview.png", "Preview-Full", ptPreview, "PREVIEW", 4, false, 30*kB, 300*kB)
	l.add(o.ObsID+"_readme.txt", dir+o.ObsID+"_readme.txt", "README", ptInfo, "README", 4, false, 2*kB, 9*kB)
}

// spitzerProgram adds n Spitzer Heritage Archive mosaics (AOR-level products).
func (g *gen) spitzerProgram(f *field, n int) {
	r := g.r
	pi, title := piName(r), programTitle(r)
	target := f.name(r)
	lo, hi := f.era(52970, 58870)
	for i := 0; i < n; i++ {
		var inst, code, filt, kind string
		switch k := r.intn(100); {
		case k < 60:
			inst, code, filt, kind = "IRAC", "I", []string{"IRAC1;IRAC2", "IRAC3;IRAC4", "IRAC1;IRAC2;IRAC3;IRAC4"}[r.intn(3)], "image"
			if lo > 54960 {
				filt = "IRAC1;IRAC2" // warm mission
			}
		case k < 84:
			inst, code, filt, kind = "MIPS", "M", []string{"MIPS24", "MIPS70"}[r.intn(2)], "image"
		default:
			inst, code, filt, kind = "IRS", "S", []string{"IRS-SL", "IRS-LL"}[r.intn(2)], "spectrum"
		}
		aor := 4000000 + g.next("spitzer:aor")*37
		o := g.newObs("SPITZER_SHA")
		o.Instrument, o.Provenance, o.Project, o.Filters = inst, "SSC", "SPITZER", filt
		o.ObsID = fmt.Sprintf("SPITZER_%s%d_%d_0000_%d", code, 1+r.intn(4), aor, 1+r.intn(9))
		o.Target, o.TargetClass = target, f.class
		o.ProductType, o.CalibLevel = kind, 3
		exp := r.logUniform(100, 5000)
		o.TExptime = roundTo(exp, 0.001)
		o.TMin, o.TMax = g.mjdSpan(lo, hi, exp/86400*1.5)
		o.EmMin, o.EmMax = filterBand(filt, 1)
		o.ProposalID, o.PI, o.Title = fmt.Sprint(1+r.intn(14000)), pi, title
		o.RA, o.Dec = f.pos(r)
		o.Region = polygonRegion(o.RA, o.Dec, 5.2/60, 5.2/60, r.rangef(0, 360))
		o.key = fmt.Sprintf("_E%d", 6000000+aor%3000000)
		o.DataURL = "mast:SPITZER_SHA/product/" + o.ObsID + o.key + "_maic.fits"
		o.TRelease = roundTo(o.TMax+365, 1e-6)
		o.recipe = recipeSpitzer
		finish(o)
	}
}

func spitzerProducts(l *prodList, o *Obs) {
	add := func(suffix, desc, pt, sub string, mrp bool, lo, hi float64) {
		f := o.ObsID + o.key + suffix
		l.add(f, "mast:SPITZER_SHA/product/"+f, desc, pt, sub, 3, mrp, lo, hi)
	}
	add("_maic.fits", "Mosaic image", ptScience, "MAIC", true, 1*mB, 12*mB)
	add("_munc.fits", "Mosaic uncertainty", ptAuxiliary, "MUNC", false, 1*mB, 12*mB)
	add("_mcov.fits", "Mosaic coverage", ptAuxiliary, "MCOV", false, 500*kB, 6*mB)
	add("_maic.jpg", "Preview-Full", ptPreview, "PREVIEW", false, 20*kB, 200*kB)
}

// smallMission describes the collections with few observations.
type smallMission struct {
	inst, filters, kind, prefix string
	t0, t1                      float64
	emLo, emHi                  float64
	products                    [][2]string // suffix, subgroup
	lo, hi                      float64
}

var smallMissions = map[string]smallMission{
	"EUVE":      {"EUVE", "SW;MW;LW", "spectrum", "euve", 48100, 51900, 7, 76, [][2]string{{".fits", "SPEC"}, {"_prev.gif", "PREVIEW"}}, 100 * kB, 2 * mB},
	"HUT":       {"HUT", "", "spectrum", "hut", 49777, 49793, 82.5, 185, [][2]string{{".fits", "SPEC"}, {"_prev.gif", "PREVIEW"}}, 20 * kB, 300 * kB},
	"WUPPE":     {"WUPPE", "", "spectrum", "wup", 49777, 49793, 140, 330, [][2]string{{".fits", "SPEC"}, {"_prev.gif", "PREVIEW"}}, 20 * kB, 300 * kB},
	"BEFS":      {"BEFS", "", "spectrum", "bfs", 49234, 49250, 90, 120, [][2]string{{".fits", "SPEC"}, {"_prev.gif", "PREVIEW"}}, 20 * kB, 300 * kB},
	"TUES":      {"TUES", "", "spectrum", "tue", 50368, 50380, 90, 140, [][2]string{{".fits", "SPEC"}, {"_prev.gif", "PREVIEW"}}, 20 * kB, 300 * kB},
	"KeplerFFI": {"Kepler", "Kepler", "image", "kplr", 54960, 56420, 420, 900, [][2]string{{"-cal.fits", "FFI"}, {"-orig.fits", "RAW"}}, 40 * mB, 60 * mB},
	"K2FFI":     {"Kepler", "Kepler", "image", "ktwo", 56725, 58420, 420, 900, [][2]string{{"-cal.fits", "FFI"}, {"-orig.fits", "RAW"}}, 40 * mB, 60 * mB},
}

// smallNamed adds n observations of one of the small collections.
func (g *gen) smallNamed(f *field, n int, coll string) {
	r := g.r
	m := smallMissions[coll]
	pi, title := piName(r), programTitle(r)
	for i := 0; i < n; i++ {
		o := g.newObs(coll)
		o.Instrument, o.Provenance, o.Project, o.Filters = m.inst, coll, coll, m.filters
		o.Target, o.TargetClass = strings.ToUpper(f.name(r)), f.class
		o.ProductType, o.CalibLevel = m.kind, 2
		exp := r.logUniform(300, 20000)
		o.TExptime = roundTo(exp, 0.001)
		o.TMin, o.TMax = g.mjdSpan(m.t0, m.t1, exp/86400*1.2)
		o.EmMin, o.EmMax = m.emLo, m.emHi
		o.RA, o.Dec = f.pos(r)
		switch coll {
		case "KeplerFFI":
			o.Target, o.ObsID = "Kepler FFI", fmt.Sprintf("kplr%s_ffi", yearDayStamp(o.TMin))
			o.Region = polygonRegion(o.RA, o.Dec, 1.2, 1.2, 0)
		case "K2FFI":
			c := nearestK2Campaign(o.RA, o.Dec)
			o.Target, o.ObsID = "K2 FFI", fmt.Sprintf("ktwo%s-c%02d_ffi", yearDayStamp(o.TMin), c)
			o.Region = polygonRegion(o.RA, o.Dec, 1.2, 1.2, 0)
		default:
			o.ObsID = fmt.Sprintf("%s_%05d", m.prefix, g.next("small:"+coll))
			o.Region = circleRegion(o.RA, o.Dec, 0.0028)
		}
		o.ProposalID, o.PI, o.Title = fmt.Sprint(100+r.intn(900)), pi, title
		o.DataURL = smallURI(o, m.products[0][0])
		o.TRelease = roundTo(o.TMax+365, 1e-6)
		o.recipe = recipeSmall
		finish(o)
		if math.IsNaN(o.EmMin) {
			o.Waveband = ""
		}
	}
}

func smallURI(o *Obs, suffix string) string {
	return "mast:" + o.Collection + "/product/" + o.ObsID + suffix
}

func smallProducts(l *prodList, o *Obs) {
	m := smallMissions[o.Collection]
	for i, p := range m.products {
		pt, lo, hi := ptScience, m.lo, m.hi
		if p[1] == "PREVIEW" {
			pt, lo, hi = ptPreview, 5*kB, 30*kB
		}
		l.add(o.ObsID+p[0], smallURI(o, p[0]), p[1]+" file", pt, p[1], 2, i == 0, lo, hi)
	}
}
