package cutouts

import (
	"strings"
	"testing"
	"time"
)

// The embedded table gives the storyboard's dates, one sector after the other with no
// gap, and nothing for a sector it does not list.
func TestSectorDates(t *testing.T) {
	for n, want := range map[int]string{
		1:  "2018-07-25 → 2018-08-22",
		13: "2019-06-19 → 2019-07-18",
		27: "2020-07-04 → 2020-07-30",
	} {
		got, ok := SectorDates(n)
		if !ok || got.String() != want {
			t.Errorf("sector %d: %q %v, want %q", n, got, ok, want)
		}
	}
	last := LastDatedSector()
	if last < 80 {
		t.Fatalf("the table ends at sector %d", last)
	}
	for n := 1; n < last; n++ {
		a, okA := SectorDates(n)
		b, okB := SectorDates(n + 1)
		if !okA || !okB || !a.End.Equal(b.Start) || a.End.Sub(a.Start) < 20*24*time.Hour || a.End.Sub(a.Start) > 35*24*time.Hour {
			t.Errorf("sectors %d and %d: %v %v", n, n+1, a, b)
		}
	}
	for _, n := range []int{0, -1, last + 1, 1000} {
		if s, ok := SectorDates(n); ok {
			t.Errorf("sector %d has dates %v", n, s)
		}
	}
}

func TestSectorCadence(t *testing.T) {
	for n, want := range map[int]string{1: "30 min", 26: "30 min", 27: "10 min", 55: "10 min", 56: "200 s", 107: "200 s", 0: ""} {
		if got := FormatCadence(SectorCadence(n)); got != want {
			t.Errorf("sector %d: %q, want %q", n, got, want)
		}
	}
}

// A broken table is refused with the line and the problem named.
func TestParseSectorSpansNamesTheProblem(t *testing.T) {
	for text, want := range map[string]string{
		"1\t2018-07-25":                                        "line 1: want sector, start, end",
		"# c\nx\t2018-07-25\t2018-08-22":                       "line 2: sector \"x\" is not a number",
		"1\t2018-08-22\t2018-07-25":                            "start before end",
		"1\t2018-07-25\t2018-08-22\n1\t2018-07-25\t2018-08-22": "sector 1 listed twice",
	} {
		if _, err := parseSectorSpans(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", text, err, want)
		}
	}
}
