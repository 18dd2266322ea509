package archive

import (
	"fmt"
	"strings"
)

// hstInst describes one HST instrument configuration as CAOM names it.
type hstInst struct {
	name, prov string
	letter     byte
	t0, t1     float64 // MJD window of operation
	spec       bool
	filters    []string
	fov        float64 // square field side in degrees; negative: circular aperture radius
	nmPerUnit  float64
	weight     int
}

var hstInsts = []hstInst{
	{"ACS/WFC", "CALACS", 'j', 52334, 61000, false, []string{"F435W", "F475W", "F555W", "F606W", "F625W", "F775W", "F814W", "F850LP", "F658N", "F502N"}, 202.0 / 3600, 1, 22},
	{"ACS/HRC", "CALACS", 'j', 52334, 53900, false, []string{"F220W", "F250W", "F330W", "F435W", "F606W", "F814W"}, 29.0 / 3600, 1, 2},
	{"ACS/SBC", "CALACS", 'j', 52334, 61000, false, []string{"F122M", "F115LP", "F125LP", "F140LP", "F150LP", "F165LP"}, 35.0 / 3600, 1, 2},
	{"WFC3/UVIS", "CALWF3", 'i', 54970, 61000, false, []string{"F225W", "F275W", "F336W", "F438W", "F475W", "F555W", "F606W", "F625W", "F814W", "F657N", "F502N"}, 162.0 / 3600, 1, 18},
	{"WFC3/IR", "CALWF3", 'i', 54970, 61000, false, []string{"F105W", "F110W", "F125W", "F140W", "F160W", "F098M", "F127M", "F139M", "F153M", "G102", "G141"}, 136.0 / 3600, 10, 14},
	{"STIS/CCD", "CALSTIS", 'o', 50500, 61000, true, []string{"G430L", "G750L", "G430M", "G750M", "G230LB"}, 52.0 / 3600, 1, 4},
	{"STIS/FUV-MAMA", "CALSTIS", 'o', 50500, 61000, true, []string{"G140L", "G140M", "E140M", "E140H"}, 25.0 / 3600, 1, 3},
	{"STIS/NUV-MAMA", "CALSTIS", 'o', 50500, 61000, true, []string{"G230L", "G230M", "E230M", "E230H"}, 25.0 / 3600, 1, 3},
	{"COS/FUV", "CALCOS", 'l', 54970, 61000, true, []string{"G130M", "G160M", "G140L"}, -1.25 / 3600, 1, 7},
	{"COS/NUV", "CALCOS", 'l', 54970, 61000, true, []string{"G185M", "G225M", "G285M", "G230L"}, -1.25 / 3600, 1, 3},
	{"WFPC2", "CALWFPC2", 'u', 49330, 54960, false, []string{"F555W", "F814W", "F606W", "F300W", "F656N", "F502N", "F439W", "F675W", "F336W", "F170W"}, 150.0 / 3600, 1, 12},
	{"NICMOS/NIC2", "CALNICA", 'n', 50500, 54800, false, []string{"F110W", "F160W", "F187N", "F205W", "F222M"}, 19.0 / 3600, 10, 3},
	{"NICMOS/NIC3", "CALNICA", 'n', 50500, 54800, false, []string{"F110W", "F160W", "F150W"}, 51.0 / 3600, 10, 2},
	{"FOS/BL", "CALFOS", 'y', 48000, 50500, true, []string{"G130H", "G190H", "G270H", "G160L"}, -0.5 / 3600, 1, 1},
	{"FOS/RD", "CALFOS", 'y', 48000, 50500, true, []string{"G400H", "G570H", "G650L", "G780H"}, -0.5 / 3600, 1, 1},
	{"GHRS", "CALHRS", 'z', 48000, 50500, true, []string{"G140L", "G160M", "ECH-A"}, -1.0 / 3600, 1, 2},
}

func hstInstByName(name string) *hstInst {
	for i := range hstInsts {
		if strings.EqualFold(hstInsts[i].name, name) {
			return &hstInsts[i]
		}
	}
	return nil
}

