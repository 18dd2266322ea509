package cli

import (
	"sync"
	"testing"

	"mastui/services/sim"
)

// demoArchive is the Seed-1 demo archive, built once for the package's tests: building
// one takes seconds under the race detector, and an archive never changes once built, so
// every simulator a test starts (with its own faults) serves this one.
func demoArchive(t testing.TB) *sim.Archive {
	t.Helper()
	sharedArchive.once.Do(func() { sharedArchive.a, sharedArchive.err = sim.NewArchive(1) })
	if sharedArchive.err != nil {
		t.Fatal(sharedArchive.err)
	}
	return sharedArchive.a
}

var sharedArchive struct {
	once sync.Once
	a    *sim.Archive
	err  error
}
