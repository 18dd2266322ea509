package download

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A .part planted as a symbolic link is not written through.
func TestPartSymlinkRefused(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	it := itemsFor(t, ts.URL, t.TempDir(), pick(t, 1, 3000, 40000))[0]
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(it.Dest), 0o755)
	if err := os.Symlink(victim, it.Dest+partSuffix); err != nil {
		t.Fatal(err)
	}
	st := runQueue(t, newManager(t, fastOpts(t)), []Item{it}, 30*time.Second)
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Fatalf("written through the symbolic link: %d bytes", len(b))
	}
	if st[0].State != Failed || !strings.Contains(st[0].Err, "symbolic link") {
		t.Fatalf("%s %q, want failed naming the symbolic link", st[0].State, st[0].Err)
	}
}

// A directory of the download tree replaced by a symbolic link is refused: nothing is
// written where it points.
func TestSymlinkedDirectoryInTreeRefused(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	dir, elsewhere := t.TempDir(), t.TempDir()
	items := itemsFor(t, ts.URL, dir, pick(t, 1, 3000, 40000))
	coll := filepath.Join(dir, "mastDownload", items[0].Collection)
	os.MkdirAll(filepath.Dir(coll), 0o755)
	if err := os.Symlink(elsewhere, coll); err != nil {
		t.Fatal(err)
	}
	st := runQueue(t, newManager(t, fastOpts(t)), items, 30*time.Second)
	if st[0].State != Failed || !strings.Contains(st[0].Err, "symbolic link") {
		t.Fatalf("%s %q, want failed naming the symbolic link", st[0].State, st[0].Err)
	}
	if ents, _ := os.ReadDir(elsewhere); len(ents) != 0 {
		t.Fatalf("%d entries written through the symbolic link", len(ents))
	}
}

// The engine remembers the directories it made; one removed during the session (the
// user cleared the download directory between two downloads) is made again, whether the
// next file goes into that very directory or into a new one below a removed parent.
func TestRemovedDirectoryMadeAgain(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	dir := t.TempDir()
	items := itemsFor(t, ts.URL, dir, pick(t, 3, 3000, 40000))
	sibling := items[2] // a new directory next to items[0]'s, under the same parents
	sibling.Dest = filepath.Join(filepath.Dir(filepath.Dir(items[0].Dest)), "another-obs", filepath.Base(sibling.Dest))
	sibling.ID = ItemID(sibling.URL, sibling.Dest)
	again := items[1] // into items[0]'s directory
	again.Dest = filepath.Join(filepath.Dir(items[0].Dest), filepath.Base(again.Dest))
	again.ID = ItemID(again.URL, again.Dest)
	m := newManager(t, fastOpts(t))
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	for _, it := range []Item{items[0], again, sibling} {
		if err := m.Add(it); err != nil {
			t.Fatal(err)
		}
		if err := m.Wait(ctx); err != nil {
			t.Fatal(err)
		}
		if st := state(t, m, it.ID); st.State != Done {
			t.Fatalf("%s: %s %q", it.Dest, st.State, st.Err)
		}
		checkFiles(t, []Item{it})
		if err := os.RemoveAll(filepath.Join(dir, "mastDownload")); err != nil {
			t.Fatal(err)
		}
	}
}
