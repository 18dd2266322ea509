package download

import (
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mastui/services/sim"
)

// shared is one fault-free Seed-1 simulator: building an archive takes seconds under the
// race detector. Every simulator with Seed 1 serves the same bytes, so shared.s.Archive()
// is the reference for files fetched from any of them.
var shared struct {
	once sync.Once
	s    *sim.Server
	err  error

	pickMu sync.Mutex
	picks  map[[2]int64][]sim.Product
	excl   *sim.Product

	digests sync.Map // URI -> [sha256.Size]byte of its content: tests check the same files again and again
}

func sharedSim(t testing.TB) *sim.Server {
	t.Helper()
	shared.once.Do(func() { shared.s, shared.err = sim.New(sim.Options{Archive: demoArchive(t)}) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.s
}

func newSim(t testing.TB, f sim.Faults) *sim.Server {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: demoArchive(t), Faults: f})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pick returns n public products with sizes in [lo, hi], distinct URIs and paths, in
// archive order (deterministic).
func pick(t testing.TB, n int, lo, hi int64) []sim.Product {
	t.Helper()
	a := sharedSim(t).Archive()
	shared.pickMu.Lock()
	defer shared.pickMu.Unlock()
	key := [2]int64{lo, hi}
	if got := shared.picks[key]; len(got) >= n {
		return got[:n]
	}
	var out []sim.Product
	seen := map[string]bool{}
	for i := 0; i < a.Len() && len(out) < n; i++ {
		for _, p := range a.Products(a.At(i).Obsid) {
			path := p.Collection + "/" + p.ObsIDStr + "/" + p.Filename
			if p.Exclusive() || p.Size < lo || p.Size > hi || seen[p.DataURI] || seen[path] {
				continue
			}
			seen[p.DataURI], seen[path] = true, true
			out = append(out, p)
			if len(out) == n {
				break
			}
		}
	}
	if len(out) < n {
		t.Fatalf("only %d products in [%d, %d]", len(out), lo, hi)
	}
	if shared.picks == nil {
		shared.picks = map[[2]int64][]sim.Product{}
	}
	shared.picks[key] = out
	return out
}

// pickExclusive finds a small exclusive-access product.
func pickExclusive(t testing.TB) sim.Product {
	t.Helper()
	a := sharedSim(t).Archive()
	shared.pickMu.Lock()
	defer shared.pickMu.Unlock()
	if shared.excl != nil {
		return *shared.excl
	}
	p, ok := a.FindProduct(func(p sim.Product) bool { return p.Exclusive() && p.Size < 200<<10 })
	if !ok {
		t.Fatal("no exclusive product")
	}
	shared.excl = &p
	return p
}

func itemsFor(t testing.TB, base, dir string, prods []sim.Product) []Item {
	t.Helper()
	items := make([]Item, len(prods))
	for i, p := range prods {
		it := Item{
			URL: FileURL(base, p.DataURI), Size: p.Size, URI: p.DataURI, Filename: p.Filename,
			Collection: p.Collection, ObsID: p.ObsIDStr, ProductType: p.ProductType,
		}
		dest, err := PathFor(dir, it, false)
		if err != nil {
			t.Fatal(err)
		}
		it.Dest, it.Root = dest, dir
		it.ID = ItemID(it.URL, it.Dest) // what Add assigns, known up front for the controls
		items[i] = it
	}
	return items
}

// content is the reference bytes of a product.
func content(t testing.TB, uri string) []byte {
	t.Helper()
	size, r, err := sharedSim(t).Archive().FileContent(uri)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, size)
	if _, err := r.ReadAt(b, 0); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	return b
}

// digest is the SHA-256 of the archive's bytes for uri, computed once per test binary.
func digest(t testing.TB, uri string) [sha256.Size]byte {
	t.Helper()
	if d, ok := shared.digests.Load(uri); ok {
		return d.([sha256.Size]byte)
	}
	d := sha256.Sum256(content(t, uri))
	shared.digests.Store(uri, d)
	return d
}

