package download

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestBandwidthCap(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 3, 150_000, 400_000))
	var total int64
	for _, it := range items {
		total += it.Size
	}
	const rate = 400_000
	o := fastOpts(t)
	o.RateLimit = rate
	start := time.Now()
	st := runQueue(t, newManager(t, o), items, 60*time.Second)
	elapsed := time.Since(start)
	if got := statesOf(st); got[Done] != len(items) {
		t.Fatalf("states %v", got)
	}
	checkFiles(t, items)
	ideal := time.Duration(float64(total) / rate * float64(time.Second))
	if elapsed < ideal*8/10 {
		t.Fatalf("%d bytes in %v at a cap of %d B/s: faster than %v allows", total, elapsed, rate, ideal)
	}
	if elapsed > 3*ideal+2*time.Second {
		t.Fatalf("%d bytes took %v at a cap of %d B/s (ideal %v): the cap throttles far too much", total, elapsed, rate, ideal)
	}
	t.Logf("%d bytes in %v (ideal %v)", total, elapsed, ideal)
}

func TestLimiterSharesOneBucket(t *testing.T) {
	l := newLimiter(1_000_000)
	ctx := context.Background()
	start := time.Now()
	done := make(chan struct{})
	for range 4 {
		go func() {
			for range 10 {
				l.take(ctx, 25_000)
			}
			done <- struct{}{}
		}()
	}
	for range 4 {
		<-done
	}
	// 1 MB through a 1 MB/s bucket that starts empty.
	if el := time.Since(start); el < 800*time.Millisecond {
		t.Fatalf("1 MB passed a 1 MB/s limiter in %v", el)
	}
	cctx, cancel := context.WithCancelCause(ctx)
	cancel(errTestStop)
	if err := l.take(cctx, 10_000_000); !errors.Is(err, errTestStop) {
		t.Fatalf("take on a cancelled context: %v", err)
	}
}

var errTestStop = errors.New("stop")

func TestFreeSpaceRefusal(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 10, 3000, 100000))
	var need int64
	for _, it := range items {
		need += it.Size
	}
	o := fastOpts(t)
	var asked string
	o.FreeSpace = func(dir string) (int64, error) { asked = dir; return need - 1, nil }
	m := newManager(t, o)
	err := m.Add(items...)
	var se *SpaceError
	if !errors.As(err, &se) || se.Need != need || se.Free != need-1 || !strings.Contains(err.Error(), "not enough disk space") {
		t.Fatalf("Add = %v, want a SpaceError for %d bytes", err, need)
	}
	if asked == "" || len(m.Snapshot()) != 0 {
		t.Fatalf("free space asked for %q; %d items queued after a refusal", asked, len(m.Snapshot()))
	}
	t.Log(err)

	// Enough for the first half: it fits, and then the rest no longer does.
	o2 := fastOpts(t)
	var half int64
	for _, it := range items[:5] {
		half += it.Size
	}
	o2.FreeSpace = func(string) (int64, error) { return half + (need-half)/2, nil }
	m2 := newManager(t, o2)
	if err := m2.Add(items[:5]...); err != nil {
		t.Fatal(err)
	}
	if err := m2.Add(items[5:]...); !errors.As(err, &se) {
		t.Fatalf("second Add = %v, want a SpaceError counting the queue", err)
	}
}
