package download

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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
	// Only the lower bound is checked on the wall clock: a loaded machine can be slower
	// than the cap, never faster. TestLimiterAccounting checks it does not over-throttle.
	ideal := time.Duration(float64(total) / rate * float64(time.Second))
	if elapsed < ideal*8/10 {
		t.Fatalf("%d bytes in %v at a cap of %d B/s: faster than %v allows", total, elapsed, rate, ideal)
	}
	t.Logf("%d bytes in %v (ideal %v)", total, elapsed, ideal)
}

// TestLimiterAccounting runs the bucket on a fake clock: the sleeps it asks for add up
// to exactly what the cap requires (less the starting burst), no more and no less, and
// idle time refills at most one burst.
func TestLimiterAccounting(t *testing.T) {
	clock := time.Unix(1000, 0)
	var slept time.Duration
	l := newLimiter(0)
	l.now = func() time.Time { return clock }
	l.sleep = func(_ context.Context, d time.Duration) error { slept += d; clock = clock.Add(d); return nil }
	const rate = 1_000_000
	l.set(rate)
	burst := l.burstLocked()
	l.tokens = burst // a full bucket
	ctx := context.Background()
	for range 100 {
		if err := l.take(ctx, 20_000); err != nil {
			t.Fatal(err)
		}
	}
	want := time.Duration((2_000_000 - burst) / rate * float64(time.Second))
	if d := slept - want; d < -time.Millisecond || d > time.Millisecond {
		t.Fatalf("2 MB at 1 MB/s with a %.0f-byte burst: slept %v, want %v", burst, slept, want)
	}
	// An idle minute refills one burst only: the next 2 MB cost the same again.
	clock = clock.Add(time.Minute)
	slept = 0
	for range 100 {
		l.take(ctx, 20_000)
	}
	if d := slept - want; d < -time.Millisecond || d > time.Millisecond {
		t.Fatalf("after an idle minute: slept %v, want %v", slept, want)
	}
	// Unlimited never sleeps.
	l.set(0)
	slept = 0
	l.take(ctx, 50_000_000)
	if slept != 0 {
		t.Fatalf("unlimited slept %v", slept)
	}
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

// The space check counts what is still missing: nothing for a complete file, the rest
// of a .part, everything for a file whose directory does not exist yet.
func TestFreeSpaceCountsWhatIsMissing(t *testing.T) {
	root := t.TempDir()
	obs := filepath.Join(root, "HST", "obs1")
	if err := os.MkdirAll(obs, 0o755); err != nil {
		t.Fatal(err)
	}
	complete := Item{Dest: filepath.Join(obs, "a.fits"), Size: 1000}
	partial := Item{Dest: filepath.Join(obs, "b.fits"), Size: 1000}
	fresh := Item{Dest: filepath.Join(root, "HST", "obs2", "c.fits"), Size: 1000}
	if err := os.WriteFile(complete.Dest, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(partial.Dest+partSuffix, make([]byte, 300), 0o644); err != nil {
		t.Fatal(err)
	}
	err := checkSpace([]Item{complete, partial, fresh}, func(string) (int64, error) { return 1, nil })
	var se *SpaceError
	if !errors.As(err, &se) || se.Need != 700+1000 {
		t.Fatalf("checkSpace = %v, want a SpaceError for %d bytes", err, 700+1000)
	}
}
