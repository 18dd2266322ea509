package model

import "math"

const degree = math.Pi / 180

// Tangent is the gnomonic (tangent-plane) projection around a centre: great circles
// become straight lines, so footprints keep their shape, and RA's wrap at 0/360 and the
// convergence of meridians at the poles need no special case.
type Tangent struct {
	center           SkyPoint
	sinDec0, cosDec0 float64
}

// NewTangent projects around c.
func NewTangent(c SkyPoint) Tangent {
	s, co := math.Sincos(c.Dec * degree)
	return Tangent{center: c, sinDec0: s, cosDec0: co}
}

// Center is the projection's centre.
func (t Tangent) Center() SkyPoint { return t.center }

// Project maps p to the plane, in degrees from the centre: x grows to the east (left on
// the sky as seen from the ground) and y to the north. ok is false for a point 90° or
// more from the centre, which has no image on the tangent plane.
func (t Tangent) Project(p SkyPoint) (x, y float64, ok bool) {
	sd, cd := math.Sincos(p.Dec * degree)
	sa, ca := math.Sincos((p.RA - t.center.RA) * degree)
	cosc := t.sinDec0*sd + t.cosDec0*cd*ca
	if cosc <= 1e-9 {
		return 0, 0, false
	}
	x = cd * sa / cosc
	y = (t.cosDec0*sd - t.sinDec0*cd*ca) / cosc
	return x / degree, y / degree, true
}

// Unproject maps plane coordinates (degrees, as Project gives) back to the sky.
func (t Tangent) Unproject(x, y float64) SkyPoint {
	x, y = x*degree, y*degree
	rho := math.Hypot(x, y)
	if rho == 0 {
		return t.center
	}
	c := math.Atan(rho)
	sc, cc := math.Sincos(c)
	dec := math.Asin(cc*t.sinDec0 + y*sc*t.cosDec0/rho)
	ra := t.center.RA*degree + math.Atan2(x*sc, rho*t.cosDec0*cc-y*t.sinDec0*sc)
	return SkyPoint{RA: normRA(ra / degree), Dec: dec / degree}
}

// Offset is the point r degrees from c towards position angle pa (degrees, north
// through east): the circle of a CIRCLE region, drawn as a polygon of such points.
func Offset(c SkyPoint, r, pa float64) SkyPoint {
	sd, cd := math.Sincos(c.Dec * degree)
	sr, cr := math.Sincos(r * degree)
	sp, cp := math.Sincos(pa * degree)
	dec := math.Asin(sd*cr + cd*sr*cp)
	ra := c.RA*degree + math.Atan2(sp*sr*cd, cr-sd*math.Sin(dec))
	return SkyPoint{RA: normRA(ra / degree), Dec: dec / degree}
}

// Outline is the shape as sky vertices: a polygon's own, a circle as n points around
// it (n >= 8), a point as itself.
func (s Shape) Outline(n int) []SkyPoint {
	switch s.Kind {
	case ShapePolygon:
		return s.Vertices
	case ShapeCircle:
		n = max(n, 8)
		out := make([]SkyPoint, n)
		for i := range out {
			out[i] = Offset(s.Center, s.Radius, 360*float64(i)/float64(n))
		}
		return out
	}
	return []SkyPoint{s.Center}
}
