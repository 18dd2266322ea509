package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// SkyPoint is a position on the sky in degrees (ICRS).
type SkyPoint struct{ RA, Dec float64 }

// ShapeKind is the kind of one shape of an s_region.
type ShapeKind int

const (
	ShapePolygon ShapeKind = iota
	ShapeCircle
	ShapePoint
)

// Shape is one shape of an observation's footprint: a polygon's vertices, or a circle's
// centre and radius (degrees), or a single point (Center).
type Shape struct {
	Kind     ShapeKind
	Vertices []SkyPoint
	Center   SkyPoint
	Radius   float64
}

// qualifier reports whether w (upper case) is one of the STC-S words MAST's s_region
// strings carry after a shape's name: frames, reference positions and flavours. They say
// nothing a sky chart needs (all are equatorial) and are skipped.
func qualifier(w string) bool {
	switch w {
	case "ICRS", "FK5", "FK4", "J2000", "B1950", "UNKNOWNFRAME",
		"GEOCENTER", "BARYCENTER", "TOPOCENTER", "HELIOCENTER", "LSR", "UNKNOWNREFPOS",
		"SPHERICAL2", "CARTESIAN2":
		return true
	}
	return false
}

// ParseRegion reads an s_region as MAST sends it: one or more shapes, "POLYGON [frame]
// ra dec ra dec …", "CIRCLE [frame] ra dec r", "POSITION|POINT [frame] ra dec", in upper or
// lower case, several in a row or inside "UNION ( … )". An empty string is no shape. A
// shape with too few or non-numeric values, an unknown word, or a frame that is not
// equatorial (GALACTIC, ECLIPTIC) is an error naming it.
func ParseRegion(s string) ([]Shape, error) {
	toks := strings.Fields(strings.NewReplacer("(", " ( ", ")", " ) ", ",", " ").Replace(s))
	var out []Shape
	for i := 0; i < len(toks); {
		word := strings.ToUpper(toks[i])
		i++
		var kind ShapeKind
		switch word {
		case "POLYGON":
			kind = ShapePolygon
		case "CIRCLE":
			kind = ShapeCircle
		case "POSITION", "POINT":
			kind = ShapePoint
		case "UNION", "(", ")":
			continue
		default:
			return nil, fmt.Errorf("s_region %q: unknown shape %q (want POLYGON, CIRCLE or POSITION)", clip(s), toks[i-1])
		}
		for i < len(toks) {
			w := strings.ToUpper(toks[i])
			if w == "GALACTIC" || w == "ECLIPTIC" {
				return nil, fmt.Errorf("s_region %q: frame %s is not supported (equatorial only)", clip(s), toks[i])
			}
			if !qualifier(w) {
				break
			}
			i++
		}
		var nums []float64
		for ; i < len(toks); i++ {
			f, err := strconv.ParseFloat(toks[i], 64)
			if err != nil {
				break
			}
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Errorf("s_region %q: %s is not a finite number", clip(s), toks[i])
			}
			nums = append(nums, f)
		}
		sh, err := shapeOf(kind, word, nums)
		if err != nil {
			return nil, fmt.Errorf("s_region %q: %w", clip(s), err)
		}
		out = append(out, sh)
	}
	return out, nil
}

func shapeOf(kind ShapeKind, word string, nums []float64) (Shape, error) {
	pos := func(ra, dec float64) (SkyPoint, error) {
		if dec < -90 || dec > 90 {
			return SkyPoint{}, fmt.Errorf("%s: declination %g is outside -90..90", word, dec)
		}
		return SkyPoint{RA: normRA(ra), Dec: dec}, nil
	}
	switch kind {
	case ShapeCircle:
		if len(nums) != 3 {
			return Shape{}, fmt.Errorf("CIRCLE takes ra dec radius, got %d numbers", len(nums))
		}
		c, err := pos(nums[0], nums[1])
		// A negative radius is how some missions mark an aperture that is not a field
		// of view: its size is what matters.
		return Shape{Kind: ShapeCircle, Center: c, Radius: math.Abs(nums[2])}, err
	case ShapePoint:
		if len(nums) != 2 {
			return Shape{}, fmt.Errorf("%s takes ra dec, got %d numbers", word, len(nums))
		}
		c, err := pos(nums[0], nums[1])
		return Shape{Kind: ShapePoint, Center: c}, err
	}
	if len(nums) < 6 || len(nums)%2 != 0 {
		return Shape{}, fmt.Errorf("POLYGON takes at least 3 ra dec pairs, got %d numbers", len(nums))
	}
	sh := Shape{Kind: ShapePolygon, Vertices: make([]SkyPoint, 0, len(nums)/2)}
	for k := 0; k < len(nums); k += 2 {
		p, err := pos(nums[k], nums[k+1])
		if err != nil {
			return Shape{}, err
		}
		sh.Vertices = append(sh.Vertices, p)
	}
	sh.Center = MeanDirection(sh.Vertices)
	return sh, nil
}

// MeanDirection is the direction of the points' mean unit vector: a centre that does not
// fall apart across RA 0 or around a pole.
func MeanDirection(ps []SkyPoint) SkyPoint {
	var x, y, z float64
	for _, p := range ps {
		sa, ca := math.Sincos(p.RA * degree)
		sd, cd := math.Sincos(p.Dec * degree)
		x, y, z = x+cd*ca, y+cd*sa, z+sd
	}
	return SkyPoint{RA: normRA(math.Atan2(y, x) / degree), Dec: math.Atan2(z, math.Hypot(x, y)) / degree}
}

func normRA(ra float64) float64 {
	ra = math.Mod(ra, 360)
	if ra < 0 {
		ra += 360
	}
	return ra
}

// clip keeps an error message short when a server sends a very long region.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
