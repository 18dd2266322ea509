package testmode

import (
	"strings"
	"testing"
)

// fakeT records what Sweep does to a test, so both outcomes can be checked.
type fakeT struct {
	testing.TB
	name    string
	fatal   string
	skipped bool
}

func (f *fakeT) Helper()                        {}
func (f *fakeT) Name() string                   { return f.name }
func (f *fakeT) Fatalf(format string, a ...any) { f.fatal = format }
func (f *fakeT) Skip(...any)                    { f.skipped = true }

func TestSweepNeedsItsName(t *testing.T) {
	f := &fakeT{name: "TestEveryFile/sub"}
	Sweep(f)
	if !strings.Contains(f.fatal, "must end in Sweep") {
		t.Fatalf("a sweep not named *Sweep passed: %q", f.fatal)
	}
	f = &fakeT{name: "TestEveryFileSweep/sub"}
	Sweep(f)
	if f.fatal != "" || f.skipped != Race {
		t.Fatalf("a named sweep: fatal %q, skipped %v under race=%v", f.fatal, f.skipped, Race)
	}
}
