package mast

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// openLimit stands in for "no bound" in {min, max} filters when the column config gives
// no min/max: the Portal only knows closed ranges.
const openLimit = 1e300

// interval is an inclusive numeric range.
type interval struct{ lo, hi float64 }

// bound is one parsed value: a number (lo == hi) or, for a date without a time, the
// whole day (lo = its midnight, hi = the next midnight).
type bound struct{ lo, hi float64 }

// parseInterval reads "a..b", ">x", ">=x", "<x", "<=x" or "x" for a continuous column.
// Dates (ISO) are accepted on date columns and turned into MJD. limLo/limHi replace
// open ends.
func parseInterval(v string, dates bool, limLo, limHi float64) (interval, error) {
	switch {
	case strings.Contains(v, ".."):
		a, b, _ := strings.Cut(v, "..")
		if strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			return interval{}, fmt.Errorf("range %q needs both ends, e.g. 1.5..3", v)
		}
		lo, err := parseBound(a, dates)
		if err != nil {
			return interval{}, err
		}
		hi, err := parseBound(b, dates)
		if err != nil {
			return interval{}, err
		}
		if lo.lo > hi.hi {
			return interval{}, fmt.Errorf("range %q has its lower end above its upper end", v)
		}
		return interval{lo.lo, hi.hi}, nil
	case strings.HasPrefix(v, ">="), strings.HasPrefix(v, "<="), strings.HasPrefix(v, ">"), strings.HasPrefix(v, "<"):
		op := v[:1]
		rest := v[1:]
		strict := !strings.HasPrefix(rest, "=")
		rest = strings.TrimPrefix(rest, "=")
		x, err := parseBound(rest, dates)
		if err != nil {
			return interval{}, err
		}
		// Strict bounds step to the neighbouring float, so the inclusive range means
		// exactly "greater than" / "less than".
		if op == ">" {
			if strict {
				return interval{math.Nextafter(x.hi, math.Inf(1)), limHi}, nil
			}
			return interval{x.lo, limHi}, nil
		}
		if strict {
			return interval{limLo, math.Nextafter(x.lo, math.Inf(-1))}, nil
		}
		return interval{limLo, x.hi}, nil
	default:
		x, err := parseBound(v, dates)
		if err != nil {
			return interval{}, err
		}
		return interval{x.lo, x.hi}, nil
	}
}

// Years and MJDs: MAST's oldest data (IUE, Copernicus) are from the 1970s, MJD > 40000,
// so a small number on a date column is no MJD anyone means. A four-digit one in
// this range is a year; any other below smallMJD is refused with a hint.
const (
	minYear, maxYear = 1800, 2299
	smallMJD         = 10000
	oldestDataMJD    = 40000
)

// parseBound reads a number, or on date columns a time span: a year (2023), a month
// (2022-07), a day (2022-07-01) or an instant (2022-07-01T12:00:00), all UTC. A bare
// number on a date column is an MJD, unless it is a year.
func parseBound(s string, dates bool) (bound, error) {
	s = strings.TrimSpace(s)
	if !dates {
		if f, ok := parseDecimal(s); ok {
			return bound{f, f}, nil
		}
		return bound{}, fmt.Errorf("%q is not a number", s)
	}
	if from, to, ok := parseTimeSpan(s); ok {
		return bound{mjd(from), mjd(to)}, nil
	}
	if f, ok := parseDecimal(s); ok {
		if f < smallMJD {
			when := "before 1858-11-17"
			if f >= 0 {
				when = mjdEpoch().Add(time.Duration(f * 86400 * float64(time.Second))).Format("2006-01-02")
			}
			return bound{}, fmt.Errorf("%s is not a year, and as an MJD it is %s, before any MAST data: write a year (2023), a date (2023-07-01) or an MJD above %d",
				s, when, oldestDataMJD)
		}
		return bound{f, f}, nil
	}
	return bound{}, fmt.Errorf("%q is neither a number (MJD) nor a date like 2023, 2022-07, 2022-07-01 or 2022-07-01T12:00:00", s)
}

// parseTimeSpan reads a year, a month, a day or an instant (ISO, UTC) as the span
// [from, to) it covers; an instant is an empty span (from == to).
func parseTimeSpan(s string) (from, to time.Time, ok bool) {
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil && y >= minYear && y <= maxYear {
			from = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			return from, from.AddDate(1, 0, 0), true
		}
		return time.Time{}, time.Time{}, false
	}
	if t, err := time.ParseInLocation("2006-01", s, time.UTC); err == nil {
		return t, t.AddDate(0, 1, 0), true
	}
	t, dateOnly, ok := parseISOTime(s)
	switch {
	case !ok:
		return time.Time{}, time.Time{}, false
	case dateOnly:
		return t, t.AddDate(0, 0, 1), true
	}
	return t, t, true
}

// parseISOTime accepts 2022-07-01, 2022-07-01T12:00[:00[.fff]][Z] and the same with a
// space instead of T; times are UTC.
func parseISOTime(s string) (t time.Time, dateOnly bool, ok bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "Z"), "z")
	if t, err := time.ParseInLocation("2006-01-02", s, time.UTC); err == nil {
		return t, true, true
	}
	s = strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// mjd is the Modified Julian Date of t (JD − 2400000.5; 1858-11-17T00:00Z is MJD 0).
func mjd(t time.Time) float64 {
	// Whole seconds first (exact integers), so no precision is lost on the day count.
	return float64(t.Unix()-mjdEpoch().Unix())/86400 + float64(t.Nanosecond())/86400e9
}

// mjdEpoch is MJD 0.
func mjdEpoch() time.Time { return time.Date(1858, 11, 17, 0, 0, 0, 0, time.UTC) }

// parseIntRange reads "a..b" on a discrete integer column.
func parseIntRange(v string) (lo, hi int64, err error) {
	a, b, _ := strings.Cut(v, "..")
	if lo, err = strconv.ParseInt(strings.TrimSpace(a), 10, 64); err != nil {
		return 0, 0, fmt.Errorf("range %q needs two integers, e.g. 1..3", v)
	}
	if hi, err = strconv.ParseInt(strings.TrimSpace(b), 10, 64); err != nil {
		return 0, 0, fmt.Errorf("range %q needs two integers, e.g. 1..3", v)
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("range %q has its lower end above its upper end", v)
	}
	return lo, hi, nil
}

// CriterionRange reads one member of a numeric criterion (x, a..b, >x, <=x; ISO dates
// on the CAOM time columns, as MJD) as the closed interval astroquery's query_criteria
// takes for a continuous column ([min, max]); open ends are ±1e300 as in the filters
// this client sends. For the "copy as astroquery" snippet.
func CriterionRange(name, member string) (lo, hi float64, err error) {
	iv, err := parseInterval(strings.TrimSpace(member), isDateColumn(name, nil), -openLimit, openLimit)
	return iv.lo, iv.hi, err
}

// CriterionIntRange reads a..b of an integer column (calib_level=2..3).
func CriterionIntRange(member string) (lo, hi int64, err error) { return parseIntRange(member) }
