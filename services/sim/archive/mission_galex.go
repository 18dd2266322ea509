package archive

import (
	"fmt"
	"strings"
)

var galexSurveys = []struct {
	name     string
	weight   int
	exp      [2]float64
	guest    bool
	tileName string
}{
	{"AIS", 50, [2]float64{60, 220}, false, "AIS_%d_sg%02d"},
	{"MIS", 28, [2]float64{1000, 1800}, false, "MISDR1_%05d_%04d"},
	{"GII", 14, [2]float64{1000, 12000}, true, "GI%d_%03d"},
	{"DIS", 5, [2]float64{10000, 30000}, false, "DIS_%d_%02d"},
	{"NGS", 3, [2]float64{1000, 3000}, false, "NGA_%d_%02d"},
}

func galexTileName(r *rng) (string, string) { return "", "" } // tiles are named by galexProgram

// galexProgram adds n GALEX images of one tile: NUV and FUV pairs (FUV worked until 2009).
func (g *gen) galexProgram(f *field, n int) {
	r := g.r
	k := r.intn(100)
	si := 0
	for ; si < len(galexSurveys)-1 && k >= galexSurveys[si].weight; si++ {
		k -= galexSurveys[si].weight
	}
	sv := galexSurveys[si]
	tile := f.name(r)
	if tile == "" || tile == "ANY" {
		tile = fmt.Sprintf(sv.tileName, g.next("galex:"+sv.name), 1+r.intn(20))
	}
	pid, pi, title := sv.name, "", ""
	if sv.guest {
		pid, pi, title = fmt.Sprintf("GI%d_%03d", 1+r.intn(6), r.intn(120)), piName(r), programTitle(r)
	}
	lo, hi := f.era(52740, 54980)
	var key string
	var ra, dec, t float64
	for i := 0; i < n; i++ {
		band, code := "NUV", "nd"
		if i%2 == 0 {
			key = fmt.Sprintf("%s_%04d", tile, g.next("galexvisit:"+tile))
			ra, dec = f.pos(r)
			t, _ = g.mjdSpan(lo, hi, 0.1)
		} else {
			band, code = "FUV", "fd"
		}
		o := g.newObs("GALEX")
		o.Instrument, o.Provenance, o.Project, o.Filters = "GALEX", sv.name, sv.name, band
		o.key = key
		o.Target, o.TargetClass = tile, f.class
		o.ObsID = fmt.Sprint(2485534881239859200 + o.Obsid*4096 + uint64(i%2))
		o.ProductType, o.CalibLevel = "image", 2
		exp := r.rangef(sv.exp[0], sv.exp[1])
		o.TExptime = roundTo(exp, 0.001)
		o.TMin, o.TMax = roundTo(t, 1e-6), roundTo(t+exp/86400*1.05, 1e-6)
		o.EmMin, o.EmMax = filterBand(band, 1)
		o.ProposalID, o.ProposalType, o.PI, o.Title = pid, sv.name, pi, title
		o.RA, o.Dec = ra, dec
		o.Region = circleRegion(ra, dec, 0.625)
		o.SrcDen = float64(r.between(500, 20000))
		dir := galexDir(key)
		o.DataURL = dir + key + "-" + code + "-int.fits.gz"
		o.JpegURL = dir + key + "-xd-int_2color.jpg"
		o.TRelease = roundTo(o.TMax+365, 1e-6)
		o.recipe = recipeGALEX
		finish(o)
	}
}

func galexDir(key string) string {
	return "mast:GALEX/url/data/GR6/pipe/01-vsn/" + strings.ToLower(key) + "/d/01-main/0001-img/07-try/"
}

func galexCode(o *Obs) string {
	if o.Filters == "FUV" {
		return "fd"
	}
	return "nd"
}

func galexStems(o *Obs) []string {
	return []string{o.ObsID, o.key + "-" + galexCode(o), o.key + "-xd"}
}

func galexProducts(l *prodList, o *Obs) {
	dir, code := galexDir(o.key), galexCode(o)
	add := func(name, desc, pt, sub string, mrp bool, lo, hi float64) {
		l.add(name, dir+name, desc, pt, sub, 2, mrp, lo, hi)
	}
	add(o.key+"-"+code+"-int.fits.gz", "Intensity map", ptScience, "INT", true, 2*mB, 9*mB)
	add(o.key+"-"+code+"-cnt.fits.gz", "Count map", ptScience, "CNT", false, 2*mB, 9*mB)
	add(o.key+"-"+code+"-rrhr.fits.gz", "High-resolution relative response", ptAuxiliary, "RRHR", false, 1*mB, 4*mB)
	add(o.key+"-"+code+"-skybg.fits.gz", "Sky background", ptAuxiliary, "SKYBG", false, 1*mB, 4*mB)
	add(o.key+"-"+code+"-flags.fits.gz", "Artifact flags", ptAuxiliary, "FLAGS", false, 300*kB, 2*mB)
	// Shared by the NUV and FUV observations of one visit, which list them under the
	// NUV observation whichever of the two is asked for.
	if o.Filters == "FUV" {
		for _, i := range l.a.stems[strings.ToLower(o.key+"-nd")] {
			l.owner = &l.a.obs[i]
		}
	}
	add(o.key+"-xd-mcat.fits.gz", "Merged source catalog", ptScience, "MCAT", false, 1*mB, 6*mB)
	add(o.key+"-xd-int_2color.jpg", "Preview-Full", ptPreview, "PREVIEW", false, 50*kB, 300*kB)
}
