package download

import (
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
