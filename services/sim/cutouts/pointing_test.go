package cutouts

import (
	"bytes"
	"math"
	"testing"
	"time"

	cutsvc "mastui/services/cutouts"
	"mastui/services/fits"
)

// The astroquery documentation's examples come out as MAST answers them (seed 003).
func TestPointingSeedExamples(t *testing.T) {
	for _, c := range []struct {
		ra, dec float64
		want    string // the first sector's name
		only    int    // the sector that must be the only one of its year, 0 if none
	}{
		{324.24368, -27.01029, "tess-s0001-1-3", 1},
		{196.48412, -25.60219, "tess-s0010-1-4", 10}, // TIC 32449963 as the simulator resolves it
		{107.18696, -70.50919, "tess-s0001-4-3", 0},  // continuous viewing zone: every southern sector
	} {
		hits := sectorsAt(c.ra, c.dec, 0)
		if len(hits) == 0 || hits[0].name() != c.want {
			t.Errorf("%v %v: %v, want first %s", c.ra, c.dec, hits, c.want)
			continue
		}
		if c.only > 0 && len(hits) > 1 && hits[1].sector <= 13 {
			t.Errorf("%v %v: %v, want %d alone in the first year", c.ra, c.dec, hits, c.only)
		}
	}
	if n := len(sectorsAt(107.18696, -70.50919, 0)); n < 30 {
		t.Errorf("the southern CVZ is in %d sectors, want it in every southern one", n)
	}
}

func TestCCDCentreRoundTrip(t *testing.T) {
	for _, h := range []hit{{1, 1, 3}, {10, 1, 4}, {43, 1, 1}, {20, 2, 2}, {5, 4, 1}, {30, 3, 2}} {
		ra, dec := ccdCentre(h)
		found := false
		for _, g := range sectorsAt(ra, dec, 0) {
			found = found || g == h
		}
		if !found {
			t.Errorf("%s: its centre %.4f %.4f is not in it (%v)", h.name(), ra, dec, sectorsAt(ra, dec, 0))
		}
	}
}

// A target pixel file's times are its sector's dates in the mission's table the client
// shows (sector 13: 2019-06-19 → 2019-07-18), and a sector newer than the table follows
// the table's last one.
func TestTPFTimesFollowTheSectorTable(t *testing.T) {
	last := cutsvc.LastDatedSector()
	lastSpan, _ := cutsvc.SectorDates(last)
	for _, c := range []struct {
		sector     int
		start, end time.Time
	}{
		{13, time.Date(2019, 6, 19, 0, 0, 0, 0, time.UTC), time.Date(2019, 7, 18, 0, 0, 0, 0, time.UTC)},
		{last + 1, lastSpan.End, lastSpan.End.Add(time.Duration(sectorDays * 24 * float64(time.Hour)))},
	} {
		data, err := makeTPF(tpfSpec{hit: hit{c.sector, 4, 3}, ra: 100, dec: -70, nx: 3, ny: 3, cadences: 40})
		if err != nil {
			t.Fatal(err)
		}
		f, err := fits.Parse(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		h, _ := f.HDU("PIXELS")
		start, _ := h.Header.Float("TSTART")
		stop, _ := h.Header.Float("TSTOP")
		// BTJD = JD − 2457000; 2019-06-19 00:00 UTC is JD 2458653.5.
		want := func(t time.Time) float64 { return float64(t.Unix())/86400 + 2440587.5 - 2457000 }
		if math.Abs(start-want(c.start)) > 1e-6 || math.Abs(stop-want(c.end)) > 1e-6 {
			t.Errorf("sector %d: TSTART %v TSTOP %v, want %v %v", c.sector, start, stop, want(c.start), want(c.end))
		}
	}
	if s, _ := sectorSpan(13); math.Abs(s-1653.5) > 1e-9 {
		t.Errorf("sector 13 starts at BTJD %v, want 1653.5", s)
	}
}
