// Package simtest is test support for packages that run against the simulator: the
// Seed-1 demo archive, built once per test binary. Building one takes seconds under the
// race detector, and an archive never changes once built, so every simulator a test
// starts (with its own faults) can serve this one (sim.Options.Archive).
package simtest

import (
	"sync"
	"testing"

	"mastui/services/sim"
)

// DemoArchive is the Seed-1 demo archive, built on first use.
func DemoArchive(t testing.TB) *sim.Archive {
	t.Helper()
	a, err := demoArchive()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// demoArchive builds the archive once (test support only: never in a session).
var demoArchive = sync.OnceValues(func() (*sim.Archive, error) { return sim.NewArchive(1) })
