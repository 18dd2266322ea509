package archive

import (
	"fmt"
	"strconv"
	"strings"
)

// jwMode is one JWST instrument mode as CAOM's instrument_name spells it.
type jwMode struct {
	name, short, kind string
	filters           []string
	dets              []string
	w, h              float64 // field size in degrees
	weight            int
}

var jwModes = []jwMode{
	{"NIRCAM/IMAGE", "nircam", "image", []string{"F070W", "F090W", "F115W", "F150W", "F200W", "F277W", "F356W", "F444W", "F410M", "F335M"}, nil, 4.4 / 60, 2.2 / 60, 30},
	{"NIRSPEC/MSA", "nirspec", "spectrum", []string{"F290LP;G395H", "F170LP;G235M", "F100LP;G140M", "CLEAR;PRISM", "F290LP;G395M", "F170LP;G235H"}, []string{"nrs1", "nrs2"}, 3.6 / 60, 3.4 / 60, 14},
	{"NIRSPEC/IFU", "nirspec", "cube", []string{"F290LP;G395H", "F170LP;G235H", "F100LP;G140H", "CLEAR;PRISM"}, []string{"nrs1", "nrs2"}, 3.0 / 3600, 3.0 / 3600, 6},
	{"NIRSPEC/SLIT", "nirspec", "spectrum", []string{"F070LP;G140H", "F290LP;G395H", "F170LP;G235M", "CLEAR;PRISM"}, []string{"nrs1", "nrs2"}, 3.3 / 3600, 0.2 / 3600, 4},
	{"MIRI/IMAGE", "miri", "image", []string{"F560W", "F770W", "F1000W", "F1130W", "F1280W", "F1500W", "F1800W", "F2100W", "F2550W"}, []string{"mirimage"}, 74.0 / 3600, 113.0 / 3600, 16},
	{"MIRI/IFU", "miri", "cube", []string{"CH1;CH2", "CH3;CH4", "CH1;CH2;CH3;CH4"}, []string{"mirifushort", "mirifulong"}, 7.0 / 3600, 7.0 / 3600, 5},
	{"NIRISS/IMAGE", "niriss", "image", []string{"CLEAR;F090W", "CLEAR;F115W", "CLEAR;F150W", "CLEAR;F200W", "CLEAR;F277W", "CLEAR;F444W"}, []string{"nis"}, 2.2 / 60, 2.2 / 60, 6},
	{"NIRISS/SOSS", "niriss", "timeseries", []string{"CLEAR;GR700XD"}, []string{"nis"}, 40.0 / 3600, 40.0 / 3600, 5},
}

func jwModeByName(name string) *jwMode {
	for i := range jwModes {
		if strings.EqualFold(jwModes[i].name, name) {
			return &jwModes[i]
		}
	}
	return nil
}

func (g *gen) pickJWMode() *jwMode {
	total := 0
	for _, m := range jwModes {
		total += m.weight
	}
	k := g.r.intn(total)
	for i := range jwModes {
		if k < jwModes[i].weight {
			return &jwModes[i]
		}
		k -= jwModes[i].weight
	}
	return &jwModes[0]
}

// detectors of a NIRCam exposure depend on the channel of its filter.
func (m *jwMode) detectors(filter string) []string {
	if m.short != "nircam" {
		return m.dets
	}
	if n, _ := strconv.Atoi(strings.TrimLeft(filter, "F")[:3]); n < 250 {
		return []string{"nrca1", "nrca2", "nrca3", "nrca4", "nrcb1", "nrcb2", "nrcb3", "nrcb4"}
	}
	return []string{"nrcalong", "nrcblong"}
}

// element is the optical-element part of a level-3 obs_id ("clear-f277w", "f290lp-g395h").
func (m *jwMode) element(filter string) string {
	e := strings.ToLower(strings.ReplaceAll(filter, ";", "-"))
	if m.short == "nircam" {
		return "clear-" + e
	}
	return e
}

func (g *gen) jwstProposalType() string {
	switch k := g.r.intn(100); {
	case k < 75:
		return "GO"
	case k < 87:
		return "GTO"
	case k < 90:
		return "ERS"
	case k < 95:
		return "DD"
	default:
		return "CAL"
	}
}

