package mast

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// ParseCoordinates reads an ICRS position: decimal degrees ("322.49324 12.16683",
// "322.49324, 12.16683") or sexagesimal with RA in hours ("21h29m58.38s +12d10m00.6s",
// "21:29:58.38 +12:10:00.6", "21 29 58.38 +12 10 00.6").
func ParseCoordinates(s string) (Position, error) {
	fields := strings.Fields(strings.ReplaceAll(s, ",", " "))
	var raParts, decParts []string
	switch len(fields) {
	case 2, 4, 6:
		half := len(fields) / 2
		raParts, decParts = fields[:half], fields[half:]
	default:
		return Position{}, fmt.Errorf("expected two values RA and Dec, got %q", strings.TrimSpace(s))
	}
	ra, err := parseAngle(raParts, true)
	if err != nil {
		return Position{}, err
	}
	dec, err := parseAngle(decParts, false)
	if err != nil {
		return Position{}, err
	}
	if ra < 0 || ra >= 360 {
		return Position{}, fmt.Errorf("RA %s is outside 0..360", strconv.FormatFloat(ra, 'g', -1, 64))
	}
	if dec < -90 || dec > 90 {
		return Position{}, fmt.Errorf("Dec %s is outside -90..90", strconv.FormatFloat(dec, 'g', -1, 64))
	}
	return Position{RA: ra, Dec: dec}, nil
}

// parseAngle reads one coordinate from its whitespace-separated parts. Plain decimals are
// degrees; sexagesimal RA (colons, spaces or h/m/s) is in hours unless marked with d.
func parseAngle(parts []string, isRA bool) (float64, error) {
	what := "Dec"
	if isRA {
		what = "RA"
	}
	text := strings.Join(parts, " ")
	bad := func(why string) error {
		if why != "" {
			return fmt.Errorf("cannot parse %s %q: %s", what, text, why)
		}
		return fmt.Errorf("cannot parse %s %q", what, text)
	}
	if len(parts) == 1 {
		p := strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(parts[0]), "deg"), "°")
		if v, ok := parseDecimal(p); ok {
			return v, nil
		}
		if strings.Contains(parts[0], ":") {
			parts = strings.Split(parts[0], ":")
		}
	}
	nums, units, ok := splitUnits(strings.Join(parts, " "))
	if !ok || len(nums) == 0 || len(nums) > 3 {
		return 0, bad("")
	}
	hours := isRA
	switch units[0] {
	case 'h':
		if !isRA {
			return 0, bad("Dec cannot be given in hours")
		}
		hours = true
	case 'd':
		hours = false
	}
	// Units, when given, must run h|d, m, s in that order.
	for i, u := range units {
		if u != 0 && !(i == 0 && (u == 'h' || u == 'd')) && u != " ms"[i] {
			return 0, bad("")
		}
	}
	neg := strings.HasPrefix(nums[0], "-")
	total := 0.0
	for i, n := range nums {
		if i > 0 && (strings.HasPrefix(n, "-") || strings.HasPrefix(n, "+")) {
			return 0, bad("only the first part may have a sign")
		}
		v, err := strconv.ParseFloat(n, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, bad("")
		}
		v = math.Abs(v)
		if i > 0 && v >= 60 {
			return 0, bad([]string{"", "minutes must be below 60", "seconds must be below 60"}[i])
		}
		total += v / math.Pow(60, float64(i))
	}
	if neg {
		total = -total
	}
	if hours {
		if total < 0 || total >= 24 {
			return 0, fmt.Errorf("RA %sh is outside 0..24h", strconv.FormatFloat(total, 'g', -1, 64))
		}
		return total * 15, nil
	}
	return total, nil
}

