package download

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// slowManager serves big files through a bandwidth cap so transfers stay active long
// enough to be controlled.
func slowManager(t *testing.T, n int) (*Manager, []Item, *counter, Options) {
	t.Helper()
	c, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, n, 150_000, 400_000))
	o := fastOpts(t)
	o.RateLimit = 200_000
	m := newManager(t, o)
	if err := m.Add(items...); err != nil {
		t.Fatal(err)
	}
	return m, items, c, o
}

func state(t *testing.T, m *Manager, id string) Status {
	t.Helper()
	s, ok := m.Status(id)
	if !ok {
		t.Fatalf("no item %s", id)
	}
	return s
}

// running tells whether a worker still holds the item (it may be unwinding after a
// pause or cancel).
func running(m *Manager, id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.entries[id] != nil && m.entries[id].running
}

func partSize(it Item) int64 {
	fi, err := os.Stat(it.Dest + partSuffix)
	if err != nil {
		return -1
	}
	return fi.Size()
}

func TestPauseResume(t *testing.T) {
	m, items, c, _ := slowManager(t, 1)
	it := items[0]
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	waitFor(t, "bytes on disk", 10*time.Second, func() bool { return partSize(it) > 20_000 })
	if err := m.Pause(it.ID); err != nil {
		t.Fatal(err)
	}
	if s := state(t, m, it.ID); s.State != Paused {
		t.Fatalf("state %s after Pause", s.State)
	}
	waitFor(t, "the worker to let go", 5*time.Second, func() bool { return !running(m, it.ID) })
	held := partSize(it)
	time.Sleep(200 * time.Millisecond)
	if partSize(it) != held || held <= 0 {
		t.Fatalf("paused .part changed: %d -> %d", held, partSize(it))
	}
	if err := m.Wait(ctx); err != nil { // paused items do not keep Wait busy
		t.Fatal(err)
	}
	m.SetRateLimit(0)
	if err := m.Resume(it.ID); err != nil {
		t.Fatal(err)
	}
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if s := state(t, m, it.ID); s.State != Done {
		t.Fatalf("state %s after Resume: %s", s.State, s.Err)
	}
	checkFiles(t, items)
	reqs := c.requests()
	if len(reqs) != 2 || reqs[1].Range == "" {
		t.Fatalf("requests %+v: want the resume to send Range", reqs)
	}
	if err := m.Resume(it.ID); !errors.Is(err, ErrState) {
		t.Fatalf("Resume of a done item: %v, want ErrState", err)
	}
	if err := m.Pause("nope"); !errors.Is(err, ErrUnknownItem) {
		t.Fatalf("Pause of an unknown item: %v", err)
	}
}

func TestCancelRemovesPartAndRetryRestarts(t *testing.T) {
	m, items, _, _ := slowManager(t, 1)
	it := items[0]
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	waitFor(t, "bytes on disk", 10*time.Second, func() bool { return partSize(it) > 20_000 })
	if err := m.Cancel(it.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the .part to go", 5*time.Second, func() bool { return partSize(it) == -1 && m.Totals().Active == 0 })
	if s := state(t, m, it.ID); s.State != Cancelled || s.Done != 0 {
		t.Fatalf("after Cancel: %s, %d bytes", s.State, s.Done)
	}
	m.SetRateLimit(0)
	if err := m.Retry(it.ID); err != nil {
		t.Fatal(err)
	}
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if s := state(t, m, it.ID); s.State != Done {
		t.Fatalf("after Retry: %s %s", s.State, s.Err)
	}
	checkFiles(t, items)
}

func TestPauseAllSurvivesRestart(t *testing.T) {
	m, items, _, o := slowManager(t, 6)
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	waitFor(t, "transfers", 10*time.Second, func() bool { return m.Totals().Active > 0 })
	if err := m.PauseAll(); err != nil {
		t.Fatal(err)
	}
	if tot := m.Totals(); tot.Paused != len(items) {
		t.Fatalf("totals after PauseAll: %+v", tot)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	o.RateLimit = 0
	m2 := newManager(t, o)
	if tot := m2.Totals(); tot.Paused != len(items) {
		t.Fatalf("after restart: %+v, want all paused", tot)
	}
	m2.Start(ctx)
	if err := m2.ResumeAll(); err != nil {
		t.Fatal(err)
	}
	if err := m2.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if tot := m2.Totals(); tot.Done != len(items) {
		t.Fatalf("after ResumeAll: %+v", tot)
	}
	checkFiles(t, items)
	if err := m2.ClearFinished(); err != nil {
		t.Fatal(err)
	}
	if n := len(m2.Snapshot()); n != 0 {
		t.Fatalf("%d items after ClearFinished", n)
	}
	m2.Close()
	m3 := newManager(t, o)
	if n := len(m3.Snapshot()); n != 0 {
		t.Fatalf("%d items came back after ClearFinished and a restart", n)
	}
}

// TestEvents checks the consumer's view: every item's last state event is final, and
// progress is throttled.
func TestEvents(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 20, 150_000, 400_000))
	o := fastOpts(t)
	o.ProgressInterval = 50 * time.Millisecond
	o.RateLimit = 4_000_000
	m := newManager(t, o)
	if err := m.Add(items...); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	last := map[string]Status{}
	progress := map[string]int{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range m.Events() {
			switch e := ev.(type) {
			case StateEvent:
				last[e.ID] = e.Status
			case ProgressEvent:
				progress[e.ID]++
			}
		}
	}()
	start := time.Now()
	m.Start(ctx)
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	// The final state events may still be on their way: wait for them before closing.
	waitFor(t, "final events", 5*time.Second, func() bool {
		n := 0
		for _, it := range items {
			if s, ok := m.Status(it.ID); ok && s.State == Done {
				n++
			}
		}
		return n == len(items)
	})
	time.Sleep(100 * time.Millisecond)
	elapsed := time.Since(start)
	m.Close()
	<-done
	for _, it := range items {
		if s := last[it.ID]; s.State != Done || s.Done != it.Size {
			t.Errorf("%s: last state event %s %d/%d", it.Filename, s.State, s.Done, it.Size)
		}
		if max := int(elapsed/o.ProgressInterval) + 3; progress[it.ID] > max {
			t.Errorf("%s: %d progress events in %v, more than %d", it.Filename, progress[it.ID], elapsed, max)
		}
	}
}
