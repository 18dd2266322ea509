package cli

import (
	"testing"

	"mastui/services/sim"
	"mastui/services/sim/simtest"
)

// demoArchive is the demo archive every simulator of these tests serves (built once).
func demoArchive(t testing.TB) *sim.Archive { return simtest.DemoArchive(t) }
