package mast_test

import (
	"context"
	"testing"

	"mastui/services/sim"
)

// The simulator answers Mast.Caom.All with binned t_min and t_exptime histograms, as
// MAST does: the Observations form draws them.
func TestHistogramsFromTheSimulator(t *testing.T) {
	_, c := newSim(t, sim.Options{Archive: demoArchive(t)})
	hs, err := c.Histograms(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"t_min", "t_exptime"} {
		h, ok := hs[col]
		var n int64
		for _, k := range h.Counts {
			n += k
		}
		if !ok || len(h.Counts) == 0 || h.Max <= h.Min || n == 0 {
			t.Errorf("%s: %+v", col, h)
		}
	}
}
