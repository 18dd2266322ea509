package cutouts

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// sectorsTSV is the TESS mission's table of sector dates (see the file's header).
//
//go:embed sectors.tsv
var sectorsTSV string

// SectorSpan is when TESS observed a sector: its first and last day (UTC dates).
type SectorSpan struct {
	Start, End time.Time
}

// String reads "2018-07-25 → 2018-08-22".
func (s SectorSpan) String() string {
	return s.Start.Format(time.DateOnly) + " → " + s.End.Format(time.DateOnly)
}

// sectorSpans is the parsed table, read once: it never changes after the build.
var sectorSpans = sync.OnceValue(func() map[int]SectorSpan {
	spans, err := parseSectorSpans(sectorsTSV)
	if err != nil {
		panic("services/cutouts/sectors.tsv: " + err.Error()) // a broken embedded file fails every test
	}
	return spans
})

// parseSectorSpans reads "sector<TAB>start<TAB>end" lines; # starts a comment.
func parseSectorSpans(text string) (map[int]SectorSpan, error) {
	out := map[int]SectorSpan{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want sector, start, end separated by tabs, got %q", i+1, line)
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("line %d: sector %q is not a number from 1", i+1, f[0])
		}
		start, err1 := time.Parse(time.DateOnly, f[1])
		end, err2 := time.Parse(time.DateOnly, f[2])
		if err1 != nil || err2 != nil || !end.After(start) {
			return nil, fmt.Errorf("line %d: sector %d: dates %q → %q are not YYYY-MM-DD, start before end", i+1, n, f[1], f[2])
		}
		if _, dup := out[n]; dup {
			return nil, fmt.Errorf("line %d: sector %d listed twice", i+1, n)
		}
		out[n] = SectorSpan{Start: start, End: end}
	}
	return out, nil
}

// SectorDates is when TESS observed sector n, false for a sector not in the mission's
// table (a newer one, or no sector at all): then there are no dates to show.
func SectorDates(n int) (SectorSpan, bool) {
	s, ok := sectorSpans()[n]
	return s, ok
}

// LastDatedSector is the newest sector with known dates.
func LastDatedSector() int {
	last := 0
	for n := range sectorSpans() {
		last = max(last, n)
	}
	return last
}

// SectorCadence is the full-frame images' cadence in sector n, which TESScut cuts from:
// 30 minutes in the prime mission (sectors 1–26), 10 minutes in the first extended
// mission (27–55), 200 seconds from sector 56 on; 0 for no sector.
func SectorCadence(n int) time.Duration {
	switch {
	case n < 1:
		return 0
	case n <= 26:
		return 30 * time.Minute
	case n <= 55:
		return 10 * time.Minute
	}
	return 200 * time.Second
}

// FormatCadence reads "30 min", "10 min" or "200 s" ("" for none).
func FormatCadence(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + " min"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}
