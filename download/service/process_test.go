package service

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"mastui/download"
)

// These tests run the service as a separate, detached process (this test binary, see
// TestMain), as mastui does.

// Two clients starting the service at once get one: the journal's lock decides, the
// loser exits quietly, and both clients talk to the winner.
func TestRacingClientsStartOneService(t *testing.T) {
	socket, journal := testDirs(t)
	spawn := childSpawner(t, socket, journal)
	var wg sync.WaitGroup
	clients := make([]*Client, 3)
	errs := make([]error, 3)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			clients[i], errs[i] = Connect(context.Background(), DialOptions{Socket: socket, Journal: journal, Spawn: spawn})
		}()
	}
	wg.Wait()
	pids := map[int]bool{}
	for i, c := range clients {
		if errs[i] != nil {
			t.Fatalf("client %d: %v", i, errs[i])
		}
		defer c.Close()
		pids[c.Hello().PID] = true
	}
	if len(pids) != 1 || pids[os.Getpid()] {
		t.Fatalf("the clients reached services %v, want one other process", pids)
	}
}

// The service outlives the client that started it: the client goes mid-download, the
// service finishes the file, and a later client (which may not start one) finds it done.
func TestServiceOutlivesItsClient(t *testing.T) {
	socket, journal := testDirs(t)
	f := newFiles(t)
	spawn := childSpawner(t, socket, journal)
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal, Spawn: spawn})
	if err != nil {
		t.Fatal(err)
	}
	it := f.item(t.TempDir(), "gated-outlive.bin", 300_000)
	if _, err := c.AddAll(it); err != nil {
		t.Fatal(err)
	}
	<-f.started
	c.Close()
	f.release()
	later, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatalf("the service went with its client: %v", err)
	}
	defer later.Close()
	if st := waitStates(t, later, itemID(it))[itemID(it)]; st.State != download.Done {
		t.Fatalf("%s: %s", st.State, st.Err)
	}
	sameFile(t, it.Dest, 300_000)
}

// kill -9 of the service mid-download loses nothing: the client's event stream restarts
// it, the new service replays the journal and resumes the .part with a Range request,
// and the file ends byte-identical. The client's Events goes on across the restart.
func TestKilledServiceRestartsAndResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills service processes")
	}
	socket, journal := testDirs(t)
	f := newFiles(t)
	spawn := childSpawner(t, socket, journal)
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal, Spawn: spawn})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const size = 2_000_000
	dir := t.TempDir()
	it := f.item(dir, "gated-kill.bin", size)
	if _, err := c.AddAll(it); err != nil {
		t.Fatal(err)
	}
	<-f.started
	// The first half is on its way (the rest held by the server): wait until the engine
	// has put some of it on disk. The bound only turns a hang into a failure.
	var partSize int64
	for range 3000 {
		if fi, err := os.Stat(it.Dest + ".part"); err == nil && fi.Size() > 0 {
			partSize = fi.Size()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if partSize == 0 || partSize >= size {
		t.Fatalf("partial file of %d bytes before the kill", partSize)
	}
	first := c.Hello().PID
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	f.release()
	// Only the event stream (no request) notices the death, restarts the service and
	// carries the outcome.
	var st download.Status
	for st.State != download.Done {
		ev, ok := <-c.Events()
		if !ok {
			t.Fatal("events closed after the kill")
		}
		if s := ev.EventStatus(); s.ID == itemID(it) {
			st = s
			if s.State == download.Failed {
				t.Fatalf("after the restart: failed: %s", s.Err)
			}
		}
	}
	if second := c.Hello().PID; second == first {
		t.Fatalf("the client still talks to pid %d", first)
	}
	sameFile(t, it.Dest, size)
	resumed := false
	for _, r := range f.rangesAsked() {
		resumed = resumed || strings.HasPrefix(r, "bytes=") && r != "bytes=0-"
	}
	if !resumed {
		t.Errorf("the new service fetched the file again instead of resuming it: ranges %q", f.rangesAsked())
	}
}

// A peer running as another user is refused even when the socket's permissions would
// let it in (SO_PEERCRED). Needs root, to run the peer as nobody.
func TestRefusesAnotherUser(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to connect as another user")
	}
	socket, journal := testDirs(t)
	startServer(t, socket, journal, -1)
	// Open the way for nobody: its directories, the socket, a copy of this binary.
	for _, p := range []string{filepath.Dir(filepath.Dir(socket)), filepath.Dir(socket)} {
		os.Chmod(p, 0o755)
	}
	os.Chmod(socket, 0o666)
	bin := filepath.Join(filepath.Dir(filepath.Dir(socket)), "peer.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(uid uint32) error {
		cmd := exec.Command(bin, "-test.run=^$")
		cmd.Env = append(os.Environ(), pingEnv+"="+socket)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: uid}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w: %s", err, out)
		}
		return nil
	}
	if err := run(0); err != nil {
		t.Fatalf("the same user was refused: %v", err)
	}
	if err := run(65534); err == nil {
		t.Fatal("a peer running as nobody got an answer")
	} else if !strings.Contains(err.Error(), "refused:") {
		t.Fatalf("nobody's ping: %v", err)
	}
}
