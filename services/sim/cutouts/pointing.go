package cutouts

import (
	"fmt"
	"math"
	"sort"
	"time"

	cutsvc "mastui/services/cutouts"
)

// A simple, deterministic TESS pointing model. Each sector points the four cameras
// (24° × 24° each) along the ecliptic meridian of the anti-solar longitude, 13 sectors a
// year, southern and northern ecliptic hemispheres in turn; sectors 42-46 point at the
// ecliptic. Camera 1's centre for sector 1 is real (λ 316.2°, β −18°, i.e. RA 324.6°
// Dec −33.2°), and the CCD layout is chosen so the astroquery documentation's examples
// come out as MAST answers them: 324.24368 −27.01029 is tess-s0001-1-3, TIC 32449963 is
// in tess-s0010-1-4, 107.18696 −70.50919 in tess-s0001-4-3.
const (
	// LastSector is the newest sector the simulator serves (TESScut, December 2026).
	LastSector   = 107
	firstLambda  = 316.2 // ecliptic longitude of sector 1's camera centres, degrees
	halfCamera   = 12.0  // half the width of a camera's field, degrees
	obliquity    = 23.4392911
	tessPixelDeg = 21.0 / 3600
)

// hit is one sector/camera/CCD covering a position.
type hit struct{ sector, camera, ccd int }

func (h hit) name() string { return fmt.Sprintf("tess-s%04d-%d-%d", h.sector, h.camera, h.ccd) }

type vec [3]float64

func (a vec) dot(b vec) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func (a vec) cross(b vec) vec {
	return vec{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}

func rad(d float64) float64 { return d * math.Pi / 180 }

func unit(lon, lat float64) vec {
	return vec{math.Cos(rad(lat)) * math.Cos(rad(lon)), math.Cos(rad(lat)) * math.Sin(rad(lon)), math.Sin(rad(lat))}
}

// equatorialToEcliptic rotates a unit vector about x by the obliquity.
func equatorialToEcliptic(v vec) vec {
	c, s := math.Cos(rad(obliquity)), math.Sin(rad(obliquity))
	return vec{v[0], c*v[1] + s*v[2], -s*v[1] + c*v[2]}
}

func eclipticToEquatorial(v vec) vec {
	c, s := math.Cos(rad(obliquity)), math.Sin(rad(obliquity))
	return vec{v[0], c*v[1] - s*v[2], s*v[1] + c*v[2]}
}

func radec(v vec) (float64, float64) {
	ra := math.Atan2(v[1], v[0]) * 180 / math.Pi
	if ra < 0 {
		ra += 360
	}
	return ra, math.Asin(math.Max(-1, math.Min(1, v[2]))) * 180 / math.Pi
}

// camera is one camera's frame in one sector (ecliptic coordinates).
type camera struct {
	centre, east, up vec
	flip             bool // cameras 3 and 4 are mounted turned by 180°
}

func sectorCamera(sector, cam int) camera {
	lambda := firstLambda + float64((sector-1)%13)*360/13
	lat := []float64{-18, -42, -66, -90}[cam-1]
	switch {
	case sector >= 42 && sector <= 46:
		lat = []float64{6, 30, 54, 78}[cam-1] // the ecliptic campaign
	case ((sector-1)/13)%2 == 1:
		lat = -lat // northern years
	}
	c := unit(lambda, lat)
	e := vec{-math.Sin(rad(lambda)), math.Cos(rad(lambda)), 0}
	return camera{centre: c, east: e, up: c.cross(e), flip: cam >= 3}
}

// project gives the tangent-plane position (degrees) of p in the camera, ok false
// behind it.
func (c camera) project(p vec) (xi, eta float64, ok bool) {
	d := p.dot(c.centre)
	if d <= 0 {
		return 0, 0, false
	}
	xi, eta = p.dot(c.east)/d*180/math.Pi, p.dot(c.up)/d*180/math.Pi
	if c.flip {
		xi, eta = -xi, -eta
	}
	return xi, eta, true
}

// deproject is the inverse of project.
func (c camera) deproject(xi, eta float64) vec {
	if c.flip {
		xi, eta = -xi, -eta
	}
	x, y := rad(xi), rad(eta)
	v := vec{c.centre[0] + x*c.east[0] + y*c.up[0], c.centre[1] + x*c.east[1] + y*c.up[1], c.centre[2] + x*c.east[2] + y*c.up[2]}
	n := math.Sqrt(v.dot(v))
	return vec{v[0] / n, v[1] / n, v[2] / n}
}

// ccdOf numbers the quadrants: 1 and 2 on the pole side, 3 and 4 on the other.
func ccdOf(xi, eta float64) int {
	switch {
	case eta >= 0 && xi >= 0:
		return 3
	case eta >= 0:
		return 4
	case xi < 0:
		return 1
	}
	return 2
}

// sectorsAt lists every sector/camera/CCD whose field holds the position, or touches the
// square of half-width radius (degrees) around it, in sector, camera, CCD order.
func sectorsAt(ra, dec, radius float64) []hit {
	p := equatorialToEcliptic(unit(ra, dec))
	var out []hit
	for s := 1; s <= LastSector; s++ {
		for cam := 1; cam <= 4; cam++ {
			xi, eta, ok := sectorCamera(s, cam).project(p)
			if !ok || math.Abs(xi) > halfCamera+radius || math.Abs(eta) > halfCamera+radius {
				continue
			}
			ccds := map[int]bool{}
			for _, dx := range []float64{-radius, 0, radius} {
				for _, dy := range []float64{-radius, 0, radius} {
					x, y := xi+dx, eta+dy
					if math.Abs(x) <= halfCamera && math.Abs(y) <= halfCamera {
						ccds[ccdOf(x, y)] = true
					}
				}
			}
			var list []int
			for c := range ccds {
				list = append(list, c)
			}
			sort.Ints(list)
			for _, c := range list {
				out = append(out, hit{s, cam, c})
			}
		}
	}
	return out
}

// ccdCentre is the sky position at the middle of a CCD (where moving targets are put).
func ccdCentre(h hit) (float64, float64) {
	xi, eta := 6.0, 6.0
	switch h.ccd {
	case 4:
		xi = -6
	case 1:
		xi, eta = -6, -6
	case 2:
		eta = -6
	}
	return radec(eclipticToEquatorial(sectorCamera(h.sector, h.camera).deproject(xi, eta)))
}

// sectorSpan is when the sector was observed (BTJD, days): the dates of the TESS
// mission's sector table the client shows too (cutsvc.SectorDates); sectors newer than
// the table follow its last one every 27.4 days.
func sectorSpan(sector int) (start, stop float64) {
	if span, ok := cutsvc.SectorDates(sector); ok {
		return btjd(span.Start), btjd(span.End)
	}
	last := cutsvc.LastDatedSector()
	span, _ := cutsvc.SectorDates(last)
	start = btjd(span.End) + float64(sector-last-1)*sectorDays
	return start, start + sectorDays
}

// sectorDays is a sector's usual length.
const sectorDays = 27.4

// btjd is a time in TESS's BJD − 2457000 (the simulator ignores the barycentric
// correction, minutes at most). JD 2440587.5 is the Unix epoch.
func btjd(t time.Time) float64 {
	return float64(t.Unix())/86400 + 2440587.5 - 2457000
}
