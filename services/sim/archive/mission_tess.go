package archive

import (
	"fmt"
	"strconv"
	"strings"
)

// TESS sectors last about 27.4 days from 2018-07-25 (MJD 58324.8).
func tessSector(s int) (float64, float64) {
	t0 := 58324.8 + 27.4*float64(s-1)
	return t0, t0 + 26.9
}

const tessLastSector = 96

func ticName(r *rng) (string, string) {
	return strconv.Itoa(1000000 + r.intn(470000000)), "STAR"
}

// ticOf returns the TIC number a field stands for, or draws one.
func ticOf(name string, r *rng) int {
	if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(name), "TIC ")); err == nil && n > 0 {
		return n
	}
	return 1000000 + r.intn(470000000)
}

// tessProgram adds n two-minute-cadence light-curve observations of one star, one per
// sector.
func (g *gen) tessProgram(f *field, n int) {
	r := g.r
	tic := ticOf(f.name(r), r)
	ra, dec := f.pos(r)
	gi := fmt.Sprintf("G0%04d", 1000+r.intn(9000))
	if r.chance(0.3) {
		gi += fmt.Sprintf("_G0%04d", 1000+r.intn(9000))
	}
	for i := 0; i < n; i++ {
		s := 1 + r.intn(tessLastSector)
		for g.next(fmt.Sprintf("tess:%d:%d", tic, s)) > 1 {
			s = s%tessLastSector + 1
		}
		t0, t1 := tessSector(s)
		o := g.newObs("TESS")
		o.Instrument, o.Provenance, o.Project, o.Filters = "Photometer", "SPOC", "TESS", "TESS"
		o.Target, o.TargetClass = strconv.Itoa(tic), f.class
		o.ProductType, o.CalibLevel, o.SeqNum = "timeseries", 3, s
		o.TMin, o.TMax = roundTo(t0, 1e-6), roundTo(t1, 1e-6)
		o.TExptime = roundTo((t1-t0)*86400*0.82, 1)
		o.EmMin, o.EmMax = filterBand("TESS", 1)
		o.ProposalID, o.ProposalType, o.PI = gi, "GI", "Ricker, George"
		o.RA, o.Dec = ra, dec
		o.Region = polygonRegion(ra, dec, 0.0642, 0.0642, 0)
		o.ObsID = fmt.Sprintf("tess%s-s%04d-%016d-%04d-s", yearDayStamp(t0+0.7), s, tic, 120+2*s)
		o.DataURL = "mast:TESS/product/" + o.ObsID + "_lc.fits"
		o.TRelease = roundTo(t1+30, 1e-6)
		o.recipe = recipeTESS
		finish(o)
	}
}

func tessProducts(l *prodList, o *Obs) {
	add := func(suffix, desc, pt, sub string, mrp bool, lo, hi float64) {
		f := o.ObsID + suffix
		l.add(f, "mast:TESS/product/"+f, desc, pt, sub, 3, mrp, lo, hi)
	}
	add("_lc.fits", "Light curves", ptScience, "LC", true, 1.2*mB, 2.4*mB)
	add("_tp.fits", "Target pixel files", ptScience, "TP", false, 3*mB, 15*mB)
	if newRNG(l.a.seed, o.Obsid, 0xd7).chance(0.12) {
		add("_dvt.fits", "Data validation time series", ptScience, "DVT", false, 1*mB, 5*mB)
		add("_dvr.pdf", "Data validation full report", ptInfo, "DVR", false, 1*mB, 4*mB)
		add("_dvs.pdf", "Data validation summary", ptInfo, "DVS", false, 200*kB, 900*kB)
	}
}

// tessFFIs adds the full-frame-image observations of the first sectors: 4 cameras x 4
// CCDs each, target_name "TESS FFI" (astroquery refuses to list their products).
func (g *gen) tessFFIs() {
	for s := 1; s <= 3; s++ {
		t0, t1 := tessSector(s)
		lon := 315.8 + 27.7*float64(s-1)
		for cam := 1; cam <= 4; cam++ {
			for ccd := 1; ccd <= 4; ccd++ {
				o := g.newObs("TESS")
				o.Instrument, o.Provenance, o.Project, o.Filters = "Photometer", "SPOC", "TESS", "TESS"
				o.Target, o.ProductType, o.CalibLevel, o.SeqNum = "TESS FFI", "image", 2, s
				o.TMin, o.TMax = roundTo(t0, 1e-6), roundTo(t1, 1e-6)
				o.TExptime = roundTo((t1-t0)*86400*0.8, 1)
				o.EmMin, o.EmMax = filterBand("TESS", 1)
				o.ProposalID, o.ProposalType, o.PI = "N/A", "FFI", "Ricker, George"
				dec := -18 - 24*float64(cam-1) + []float64{-6, -6, 6, 6}[ccd-1]
				o.RA, o.Dec = NormRA(lon+[]float64{-6, 6, -6, 6}[ccd-1]), dec
				if g.nearNamed(o.RA, o.Dec) {
					o.Dec += 1.5
				}
				o.Region = polygonRegion(o.RA, o.Dec, 12, 12, 0)
				o.ObsID = fmt.Sprintf("tess-s%04d-%d-%d", s, cam, ccd)
				o.TRelease = roundTo(t1+30, 1e-6)
				o.recipe = recipeTESSFFI
				finish(o)
			}
		}
	}
}

// tessFFIProducts lists one calibrated and one raw frame per 30-minute cadence.
func tessFFIProducts(l *prodList, o *Obs) {
	var cam, ccd, s int
	fmt.Sscanf(o.ObsID, "tess-s%04d-%d-%d", &s, &cam, &ccd)
	for k := 0; k < 1200; k++ {
		stamp := yearDayStamp(o.TMin + float64(k)/48)
		for _, kind := range []string{"ffic", "ffir"} {
			f := fmt.Sprintf("tess%s-s%04d-%d-%d-%04d-s_%s.fits", stamp, s, cam, ccd, 120+2*s, kind)
			sub, calib := "FFIC", 2
			if kind == "ffir" {
				sub, calib = "FFIR", 1
			}
			l.add(f, "mast:TESS/product/"+f, "Full frame image", ptScience, sub, calib, kind == "ffic", 34.5*mB, 34.6*mB)
		}
	}
}
