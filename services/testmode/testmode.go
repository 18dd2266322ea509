// Package testmode tells tests how they are run. make test runs the packages where
// goroutines live under the race detector, except their data sweeps, which run in a
// second pass without it with the other packages (see Sweep).
package testmode

import (
	"strings"
	"testing"
)

// Sweep marks a test that walks a large data space (every service, every listed file,
// whole reference pages) on one goroutine. Under the race detector such a test costs
// ten times its time and checks nothing the concurrent tests do not, so the race pass
// skips it and make test's sweep pass runs it without -race, picking it by name: a
// sweep's name must end in "Sweep" (checked here, so none is silently left out).
func Sweep(t testing.TB) {
	t.Helper()
	name, _, _ := strings.Cut(t.Name(), "/")
	if !strings.HasSuffix(name, "Sweep") {
		t.Fatalf("%s calls testmode.Sweep: its name must end in Sweep, or make test's sweep pass never runs it", name)
	}
	if Race {
		t.Skip("data sweep: make test runs it without -race")
	}
}
