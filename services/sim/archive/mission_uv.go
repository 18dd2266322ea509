package archive

import (
	"fmt"
	"strings"
)

// IUE cameras and the years they took spectra.
var iueCameras = []struct {
	name   string
	t0, t1 float64
	weight int
	first  int // first image number we hand out
}{
	{"LWP", 46100, 50000, 40, 1000},
	{"LWR", 43550, 47500, 25, 1000},
	{"SWP", 43550, 50000, 35, 1000},
}

// iueProgram adds n low/high-dispersion IUE spectra of field f.
func (g *gen) iueProgram(f *field, n int) {
	r := g.r
	pid := strings.ToUpper(base36(r.intn(1679616), 4)) + string("ABCDEFGHJK"[r.intn(10)])
	pi, title := piName(r), programTitle(r)
	target := strings.ToUpper(f.name(r))
	for i := 0; i < n; i++ {
		k := r.intn(100)
		ci := 0
		for ; ci < len(iueCameras)-1 && k >= iueCameras[ci].weight; ci++ {
			k -= iueCameras[ci].weight
		}
		// A documented obs_id (lwp13058 of the astroquery docs) picks its camera and
		// number; the draw above still happens so the rest of the archive is unchanged.
		docID, doc := f.docObsID()
		if doc {
			for ci = 0; ci < len(iueCameras)-1 && !strings.EqualFold(iueCameras[ci].name, docID[:3]); ci++ {
			}
		}
		cam := iueCameras[ci]
		lo, hi := f.era(cam.t0, cam.t1)
		o := g.newObs("IUE")
		o.Instrument, o.Provenance, o.Project = cam.name, "NEWSIPS", "IUE"
		o.Filters = "LOW DISP"
		if r.chance(0.25) {
			o.Filters = "HIGH DISP"
		}
		o.Target, o.TargetClass = target, f.class
		num := cam.first + g.next("iue:"+cam.name)
		o.ObsID = fmt.Sprintf("%s%05d", strings.ToLower(cam.name), num)
		if doc {
			o.ObsID = docID
		}
		o.ProductType, o.CalibLevel = "spectrum", 2
		exp := r.logUniform(10, 3600)
		o.TExptime = roundTo(exp, 0.001)
		o.TMin, o.TMax = g.mjdSpan(lo, hi, exp/86400)
		o.EmMin, o.EmMax = filterBand(cam.name, 1)
		o.ProposalID, o.PI, o.Title = pid, pi, title
		o.RA, o.Dec = f.pos(r)
		o.Region = circleRegion(o.RA, o.Dec, 0.002778)
		o.DataURL = iueDir(o.ObsID) + o.ObsID + "." + iueMX(o) + ".gz"
		o.JpegURL = iueDir(o.ObsID) + o.ObsID + ".gif"
		o.TRelease = roundTo(o.TMax+180, 1e-6)
		o.recipe = recipeIUE
		finish(o)
	}
}

func iueMX(o *Obs) string {
	if o.Filters == "HIGH DISP" {
		return "mxhi"
	}
	return "mxlo"
}

func iueDir(obsID string) string {
	var num int
	fmt.Sscanf(obsID[3:], "%d", &num)
	return fmt.Sprintf("mast:IUE/url/pub/iue/data/%s/%d/", obsID[:3], num/1000*1000)
}