func (g *gen) pickHSTInst(lo, hi float64) *hstInst {
	total := 0
	for i := range hstInsts {
		if hstInsts[i].t1 > lo && hstInsts[i].t0 < hi {
			total += hstInsts[i].weight
		}
	}
	k := g.r.intn(total)
	for i := range hstInsts {
		in := &hstInsts[i]
		if in.t1 > lo && in.t0 < hi {
			if k < in.weight {
				return in
			}
			k -= in.weight
		}
	}
	return &hstInsts[0]
}

// hstCode maps a proposal id to a 3-character program code (a bijection on 0..36^3-1,
// since 7919 is prime to 36^3), as HST rootnames carry one.
func hstCode(pid int) string {
	v := (pid*7919 + 1234) % 46656
	return base36(v, 3)
}

func base36(v, width int) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = digits[v%36]
		v /= 36
	}
	return string(b)
}

// proposalFor picks a proposal id: the field's (a comma list allowed) or one drawn
// to match the era, HST cycles numbering upwards with time.
func (g *gen) proposalFor(f *field, t float64, lo, hi int) string {
	if f.proposal != "" {
		return g.r.pick(strings.Split(f.proposal, ","))
	}
	frac := (t - 48000) / (61000 - 48000)
	return fmt.Sprint(lo + int(frac*float64(hi-lo)) + g.r.intn(400))
}

func (g *gen) hstProposalType(inst string) string {
	short := strings.SplitN(inst, "/", 2)[0]
	switch k := g.r.intn(100); {
	case k < 72:
		return "GO"
	case k < 80:
		return "GTO"
	case k < 86:
		return "SNAP"
	case k < 94:
		return "CAL/" + short
	case k < 97:
		return "DD"
	default:
		return "ENG/" + short
	}
}

// hstProgram adds n observations of one HST program on field f.
func (g *gen) hstProgram(f *field, n int) {
	r := g.r
	in := g.pickHSTInst(f.era(48000, 61000))
	if f.inst != "" {
		if x := hstInstByName(f.inst); x != nil {
			in = x
		}
	}
	lo, hi := f.era(in.t0, in.t1)
	start, _ := g.mjdSpan(lo, hi, 120)
	pid := g.proposalFor(f, start, 1000, 17800)
	ptype := f.ptype
	if ptype == "" {
		ptype = g.hstProposalType(in.name)
	}
	calibration := strings.HasPrefix(ptype, "CAL") || strings.HasPrefix(ptype, "ENG")
	pi := f.pi
	if pi == "" {
		pi = piName(r)
	}
	title := programTitle(r)
	if calibration {
		title = fmt.Sprintf("%s %s Calibration Monitor", strings.SplitN(in.name, "/", 2)[0], r.pick([]string{"Dark", "Bias", "Flat Field", "Photometric", "Wavelength"}))
	}
	target := hstTargetName(f.name(r))
	pidNum := 0
	fmt.Sscan(pid, &pidNum)
	code := hstCode(pidNum)
	t := start
	for i := 0; i < n; i++ {
		o := g.newObs("HST")
		o.Instrument, o.Provenance, o.Project = in.name, in.prov, "HST"
		o.ProposalID, o.ProposalType, o.PI, o.Title = pid, ptype, pi, title
		o.Target, o.TargetClass = target, f.class
		if calibration {
			o.IntentType = "calibration"
		}
		o.Filters = r.pick(in.filters)
		if f.filters != "" {
			o.Filters = r.pick(strings.Split(f.filters, ","))
		}
		o.ProductType = "image"
		if in.spec || strings.HasPrefix(o.Filters, "G") {
			o.ProductType = "spectrum"
		}
		if f.kind != "" {
			o.ProductType = f.kind
		}
		o.CalibLevel = pickCalib(r, f.calib)
		exp := r.logUniform(100, 2600)
		if o.ProductType == "spectrum" {
			exp = r.logUniform(400, 15000)
		}
		o.TExptime = roundTo(exp, 0.001)
		t += r.rangef(0.01, 3)
		o.TMin = roundTo(t, 1e-6)
		o.TMax = roundTo(t+exp/86400*r.rangef(1, 1.6), 1e-6)
		o.EmMin, o.EmMax = filterBand(o.Filters, in.nmPerUnit)
		o.RA, o.Dec = f.pos(r)
		if in.fov > 0 {
			o.Region = polygonRegion(o.RA, o.Dec, in.fov, in.fov, r.rangef(0, 360))
		} else {
			o.Region = circleRegion(o.RA, o.Dec, -in.fov)
		}
		visit := g.next("hstvisit:" + pid)
		o.ObsID = hstRootname(in, code, visit, o.CalibLevel, r)
		o.recipe = recipeHST
		switch {
		case ptype == "GO" || ptype == "GTO" || ptype == "SNAP":
			o.TRelease = roundTo(o.TMax+365, 1e-6)
		default:
			o.TRelease = roundTo(o.TMax+0.2, 1e-6)
		}
		if f.public {
			o.TRelease = roundTo(o.TMax+1, 1e-6)
		}
		o.DataURL, o.JpegURL = hstPreviewURLs(o)
		finish(o)
	}
}

