package panstarrs

import (
	"math"
	"strings"
)

// value is one cell: a number (int or float), a string, or missing (-999).
type value struct {
	kind byte // 'i', 'f', 's'
	i    int64
	f    float64
	s    string
}

func ival(n int64) value     { return value{kind: 'i', i: n} }
func fval(f float64) value   { return value{kind: 'f', f: f} }
func sval(s string) value    { return value{kind: 's', s: s} }
func missing(c column) value { return missingOf(c.dbType) }

func missingOf(dbType string) value {
	switch dbType {
	case "STRING":
		return sval("-999")
	case "REAL", "DOUBLE":
		return fval(-999)
	}
	return ival(-999)
}

// num is the value as a float (for comparisons).
func (v value) num() float64 {
	if v.kind == 'i' {
		return float64(v.i)
	}
	return v.f
}

// limits are the 5-sigma depths of the single-epoch detections, per filter.
var limits = [5]float64{22.0, 21.8, 21.5, 20.9, 19.7}

// truth is what a source's columns derive from.
type truth struct {
	s      source
	mag    [5]float64
	nDet   [5]int
	nStack int
	nTotal int
}

func newTruth(s source) truth {
	t := truth{s: s}
	u := func(n uint64) float64 { return unit(s.key, n) }
	r := 14 + 9.5*math.Pow(u(10), 0.45)
	colors := []float64{0.3 + 0.9*u(11), 0, -(0.1 + 0.4*u(12)), -(0.15 + 0.55*u(13)), -(0.17 + 0.7*u(14))}
	for b := range t.mag {
		t.mag[b] = r + colors[b]
		if t.mag[b] < limits[b] {
			t.nDet[b] = 1 + int(u(20+uint64(b))*14)
		}
		if t.mag[b] < limits[b]+1.2 {
			t.nStack++
		}
		t.nTotal += t.nDet[b]
	}
	return t
}

// err is a photometric error growing toward the limit.
func (t truth) err(b int) float64 {
	return 0.003 + 0.2*math.Pow(10, 0.4*(t.mag[b]-limits[b]-0.5))
}

// flux is the AB flux in Janskys.
func flux(mag float64) float64 { return 3631 * math.Pow(10, -0.4*mag) }

func (t truth) u(n uint64) float64 { return unit(t.s.key, n) }

// pick chooses among values deterministically.
func (t truth) pick(n uint64, vs ...int64) int64 { return vs[int(t.u(n)*float64(len(vs)))] }

// det is which detection a detection-table row is: its filter and number.
type det struct{ band, n int }

// detections lists a source's single-epoch detections, filter by filter.
func (t truth) detections() []det {
	var out []det
	for b, n := range t.nDet {
		for k := range n {
			out = append(out, det{b, k})
		}
	}
	return out
}