// jwstProgram adds exactly n observations of one JWST program: level-3 products each
// with the exposure observations they combine.
func (g *gen) jwstProgram(f *field, n int) {
	r := g.r
	mode := g.pickJWMode()
	if f.inst != "" {
		if m := jwModeByName(f.inst); m != nil {
			mode = m
		}
	}
	lo, hi := f.era(59750, 61000)
	start, _ := g.mjdSpan(lo, hi, 20)
	pidText := f.proposal
	if pidText == "" {
		pidText = fmt.Sprint(1000 + int((start-59750)/1250*5500) + r.intn(500))
	} else {
		pidText = r.pick(strings.Split(pidText, ","))
	}
	pid, _ := strconv.Atoi(pidText)
	ptype := f.ptype
	if ptype == "" {
		ptype = g.jwstProposalType()
	}
	pi, title := f.pi, programTitle(r)
	if pi == "" {
		pi = piName(r)
	}
	target := hstTargetName(f.name(r))
	t := start
	for n > 0 {
		m := 0
		if n > 1 {
			m = min(n-1, r.between(1, 7))
		}
		n -= m + 1
		filter := r.pick(mode.filters)
		if f.filters != "" {
			filter = r.pick(strings.Split(f.filters, ","))
		}
		obsNum := g.next(fmt.Sprint("jwobs:", pid))
		prefix := fmt.Sprintf("jw%05d-o%03d", pid, obsNum)
		l3 := g.newObs("JWST")
		gi := int32(len(g.groups))
		l3.group = gi
		l3.recipe = recipeJWSTL3
		l3.ObsID = fmt.Sprintf("%s_t%03d_%s_%s", prefix, 1+r.intn(3), mode.short, mode.element(filter))
		l3.CalibLevel = 3
		l3.RA, l3.Dec = f.pos(r)
		l3Index := len(g.obs) - 1
		grp := jwGroup{l3: l3.Obsid, prefix: prefix}
		nv := 1
		if m > 2 {
			nv = r.between(1, 2)
		}
		for v := 1; v <= nv; v++ {
			gs := r.between(10, 60)
			switch k := r.intn(100); {
			case k < 5:
				gs = r.between(2000, 4000)
			case k < 15:
				gs = r.between(200, 800)
			}
			grp.visits = append(grp.visits, jwVisit{
				id: fmt.Sprintf("jw%05d%03d%03d", pid, obsNum, v), gs: gs, mjd: t, msa: mode.name == "NIRSPEC/MSA",
			})
		}
		dets := mode.detectors(filter)
		nd := min(len(dets), r.between(1, 2))
		detOff := r.intn(len(dets))
		total := 0.0
		first := t
		for k := 0; k < m; k++ {
			e := g.newObs("JWST")
			e.group, e.recipe, e.CalibLevel = gi, recipeJWSTExp, 2
			visit := grp.visits[(k/nd)%nv]
			det := dets[(detOff+k%nd)%len(dets)]
			e.ObsID = fmt.Sprintf("%s_%02d101_%05d_%s", visit.id, 2+r.intn(3), 1+k/(nd*nv), det)
			base := &g.obs[l3Index]
			e.RA, e.Dec = offset(base.RA, base.Dec, r.rangef(-3, 3)/3600, r.rangef(-3, 3)/3600)
			exp := r.logUniform(100, 2000)
			if f.exp[1] > 0 {
				exp = r.rangef(f.exp[0], f.exp[1])
			}
			e.TExptime = roundTo(exp, 0.001)
			e.TMin = roundTo(t, 1e-6)
			t += exp/86400 + r.rangef(0.001, 0.02)
			e.TMax = roundTo(t, 1e-6)
			total += exp
			grp.members = append(grp.members, e.Obsid)
		}
		if m == 0 {
			exp := r.logUniform(100, 2000)
			if f.exp[1] > 0 {
				exp = r.rangef(f.exp[0], f.exp[1])
			}
			total = exp
			t += exp / 86400
		}
		l3 = &g.obs[l3Index]
		l3.TExptime = roundTo(total, 0.001)
		l3.TMin, l3.TMax = roundTo(first, 1e-6), roundTo(t, 1e-6)
		g.groups = append(g.groups, grp)
		for i := l3Index; i < len(g.obs); i++ {
			o := &g.obs[i]
			o.Instrument, o.Provenance, o.Project = mode.name, "CALJWST", "JWST"
			o.ProposalID, o.ProposalType, o.PI, o.Title = pidText, ptype, pi, title
			o.Target, o.TargetClass = target, f.class
			o.Filters, o.ProductType = filter, mode.kind
			o.EmMin, o.EmMax = filterBand(filter, 10)
			o.Region = polygonRegion(o.RA, o.Dec, mode.w, mode.h, r.rangef(0, 360))
			if ptype == "CAL" {
				o.IntentType = "calibration"
			}
			o.TRelease = roundTo(l3.TMax+0.5, 1e-6)
			if (ptype == "GO" || ptype == "GTO") && !f.public {
				o.TRelease = roundTo(l3.TMax+365, 1e-6)
			}
			o.DataURL, o.JpegURL = jwstPreviewURLs(o)
			finish(o)
		}
		t += r.rangef(0.5, 30)
		if t > hi {
			t = lo + r.rangef(0, 10)
		}
	}
}

