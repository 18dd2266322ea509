package cutouts

import "testing"

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