func iueProducts(l *prodList, o *Obs) {
	dir, id, mx := iueDir(o.ObsID), o.ObsID, iueMX(o)
	add := func(name, desc, pt, sub string, calib int, mrp bool, lo, hi float64) {
		l.add(name, dir+name, desc, pt, sub, calib, mrp, lo, hi)
	}
	add(id+".elbll.gz", "Extended line-by-line file", ptScience, "ELBLL", 2, false, 150*kB, 200*kB)
	add(id+".elbls.gz", "Extended line-by-line file (small aperture)", ptScience, "ELBLS", 2, false, 150*kB, 200*kB)
	add(id+".lilo.gz", "Linearized image", ptScience, "LILO", 2, false, 500*kB, 700*kB)
	add(id+".melol.gz", "Extracted spectrum (large aperture)", ptScience, "MELOL", 2, false, 10*kB, 14*kB)
	add(id+".melos.gz", "Extracted spectrum (small aperture)", ptScience, "MELOS", 2, false, 10*kB, 14*kB)
	add(id+".raw.gz", "Raw image", ptScience, "RAW", 1, false, 350*kB, 450*kB)
	add(id+".rilo.gz", "Resampled image", ptScience, "RILO", 2, false, 350*kB, 450*kB)
	add(id+".silo.gz", "Spatially resolved image", ptScience, "SILO", 2, false, 90*kB, 120*kB)
	add(id+".gif", "Preview-Full", ptPreview, "PREVIEW", 2, false, 6*kB, 12*kB)
	add(id+"."+mx+".gz", "Merged extracted spectrum", ptScience, strings.ToUpper(mx), 2, true, 15*kB, 25*kB)
	vo := "mast:IUE/url/pub/vospectra/iue2/"
	l.add(id+mx+"_vo.fits", vo+id+mx+"_vo.fits", "VO spectrum", ptScience, "VO", 2, true, 40*kB, 60*kB)
	l.add(id+".gif", vo+id+".gif", "Preview-Full (VO)", ptPreview, "PREVIEW", 2, false, 3*kB, 5*kB)
}

var uvotFilters = []struct{ name, code string }{
	{"UVW1", "uw1"}, {"UVW2", "uw2"}, {"UVM2", "um2"}, {"U", "uuu"}, {"B", "ubb"}, {"V", "uvv"}, {"WHITE", "uwh"},
}

func uvotCode(name string) string {
	for _, f := range uvotFilters {
		if f.name == name {
			return f.code
		}
	}
	return "uwh"
}

// swiftProgram adds n Swift UVOT observation segments of one target; each segment
// lists the filters it used (a ";"-separated filters cell).
func (g *gen) swiftProgram(f *field, n int) {
	r := g.r
	targetID := 30000000 + g.next("swift:target")*17%9000000
	pi, title := piName(r), programTitle(r)
	target := f.name(r)
	lo, hi := f.era(53400, 61000)
	t, _ := g.mjdSpan(lo, hi, 1)
	kind := "image"
	if r.chance(0.5) || f.exact > 0.5 {
		kind = "cube"
	}
	for i := 0; i < n; i++ {
		o := g.newObs("SWIFT")
		o.Instrument, o.Provenance, o.Project = "UVOT", "SWIFT", "SWIFT"
		seg := 1 + i%999
		if i > 0 && seg == 1 {
			targetID++
		}
		o.ObsID = fmt.Sprintf("%08d%03d", targetID, seg)
		o.key = "sw" + o.ObsID
		nf := r.between(1, 6)
		if r.chance(0.5) {
			nf = 6
		}
		var names []string
		for _, k := range []int{1, 2, 0, 3, 4, 5, 6}[:nf] {
			names = append(names, uvotFilters[k].name)
		}
		o.Filters = strings.Join(names, ";")
		o.Target, o.TargetClass = target, f.class
		o.ProductType, o.CalibLevel = kind, 2
		exp := r.logUniform(100, 3000)
		o.TExptime = roundTo(exp, 0.001)
		t += r.rangef(0.5, 20)
		if t > hi {
			t = lo + r.rangef(0, 30)
		}
		o.TMin, o.TMax = roundTo(t, 1e-6), roundTo(t+exp/86400*1.3, 1e-6)
		o.EmMin, o.EmMax = filterBand(o.Filters, 1)
		o.ProposalID, o.PI, o.Title = fmt.Sprintf("%08d", targetID), pi, title
		o.RA, o.Dec = f.pos(r)
		o.Region = polygonRegion(o.RA, o.Dec, 0.2833, 0.2833, r.rangef(0, 360))
		o.DataURL = "mast:SWIFT/product/" + o.key + uvotCode(names[0]) + "_sk.img.gz"
		o.JpegURL = "mast:SWIFT/product/" + o.key + "_sk.jpg"
		o.TRelease = roundTo(o.TMax+7, 1e-6)
		o.recipe = recipeSWIFT
		finish(o)
	}
}

