package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// TestOneShotGCHandsOverAtTheLimit: once the heap reaches the limit, the collector runs
// and the default pacing (GOGC=100, no limit) takes over: memory stays bounded.
func TestOneShotGCHandsOverAtTheLimit(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	settings := func() (gogc, limit uint64) {
		s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
		metrics.Read(s)
		return s[0].Value.Uint64(), s[1].Value.Uint64()
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	limit := int64(before.Sys-before.HeapReleased) + 16<<20 // the limit counts all the runtime holds
	oneShotGC(limit)
	if gogc, l := settings(); gogc != math.MaxUint64 || l != uint64(limit) { // off reads as -1
		t.Fatalf("under the limit: GOGC %d, limit %d; want off and %d", int64(gogc), l, limit)
	}
	var live [][]byte
	deadline := time.Now().Add(time.Minute) // generous: only a hang fails
	for {
		if gogc, l := settings(); gogc == 100 {
			if l != math.MaxInt64 {
				t.Errorf("memory limit %d after the hand-over, want none", l)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("heap past the limit and the default pacing never took over")
		}
		live = append(live, make([]byte, 1<<20))
		if len(live) > 64 {
			live = nil // bound the heap while the finalizer runs
		}
		runtime.Gosched()
	}
	runtime.KeepAlive(live)
}
