// Package cutouts is what the TESScut, Zcut and HAPCut cutout services need that does not
// talk HTTP: sizes typed by users, the exact requests (protocol section 8), their
// answers (sector lists, "no data" messages), unpacking a downloaded zip into verified
// FITS files, the light curve of a target pixel file, and the limit of 10 concurrent
// TESScut requests. The client (services/mast) and the download queue (download/) both
// build on it; it imports neither.
package cutouts

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"mastui/services/masthttp"
)

// Units of a Size as the services take them (protocol 8.1).
const (
	Pixels  = "px"
	Degrees = "d"
)

// DefaultSize is astroquery's default: 5 × 5 pixels.
var DefaultSize = Size{X: 5, Y: 5, Units: Pixels}

// Size is a cutout size: X columns (width, along RA at the centre) by Y rows (height), in
// pixels or degrees. The zero Size means DefaultSize.
type Size struct {
	X, Y  float64
	Units string // Pixels or Degrees
}

// IsZero reports a Size not given.
func (s Size) IsZero() bool { return s == Size{} }

// orDefault is s, or DefaultSize for the zero Size.
func (s Size) orDefault() Size {
	if s.IsZero() {
		return DefaultSize
	}
	return s
}

// String reads as a user would type it: "5x7 px", "3x3 arcmin", "0.05x0.05 deg".
func (s Size) String() string {
	s = s.orDefault()
	if s.Units == Pixels {
		return fmt.Sprintf("%sx%s px", num(s.X), num(s.Y))
	}
	x, y, unit := s.X, s.Y, "deg"
	switch {
	case math.Max(x, y) < 1.0/60:
		x, y, unit = x*3600, y*3600, "arcsec"
	case math.Max(x, y) < 1:
		x, y, unit = x*60, y*60, "arcmin"
	}
	return fmt.Sprintf("%sx%s %s", num(x), num(y), unit)
}

func num(v float64) string { return strconv.FormatFloat(round9(v), 'f', -1, 64) }

// round9 drops the float noise of unit conversions (3 arcmin → 0.05 deg → 3.0000000000000004).
func round9(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// Param is how X or Y is sent: pixels that are whole numbers as integers ("5", as
// astroquery sends its default size=5), anything else like Python's repr(float)
// ("0.08333333333333333").
func (s Size) Param(v float64) string {
	if s.Units == Pixels && v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return masthttp.PyFloat(v)
}

// ParseSize reads a cutout size as users type it:
//
//	5, 10 px            a square of pixels
//	5x7, 5 x 7 px       x (columns, width) then y (rows, height), in pixels
//	3 arcmin, 0.05 deg, 30 arcsec, 3x5 arcmin   angles (sent in degrees)
//	[5, 7], [5, 7] arcmin   astroquery's list: (ny, nx), so y = 5 and x = 7
//
// A bare number is pixels. Values must be positive; pixel counts whole.
func ParseSize(text string) (Size, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return Size{}, fmt.Errorf("empty cutout size: expected e.g. 5, 5x7, 3 arcmin or [5, 7] arcmin")
	}
	body, unit := splitUnit(t)
	scale, units, err := unitScale(unit, t)
	if err != nil {
		return Size{}, err
	}
	var x, y float64
	if strings.HasPrefix(body, "[") || strings.HasPrefix(body, "(") {
		// astroquery's (ny, nx) order.
		inner := strings.TrimSpace(body[1:])
		if !strings.HasSuffix(inner, "]") && !strings.HasSuffix(inner, ")") {
			return Size{}, fmt.Errorf("cutout size %q: unclosed %c", t, body[0])
		}
		parts := strings.Split(strings.TrimSpace(inner[:len(inner)-1]), ",")
		switch len(parts) {
		case 1:
			if y, err = sizeNumber(parts[0], t); err != nil {
				return Size{}, err
			}
			x = y
		case 2:
			if y, err = sizeNumber(parts[0], t); err != nil {
				return Size{}, err
			}
			if x, err = sizeNumber(parts[1], t); err != nil {
				return Size{}, err
			}
		default:
			return Size{}, fmt.Errorf("cutout size %q has %d values: give one or two, [ny, nx]", t, len(parts))
		}
	} else {
		parts := strings.FieldsFunc(strings.ToLower(body), func(r rune) bool { return r == 'x' || r == '×' || r == '*' })
		switch {
		case len(parts) == 1 && !strings.ContainsAny(strings.ToLower(body), "x×*"):
			if x, err = sizeNumber(parts[0], t); err != nil {
				return Size{}, err
			}
			y = x
		case len(parts) == 2:
			if x, err = sizeNumber(parts[0], t); err != nil {
				return Size{}, err
			}
			if y, err = sizeNumber(parts[1], t); err != nil {
				return Size{}, err
			}
		default:
			return Size{}, fmt.Errorf("cutout size %q: expected one number or two as XxY (e.g. 5x7)", t)
		}
	}
	if units == Pixels && (x != math.Trunc(x) || y != math.Trunc(y)) {
		return Size{}, fmt.Errorf("cutout size %q: a pixel count must be a whole number", t)
	}
	return Size{X: x * scale, Y: y * scale, Units: units}, nil
}

// splitUnit cuts a trailing unit word off ("[5, 7] arcmin" → "[5, 7]", "arcmin").
func splitUnit(t string) (string, string) {
	i := len(t)
	for i > 0 {
		c := t[i-1]
		if c >= '0' && c <= '9' || c == '.' || c == ']' || c == ')' || c == ' ' {
			break
		}
		i--
	}
	// A trailing "x" or "×" belongs to the numbers only between two of them.
	return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i:])
}

// unitScale is the factor to the sent unit and that unit, for a unit word.
func unitScale(unit, text string) (float64, string, error) {
	switch strings.ToLower(unit) {
	case "", "px", "pix", "pixel", "pixels":
		return 1, Pixels, nil
	case "d", "deg", "degs", "degree", "degrees", "°":
		return 1, Degrees, nil
	case "arcmin", "arcmins", "arcminute", "arcminutes", "amin", "'", "′":
		return 1.0 / 60, Degrees, nil
	case "arcsec", "arcsecs", "arcsecond", "arcseconds", "asec", "\"", "″":
		return 1.0 / 3600, Degrees, nil
	}
	return 0, "", fmt.Errorf("cutout size %q: unknown unit %q (use px, deg, arcmin or arcsec)", text, unit)
}

func sizeNumber(s, text string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(strings.ToLower(s), "inxp_") {
		return 0, fmt.Errorf("cutout size %q: %q is not a number", text, s)
	}
	if v <= 0 {
		return 0, fmt.Errorf("cutout size %q: sizes must be positive", text)
	}
	return v, nil
}