// value computes one column of the row of t (d for the detection table; dist for
// distance).
func (t truth) value(c column, d det, dist float64, release string) value {
	h := uint64(len(c.name))<<8 ^ uint64(c.name[0])<<16 ^ uint64(c.name[len(c.name)-1])<<24 ^ uint64(c.band)
	if c.band > 0 {
		return t.bandValue(c, c.band-1, h)
	}
	s := t.s
	jitter := func(n uint64) float64 { return (t.u(n) - 0.5) * 0.05 / 3600 }
	switch c.name {
	case "objName":
		return sval(s.objName())
	case "objAltName1", "objAltName2", "objAltName3", "objPopularName":
		return sval("-999")
	case "objID":
		return ival(s.objID())
	case "ippObjID":
		return ival(100000000000 + int64(t.u(30)*9e11))
	case "surveyID", "tessID":
		return ival(map[bool]int64{true: 0, false: 1}[c.name == "surveyID"])
	case "htmID":
		return ival(14000000000000 + int64(t.u(31)*3e12))
	case "zoneID":
		return ival(int64(math.Floor((s.dec + 90) / 0.0083333)))
	case "projectionID":
		return ival(635 + int64((s.dec+90)*10))
	case "skyCellID":
		return ival(int64(t.u(32) * 100))
	case "randomID", "randomDetID":
		return fval(t.u(33))
	case "batchID":
		return ival(1000000 + int64(t.u(34)*9e5))
	case "dvoRegionID":
		return ival(int64(math.Floor(s.ra*4))*1000 + int64(math.Floor((s.dec+90)*4)))
	case "processingVersion":
		return ival(map[string]int64{"dr1": 2, "dr2": 3}[release])
	case "objInfoFlag":
		return ival(t.pick(35, 402653184, 436207616, 444596224, 402915328, 8))
	case "qualityFlag":
		return ival(t.pick(36, 16, 52, 60, 0, 48))
	case "raStack", "raMean", "ra":
		return fval(s.ra + jitter(37+uint64(d.n)))
	case "decStack", "decMean", "dec":
		return fval(s.dec + jitter(38+uint64(d.n)))
	case "raStackErr", "decStackErr", "raMeanErr", "decMeanErr", "raErr", "decErr":
		return fval(float64(float32(0.005 + 0.05*t.u(h))))
	case "epochMean":
		return fval(55200 + 1500*t.u(39))
	case "posMeanChisq", "psfChiSq":
		return fval(float64(float32(0.5 + 2*t.u(h))))
	case "cx", "cy", "cz":
		ra, dec := s.ra*math.Pi/180, s.dec*math.Pi/180
		return fval(map[string]float64{"cx": math.Cos(dec) * math.Cos(ra), "cy": math.Cos(dec) * math.Sin(ra), "cz": math.Sin(dec)}[c.name])
	case "lambda", "beta":
		lam, bet := ecliptic(s.ra, s.dec)
		return fval(map[string]float64{"lambda": lam, "beta": bet}[c.name])
	case "l", "b":
		l, b := galactic(s.ra, s.dec)
		return fval(map[string]float64{"l": l, "b": b}[c.name])
	case "nStackObjectRows":
		return ival(int64(min(t.nStack, 1) + int(t.u(40)*2)))
	case "nStackDetections":
		return ival(int64(t.nStack))
	case "nDetections":
		return ival(int64(t.nTotal))
	case "ng", "nr", "ni", "nz", "ny":
		return ival(int64(t.nDet[strings.Index("grizy", c.name[1:])]))
	case "uniquePspsSTid":
		return ival(int64(1.6e17) + int64(t.u(41)*1e16))
	case "primaryDetection", "bestDetection":
		return ival(1)
	case "distance":
		return fval(dist)
	// The detection table.
	case "detectID":
		return ival(int64(1.6e17) + int64(t.u(42+uint64(d.n*7+d.band))*1e16))
	case "ippDetectID":
		return ival(int64(t.u(43+uint64(d.n*7+d.band)) * 4e9))
	case "filterID":
		return ival(int64(d.band + 1))
	case "imageID":
		return ival(100000000 + int64(t.u(44+uint64(d.n*7+d.band))*9e8))
	case "obsTime":
		return fval(55000 + 1800*t.u(45+uint64(d.n*7+d.band)))
	case "psfFlux", "apFlux", "kronFlux":
		return fval(float64(float32(flux(t.mag[d.band] + 0.05*(t.u(h+uint64(d.n))-0.5)))))
	case "psfFluxErr", "apFluxErr", "kronFluxErr":
		return fval(float64(float32(flux(t.mag[d.band]) * t.err(d.band))))
	case "expTime":
		return fval(float64([]int{43, 40, 45, 30, 30}[d.band]))
	case "infoFlag", "infoFlag2", "infoFlag3":
		return ival(t.pick(h+uint64(d.n), 0, 0, 8, 1048576, 1073741824))
	}
	if c.dbType == "REAL" || c.dbType == "DOUBLE" {
		return fval(float64(float32(t.u(h + uint64(d.n)))))
	}
	return ival(int64(t.u(h+uint64(d.n)) * 100))
}

