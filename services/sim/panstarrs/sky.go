package panstarrs

import (
	"fmt"
	"math"
)

// The synthetic PanSTARRS sky. Sources are made on demand, never stored: the sky is cut
// into cells of cellDeg x cellDeg (in RA and Dec), and each cell's sources follow from
// its coordinates alone. Around the seed targets a field holds an exact number of
// sources within its radius (the seed's 7007 rows of dr1 mean at r = 0.1 deg), with a
// halo of the same density around it.

const (
	cellDeg    = 0.02
	background = 6000.0 // sources per square degree away from the fields
	// MaxRadius bounds a cone (the sim's limit: a bigger cone is refused).
	MaxRadius = 0.5
)

// field is a dense region around a seed target.
type field struct {
	ra, dec, radius float64
	count           int     // sources within radius, exactly
	halo            float64 // the density continues to this distance
}

var fields = []field{
	{ra: 158.47924, dec: -7.30962, radius: 0.1, count: 7007, halo: 0.25},
	{ra: 5.97754, dec: 32.53617, radius: 0.01, count: 41, halo: 0.05},
}

func (f field) density() float64 { return float64(f.count) / (math.Pi * f.radius * f.radius) }

// source is one object of the catalog: what its columns are computed from.
type source struct {
	ra, dec float64
	key     uint64 // seeds every value of its columns
}

// mix is the splitmix64 finaliser: streams identical on every platform.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit is a deterministic number in [0, 1) from key and n.
func unit(key, n uint64) float64 { return float64(mix(key^mix(n))>>11) / (1 << 53) }

// sep is the angular distance in degrees (haversine).
func sep(ra1, dec1, ra2, dec2 float64) float64 {
	const rad = math.Pi / 180
	s := math.Sin((dec2-dec1)*rad/2)*math.Sin((dec2-dec1)*rad/2) +
		math.Cos(dec1*rad)*math.Cos(dec2*rad)*math.Sin((ra2-ra1)*rad/2)*math.Sin((ra2-ra1)*rad/2)
	return 2 * math.Asin(math.Min(1, math.Sqrt(s))) / rad
}

// inField says whether a position belongs to a field's exact disk.
func inField(ra, dec float64) bool {
	for _, f := range fields {
		if sep(ra, dec, f.ra, f.dec) < f.radius {
			return true
		}
	}
	return false
}

// densityAt is the source density of the cells around a position.
func densityAt(ra, dec float64) float64 {
	d := background
	for _, f := range fields {
		if sep(ra, dec, f.ra, f.dec) < f.halo {
			d = math.Max(d, f.density())
		}
	}
	return d
}

// cone calls fn with every source within radius of (ra, dec), and its distance.
func cone(ra, dec, radius float64, fn func(s source, dist float64)) {
	for fi, f := range fields {
		if sep(ra, dec, f.ra, f.dec) > radius+f.radius {
			continue
		}
		fieldSources(fi, func(s source) {
			if d := sep(ra, dec, s.ra, s.dec); d <= radius {
				fn(s, d)
			}
		})
	}
	dLo, dHi := math.Max(dec-radius, -90), math.Min(dec+radius, 90)
	cosDec := math.Max(math.Cos(math.Max(math.Abs(dLo), math.Abs(dHi))*math.Pi/180), 1e-6)
	raSpan := math.Min(radius/cosDec, 180)
	cx0, cx1 := math.Floor((ra-raSpan)/cellDeg), math.Floor((ra+raSpan)/cellDeg)
	if raSpan >= 179 { // near a pole: every cell of the band, once
		cx0, cx1 = 0, math.Round(360/cellDeg)-1
	}
	for cy := math.Floor(dLo / cellDeg); cy*cellDeg <= dHi; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			cellSources(cx, cy, func(s source) {
				if d := sep(ra, dec, s.ra, s.dec); d <= radius {
					fn(s, d)
				}
			})
		}
	}
}

// cellSources makes the background (and halo) sources of one cell. RA cells wrap at
// 360 deg: cell -1 is the last one.
func cellSources(cx, cy float64, fn func(source)) {
	ncx := math.Round(360 / cellDeg)
	cx = math.Mod(math.Mod(cx, ncx)+ncx, ncx)
	ra0, dec0 := cx*cellDeg, cy*cellDeg
	if dec0 >= 90 || dec0+cellDeg <= -90 {
		return
	}
	key := mix(uint64(int64(cx))<<32 ^ uint64(int64(cy)+1<<20))
	area := cellDeg * cellDeg * math.Cos((dec0+cellDeg/2)*math.Pi/180)
	mean := densityAt(ra0+cellDeg/2, dec0+cellDeg/2) * area
	n := int(mean + unit(key, 0))
	for i := 0; i < n; i++ {
		k := mix(key + uint64(i)*0x9e37)
		s := source{ra: ra0 + unit(k, 1)*cellDeg, dec: dec0 + unit(k, 2)*cellDeg, key: k}
		if s.dec < -90 || s.dec > 90 || inField(s.ra, s.dec) {
			continue // a field makes its own disk's sources
		}
		fn(s)
	}
}

// fieldSources makes the sources of a field's disk: exactly count of them, uniform in
// the disk.
func fieldSources(fi int, fn func(source)) {
	f := fields[fi]
	key := mix(uint64(fi+1) << 40)
	for i := 0; i < f.count; i++ {
		k := mix(key + uint64(i)*0x9e37)
		// sqrt for a uniform disk; 0.9999 keeps rounding from pushing one outside.
		r, th := 0.9999*f.radius*math.Sqrt(unit(k, 1)), 2*math.Pi*unit(k, 2)
		dec := f.dec + r*math.Sin(th)
		ra := f.ra + r*math.Cos(th)/math.Cos(f.dec*math.Pi/180)
		if sep(ra, dec, f.ra, f.dec) >= f.radius {
			ra, dec = f.ra, f.dec // cannot happen at these radii; stays exact if it did
		}
		fn(source{ra: math.Mod(ra+360, 360), dec: dec, key: k})
	}
}

// allFieldSources is what a criteria query (no position) searches: the fields and their
// halos. The real catalog has three billion rows; the simulator's whole-sky answer is
// this region.
func allFieldSources(fn func(s source)) {
	for _, f := range fields {
		cone(f.ra, f.dec, f.halo, func(s source, _ float64) { fn(s) })
	}
}

// objID is PanSTARRS's id, which encodes the position: zone (1/120 deg of
// declination), RA in micro-degrees, and the position within the zone.
func (s source) objID() int64 {
	const zh = 0.0083333
	z := (s.dec + 90) / zh
	zid := math.Floor(z)
	return int64(zid)*10000000000000 + int64(math.Floor(s.ra*1e6))*10000 + int64(math.Floor((z-zid)*1e4))
}

// objName is the IAU name: RA and Dec truncated (not rounded) to 1e-4 deg, like the
// RA digits of objID.
func (s source) objName() string {
	ra, dec, sign := int64(math.Floor(s.ra*1e4)), int64(math.Floor(math.Abs(s.dec)*1e4)), "+"
	if s.dec < 0 {
		sign = "-"
	}
	return fmt.Sprintf("PSO J%03d.%04d%s%02d.%04d", ra/1e4, ra%1e4, sign, dec/1e4, dec%1e4)
}
