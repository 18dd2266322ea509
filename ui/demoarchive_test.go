package ui_test

import (
	"testing"

	"mastui/services/sim"
	"mastui/ui/uitest"
)

// demoArchive is the Seed-1 demo archive, built once for the package's tests (see
// uitest.DemoArchive).
func demoArchive(t testing.TB) *sim.Archive { return uitest.DemoArchive(t) }
