package uitest

import (
	"net/http/httptest"
	"testing"
	"time"

	"mastui/services/mast"
	"mastui/services/sim"
)

// SimArchive is the real MAST client talking to a real simulator (seed 1) over loopback:
// deterministic, so golden screens can be taken of real-looking data.
func SimArchive(t testing.TB) *mast.Client {
	t.Helper()
	s, err := sim.New(sim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond})
}