func jwstPreviewURLs(o *Obs) (string, string) {
	p := "mast:JWST/product/" + o.ObsID
	if o.recipe == recipeJWSTExp {
		if o.ProductType == "image" {
			return p + "_cal.fits", p + "_cal.jpg"
		}
		return p + "_cal.fits", ""
	}
	switch o.ProductType {
	case "image":
		return p + "_i2d.fits", p + "_i2d.jpg"
	case "cube":
		return p + "_s3d.fits", ""
	case "timeseries":
		return p + "_x1dints.fits", ""
	default:
		return p + "_x1d.fits", ""
	}
}

func jwURI(f string) string { return "mast:JWST/product/" + f }

// jwstExpOwn adds an exposure's own files (owner must be that exposure).
func jwstExpOwn(l *prodList, e *Obs, grp *jwGroup) {
	add := func(suffix, desc, pt, sub string, calib int, mrp bool, lo, hi float64) {
		f := e.ObsID + suffix
		l.add(f, jwURI(f), desc, pt, sub, calib, mrp, lo, hi)
	}
	add("_uncal.fits", "Uncalibrated exposure", ptScience, "UNCAL", 1, false, 5*mB, 18*mB)
	add("_rate.fits", "Countrate image", ptScience, "RATE", 2, false, 4*mB, 18*mB)
	add("_rateints.fits", "Countrate per integration", ptScience, "RATEINTS", 2, false, 4*mB, 18*mB)
	add("_cal.fits", "Calibrated exposure", ptScience, "CAL", 2, true, 4*mB, 18*mB)
	switch e.ProductType {
	case "image":
		add("_cal.jpg", "Preview-Full", ptPreview, "PREVIEW", 2, false, 30*kB, 400*kB)
		add("_cal_thumb.jpg", "Preview-Thumb", ptThumbnail, "THUMBNAIL", 2, false, 2*kB, 12*kB)
		if strings.HasPrefix(e.Instrument, "NIRCAM") || strings.HasPrefix(e.Instrument, "NIRISS") {
			add("_trapsfilled.fits", "Trap state", ptAuxiliary, "TRAPSFILLED", 2, false, 1*mB, 5*mB)
		}
	default:
		add("_x1d.fits", "Extracted 1D spectrum", ptScience, "X1D", 2, true, 50*kB, 2*mB)
	}
	stamp := yearDayStamp(e.TMin)
	asn := fmt.Sprintf("%s_%st%s_%s2_%05d_asn.json", grp.prefix, stamp[:7], stamp[7:], stage2(e), 1+int(e.Obsid%997))
	l.add(asn, jwURI(asn), "Association (stage 2)", ptInfo, "ASN", 2, false, 4*kB, 12*kB)
}

func stage2(o *Obs) string {
	if o.ProductType == "image" {
		return "image"
	}
	return "spec"
}