// splitUnits splits "21h29m58.38s" or "21 29 58.38" into numbers and unit letters
// ('h', 'd', 'm', 's', or 0 when a part has none).
func splitUnits(s string) (nums []string, units []byte, ok bool) {
	r := []rune(strings.TrimSpace(s))
	for i := 0; i < len(r); {
		for i < len(r) && unicode.IsSpace(r[i]) {
			i++
		}
		if i == len(r) {
			break
		}
		j := i
		if r[j] == '+' || r[j] == '-' {
			j++
		}
		for j < len(r) && (r[j] >= '0' && r[j] <= '9' || r[j] == '.') {
			j++
		}
		if j == i || (j == i+1 && (r[i] == '+' || r[i] == '-')) {
			return nil, nil, false
		}
		num := string(r[i:j])
		k := j
		for k < len(r) && !unicode.IsSpace(r[k]) && !(r[k] >= '0' && r[k] <= '9') && r[k] != '+' && r[k] != '-' && r[k] != '.' {
			k++
		}
		var u byte
		switch strings.ToLower(string(r[j:k])) {
		case "":
		case "h", "hr", "hour", "hours":
			u = 'h'
		case "d", "deg", "°":
			u = 'd'
		case "m", "min", "'", "′", "arcmin":
			u = 'm'
		case "s", "sec", "\"", "″", "arcsec":
			u = 's'
		default:
			return nil, nil, false
		}
		nums, units = append(nums, num), append(units, u)
		i = k
	}
	return nums, units, true
}

// ParseRadius reads a cone radius in degrees: "0.2 deg", "0.2d", "3 arcmin", "3'",
// "10 arcsec", "10\"", ".02 deg"; a bare number is degrees.
func ParseRadius(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty radius: expected e.g. 0.2 deg, 3 arcmin or 10 arcsec")
	}
	i := 0
	for i < len(t) && strings.IndexByte("0123456789.+-eE", t[i]) >= 0 {
		// An "e" is an exponent only when a digit or sign follows.
		if (t[i] == 'e' || t[i] == 'E') && (i+1 >= len(t) || strings.IndexByte("0123456789+-", t[i+1]) < 0) {
			break
		}
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	v, ok := parseDecimal(num)
	if !ok {
		return 0, fmt.Errorf("cannot parse radius %q: expected e.g. 0.2 deg, 3 arcmin or 10 arcsec", t)
	}
	var scale float64
	switch unit {
	case "", "d", "deg", "degs", "degree", "degrees", "°":
		scale = 1
	case "arcmin", "arcmins", "arcminute", "arcminutes", "amin", "'", "′":
		scale = 1.0 / 60
	case "arcsec", "arcsecs", "arcsecond", "arcseconds", "asec", "\"", "″":
		scale = 1.0 / 3600
	default:
		return 0, fmt.Errorf("unknown radius unit %q: use deg, arcmin or arcsec", strings.TrimSpace(t[i:]))
	}
	if v <= 0 {
		return 0, fmt.Errorf("radius must be positive, got %q", t)
	}
	deg := v * scale
	if deg > 180 {
		return 0, fmt.Errorf("radius %q is larger than 180 deg", t)
	}
	return deg, nil
}

// ParseCriterion reads one KEY=VALUE criterion (the value keeps its own syntax, see
// Criterion).
func ParseCriterion(s string) (Criterion, error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return Criterion{}, fmt.Errorf("expected KEY=VALUE, got %q", s)
	}
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if k == "" {
		return Criterion{}, fmt.Errorf("criterion %q has no column name", s)
	}
	for _, r := range k {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.') {
			return Criterion{}, fmt.Errorf("criterion %q: column name %q may only hold letters, digits, _ and .", s, k)
		}
	}
	if v == "" {
		return Criterion{}, fmt.Errorf("criterion %q has no value", s)
	}
	return Criterion{Name: k, Value: v}, nil
}

// parseDecimal accepts only plain decimal notation ([sign]digits[.digits][e[sign]digits]),
// not the "inf", "nan", hex or underscore spellings strconv also takes.
func parseDecimal(s string) (float64, bool) {
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789.+-eE", r) }) >= 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
