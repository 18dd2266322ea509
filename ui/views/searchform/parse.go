package searchform

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"mastui/services/mast"
)

// Parsers turn the form's text into numbers. The zero value uses the fallbacks in this
// file; the lead wires mast.ParseCoordinates and mast.ParseRadius here.
type Parsers struct {
	Coordinates func(string) (mast.Position, error)
	Radius      func(string) (float64, error)
}

func (p Parsers) withDefaults() Parsers {
	if p.Coordinates == nil {
		p.Coordinates = ParseCoordinates
	}
	if p.Radius == nil {
		p.Radius = ParseRadius
	}
	return p
}

// LooksLikeCoordinates reports whether a target is meant as coordinates rather than an
// object name: it starts with a digit, sign or point, and holds only digits, signs,
// separators and sexagesimal unit marks. "3C 273", "M101" and "NGC 6121" are names;
// "210.8 54.35", "14h03m12.6s +54d20m56s" and "14:03:12.6 +54:20:56" are coordinates.
func LooksLikeCoordinates(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || !strings.ContainsRune("0123456789+-.", rune(s[0])) {
		return false
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', unicode.IsSpace(r), strings.ContainsRune("+-.:,hmsdHMSD°'\"′″", r):
		default:
			return false
		}
	}
	return true
}

// ParseCoordinates is the fallback parser of "RA Dec": decimal degrees ("210.8 54.35"),
// or sexagesimal with RA in hours ("14h03m12.6s +54d20m56s", "14:03:12.6 +54:20:56",
// "14 03 12.6 +54 20 56").
func ParseCoordinates(s string) (mast.Position, error) {
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	var raS, decS string
	switch len(f) {
	case 2:
		raS, decS = f[0], f[1]
	case 6:
		raS, decS = strings.Join(f[:3], ":"), strings.Join(f[3:], ":")
	case 0:
		return mast.Position{}, errors.New("coordinates are empty")
	case 1:
		return mast.Position{}, errors.New(`coordinates need both RA and Dec, e.g. "210.8 54.35"`)
	default:
		return mast.Position{}, fmt.Errorf(`malformed coordinates %q: expected "RA Dec"`, s)
	}
	ra, err := parseAngle(raS, true)
	if err != nil {
		return mast.Position{}, fmt.Errorf("malformed RA %q: %v", raS, err)
	}
	dec, err := parseAngle(decS, false)
	if err != nil {
		return mast.Position{}, fmt.Errorf("malformed Dec %q: %v", decS, err)
	}
	if ra < 0 || ra >= 360 {
		return mast.Position{}, fmt.Errorf("RA %s is out of range: 0 to 360 degrees (0h to 24h)", raS)
	}
	if dec < -90 || dec > 90 {
		return mast.Position{}, fmt.Errorf("Dec %s is out of range: -90 to +90 degrees", decS)
	}
	return mast.Position{RA: ra, Dec: dec}, nil
}

// parseAngle reads decimal degrees, or sexagesimal (hours for RA, degrees for Dec).
func parseAngle(s string, ra bool) (float64, error) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimLeft(s, "+-")
	if v, err := strconv.ParseFloat(body, 64); err == nil {
		if neg {
			v = -v
		}
		return v, nil
	}
	sexa := strings.ContainsAny(body, ":hH")
	parts := strings.FieldsFunc(body, func(r rune) bool { return strings.ContainsRune(":hHmMsSdD°'\"′″", r) })
	if len(parts) == 0 || len(parts) > 3 {
		return 0, errors.New("not a number or sexagesimal angle")
	}
	var v [3]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || x < 0 || math.IsInf(x, 0) {
			return 0, fmt.Errorf("%q is not a number", p)
		}
		if i > 0 && x >= 60 {
			return 0, fmt.Errorf("%s must be below 60", []string{"", "minutes", "seconds"}[i])
		}
		v[i] = x
	}
	deg := v[0] + v[1]/60 + v[2]/3600
	if ra && (sexa || len(parts) > 1 && !strings.ContainsAny(body, "dD°")) {
		deg *= 15
	}
	if neg {
		deg = -deg
	}
	return deg, nil
}

// ParseRadius is the fallback radius parser: "0.2 deg", "3 arcmin", "10 arcsec", a bare
// number is degrees. The result is in degrees.
func ParseRadius(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("radius is empty: e.g. 0.2 deg, 3 arcmin, 10 arcsec")
	}
	i := strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == '+' || r == '-' || r == 'e' || r == 'E')
	})
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.ToLower(strings.TrimSpace(s[i:]))
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("radius %q is not a number with a unit (deg, arcmin, arcsec)", s)
	}
	var scale float64
	switch unit {
	case "", "d", "deg", "degs", "degree", "degrees", "°":
		scale = 1
	case "m", "am", "amin", "arcmin", "arcmins", "arcminute", "arcminutes", "'", "′":
		scale = 1.0 / 60
	case "s", "as", "asec", "arcsec", "arcsecs", "arcsecond", "arcseconds", "\"", "″":
		scale = 1.0 / 3600
	default:
		return 0, fmt.Errorf("unknown radius unit %q: use deg, arcmin or arcsec", unit)
	}
	deg := v * scale
	if !(deg > 0) || math.IsInf(deg, 0) {
		return 0, fmt.Errorf("radius must be greater than 0, got %q", s)
	}
	if deg > 180 {
		return 0, fmt.Errorf("radius %q is larger than 180 deg", s)
	}
	return deg, nil
}
