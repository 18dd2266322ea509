package download

import (
	"bytes"
	"os"
	"testing"
)

// A power cut after a download without Options.Durable can leave a finished file short
// (its data still in the page cache when the power went). The next start fetches such a
// file again; a file the user deleted or one that grew (edited in place) is left alone.
func TestFinishedFileCutShortIsFetchedAgain(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	prods := pick(t, 4, 3000, 200_000)
	dir := t.TempDir()
	items := itemsFor(t, ts.URL, dir, prods)
	o := fastOpts(t)
	o.Durable = true // the first run takes the fsync path
	for _, s := range runQueue(t, newManager(t, o), items, 10e9) {
		if s.State != Done {
			t.Fatalf("first run: %s is %s (%s)", s.Dest, s.State, s.Err)
		}
	}

	// What a power cut and a user may do to finished files meanwhile.
	if err := os.Truncate(items[0].Dest, 0); err != nil { // ext4's classic: empty
		t.Fatal(err)
	}
	if err := os.Truncate(items[1].Dest, items[1].Size/2); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(items[2].Dest); err != nil { // the user's choice
		t.Fatal(err)
	}
	f, err := os.OpenFile(items[3].Dest, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("edited") // grew: edited in place
	f.Close()

	o.Durable = false
	st := runQueue(t, newManager(t, o), nil, 10e9)
	for i := range 2 {
		got, err := os.ReadFile(items[i].Dest)
		if err != nil || !bytes.Equal(got, content(t, prods[i].DataURI)) {
			t.Fatalf("file %d cut short by a power cut was not fetched again: %d of %d bytes, err %v", i, len(got), items[i].Size, err)
		}
	}
	if _, err := os.Stat(items[2].Dest); !os.IsNotExist(err) {
		t.Fatalf("a file the user deleted came back: %v", err)
	}
	if fi, err := os.Stat(items[3].Dest); err != nil || fi.Size() != items[3].Size+6 {
		t.Fatalf("a file edited in place was replaced: %v", err)
	}
	if n := statesOf(st)[Done] + statesOf(st)[Skipped]; n != 4 {
		t.Fatalf("second run: %v", statesOf(st))
	}
}
