package archive

import (
	"fmt"
	"strings"
)

// Kepler quarters: Q0 and Q1 were short, then about 93 days each until Q17 (2013).
func keplerQuarter(q int) (float64, float64) {
	switch q {
	case 0:
		return 54953.0, 54962.7
	case 1:
		return 54964.0, 54997.5
	}
	t0 := 55002.0 + float64(q-2)*92.9
	return t0, min(t0+89.5, 56424.0)
}

func keplerSky(r *rng) (float64, float64) {
	return 290.6667 + r.rangef(-7, 7)/0.71, 44.5 + r.rangef(-6.5, 6.5)
}

func kicName(r *rng) (string, string) {
	return fmt.Sprintf("kplr%09d", 1000000+r.intn(12000000)), "STAR"
}

// kicOf reads "kplr011804465" / "KIC 11804465", or draws a KIC number.
func kicOf(name string, r *rng) int {
	var n int
	low := strings.ToLower(name)
	if _, err := fmt.Sscanf(low, "kplr%d", &n); err == nil && n > 0 {
		return n
	}
	if _, err := fmt.Sscanf(low, "kic %d", &n); err == nil && n > 0 {
		return n
	}
	return 1000000 + r.intn(12000000)
}

// keplerProgram adds long- and short-cadence observations of Kepler targets.
func (g *gen) keplerProgram(f *field, n int) {
	r := g.r
	kic := kicOf(f.name(r), r)
	ra, dec := f.pos(r)
	for i := 0; i < n; i++ {
		if i > 0 && i%2 == 0 {
			kic = 1000000 + r.intn(12000000)
			ra, dec = f.pos(r)
		}
		cadence := "lc"
		if i%2 == 1 {
			cadence = "sc"
		}
		for g.next(fmt.Sprintf("kepler:%d:%s", kic, cadence)) > 1 { // one observation per star and cadence
			kic = 1000000 + r.intn(12000000)
		}
		mask := []byte("000000000000000000")
		first, last := -1, -1
		for q := 0; q < 18; q++ {
			if r.chance(0.8) || q == 0 && cadence == "lc" {
				mask[q] = '1'
				if first < 0 {
					first = q
				}
				last = q
			}
		}
		if first < 0 {
			mask[5], first, last = '1', 5, 5
		}
		o := g.newObs("Kepler")
		o.Instrument, o.Provenance, o.Project, o.Filters = "Kepler", "Kepler", "Kepler", "Kepler"
		o.key = fmt.Sprintf("kplr%09d", kic)
		o.Target, o.TargetClass = o.key, f.class
		o.ObsID = fmt.Sprintf("%s_%s_Q%s", o.key, cadence, mask)
		o.ProductType, o.CalibLevel = "timeseries", 2
		o.TMin, _ = keplerQuarter(first)
		_, o.TMax = keplerQuarter(last)
		o.TExptime = roundTo((o.TMax-o.TMin)*86400*0.9, 1)
		o.EmMin, o.EmMax = filterBand("Kepler", 1)
		o.ProposalID, o.ProposalType, o.PI = "EX", "Kepler", "Borucki, William J."
		o.RA, o.Dec = ra, dec
		o.Region = polygonRegion(ra, dec, 0.0111, 0.0111, 0)
		o.recipe = recipeKepler
		o.DataURL = keplerDir(o.key, "lightcurves") + o.key + "-" + yearDayStamp(o.TMax) + "_" + map[string]string{"lc": "llc", "sc": "slc"}[cadence] + ".fits"
		o.TRelease = roundTo(o.TMax+1, 1e-6)
		finish(o)
	}
}

func keplerDir(key, kind string) string {
	return fmt.Sprintf("mast:KEPLER/url/missions/kepler/%s/%s/%s/", kind, key[4:8], key[4:])
}

func keplerProducts(l *prodList, o *Obs) {
	cadence := "llc"
	if strings.Contains(o.ObsID, "_sc_") {
		cadence = "slc"
	}
	mask := o.ObsID[strings.LastIndex(o.ObsID, "_Q")+2:]
	for q := 0; q < len(mask); q++ {
		if mask[q] != '1' {
			continue
		}
		_, t1 := keplerQuarter(q)
		stamp := yearDayStamp(t1)
		if cadence == "slc" {
			stamp = yearDayStamp(t1 - 0.01)
		}
		lc := fmt.Sprintf("%s-%s_%s.fits", o.key, stamp, cadence)
		l.add(lc, keplerDir(o.key, "lightcurves")+lc, fmt.Sprintf("Lightcurve Q%d", q), ptScience, strings.ToUpper(cadence), 2, true, 400*kB, 520*kB)
		tp := fmt.Sprintf("%s-%s_%s-targ.fits.gz", o.key, stamp, map[string]string{"llc": "lpd", "slc": "spd"}[cadence])
		l.add(tp, keplerDir(o.key, "target_pixel_files")+tp, fmt.Sprintf("Target pixel file Q%d", q), ptScience, "TPF", 1, false, 2*mB, 9*mB)
	}
	if cadence == "llc" {
		f := o.key + "_llc_dvt.fits"
		if o.Obsid%5 == 0 {
			l.add(f, keplerDir(o.key, "dv_files")+f, "Data validation time series", ptAuxiliary, "DVT", 2, false, 1*mB, 4*mB)
		}
	}
}

