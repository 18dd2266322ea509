package archive

import (
	"fmt"
	"math"
	"sort"
	"strconv"
)

const deg = math.Pi / 180

// AngDist is the great-circle distance between two positions, in degrees (haversine,
// accurate at the sub-arcsec separations cone searches care about).
func AngDist(ra1, dec1, ra2, dec2 float64) float64 {
	s1 := math.Sin((dec2 - dec1) * deg / 2)
	s2 := math.Sin((ra2 - ra1) * deg / 2)
	h := s1*s1 + math.Cos(dec1*deg)*math.Cos(dec2*deg)*s2*s2
	return 2 * math.Asin(math.Min(1, math.Sqrt(h))) / deg
}

// offset moves a position by (east, north) degrees on the tangent plane.
func offset(ra, dec, east, north float64) (float64, float64) {
	d := dec + north
	if d > 90 {
		d = 180 - d
		ra += 180
	} else if d < -90 {
		d = -180 - d
		ra += 180
	}
	c := math.Cos(dec * deg)
	if c < 1e-6 {
		c = 1e-6
	}
	return NormRA(ra + east/c), d
}

func NormRA(ra float64) float64 {
	ra = math.Mod(ra, 360)
	if ra < 0 {
		ra += 360
	}
	return ra
}

// randomSky draws a position uniformly over the sphere.
func randomSky(r *rng) (float64, float64) {
	return r.float() * 360, math.Asin(2*r.float()-1) / deg
}

func fmtDeg(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }

// polygonRegion is a rotated w×h (deg) rectangle as an STC-S-like s_region string.
func polygonRegion(ra, dec, w, h, paDeg float64) string {
	s, c := math.Sincos(paDeg * deg)
	out := "POLYGON"
	for _, k := range [][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
		x, y := k[0]*w/2, k[1]*h/2
		pr, pd := offset(ra, dec, x*c-y*s, x*s+y*c)
		out += " " + fmtDeg(pr) + " " + fmtDeg(pd)
	}
	return out
}

func circleRegion(ra, dec, r float64) string {
	return fmt.Sprintf("CIRCLE ICRS %s %s %s", fmtDeg(ra), fmtDeg(dec), strconv.FormatFloat(r, 'f', -1, 64))
}

// skyIndex buckets observations in 1-degree declination bands sorted by RA, so a cone
// search touches only the few bands and RA windows it overlaps.
type skyIndex struct {
	bands [180][]skyEntry
}

type skyEntry struct {
	ra  float64
	idx int32
}

func newSkyIndex(obs []Obs) *skyIndex {
	s := &skyIndex{}
	for i := range obs {
		b := band(obs[i].Dec)
		s.bands[b] = append(s.bands[b], skyEntry{ra: obs[i].RA, idx: int32(i)})
	}
	for b := range s.bands {
		sort.Slice(s.bands[b], func(i, j int) bool { return s.bands[b][i].ra < s.bands[b][j].ra })
	}
	return s
}

func band(dec float64) int {
	b := int(math.Floor(dec + 90))
	return min(max(b, 0), 179)
}

// candidates calls fn for every observation that may lie within r degrees of (ra, dec);
// callers still check the exact distance.
func (s *skyIndex) candidates(ra, dec, r float64, fn func(idx int32)) {
	lo, hi := band(dec-r), band(dec+r)
	maxDec := math.Min(90, math.Max(math.Abs(dec-r), math.Abs(dec+r)))
	c := math.Cos(maxDec * deg)
	wholeBand := r >= 90 || maxDec >= 89.9 || r/c >= 180
	dra := 0.0
	if !wholeBand {
		dra = r / c
	}
	for b := lo; b <= hi; b++ {
		entries := s.bands[b]
		if wholeBand {
			for _, e := range entries {
				fn(e.idx)
			}
			continue
		}
		scan := func(from, to float64) {
			i := sort.Search(len(entries), func(i int) bool { return entries[i].ra >= from })
			for ; i < len(entries) && entries[i].ra <= to; i++ {
				fn(entries[i].idx)
			}
		}
		from, to := ra-dra, ra+dra
		switch {
		case from < 0:
			scan(0, to)
			scan(from+360, 360)
		case to >= 360:
			scan(from, 360)
			scan(0, to-360)
		default:
			scan(from, to)
		}
	}
}
