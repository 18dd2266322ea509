package download

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"mastui/services/sim"
)

// faultQueue is the queue every fault mode must get through: 80 small public files,
// enough for every mode to hit each file several times (errors every 4th or 5th request).
const faultQueue = 80

// TestFaultModes runs a 200-file queue against each misbehaviour of the simulator (and a
// few a proxy could add) and requires every file byte-identical, with no .part left.
func TestFaultModes(t *testing.T) {
	prods := pick(t, faultQueue, 3000, 60000)
	fileOf := func(r *http.Request) []byte { return content(t, downloadURIOf(r)) }

	cases := []struct {
		name   string
		faults *sim.Faults // nil: the shared fault-free simulator
		hook   func(w http.ResponseWriter, r *http.Request, n int64) bool
		prep   func(t *testing.T, items []Item)
		opts   func(o *Options)
	}{
		{name: "drop mid-body", faults: &sim.Faults{DropAfterBytes: 15000}},
		{name: "ignore Range", faults: &sim.Faults{IgnoreRange: true}, prep: garbageParts},
		{name: "no Content-Length and drops", faults: &sim.Faults{NoContentLength: true, DropAfterBytes: 20000}},
		{name: "503 bursts with HTML pages", faults: &sim.Faults{ErrorEvery: 5, ErrorBurst: 2, HTMLErrors: true}},
		{name: "429 with Retry-After", faults: &sim.Faults{ErrorEvery: 4, ErrorStatus: http.StatusTooManyRequests, RetryAfter: time.Second}},
		{name: "wrong Content-Length", hook: func(w http.ResponseWriter, r *http.Request, n int64) bool {
			if r.Header.Get("Range") != "" {
				return false
			}
			b := fileOf(r)
			switch n % 6 {
			case 0: // a shorter body, consistently announced
				w.Header().Set("Content-Length", strconv.Itoa(len(b)/2))
				w.Write(b[:len(b)/2])
				return true
			case 3: // announces more than it sends: the connection ends early
				w.Header().Set("Content-Length", strconv.Itoa(len(b)+1000))
				w.Write(b)
				return true
			}
			return false
		}},
		{name: "HTML and JSON error bodies with 200", hook: func(w http.ResponseWriter, r *http.Request, n int64) bool {
			switch n % 5 {
			case 0:
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head><body>try later</body></html>")
				return true
			case 2: // an error page mislabelled as binary: only the bytes tell
				w.Header().Set("Content-Type", "application/octet-stream")
				fmt.Fprint(w, "<html><body>dataset parameter is required</body></html>")
				return true
			case 4:
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, `{"status": "ERROR", "msg": "dataset parameter is required"}`)
				return true
			}
			return false
		}},
		// A stall must outlast what a loaded machine (10x slower, -race) takes to send a
		// small file, so few stalls, each long enough not to be mistaken for load.
		{name: "stall", opts: func(o *Options) { o.StallTimeout = time.Second }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var h http.Handler = sharedSim(t).Handler()
			if tc.faults != nil {
				h = newSim(t, *tc.faults).Handler()
			}
			if tc.name == "stall" {
				h = stallFirst(t, prods, 10, h)
			}
			c, ts := serve(t, h)
			c.hook = tc.hook
			dir := t.TempDir()
			items := itemsFor(t, ts.URL, dir, prods)
			if tc.prep != nil {
				tc.prep(t, items)
			}
			o := fastOpts(t)
			if tc.opts != nil {
				tc.opts(&o)
			}
			m := newManager(t, o)
			st := runQueue(t, m, items, 90*time.Second)
			if got := statesOf(st); got[Done] != len(items) {
				for _, s := range st {
					if s.State != Done {
						t.Logf("%s: %s %s", s.Filename, s.State, s.Err)
						break
					}
				}
				t.Fatalf("states %v, want %d done", got, len(items))
			}
			checkFiles(t, items)
			t.Logf("%d requests, %d bytes served", c.reqs.Load(), c.bytes.Load())
		})
	}
	t.Cleanup(func() { noLeaks(t) })
}

// garbageParts leaves a .part of wrong bytes for every third item: appending a full
// body to it would corrupt the file.
func garbageParts(t *testing.T, items []Item) {
	for i, it := range items {
		if i%3 != 0 {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(it.Dest), 0o755); err != nil {
			t.Fatal(err)
		}
		junk := make([]byte, it.Size/2)
		for j := range junk {
			junk[j] = 'x'
		}
		if err := os.WriteFile(it.Dest+partSuffix, junk, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// stallFirst sends the first request for every k-th product to a simulator that stalls
// after the headers; later requests for it go to normal.
func stallFirst(t *testing.T, prods []sim.Product, k int, normal http.Handler) http.Handler {
	staller := newSim(t, sim.Faults{StallBody: time.Minute}).Handler()
	var mu sync.Mutex
	pending := map[string]bool{}
	for i := 0; i < len(prods); i += k {
		pending[prods[i].DataURI] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		stall := pending[downloadURIOf(r)]
		delete(pending, downloadURIOf(r))
		mu.Unlock()
		if stall {
			staller.ServeHTTP(w, r)
			return
		}
		normal.ServeHTTP(w, r)
	})
}

// downloadURIOf reads uri= of a Download/file request (astroquery escaping).
func downloadURIOf(r *http.Request) string { return r.URL.Query().Get("uri") }