// jwstGroupFiles adds the level-3 products and the stage-3 association (owner: level 3).
func jwstGroupFiles(l *prodList, l3 *Obs, grp *jwGroup) {
	add := func(suffix, desc, pt, sub string, mrp bool, lo, hi float64) {
		f := l3.ObsID + suffix
		l.add(f, jwURI(f), desc, pt, sub, 3, mrp, lo, hi)
	}
	switch l3.ProductType {
	case "image":
		add("_i2d.fits", "Combined image", ptScience, "I2D", true, 8*mB, 18*mB)
		add("_segm.fits", "Segmentation map", ptScience, "SEGM", false, 2*mB, 9*mB)
		add("_cat.ecsv", "Source catalog", ptScience, "CAT", false, 20*kB, 2*mB)
		add("_i2d.jpg", "Preview-Full", ptPreview, "PREVIEW", false, 40*kB, 600*kB)
		add("_i2d_thumb.jpg", "Preview-Thumb", ptThumbnail, "THUMBNAIL", false, 2*kB, 12*kB)
	case "cube":
		add("_s3d.fits", "Spectral cube", ptScience, "S3D", true, 4*mB, 18*mB)
		add("_x1d.fits", "Extracted 1D spectrum", ptScience, "X1D", true, 50*kB, 2*mB)
	case "timeseries":
		add("_x1dints.fits", "Extracted spectra per integration", ptScience, "X1DINTS", true, 2*mB, 18*mB)
		add("_whtlt.ecsv", "White-light curve", ptScience, "WHTLT", false, 20*kB, 400*kB)
	default:
		add("_x1d.fits", "Extracted 1D spectrum", ptScience, "X1D", true, 50*kB, 2*mB)
		add("_s2d.fits", "Rectified 2D spectrum", ptScience, "S2D", false, 1*mB, 9*mB)
	}
	stamp := yearDayStamp(l3.TMin)
	asn := fmt.Sprintf("%s_%st%s_%s3_%05d_asn.json", grp.prefix, stamp[:7], stamp[7:], stage2(l3), 1)
	l.add(asn, jwURI(asn), "Association (stage 3)", ptInfo, "ASN", 3, false, 4*kB, 16*kB)
}

// jwstVisitFiles adds the guide-star files of a visit (owner: level 3).
func jwstVisitFiles(l *prodList, v *jwVisit) {
	kinds := []string{"acq1", "acq2", "id", "track"}
	for i := 0; i < v.gs; i++ {
		kind, lo, hi := "fg", 40*kB, 600*kB
		if i/2 < len(kinds) {
			kind, lo, hi = kinds[i/2], 300*kB, 3*mB
		}
		level, sub, calib := "uncal", "UNCAL", 1
		if i%2 == 1 {
			level, sub, calib = "cal", "CAL", 2
		}
		stamp := yearDayStamp(v.mjd + float64(i/2)*37.0/86400)
		f := fmt.Sprintf("%s_gs-%s_%s_%s.fits", v.id, kind, stamp, level)
		l.add(f, jwURI(f), "Guide star data", ptAuxiliary, sub, calib, false, lo, hi)
	}
}

func jwstMSAFile(l *prodList, v *jwVisit) {
	f := v.id + "_01_msa.fits"
	l.add(f, jwURI(f), "MSA configuration", ptAuxiliary, "MSA", 1, false, 30*kB, 200*kB)
}

// jwstL3Products lists a level-3 observation: its own products, then every member's
// files and every visit's guide-star files, so shared files appear repeatedly, as on MAST.
func (a *Archive) jwstL3Products(l *prodList, l3 *Obs) {
	grp := a.groupOf(l3)
	jwstGroupFiles(l, l3, grp)
	for _, id := range grp.members {
		e, ok := a.Observation(id)
		if !ok {
			continue
		}
		l.owner = e
		jwstExpOwn(l, e, grp)
		l.owner = l3
		if v := visitOf(grp, e); v != nil && v.msa {
			jwstMSAFile(l, v)
		}
	}
	l.owner = l3
	for i := range grp.visits {
		jwstVisitFiles(l, &grp.visits[i])
	}
}

// jwstExpListing lists an exposure: its files, its visit's files and the level-3 ones.
func (a *Archive) jwstExpListing(l *prodList, e *Obs) {
	grp := a.groupOf(e)
	jwstExpOwn(l, e, grp)
	l3, ok := a.Observation(grp.l3)
	if !ok {
		return
	}
	l.owner = l3
	if v := visitOf(grp, e); v != nil {
		if v.msa {
			jwstMSAFile(l, v)
		}
		jwstVisitFiles(l, v)
	}
	jwstGroupFiles(l, l3, grp)
}

func visitOf(grp *jwGroup, e *Obs) *jwVisit {
	for i := range grp.visits {
		if strings.HasPrefix(e.ObsID, grp.visits[i].id) {
			return &grp.visits[i]
		}
	}
	return nil
}