// K2 campaigns: centres (deg) of the fields along the ecliptic, about 83 days each.
var k2Fields = [][2]float64{
	{98.3, 21.6}, {173.9, 1.4}, {246.1, -22.4}, {336.7, -11.1}, {59.1, 18.7}, {130.2, 16.8},
	{204.9, -11.3}, {287.8, -23.4}, {16.3, 5.3}, {270.4, -21.8}, {186.8, -4.0}, {260.3, -24.0},
	{351.7, -5.1}, {72.8, 20.8}, {160.7, 6.9}, {233.7, -20.1}, {133.0, 18.5}, {202.5, -7.8},
	{130.2, 16.8}, {347.2, -4.2},
}

func k2Campaign(c int) (float64, float64) {
	t0 := 56725.0 + 86*float64(c)
	return t0, t0 + 80
}

func k2Sky(r *rng) (float64, float64) {
	c := k2Fields[r.intn(len(k2Fields))]
	return offset(c[0], c[1], r.rangef(-6, 6), r.rangef(-6, 6))
}

func epicName(r *rng) (string, string) {
	return fmt.Sprintf("EPIC %d", 201000000+r.intn(50000000)), "STAR"
}

func nearestK2Campaign(ra, dec float64) int {
	best, bd := 0, 1e9
	for i, c := range k2Fields {
		if d := AngDist(ra, dec, c[0], c[1]); d < bd {
			best, bd = i, d
		}
	}
	return best
}

// k2Program adds K2 light-curve observations; campaign 9 was split in two halves (c91, c92).
func (g *gen) k2Program(f *field, n int) {
	r := g.r
	for i := 0; i < n; i++ {
		var epic int
		if _, err := fmt.Sscanf(f.name(r), "EPIC %d", &epic); err != nil || epic == 0 || i > 0 {
			epic = 200000000 + r.intn(51000000)
		}
		ra, dec := f.pos(r)
		c := nearestK2Campaign(ra, dec)
		for g.next(fmt.Sprintf("k2:%d:%d", epic, c)) > 1 { // one observation per star and campaign
			epic = 200000000 + r.intn(51000000)
		}
		t0, t1 := k2Campaign(c)
		o := g.newObs("K2")
		o.Instrument, o.Provenance, o.Project, o.Filters = "Kepler", "K2", "K2", "Kepler"
		o.key = fmt.Sprintf("ktwo%09d", epic)
		o.Target, o.TargetClass = fmt.Sprintf("EPIC %d", epic), f.class
		o.ObsID = fmt.Sprintf("%s-c%02d_lc", o.key, c)
		o.ProductType, o.CalibLevel, o.SeqNum = "timeseries", 2, c
		o.TMin, o.TMax = roundTo(t0, 1e-6), roundTo(t1, 1e-6)
		o.TExptime = roundTo((t1-t0)*86400*0.9, 1)
		o.EmMin, o.EmMax = filterBand("Kepler", 1)
		o.ProposalID, o.ProposalType, o.PI = fmt.Sprintf("GO%d%03d", c, r.intn(120)), "K2", piName(r)
		o.RA, o.Dec = ra, dec
		o.Region = polygonRegion(ra, dec, 0.0111, 0.0111, 0)
		o.recipe = recipeK2
		o.DataURL = k2Dir(o.key, c, "lightcurves") + fmt.Sprintf("%s-%s_llc.fits", o.key, k2CampaignCodes(c)[0])
		o.JpegURL = k2Dir(o.key, c, "previews") + o.key + "-c" + fmt.Sprintf("%02d", c) + "_bw_large.png"
		o.TRelease = roundTo(t1+60, 1e-6)
		finish(o)
	}
}

// k2CampaignCodes are the file-name campaign codes: c9 and c10/c11 came in two parts.
func k2CampaignCodes(c int) []string {
	switch c {
	case 9, 10, 11:
		return []string{fmt.Sprintf("c%d1", c), fmt.Sprintf("c%d2", c)}
	}
	return []string{fmt.Sprintf("c%02d", c)}
}

func k2Dir(key string, c int, kind string) string {
	epic := key[4:]
	return fmt.Sprintf("mast:K2/url/missions/k2/%s/c%d/%s00000/%s/", kind, c, epic[:4], epic[4:6]+"000")
}

func k2Products(l *prodList, o *Obs) {
	c := o.SeqNum
	l.add(o.key+"-c"+fmt.Sprintf("%02d", c)+"_bw_large.png", o.JpegURL, "Preview-Full", ptPreview, "PREVIEW", 2, false, 5*kB, 12*kB)
	for _, code := range k2CampaignCodes(c) {
		tp := fmt.Sprintf("%s-%s_lpd-targ.fits.gz", o.key, code)
		l.add(tp, k2Dir(o.key, c, "target_pixel_files")+tp, "Target pixel file", ptScience, "TPF", 1, false, 2*mB, 18*mB)
		lc := fmt.Sprintf("%s-%s_llc.fits", o.key, code)
		l.add(lc, k2Dir(o.key, c, "lightcurves")+lc, "Lightcurve", ptScience, "LLC", 2, true, 300*kB, 500*kB)
	}
	th := o.key + "-c" + fmt.Sprintf("%02d", c) + "_bw_thumb.png"
	l.add(th, k2Dir(o.key, c, "previews")+th, "Preview-Thumb", ptThumbnail, "THUMBNAIL", 2, false, 1*kB, 2*kB)
}
