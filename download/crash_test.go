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
	"syscall"
	"testing"
	"time"
)

const crashEnv = "MASTUI_DL_CRASH_CHILD"

// crashQueue is 80 files of 0.1-1 MB (about 22 MB): with 4 workers, a kill at any point
// leaves files done, in flight and waiting.
func crashQueue(t *testing.T, base string) ([]Item, int64) {
	items := itemsFor(t, base, t.TempDir(), pick(t, 80, 100_000, 1_000_000))
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
		Journal   string
		Items     []Item
		KillAt    string // a committer step: the child kills itself there
		KillAfter int    // … the KillAfter-th time it reaches it
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
	if c.KillAt != "" {
		seen := 0
		m.commitHook = func(step string) {
			if step == c.KillAt {
				if seen++; seen == c.KillAfter {
					syscall.Kill(os.Getpid(), syscall.SIGKILL)
					select {} // the signal is on its way
				}
			}
		}
	}
	if err := m.Add(c.Items...); err != nil {
		t.Fatal(err)
	}
	m.Start(context.Background())
	m.Wait(context.Background()) // killed long before this returns
	t.Fatal("the child finished the whole queue before it was killed")
}

// TestCrashRecoveryKill9 kills (SIGKILL) a process in the middle of an 80-file queue,
// then resumes the queue from its journal: every file completes byte-identical, none
// twice, and less than 1% of what was on disk at the kill is fetched again. (Bytes the
// server had sent that were still in socket buffers or in the dead process's memory
// were never on disk: fetching them again is not waste, and how many there are depends
// on how loaded the machine is.)
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
	// A handler writing to the dead process counts its last write only when the write
	// returns: wait for every handler to see the reset, so no byte sent before the kill
	// is counted as fetched again.
	waitFor(t, "the server's handlers to see the kill", 30*time.Second, func() bool { return c.active.Load() == 0 })
	first := c.bytes.Load()
	parts := countParts(t, items)
	onDisk := bytesOnDisk(items)

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
	// What the resume fetched beyond what was missing from disk.
	resent := (c.bytes.Load() - first) - (total - onDisk)
	t.Logf("killed after %d of %d bytes served, %d on disk in %d .part files and %d items done; %d bytes fetched again (%.3f%%)",
		first, total, onDisk, parts, tot.Done, resent, 100*float64(resent)/float64(total))
	if resent > total/100 {
		t.Fatalf("%d bytes already on disk fetched again, more than 1%% of %d", resent, total)
	}
}

// bytesOnDisk sums the sizes of the items' files and .part files.
func bytesOnDisk(items []Item) int64 {
	var n int64
	for _, it := range items {
		for _, p := range []string{it.Dest, it.Dest + partSuffix} {
			if fi, err := os.Stat(p); err == nil {
				n += fi.Size()
			}
		}
	}
	return n
}

// TestCrashBetweenSyncAndJournal kills the process inside the committer: after a batch's
// data is synced (files still .part) or after it is renamed (files in place, the journal
// not yet saying done). The resumed queue finishes every file byte-identical without
// fetching the committed ones again.
func TestCrashBetweenSyncAndJournal(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	for _, step := range []string{"synced", "renamed"} {
		t.Run(step, func(t *testing.T) {
			c, ts := serve(t, sharedSim(t).Handler())
			items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 60, 10_000, 100_000))
			var total int64
			for _, it := range items {
				total += it.Size
			}
			journal := filepath.Join(t.TempDir(), "downloads.jsonl")
			cfg := filepath.Join(t.TempDir(), "child.json")
			b, _ := json.Marshal(map[string]any{"Journal": journal, "Items": items, "KillAt": step, "KillAfter": 3})
			if err := os.WriteFile(cfg, b, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), crashEnv+"="+cfg)
			out, err := cmd.CombinedOutput()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("the child was not killed at %q: %v\n%s", step, err, out)
			}
			// Files the killed batch had synced (step "synced": whole .part files) or put in
			// place (step "renamed"), while the journal does not call them done.
			done := journaledDone(t, journal)
			inFlight := map[string]bool{}
			for _, it := range items {
				_, errDest := os.Stat(it.Dest)
				if !done[it.ID] && (step == "synced" && partSize(it) == it.Size || step == "renamed" && errDest == nil) {
					inFlight[it.ID] = true
				}
			}
			if len(inFlight) == 0 {
				t.Fatal("no file was caught between its sync and the journal")
			}
			before := c.bytes.Load()
			m := newManager(t, Options{JournalPath: journal, RetryBase: time.Millisecond})
			st := runQueue(t, m, nil, 60*time.Second)
			if got := statesOf(st); got[Done]+got[Skipped] != len(items) {
				t.Fatalf("states %v after recovery", got)
			}
			checkFiles(t, items)
			checkJournalUnique(t, journal, len(items))
			for _, s := range st {
				if inFlight[s.ID] && s.Attempt != 0 {
					t.Errorf("%s was fetched again (%d requests) though its bytes were on disk", s.Filename, s.Attempt)
				}
			}
			t.Logf("killed at %q with %d files in flight; recovery fetched %d of %d bytes", step, len(inFlight), c.bytes.Load()-before, total)
		})
	}
}