func swiftStems(o *Obs) []string {
	out := []string{o.ObsID, o.key}
	for _, name := range strings.Split(o.Filters, ";") {
		out = append(out, o.key+uvotCode(name))
	}
	return out
}

func swiftProducts(l *prodList, o *Obs) {
	add := func(name, desc, pt, sub string, calib int, mrp bool, lo, hi float64) {
		l.add(name, "mast:SWIFT/product/"+name, desc, pt, sub, calib, mrp, lo, hi)
	}
	for _, name := range strings.Split(o.Filters, ";") {
		p := o.key + uvotCode(name)
		add(p+"_sk.img.gz", "Sky image "+name, ptScience, "SK", 2, true, 1*mB, 6*mB)
		add(p+"_ex.img.gz", "Exposure map "+name, ptAuxiliary, "EX", 2, false, 1*mB, 6*mB)
		add(p+"_rw.img.gz", "Raw image "+name, ptScience, "RW", 1, false, 1*mB, 6*mB)
	}
	add(o.key+"_sat.fits.gz", "Spacecraft attitude", ptAuxiliary, "SAT", 1, false, 200*kB, 2*mB)
	add(o.key+"_sk.jpg", "Preview-Full", ptPreview, "PREVIEW", 2, false, 20*kB, 200*kB)
}

// fuseProgram adds n FUSE far-UV spectra of field f.
func (g *gen) fuseProgram(f *field, n int) {
	r := g.r
	letter := "ABCDEPQSUZ"[r.intn(10)]
	prog := g.next("fuse:prog") % 1000
	pi, title := piName(r), programTitle(r)
	target := strings.ToUpper(f.name(r))
	lo, hi := f.era(51380, 54380)
	for i := 0; i < n; i++ {
		o := g.newObs("FUSE")
		o.Instrument, o.Provenance, o.Project = "FUSE", "CALFUSE", "FUSE"
		o.Filters = []string{"LWRS", "LWRS", "MDRS", "HIRS"}[r.intn(4)]
		o.ObsID = fmt.Sprintf("%c%03d%02d%02d", letter, prog, 1+i/10, 1+i%10)
		o.Target, o.TargetClass = target, f.class
		o.ProductType, o.CalibLevel = "spectrum", 2
		exp := r.logUniform(1000, 40000)
		o.TExptime = roundTo(exp, 0.001)
		o.TMin, o.TMax = g.mjdSpan(lo, hi, exp/86400*2)
		o.EmMin, o.EmMax = filterBand(o.Filters, 1)
		o.ProposalID, o.PI, o.Title = o.ObsID[:4], pi, title
		o.RA, o.Dec = f.pos(r)
		o.Region = polygonRegion(o.RA, o.Dec, 30.0/3600, 30.0/3600, r.rangef(0, 360))
		o.DataURL = "mast:FUSE/product/" + o.ObsID + "000_vo.fits"
		o.TRelease = roundTo(o.TMax+365, 1e-6)
		o.recipe = recipeFUSE
		finish(o)
	}
}

func fuseProducts(l *prodList, o *Obs) {
	low := strings.ToLower(o.ObsID) + "000"
	add := func(name, desc, pt, sub string, calib int, mrp bool, lo, hi float64) {
		l.add(name, "mast:FUSE/product/"+name, desc, pt, sub, calib, mrp, lo, hi)
	}
	add(o.ObsID+"000_vo.fits", "VO spectrum", ptScience, "VO", 2, true, 50*kB, 300*kB)
	add(low+"_all4ttagfcal.fit.gz", "Calibrated spectrum (all data)", ptScience, "ALL", 2, false, 200*kB, 2*mB)
	add(low+"_ano4ttagfcal.fit.gz", "Calibrated spectrum (night only)", ptScience, "ANO", 2, false, 200*kB, 2*mB)
	add(low+"_specttagf.gif", "Preview-Full", ptPreview, "PREVIEW", 2, false, 8*kB, 30*kB)
}
