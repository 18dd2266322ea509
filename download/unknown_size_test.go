package download

import (
	"strings"
	"testing"
	"time"

	"mastui/services/sim"
)

// pickExt returns a public product of at least lo bytes whose file name ends in ext.
func pickExt(t testing.TB, ext string, lo int64) sim.Product {
	t.Helper()
	p, ok := demoArchive(t).FindProduct(func(p sim.Product) bool {
		return !p.Exclusive() && p.Size >= lo && p.Size < 4*lo && strings.HasSuffix(p.Filename, ext)
	})
	if !ok {
		t.Fatalf("no %s product of %d bytes or more", ext, lo)
	}
	return p
}

// unsized is items for prods with the size of the product list dropped (null in MAST's
// answer, or a single download-file).
func unsized(t *testing.T, base string, prods ...sim.Product) []Item {
	items := itemsFor(t, base, t.TempDir(), prods)
	for i := range items {
		items[i].Size = 0
	}
	return items
}

// A body of unknown length that ends cleanly halfway is never called complete: a FITS
// file walks short and is resumed to its end, a file with no end marker to check is
// kept but marked unverified.
func TestUnknownSizeCleanEarlyEndNoSizeAnywhere(t *testing.T) {
	_, ts := serve(t, newSim(t, sim.Faults{TruncateAfterBytes: 20_000, NoContentLength: true}).Handler())
	fits, txt, jpg := pickExt(t, ".fits", 60_000), pickExt(t, ".txt", 60_000), pickExt(t, ".jpg", 60_000)
	items := unsized(t, ts.URL, fits, txt, jpg)
	st := runQueue(t, newManager(t, fastOpts(t)), items, 60*time.Second)
	if st[0].State != Done {
		t.Fatalf("FITS: %s %q, want done after resuming to the end", st[0].State, st[0].Err)
	}
	checkFiles(t, items[:1])
	for _, s := range st[1:] {
		if s.State != Unverified || !strings.Contains(s.Err, "proves") {
			t.Errorf("%s: %s %q, want unverified with the reason", s.Filename, s.State, s.Err)
		}
	}
}

// With HEAD announcing the size, a short body is resumed until it is whole.
func TestUnknownSizeCleanEarlyEndHeadGivesSize(t *testing.T) {
	c, ts := serve(t, newSim(t, sim.Faults{TruncateAfterBytes: 20_000}).Handler())
	items := unsized(t, ts.URL, pickExt(t, ".txt", 60_000))
	st := runQueue(t, newManager(t, fastOpts(t)), items, 60*time.Second)
	if st[0].State != Done {
		t.Fatalf("%s %q, want done", st[0].State, st[0].Err)
	}
	checkFiles(t, items)
	heads := 0
	for _, r := range c.requests() {
		if r.Method == "HEAD" {
			heads++
		}
	}
	if heads == 0 {
		t.Fatal("no HEAD asked for the size")
	}
}