// TestCrashRecoveryAbandoned abandons a manager mid-queue (its context cancelled, no
// Close, so nothing is tidied up), copies its journal as a crash would leave it, and
// resumes the queue from the copy with a second manager.
func TestCrashRecoveryAbandoned(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: a queue abandoned and resumed")
	}
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

// journaledDone lists the items a journal calls done.
func journaledDone(t *testing.T, path string) map[string]bool {
	t.Helper()
	recs, err := readJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	done := map[string]bool{}
	for _, r := range recs {
		if r.Op == "state" && r.State == Done {
			done[r.ID] = true
		}
	}
	return done
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

// TestReplayRedoesLostRename: a power cut can undo a rename the directory was never
// synced for, leaving the journal saying done and the synced file still at its .part.
// Replaying the journal puts it in place, without the network.
func TestReplayRedoesLostRename(t *testing.T) {
	c, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 3, 3000, 40000))
	o := fastOpts(t)
	runQueue(t, newManager(t, o), items, 30*time.Second)
	served := c.reqs.Load()
	if err := os.Rename(items[1].Dest, items[1].Dest+partSuffix); err != nil { // what the power cut leaves
		t.Fatal(err)
	}
	m := newManager(t, o)
	if s := state(t, m, items[1].ID); s.State != Done {
		t.Fatalf("%s after replay", s.State)
	}
	checkFiles(t, items)
	if c.reqs.Load() != served {
		t.Fatal("the replay used the network")
	}
}

// TestCommitOffTheWorkersPath: while a batch is being made durable, the worker goes on
// downloading, and the files that finish meanwhile are committed together: one journal
// write (and fsync) for the lot.
func TestCommitOffTheWorkersPath(t *testing.T) {
	_, ts := serve(t, sharedSim(t).Handler())
	items := itemsFor(t, ts.URL, t.TempDir(), pick(t, 4, 3000, 40000))
	o := fastOpts(t)
	o.Workers, o.PerHost = 1, 1
	m := newManager(t, o)
	release := make(chan struct{})
	first := true
	m.commitHook = func(step string) {
		if step == "synced" && first {
			first = false
			<-release // the first file's sync takes forever
		}
	}
	if err := m.Add(items...); err != nil {
		t.Fatal(err)
	}
	writesAfterAdd := m.j.writes
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	m.Start(ctx)
	// The one worker fetches the other three files while the first one's commit hangs.
	waitFor(t, "the other files handed to the committer", 20*time.Second, func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		return m.handedOff == len(items)
	})
	close(release)
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if got := statesOf(m.Snapshot()); got[Done] != len(items) {
		t.Fatalf("states %v", got)
	}
	checkFiles(t, items)
	m.mu.Lock()
	writes := m.j.writes - writesAfterAdd
	m.mu.Unlock()
	if writes != 2 {
		t.Fatalf("%d journal writes for %d files, want 2 (the first file, then the three that waited)", writes, len(items))
	}
}