// pickCalib draws a calibration level (1 raw only, 2 calibrated, 3 combined).
func pickCalib(r *rng, forced int) int {
	if forced > 0 {
		return forced
	}
	switch k := r.intn(100); {
	case k < 10:
		return 1
	case k < 45:
		return 2
	default:
		return 3
	}
}

// hstRootname makes an IPPPSSOOT rootname: instrument letter, program code, visit,
// exposure and a last character that is 0 for associations (combined products).
func hstRootname(in *hstInst, code string, visit, calib int, r *rng) string {
	vv := base36(visit%1296, 2)
	switch {
	case in.letter == 'u':
		return fmt.Sprintf("u%s%s%02d%c", code, vv, 1+r.intn(20), "mmmtr"[r.intn(5)])
	case calib == 3:
		return fmt.Sprintf("%c%s%s%02d0", in.letter, code, vv, 1+r.intn(9))
	default:
		return fmt.Sprintf("%c%s%s%s%c", in.letter, code, vv, base36(r.intn(1296), 2), "qqqrs"[r.intn(5)])
	}
}

func isAssociation(o *Obs) bool { return len(o.ObsID) == 9 && o.ObsID[8] == '0' }

// IsAssociation tells whether an HST observation is an association (its obs_id ends in 0).
func (o *Obs) IsAssociation() bool { return isAssociation(o) }

// hstPreviewURLs returns the dataURL and jpegURL the product recipe below provides.
func hstPreviewURLs(o *Obs) (string, string) {
	p := "mast:HST/product/" + o.ObsID
	switch {
	case o.CalibLevel < 2:
		return "", ""
	case o.ObsID[0] == 'u':
		return p + "_c0m.fits", p + "_c0m.jpg"
	case o.ProductType != "image" && isAssociation(o) && o.ObsID[0] == 'l':
		return p + "_x1dsum.fits", ""
	case o.ProductType != "image":
		return p + "_x1d.fits", ""
	case isAssociation(o):
		return p + "_drz.fits", p + "_drz.jpg"
	default:
		return p + "_flt.fits", p + "_flt.jpg"
	}
}

// hstMembers names the exposures of an association, derived from the obsid alone so
// that product lists and file look-ups agree without storing them.
func hstMembers(seed uint64, o *Obs) []string {
	if !isAssociation(o) || o.ObsID[0] == 'u' {
		return nil
	}
	r := newRNG(seed, o.Obsid, 0x4a55)
	n := r.between(2, 4)
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%s%cq", o.ObsID[:6], base36(r.intn(36), 1), "0123456789abcdefghijklmnopqrstuvwxyz"[(i*7+r.intn(5))%36])
	}
	return out
}