// bandValue computes a per-filter column from its template.
func (t truth) bandValue(c column, b int, h uint64) value {
	m, e := t.mag[b], t.err(b)
	detected := t.nDet[b] > 0
	forced := strings.Contains(c.tmpl, "%sF") || strings.HasPrefix(c.tmpl, "%sn")
	stack := !forced && !strings.Contains(c.tmpl, "Mean") && c.tmpl != "%sQfPerfect" && c.tmpl != "%sFlags"
	if stack {
		detected = m < limits[b]+1.2
	}
	if !detected && !forced && !strings.HasSuffix(c.tmpl, "Flags") && !strings.HasSuffix(c.tmpl, "Npt") {
		return missing(c)
	}
	f32 := func(v float64) value { return fval(float64(float32(v))) }
	switch {
	case strings.HasSuffix(c.tmpl, "Npt"):
		return ival(int64(t.nDet[b]))
	case c.tmpl == "%snTotal":
		return ival(int64(t.nDet[b] + 3))
	case c.tmpl == "%snIncPSFFlux":
		return ival(int64(t.nDet[b]))
	case strings.HasSuffix(c.tmpl, "Flags"):
		if !detected {
			return ival(0)
		}
		return ival(t.pick(h, 0, 0, 16416, 114720, 115000, 16384))
	case strings.Contains(c.tmpl, "infoFlag"):
		return ival(t.pick(h, 0, 8, 1048576, 67108864))
	case strings.HasSuffix(c.tmpl, "DetectID"):
		return ival(int64(1.5e17) + int64(t.u(h)*1e16))
	case c.tmpl == "%sQfPerfect":
		return f32(0.9 + 0.1*t.u(h))
	case strings.HasSuffix(c.tmpl, "FluxErr"):
		return f32(flux(m) * e)
	case strings.HasSuffix(c.tmpl, "Flux"):
		return f32(flux(m + 0.03*(t.u(h)-0.5)))
	case strings.HasSuffix(c.tmpl, "MagErr"):
		return f32(e)
	case strings.HasSuffix(c.tmpl, "MagStd"):
		return f32(e * (0.8 + t.u(h)))
	case strings.HasSuffix(c.tmpl, "MagMin"):
		return f32(m - 2*e)
	case strings.HasSuffix(c.tmpl, "MagMax"):
		return f32(m + 2*e)
	case strings.Contains(c.tmpl, "Kron"):
		return f32(m + 0.04 + 0.1*t.u(h))
	case strings.Contains(c.tmpl, "Ap"):
		return f32(m + 0.02 + 0.05*t.u(h))
	}
	return f32(m + 0.01*(t.u(h)-0.5)) // PSF magnitudes
}

// galactic converts ICRS to galactic coordinates (degrees).
func galactic(ra, dec float64) (float64, float64) {
	const d2r = math.Pi / 180
	raGP, decGP, lNCP := 192.85948*d2r, 27.12825*d2r, 122.93192*d2r
	a, d := ra*d2r, dec*d2r
	sb := math.Sin(d)*math.Sin(decGP) + math.Cos(d)*math.Cos(decGP)*math.Cos(a-raGP)
	b := math.Asin(sb)
	y := math.Cos(d) * math.Sin(a-raGP)
	x := math.Sin(d)*math.Cos(decGP) - math.Cos(d)*math.Sin(decGP)*math.Cos(a-raGP)
	l := lNCP - math.Atan2(y, x)
	return math.Mod(l/d2r+360, 360), b / d2r
}

// ecliptic converts equatorial to ecliptic coordinates (degrees, J2000 obliquity).
func ecliptic(ra, dec float64) (float64, float64) {
	const d2r = math.Pi / 180
	eps := 23.4392911 * d2r
	a, d := ra*d2r, dec*d2r
	beta := math.Asin(math.Sin(d)*math.Cos(eps) - math.Cos(d)*math.Sin(eps)*math.Sin(a))
	lam := math.Atan2(math.Sin(a)*math.Cos(eps)+math.Tan(d)*math.Sin(eps), math.Cos(a))
	return math.Mod(lam/d2r+360, 360), beta / d2r
}
