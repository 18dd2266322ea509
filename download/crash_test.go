package download

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

const crashEnv = "MASTUI_DL_CRASH_CHILD"

// crashQueue is 200 files of 0.1-1 MB (55 MB).
func crashQueue(t *testing.T, base string) ([]Item, int64) {
	items := itemsFor(t, base, t.TempDir(), pick(t, 200, 100_000, 1_000_000))
	var total int64
	for _, it := range items {
		total += it.Size
	}
	return items, total
}

// TestCrashChild is the process TestCrashRecoveryKill9 kills; it runs only when asked.
func TestCrashChild(t *testing.T) {
	cfg := os.Getenv(crashEnv)
	if cfg == "" {
		t.Skip("helper process of TestCrashRecoveryKill9")
	}
	var c struct {
		Journal string
		Items   []Item
	}
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{JournalPath: c.Journal})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Add(c.Items...); err != nil {
		t.Fatal(err)
	}
	m.Start(context.Background())
	m.Wait(context.Background()) // killed long before this returns
	t.Fatal("the child finished the whole queue before it was killed")
}

// TestCrashRecoveryKill9 kills (SIGKILL) a process in the middle of a 200-file queue,
// then resumes the queue from its journal: every file completes byte-identical, none
// twice, and less than 1% of the bytes are sent again.
func TestCrashRecoveryKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	c, ts := serveSmallBuffers(t, sharedSim(t).Handler())
	items, total := crashQueue(t, ts.URL)
	journal := filepath.Join(t.TempDir(), "downloads.jsonl")
	cfg := filepath.Join(t.TempDir(), "child.json")
	b, _ := json.Marshal(map[string]any{"Journal": journal, "Items": items})
	if err := os.WriteFile(cfg, b, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), crashEnv+"="+cfg)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out)
	waitFor(t, "the child to fetch 40%", 60*time.Second, func() bool { return c.bytes.Load() > total*4/10 })
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	first := c.bytes.Load()
	parts := countParts(t, items)

	m := newManager(t, Options{JournalPath: journal, RetryBase: time.Millisecond})
	if n := len(m.Snapshot()); n != len(items) {
		t.Fatalf("%d items after the crash, want %d", n, len(items))
	}
	tot := m.Totals()
	st := runQueue(t, m, nil, 60*time.Second)
	// Skipped: renamed into place just before the kill, journaled as done just after.
	if got := statesOf(st); got[Done]+got[Skipped] != len(items) {
		t.Fatalf("states %v after recovery", got)
	}
	checkFiles(t, items)
	checkJournalUnique(t, journal, len(items))
	resent := c.bytes.Load() - total
	t.Logf("killed after %d of %d bytes with %d .part files and %d items done; %d bytes sent again (%.3f%%)",
		first, total, parts, tot.Done, resent, 100*float64(resent)/float64(total))
	if resent < 0 || resent > total/100 {
		t.Fatalf("%d bytes sent again, more than 1%% of %d", resent, total)
	}
}

// TestCrashRecoveryAbandoned abandons a manager mid-queue (its context cancelled, no
// Close, so nothing is tidied up), copies its journal as a crash would leave it, and
// resumes the queue from the copy with a second manager.
func TestCrashRecoveryAbandoned(t *testing.T) {
	c, ts := serveSmallBuffers(t, sharedSim(t).Handler())
	items, total := crashQueue(t, ts.URL)
	o := fastOpts(t)
	m1, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := m1.Add(items...); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	m1.Start(ctx)
	waitFor(t, "half the bytes", 60*time.Second, func() bool { return c.bytes.Load() > total/2 })
	cancel()
	waitFor(t, "the abandoned workers to stop", 10*time.Second, func() bool { return idle(m1) })
	parts := countParts(t, items)

	o2 := o
	o2.JournalPath = filepath.Join(t.TempDir(), "copy.jsonl") // m1 still holds the original
	b, err := os.ReadFile(o.JournalPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(o2.JournalPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	atCrash := c.bytes.Load()
	st := runQueue(t, newManager(t, o2), nil, 60*time.Second)
	if got := statesOf(st); got[Done]+got[Skipped] != len(items) || len(st) != len(items) {
		t.Fatalf("states %v after recovery", got)
	}
	checkFiles(t, items)
	checkJournalUnique(t, o2.JournalPath, len(items))
	resent := c.bytes.Load() - total
	t.Logf("abandoned after %d of %d bytes with %d .part files; %d bytes sent again (%.3f%%)",
		atCrash, total, parts, resent, 100*float64(resent)/float64(total))
	if resent < 0 || resent > total/100 {
		t.Fatalf("%d bytes sent again, more than 1%% of %d", resent, total)
	}
	m1.Close()
	noLeaks(t)
}

// idle reports whether a manager's workers have all let go of their items.
func idle(m *Manager) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.order {
		if e.running {
			return false
		}
	}
	return m.stopped
}

func countParts(t *testing.T, items []Item) int {
	n := 0
	for _, it := range items {
		if _, err := os.Stat(it.Dest + partSuffix); err == nil {
			n++
		}
	}
	return n
}

// checkJournalUnique reads the journal as a later process would: one add per item.
func checkJournalUnique(t *testing.T, path string, want int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	adds := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad journal line %q: %v", sc.Text(), err)
		}
		if r.Op == "add" {
			adds[r.Item.ID]++
		}
	}
	if len(adds) != want {
		t.Fatalf("journal holds %d items, want %d", len(adds), want)
	}
	for id, n := range adds {
		if n != 1 {
			t.Fatalf("item %s added %d times", id, n)
		}
	}
}

// serveSmallBuffers is serve with a small, fixed socket send buffer on the server side.
// The counter counts bytes handed to the kernel; on loopback an autotuned send buffer
// holds megabytes that a killed client never received, which would measure the kernel
// rather than the engine's resumption.
func serveSmallBuffers(t *testing.T, h http.Handler) (*counter, *httptest.Server) {
	c := &counter{h: h}
	ts := httptest.NewUnstartedServer(c)
	ts.Listener = smallSendBuffers{ts.Listener}
	ts.Start()
	t.Cleanup(ts.Close)
	return c, ts
}

type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(32 << 10)
	}
	return c, err
}