func (a *Archive) hstProducts(l *prodList, o *Obs) {
	inst := strings.SplitN(o.Instrument, "/", 2)[0]
	uri := func(f string) string { return "mast:HST/product/" + f }
	add := func(f, desc, pt, sub string, calib int, mrp bool, lo, hi float64) {
		l.add(f, uri(f), fmt.Sprintf("DADS %s file - %s %s", strings.ToUpper(sub), desc, inst), pt, sub, calib, mrp, lo, hi)
	}
	root := o.ObsID
	hasFLC := o.Instrument == "ACS/WFC" || o.Instrument == "WFC3/UVIS"
	exposure := func(m string, mrp bool) {
		switch {
		case o.Instrument == "COS/FUV" || o.Instrument == "COS/NUV":
			add(m+"_rawtag.fits", "Raw time-tag", ptScience, "RAWTAG", 1, false, 1*mB, 14*mB)
			if o.CalibLevel >= 2 {
				add(m+"_corrtag.fits", "Corrected time-tag", ptScience, "CORRTAG", 2, false, 1*mB, 14*mB)
				add(m+"_x1d.fits", "Extracted 1D spectrum", ptScience, "X1D", 2, mrp, 60*kB, 1.5*mB)
			}
		default:
			add(m+"_raw.fits", "Raw exposure", ptScience, "RAW", 1, false, 2*mB, 17*mB)
			if o.CalibLevel >= 2 {
				add(m+"_flt.fits", "Calibrated exposure", ptScience, "FLT", 2, mrp, 4*mB, 18*mB)
				if hasFLC {
					add(m+"_flc.fits", "CTE-corrected calibrated exposure", ptScience, "FLC", 2, mrp, 4*mB, 18*mB)
				}
				if o.ProductType == "spectrum" {
					add(m+"_x1d.fits", "Extracted 1D spectrum", ptScience, "X1D", 2, mrp, 50*kB, 2*mB)
					add(m+"_x2d.fits", "Rectified 2D spectrum", ptScience, "X2D", 2, false, 1*mB, 9*mB)
				}
			}
		}
		add(m+"_spt.fits", "Engineering telemetry", ptAuxiliary, "SPT", 1, false, 20*kB, 60*kB)
		add(m+"_trl.fits", "Processing log", ptAuxiliary, "TRL", 1, false, 20*kB, 80*kB)
	}
	switch {
	case root[0] == 'u': // WFPC2 singletons
		for _, s := range []string{"d0m", "q0m", "x0m", "shm"} {
			add(root+"_"+s+".fits", "Raw data", ptScience, strings.ToUpper(s), 1, false, 200*kB, 5*mB)
		}
		if o.CalibLevel >= 2 {
			add(root+"_c0m.fits", "Calibrated data", ptScience, "C0M", 2, true, 1*mB, 5*mB)
			add(root+"_c1m.fits", "Data quality", ptScience, "C1M", 2, false, 1*mB, 5*mB)
			l.add(root+"_c0m.jpg", uri(root+"_c0m.jpg"), "Preview-Full", ptPreview, "PREVIEW", 2, false, 20*kB, 300*kB)
		}
		add(root+"_trl.fits", "Processing log", ptAuxiliary, "TRL", 1, false, 20*kB, 80*kB)
	case isAssociation(o):
		add(root+"_asn.fits", "Association", ptAuxiliary, "ASN", 1, false, 11520, 11520)
		for _, m := range hstMembers(a.seed, o) {
			exposure(m, false)
		}
		switch {
		case o.ProductType == "image":
			add(root+"_drz.fits", "Calibrated combined image", ptScience, "DRZ", 3, true, 8*mB, 18*mB)
			if hasFLC {
				add(root+"_drc.fits", "CTE-corrected combined image", ptScience, "DRC", 3, true, 8*mB, 18*mB)
			}
			l.add(root+"_drz.jpg", uri(root+"_drz.jpg"), "Preview-Full", ptPreview, "PREVIEW", 3, false, 20*kB, 400*kB)
		case root[0] == 'l':
			add(root+"_x1dsum.fits", "Combined 1D spectrum", ptScience, "X1DSUM", 3, true, 100*kB, 2*mB)
		default:
			add(root+"_sx1.fits", "Summed 1D spectrum", ptScience, "SX1", 3, true, 60*kB, 2*mB)
			add(root+"_sx2.fits", "Summed 2D spectrum", ptScience, "SX2", 3, false, 1*mB, 9*mB)
		}
		add(root+"_trl.fits", "Processing log", ptAuxiliary, "TRL", 1, false, 20*kB, 80*kB)
		if inst == "ACS" || inst == "WFC3" {
			add(root+"_jif.fits", "Jitter image", ptAuxiliary, "JIF", 1, false, 40*kB, 200*kB)
			add(root+"_jit.fits", "Jitter table", ptAuxiliary, "JIT", 1, false, 20*kB, 120*kB)
		}
	default:
		exposure(root, true)
		if o.ProductType == "image" && o.CalibLevel >= 2 {
			l.add(root+"_flt.jpg", uri(root+"_flt.jpg"), "Preview-Full", ptPreview, "PREVIEW", 2, false, 20*kB, 300*kB)
		}
	}
}

