package download

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testItems(dir string, n int) []Item {
	items := make([]Item, n)
	for i := range items {
		name := "f" + string(rune('a'+i)) + ".fits"
		items[i] = Item{URL: "https://mast.stsci.edu/api/v0.1/Download/file?uri=mast:HST/product/" + name, Dest: filepath.Join(dir, name), Size: 2880 * 2}
	}
	return items
}

func TestJournalReplayAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	o := Options{JournalPath: filepath.Join(dir, "state", "q.jsonl"), FreeSpace: func(string) (int64, error) { return 1 << 40, nil }}
	m := newManager(t, o)
	items := testItems(dir, 5)
	if err := m.Add(append(items, items[0], items[1])...); err != nil {
		t.Fatal(err)
	}
	if n := len(m.Snapshot()); n != 5 {
		t.Fatalf("%d items, want 5 (duplicates in one Add)", n)
	}
	id := m.Snapshot()[2].ID
	if err := m.Pause(id); err != nil {
		t.Fatal(err)
	}
	if err := m.Cancel(m.Snapshot()[3].ID); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	// A crash mid-append leaves a torn last line.
	f, err := os.OpenFile(o.JournalPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"op":"state","id":"` + id + `","sta`)
	f.Close()

	m2 := newManager(t, o)
	st := m2.Snapshot()
	if len(st) != 5 || st[2].State != Paused || st[3].State != Cancelled || st[0].State != Queued {
		t.Fatalf("after replay: %+v", st)
	}
	if err := m2.Add(items...); err != nil { // the same selection queued again
		t.Fatal(err)
	}
	if n := len(m2.Snapshot()); n != 5 {
		t.Fatalf("%d items after re-adding, want 5", n)
	}
	if s, _ := m2.Status(st[3].ID); s.State != Queued {
		t.Fatalf("re-adding a cancelled item: %s, want queued", s.State)
	}
	m2.Close()
	b, _ := os.ReadFile(o.JournalPath)
	if strings.Count(string(b), `"op":"add"`) != 5 || strings.Contains(string(b), `"sta`+"\n") {
		t.Fatalf("journal not compacted:\n%s", b)
	}
}

func TestJournalLockedByOneManager(t *testing.T) {
	o := Options{JournalPath: filepath.Join(t.TempDir(), "q.jsonl")}
	m := newManager(t, o)
	if _, err := New(o); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second manager on one journal: %v", err)
	}
	m.Close()
	m2, err := New(o)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	m2.Close()
}

func TestAddRefusesTwoItemsForOneFile(t *testing.T) {
	dir := t.TempDir()
	m := newManager(t, Options{Ephemeral: true})
	a := Item{URL: "https://mast.stsci.edu/x?uri=a", Dest: filepath.Join(dir, "same.fits")}
	b := Item{URL: "https://mast.stsci.edu/x?uri=b", Dest: filepath.Join(dir, "same.fits")}
	if err := m.Add(a, b); err == nil {
		t.Fatal("two URLs into one file accepted")
	}
	if err := m.Add(a); err != nil {
		t.Fatal(err)
	}
	// A later request for the file from another URL replaces a waiting one (an earlier
	// demo archive's port, gone), not one a worker is writing.
	if res, err := m.AddAll(b); err != nil || res.Replaced != 1 {
		t.Fatalf("a second URL for a waiting file: %+v, %v", res, err)
	}
	if st := m.Snapshot(); len(st) != 1 || st[0].URL != b.URL || st[0].State != Queued {
		t.Fatalf("after replacing: %+v", st)
	}
	m.mu.Lock()
	m.entries[ItemID(b.URL, b.Dest)].running = true
	m.mu.Unlock()
	if err := m.Add(a); err == nil || !strings.Contains(err.Error(), "running") {
		t.Fatalf("a second URL into a file being written: %v", err)
	}
	m.mu.Lock()
	m.entries[ItemID(b.URL, b.Dest)].running = false
	m.mu.Unlock()
	for _, bad := range []Item{{URL: "ftp://x/y", Dest: "a"}, {URL: "https://x/y"}, {URL: "https://x/y", Dest: "z.part"}} {
		if err := m.Add(bad); err == nil {
			t.Errorf("bad item %+v accepted", bad)
		}
	}
}

// A completion record is written under the manager's lock and synced after it: the sync
// of a journal file that a compaction replaced meanwhile is no error (the rewritten
// journal was synced whole), and the records written are read back.
func TestJournalSyncAfterRewrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	j, _, err := openJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.close()
	if err := j.rewrite(nil); err != nil {
		t.Fatal(err)
	}
	f, err := j.write(record{Op: "state", ID: "a", State: Done, Size: 1})
	if err != nil || f == nil {
		t.Fatalf("write: %v, %v", f, err)
	}
	if err := syncJournal(f); err != nil {
		t.Fatal(err)
	}
	if err := j.rewrite([]record{{Op: "state", ID: "a", State: Done, Size: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syncJournal(f); err != nil {
		t.Fatalf("sync of the replaced journal file: %v", err)
	}
	recs, err := readJournal(path)
	if err != nil || len(recs) != 2 || recs[1].ID != "a" || recs[1].State != Done {
		t.Fatalf("journal after the rewrite: %+v, %v", recs, err)
	}
}
