package common

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"mastui/services/mast"
)

// Commas formats n with thousands separators: 1804 -> "1,804".
func Commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	out = append(out, s[:first]...)
	for i := first; i < len(s); i += 3 {
		out = append(out, ',')
		out = append(out, s[i:i+3]...)
	}
	return string(out)
}

// mjdEpoch is MJD 0, 1858-11-17T00:00:00Z, in Unix seconds.
const mjdEpoch = -3506716800

// MJDDate renders a Modified Julian Date as an ISO date ("2022-11-14"); "" when not finite.
func MJDDate(mjd float64) string {
	if math.IsNaN(mjd) || math.IsInf(mjd, 0) || mjd < -678000 || mjd > 2_900_000 {
		return ""
	}
	sec := mjdEpoch + int64(math.Floor(mjd*86400))
	return time.Unix(sec, 0).UTC().Format("2006-01-02")
}

// FormatPosition renders an ICRS position as "210.802429 +54.348750".
func FormatPosition(p mast.Position) string {
	return fmt.Sprintf("%.6f %+.6f", p.RA, p.Dec)
}

// FormatResolved renders a resolved name as "M101 → 210.802429 +54.348750 (SIMBAD)".
func FormatResolved(r *mast.Resolved) string {
	if r == nil {
		return ""
	}
	s := Sanitize(r.Name) + " → " + FormatPosition(r.Position)
	if r.Resolver != "" {
		s += " (" + Sanitize(r.Resolver) + ")"
	}
	return s
}
