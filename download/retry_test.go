package download

import (
	"context"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRetryAfterHonoured(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	var mu sync.Mutex
	var times []time.Time
	c.hook = func(w http.ResponseWriter, r *http.Request, n int64) bool {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return true
		}
		return false
	}
	it := itemsFor(t, ts.URL, t.TempDir(), pick(t, 1, 3000, 40000))[0]
	o := fastOpts(t)
	o.MaxRetryAfter = 0 // default cap (10 min): the server's 1 s must be waited in full
	m := newManager(t, o)
	if err := m.Add(it); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	waitFor(t, "the retry to be scheduled", 5*time.Second, func() bool { s, _ := m.Status(it.ID); return !s.NextRetry.IsZero() })
	if s, _ := m.Status(it.ID); s.State != Queued || !strings.Contains(s.Err, "429") {
		t.Fatalf("while waiting: %s %q", s.State, s.Err)
	}
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(times) != 2 || times[1].Sub(times[0]) < 950*time.Millisecond {
		t.Fatalf("%d requests, gap %v; want the retry after Retry-After: 1", len(times), times[len(times)-1].Sub(times[0]))
	}
	checkFiles(t, []Item{it})
}

func TestGivesUpWithClearError(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	c.hook = func(w http.ResponseWriter, r *http.Request, n int64) bool {
		if strings.Contains(r.URL.RawQuery, "missing") {
			return false // the simulator's own 404
		}
		http.Error(w, "backend down", http.StatusBadGateway)
		return true
	}
	dir := t.TempDir()
	down := itemsFor(t, ts.URL, dir, pick(t, 1, 3000, 40000))[0]
	missing := Item{URL: FileURL(ts.URL, "mast:HST/product/missing_raw.fits"), Dest: dir + "/missing_raw.fits"}
	o := fastOpts(t)
	o.MaxAttempts = 3
	st := runQueue(t, newManager(t, o), []Item{down, missing}, 30*time.Second)
	if st[0].State != Failed || st[0].Attempt != 3 || !strings.HasPrefix(st[0].Err, "gave up after 3 failed attempts: HTTP 502 Bad Gateway: backend down") {
		t.Errorf("502 forever: %s after %d attempts: %q", st[0].State, st[0].Attempt, st[0].Err)
	}
	if st[1].State != Failed || st[1].Attempt != 1 || !strings.HasPrefix(st[1].Err, "HTTP 404 Not Found") {
		t.Errorf("404: %s after %d attempts: %q", st[1].State, st[1].Attempt, st[1].Err)
	}
}

// TestCloseStopsEverything closes a manager with transfers hanging mid-body: Close
// returns promptly and leaves no goroutine or connection behind.
func TestCloseStopsEverything(t *testing.T) {
	release := make(chan struct{})
	c, ts := serve(t, sharedSim(t).Handler())
	c.hook = func(w http.ResponseWriter, r *http.Request, n int64) bool {
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte("SIMPLE  =                    T"))
		w.(http.Flusher).Flush()
		select { // hang until the client goes away
		case <-r.Context().Done():
		case <-release:
		}
		return true
	}
	defer close(release)
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 6, 3000, 40000))
	o := fastOpts(t)
	o.StallTimeout = time.Hour // only Close can end these transfers
	m, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Add(items...); err != nil {
		t.Fatal(err)
	}
	m.Start(context.Background())
	waitFor(t, "hanging transfers", 5*time.Second, func() bool { return c.reqs.Load() >= 4 })
	closed := make(chan error, 1)
	go func() { closed <- m.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a hang guard: only cancellation can end them
		t.Fatal("Close did not stop the hanging transfers")
	}
	if _, ok := <-m.Events(); ok {
		// drain: Events is closed after Close, possibly after buffered events
		for range m.Events() {
		}
	}
	noLeaks(t)
	waitFor(t, "client connections to close", 3*time.Second, func() bool {
		buf := make([]byte, 1<<20)
		return !strings.Contains(string(buf[:runtime.Stack(buf, true)]), "net/http.(*persistConn)")
	})
	if err := m.Add(items[0]); err != ErrClosed {
		t.Fatalf("Add after Close: %v", err)
	}
	if st := statesOf(m.Snapshot()); st[Queued] != len(items) {
		t.Fatalf("after Close: %v, want everything queued for the next start", st)
	}
}
