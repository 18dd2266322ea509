package uitest

import (
	"net/http/httptest"
	"testing"
	"time"

	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/services/sim/simtest"
)

// SimArchive is the real MAST client talking to a real simulator (seed 1) over loopback:
// deterministic, so golden screens can be taken of real-looking data. Each call starts
// its own simulator, all serving the one DemoArchive.
func SimArchive(t testing.TB) *mast.Client {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: DemoArchive(t)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond})
}

// DemoArchive is the Seed-1 demo archive, built once per test binary: building one takes
// seconds under the race detector, and an archive never changes once built, so every
// simulator a test starts (with its own faults) can serve this one.
func DemoArchive(t testing.TB) *sim.Archive { return simtest.DemoArchive(t) }
