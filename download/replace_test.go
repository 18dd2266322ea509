package download

import (
	"context"
	"net/http"
	"os"
	"testing"
	"time"
)

// A failed item does not block the same file from another URL (every --demo run has a
// new port): the new request replaces it, and a finished one too.
func TestFinishedItemReplacedByNewURL(t *testing.T) {
	_, gone := serve(t, http.NotFoundHandler()) // the archive of an earlier run
	_, live := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	prods := pick(t, 2, 3000, 40000)
	old := itemsFor(t, gone.URL, dir, prods)
	o := fastOpts(t)
	st := runQueue(t, newManager(t, o), old[:1], 30*time.Second)
	if st[0].State != Failed {
		t.Fatalf("first run: %s", st[0].State)
	}
	m := newManager(t, o)
	fresh := itemsFor(t, live.URL, dir, prods)
	res, err := m.AddAll(fresh[0])
	if err != nil || res.Replaced != 1 {
		t.Fatalf("AddAll over a failed item: %+v, %v", res, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if st := m.Snapshot(); len(st) != 1 || st[0].URL != fresh[0].URL || st[0].State != Done {
		t.Fatalf("after replacing: %+v", st)
	}
	checkFiles(t, fresh[:1])
	m.Close()

	// Done under the old URL: the new URL replaces it and finds the file complete.
	m2 := newManager(t, o)
	again := itemsFor(t, gone.URL, dir, prods)
	if res, err := m2.AddAll(again[0]); err != nil || res.Replaced != 1 {
		t.Fatalf("AddAll over a done item: %+v, %v", res, err)
	}
	st = runQueue(t, m2, nil, 30*time.Second)
	if len(st) != 1 || st[0].State != Skipped {
		t.Fatalf("after replacing a done item: %+v", st)
	}
}

func TestClearFailed(t *testing.T) {
	_, gone := serve(t, http.NotFoundHandler())
	it := itemsFor(t, gone.URL, t.TempDir(), pick(t, 1, 3000, 40000))[0]
	o := fastOpts(t)
	st := runQueue(t, newManager(t, o), []Item{it}, 30*time.Second)
	if st[0].State != Failed {
		t.Fatalf("%s", st[0].State)
	}
	if err := os.WriteFile(it.Dest+partSuffix, []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newManager(t, o)
	if err := m.ClearFailed(); err != nil {
		t.Fatal(err)
	}
	if n := len(m.Snapshot()); n != 0 {
		t.Fatalf("%d items after ClearFailed", n)
	}
	if _, err := os.Stat(it.Dest + partSuffix); !os.IsNotExist(err) {
		t.Fatalf("the .part of a cleared item is left: %v", err)
	}
	m.Close()
	if n := len(newManager(t, o).Snapshot()); n != 0 {
		t.Fatalf("%d items after reopening the journal", n)
	}
}

// A download still waiting on an archive that is gone (queued by an earlier demo run) is
// replaced by the new request, and never fetched.
func TestWaitingItemReplacedByNewURL(t *testing.T) {
	goneC, gone := serve(t, http.NotFoundHandler())
	_, live := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	prods := pick(t, 1, 3000, 40000)
	m := newManager(t, fastOpts(t))
	if err := m.Add(itemsFor(t, gone.URL, dir, prods)...); err != nil {
		t.Fatal(err)
	}
	fresh := itemsFor(t, live.URL, dir, prods)
	if res, err := m.AddAll(fresh...); err != nil || res.Replaced != 1 {
		t.Fatalf("AddAll over a waiting item: %+v, %v", res, err)
	}
	st := runQueue(t, m, nil, 30*time.Second)
	if len(st) != 1 || st[0].State != Done || st[0].URL != fresh[0].URL {
		t.Fatalf("after replacing: %+v", st)
	}
	if n := goneC.reqs.Load(); n != 0 {
		t.Fatalf("the replaced download still made %d requests", n)
	}
	checkFiles(t, fresh)
}
