package download

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// onePart prepares one item with a .part holding its first n bytes.
func onePart(t *testing.T, base string, n int64) Item {
	t.Helper()
	it := itemsFor(t, base, t.TempDir(), pick(t, 1, 150_000, 400_000))[0]
	if err := os.MkdirAll(filepath.Dir(it.Dest), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(it.Dest+partSuffix, content(t, it.URI)[:n], 0o644); err != nil {
		t.Fatal(err)
	}
	return it
}

func TestResumeSendsRange(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	const have = 100_000
	it := onePart(t, ts.URL, have)
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done {
		t.Fatalf("state %s: %s", st[0].State, st[0].Err)
	}
	checkFiles(t, []Item{it})
	reqs := c.requests()
	if len(reqs) != 1 || reqs[0].Range != fmt.Sprintf("bytes=%d-", have) {
		t.Fatalf("requests %+v, want one with Range bytes=%d-", reqs, have)
	}
	if got, want := c.bytes.Load(), it.Size-have; got != want {
		t.Fatalf("served %d bytes, want only the missing %d", got, want)
	}
}

func TestIgnoredRangeRestartsFromZero(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	c.hook = func(w http.ResponseWriter, r *http.Request, n int64) bool {
		r.Header.Del("Range") // a server (or proxy) that does not do ranges
		return false
	}
	it := onePart(t, ts.URL, 50_000)
	// Make the kept prefix wrong: appending the whole body after it would be detectable.
	if err := os.WriteFile(it.Dest+partSuffix, make([]byte, 50_000), 0o644); err != nil {
		t.Fatal(err)
	}
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done {
		t.Fatalf("state %s: %s", st[0].State, st[0].Err)
	}
	checkFiles(t, []Item{it})
	if reqs := c.requests(); len(reqs) != 1 || reqs[0].Range == "" {
		t.Fatalf("requests %+v, want one resume attempt", reqs)
	}
	if got := c.bytes.Load(); got != it.Size {
		t.Fatalf("served %d, want the whole file %d", got, it.Size)
	}
}

func TestBadContentRangeRestarts(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	c.hook = func(w http.ResponseWriter, r *http.Request, n int64) bool {
		if r.Header.Get("Range") == "" {
			return false
		}
		w.Header().Set("Content-Range", "bytes 0-9/10") // not the range asked for
		w.WriteHeader(http.StatusPartialContent)
		w.Write(make([]byte, 10))
		return true
	}
	it := onePart(t, ts.URL, 60_000)
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done {
		t.Fatalf("state %s: %s", st[0].State, st[0].Err)
	}
	checkFiles(t, []Item{it})
	reqs := c.requests()
	if len(reqs) != 2 || reqs[0].Range == "" || reqs[1].Range != "" {
		t.Fatalf("requests %+v, want a refused resume then a fresh GET", reqs)
	}
}

func TestWholePartFinishesWithoutNetwork(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	it := itemsFor(t, ts.URL, t.TempDir(), pick(t, 1, 150_000, 400_000))[0]
	it = onePart(t, ts.URL, it.Size) // crash after the last byte, before the rename
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done || c.reqs.Load() != 0 {
		t.Fatalf("state %s (%s), %d requests; want done with none", st[0].State, st[0].Err, c.reqs.Load())
	}
	checkFiles(t, []Item{it})
}

func TestSkipCompleteFilesWithoutRequests(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 30, 3000, 40000))
	for _, it := range items {
		os.MkdirAll(filepath.Dir(it.Dest), 0o755)
		if err := os.WriteFile(it.Dest, content(t, it.URI), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := runQueue(t, newManager(t, fastOpts(t)), items, 30*time.Second)
	if got := statesOf(st); got[Skipped] != len(items) || c.reqs.Load() != 0 {
		t.Fatalf("states %v, %d requests; want all skipped with none", got, c.reqs.Load())
	}
	checkFiles(t, items)
}

func TestWrongFileOfRightSizeIsReplaced(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	var it Item
	for _, cand := range itemsFor(t, ts.URL, t.TempDir(), pick(t, 30, 3000, 100000)) {
		if kindOf(cand.Filename) == kindFITS {
			it = cand
			break
		}
	}
	if it.URL == "" {
		t.Fatal("no FITS product picked")
	}
	os.MkdirAll(filepath.Dir(it.Dest), 0o755)
	if err := os.WriteFile(it.Dest, make([]byte, it.Size), 0o644); err != nil { // right size, not FITS
		t.Fatal(err)
	}
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if st[0].State != Done || c.reqs.Load() != 1 {
		t.Fatalf("state %s, %d requests; want a fresh download", st[0].State, c.reqs.Load())
	}
	checkFiles(t, []Item{it})
}