// hlaProgram adds n Hubble Legacy Archive combined images of field f.
func (g *gen) hlaProgram(f *field, n int) {
	r := g.r
	for i := 0; i < n; i++ {
		in := g.pickHSTInst(f.era(49330, 61000))
		for in.spec || in.letter == 'y' || in.letter == 'z' {
			in = g.pickHSTInst(f.era(49330, 61000))
		}
		o := g.newObs("HLA")
		o.Instrument, o.Provenance, o.Project = in.name, "HLA", "HLA"
		lo, hi := f.era(in.t0, in.t1)
		o.TMin, o.TMax = g.mjdSpan(lo, hi, r.rangef(0.02, 0.4))
		o.ProposalID = g.proposalFor(f, o.TMin, 1000, 17800)
		o.ProposalType = "HLA"
		o.PI = piName(r)
		o.Title = programTitle(r)
		o.Target, o.TargetClass = hstTargetName(f.name(r)), f.class
		o.Filters = r.pick(in.filters)
		for strings.HasPrefix(o.Filters, "G") {
			o.Filters = r.pick(in.filters)
		}
		o.ProductType, o.CalibLevel = "image", 3
		o.TExptime = roundTo(r.logUniform(200, 8000), 0.001)
		o.EmMin, o.EmMax = filterBand(o.Filters, in.nmPerUnit)
		o.RA, o.Dec = f.pos(r)
		o.Region = polygonRegion(o.RA, o.Dec, in.fov, in.fov, r.rangef(0, 360))
		instPart := strings.ToLower(strings.NewReplacer("/", "_", "-", "").Replace(in.name))
		o.ObsID = fmt.Sprintf("hst_%05s_%s_%s_%s", o.ProposalID, base36(g.next("hla:"+o.ProposalID)%1296, 2), instPart, strings.ToLower(o.Filters))
		o.DataURL = "mast:HST/product/" + o.ObsID + "_drz.fits"
		o.JpegURL = "mast:HST/product/" + o.ObsID + "_drz.jpg"
		o.recipe = recipeHLA
		o.TRelease = roundTo(o.TMax+30, 1e-6)
		if f.public || o.TRelease > ReferenceMJD {
			o.TRelease = roundTo(o.TMax+0.5, 1e-6)
		}
		finish(o)
	}
}

func (a *Archive) hlaProducts(l *prodList, o *Obs) {
	add := func(suffix, desc, pt, sub string, mrp bool, lo, hi float64) {
		f := o.ObsID + suffix
		l.add(f, "mast:HST/product/"+f, desc, pt, sub, 3, mrp, lo, hi)
	}
	lo, hi := 8*mB, 18*mB
	if newRNG(a.seed, o.Obsid, 0x41a).chance(0.05) {
		lo, hi = 100*mB, 600*mB // a few mosaics are big, as real HLA drizzles are
	}
	add("_drz.fits", "HLA drizzled image", ptScience, "DRZ", true, lo, hi)
	add("_drz.jpg", "Preview-Full", ptPreview, "PREVIEW", false, 30*kB, 500*kB)
	add("_point-cat.ecsv", "HAP point-source catalog", ptAuxiliary, "CAT", false, 10*kB, 900*kB)
	add("_segment-cat.ecsv", "HAP segment catalog", ptAuxiliary, "CAT", false, 10*kB, 900*kB)
	add("_trl.txt", "Processing log", ptAuxiliary, "TRL", false, 5*kB, 60*kB)
}