// fileDigest is the SHA-256 and size of the file at path.
func fileDigest(path string) ([sha256.Size]byte, int64, error) {
	var d [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return d, 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	copy(d[:], h.Sum(nil))
	return d, n, err
}

// checkFiles asserts every item's file is byte-identical to the archive and no .part
// is left behind.
func checkFiles(t testing.TB, items []Item) {
	t.Helper()
	bad := 0
	for _, it := range items {
		got, size, err := fileDigest(it.Dest)
		if err != nil {
			t.Errorf("%s: %v", it.Filename, err)
			bad++
		} else if got != digest(t, it.URI) {
			t.Errorf("%s: its %d bytes differ from the archive's %d", it.Filename, size, it.Size)
			bad++
		}
		if _, err := os.Stat(it.Dest + partSuffix); err == nil {
			t.Errorf("%s: .part left behind", it.Filename)
		}
		if bad > 5 {
			t.Fatal("giving up")
		}
	}
}

// counter wraps a handler, counting requests and body bytes served.
type counter struct {
	h      http.Handler
	reqs   atomic.Int64
	bytes  atomic.Int64
	active atomic.Int64 // handlers running
	mu     sync.Mutex
	seen   []seenReq
	hook   func(w http.ResponseWriter, r *http.Request, n int64) bool // n = request number; true = handled
}

type seenReq struct {
	Method, URI, Range, Auth, Cookie, Path string
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := c.reqs.Add(1)
	c.active.Add(1)
	defer c.active.Add(-1)
	ck := ""
	if v, err := r.Cookie("mast_token"); err == nil {
		ck = v.Value
	}
	c.mu.Lock()
	c.seen = append(c.seen, seenReq{r.Method, r.URL.Query().Get("uri"), r.Header.Get("Range"), r.Header.Get("Authorization"), ck, r.URL.Path})
	c.mu.Unlock()
	cw := &countWriter{ResponseWriter: w, n: &c.bytes}
	if c.hook != nil && c.hook(cw, r, n) {
		return
	}
	c.h.ServeHTTP(cw, r)
}

func (c *counter) requests() []seenReq {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]seenReq(nil), c.seen...)
}

type countWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w *countWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n.Add(int64(n))
	return n, err
}

func (w *countWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *countWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func serve(t testing.TB, h http.Handler) (*counter, *httptest.Server) {
	t.Helper()
	c := &counter{h: h}
	ts := httptest.NewServer(c)
	t.Cleanup(ts.Close)
	return c, ts
}

// fastOpts are options with test-sized delays.
func fastOpts(t testing.TB) Options {
	return Options{
		JournalPath:   filepath.Join(t.TempDir(), "state", "downloads.jsonl"),
		RetryBase:     time.Millisecond,
		RetryMax:      20 * time.Millisecond,
		MaxRetryAfter: 20 * time.Millisecond,
		MaxAttempts:   30,
		StallTimeout:  5 * time.Second,
	}
}

func newManager(t testing.TB, o Options) *Manager {
	t.Helper()
	m, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// hangGuard bounds a test that would otherwise hang; it is never a speed check (a loaded
// CI machine is ten times slower than a quiet one).
const hangGuard = 5 * time.Minute

// runQueue adds items, runs the manager until they are all finished and closes it.
// timeout is what a quiet machine needs; the guard allows ten times that.
func runQueue(t testing.TB, m *Manager, items []Item, timeout time.Duration) []Status {
	t.Helper()
	if err := m.Add(items...); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*timeout)
	defer cancel()
	m.Start(ctx)
	if err := m.Wait(ctx); err != nil {
		t.Fatalf("wait: %v; totals %+v", err, m.Totals())
	}
	st := m.Snapshot()
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	return st
}

func statesOf(st []Status) map[State]int {
	out := map[State]int{}
	for _, s := range st {
		out[s.State]++
	}
	return out
}

// ourGoroutines lists live goroutines running code of this package (tests excluded).
func ourGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "mastui/download.(*") && !strings.Contains(g, "_test.go") {
			out = append(out, g)
		}
	}
	return out
}

// noLeaks waits for the package's goroutines to end; the minute is a hang guard for a
// loaded machine, not a speed check.
func noLeaks(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		gs := ourGoroutines()
		if len(gs) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left:\n%s", len(gs), strings.Join(gs, "\n\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor polls cond until it holds. d is what a quiet machine needs; the guard allows
// 20 times that, because a loaded CI machine is 10 times slower and a test asserts
// behaviour, never speed.
func waitFor(t testing.TB, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
