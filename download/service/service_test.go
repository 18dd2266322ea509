package service

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/download"
)

// Two clients at once share one queue: both enqueue, the same file from both is one
// item, and each sees the other's downloads finish.
func TestTwoClientsShareOneQueue(t *testing.T) {
	socket, journal := testDirs(t)
	startServer(t, socket, journal, -1)
	f := newFiles(t)
	dir := t.TempDir()
	a, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	shared, onlyA, onlyB := f.item(dir, "shared.bin", 70_000), f.item(dir, "a.bin", 50_000), f.item(dir, "b.bin", 60_000)
	var wg sync.WaitGroup
	results := make([]download.AddResult, 2)
	errs := make([]error, 2)
	for i, c := range []*Client{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := []download.Item{onlyA, shared}
			if i == 1 {
				mine = []download.Item{shared, onlyB}
			}
			results[i], errs[i] = c.AddAll(mine...)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if added := results[0].Added + results[1].Added; added != 3 {
		t.Fatalf("added %d items from the two clients (%+v, %+v), want 3: the shared file once", added, results[0], results[1])
	}
	if n := len(a.Snapshot()); n != 3 {
		t.Fatalf("the queue holds %d items, want 3", n)
	}
	for _, c := range []*Client{a, b} { // each client sees every item done, its own and the other's
		st := waitStates(t, c, itemID(shared), itemID(onlyA), itemID(onlyB))
		for id, s := range st {
			if s.State != download.Done {
				t.Errorf("%s: %s (%s), want done", id, s.State, s.Err)
			}
		}
	}
	sameFile(t, shared.Dest, 70_000)
	sameFile(t, onlyA.Dest, 50_000)
	sameFile(t, onlyB.Dest, 60_000)
	if h := a.Hello(); h.PID != os.Getpid() || h.Journal != journal || h.Version != ProtocolVersion {
		t.Errorf("hello %+v", h)
	}
}

// The socket is private (0600 in a 0700 directory), and a client expecting another
// state directory's queue is refused rather than driving the wrong one.
func TestSocketIsPrivateAndKeepsItsJournal(t *testing.T) {
	socket, journal := testDirs(t)
	startServer(t, socket, journal, -1)
	for path, want := range map[string]os.FileMode{socket: 0o600, filepath.Dir(socket): 0o700} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode().Perm(), want)
		}
	}
	_, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: "/elsewhere/downloads.jsonl"})
	if err == nil || !errorContains(err, "another state directory") {
		t.Fatalf("a client of another journal: %v", err)
	}
}

func errorContains(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }

// stop ends the service: Serve returns, the socket file is gone, the journal is free
// for the next owner and keeps the queue.
func TestStopEndsTheServiceAndFreesTheJournal(t *testing.T) {
	socket, journal := testDirs(t)
	_, done := startServer(t, socket, journal, -1)
	f := newFiles(t)
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	it := f.item(t.TempDir(), "kept.bin", 10_000)
	if _, err := c.AddAll(it); err != nil {
		t.Fatal(err)
	}
	waitStates(t, c, itemID(it))
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if _, err := os.Stat(socket); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("socket file left: %v", err)
	}
	if _, err := Ping(socket); !IsNotRunning(err) {
		t.Errorf("ping after stop: %v", err)
	}
	m, err := download.New(download.Options{JournalPath: journal})
	if err != nil {
		t.Fatalf("the journal is still held: %v", err)
	}
	defer m.Close()
	if st := m.Snapshot(); len(st) != 1 || st[0].ID != itemID(it) {
		t.Errorf("the queue after stop: %+v", st)
	}
}

// The service stays while it has something to download, even with no client, and exits
// on its own once the queue is done and no client is attached.
func TestIdleServiceExitsOnceTheQueueIsDone(t *testing.T) {
	socket, journal := testDirs(t)
	f := newFiles(t)
	it := f.item(t.TempDir(), "gated-idle.bin", 100_000)
	m, err := download.New(download.Options{JournalPath: journal}) // queued by an earlier run
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Add(it); err != nil {
		t.Fatal(err)
	}
	m.Close()
	_, done := startServer(t, socket, journal, time.Millisecond)
	<-f.started // the download is under way, held at half by the server
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatalf("the service left with a download under way: %v", err)
	}
	c.Close()
	f.release()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if _, err := Ping(socket); !IsNotRunning(err) {
		t.Errorf("ping after the idle exit: %v", err)
	}
	sameFile(t, it.Dest, 100_000)
}

// A subscriber that reads nothing never holds up the engine or the other clients: the
// queue finishes, the reading client sees it all, and the stalled one, once it reads,
// is resynced with a snapshot holding the outcome.
func TestSlowSubscriberDoesNotStall(t *testing.T) {
	socket, journal := testDirs(t)
	startServer(t, socket, journal, -1)
	f := newFiles(t)
	raw, err := net.Dial("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.(*net.UnixConn).SetReadBuffer(4096)
	if _, err := raw.Write([]byte(`{"op":"subscribe"}` + "\n")); err != nil {
		t.Fatal(err)
	}
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dir := t.TempDir()
	var items []download.Item
	var ids []string
	for i := range 400 {
		it := f.item(dir, "s"+itoa(i)+".bin", 2000)
		items = append(items, it)
		ids = append(ids, itemID(it))
	}
	if _, err := c.AddAll(items...); err != nil {
		t.Fatal(err)
	}
	for id, s := range waitStates(t, c, ids...) {
		if s.State != download.Done {
			t.Fatalf("%s: %s %s", id, s.State, s.Err)
		}
	}
	// Now read the stalled stream: somewhere a resync snapshot shows every item done.
	r := bufio.NewReaderSize(raw, 1<<20)
	lines, resynced := 0, false
	for !resynced {
		b, err := r.ReadBytes('\n')
		if err != nil {
			t.Fatalf("stalled stream after %d lines: %v", lines, err)
		}
		var l streamLine
		if err := json.Unmarshal(b, &l); err != nil {
			t.Fatal(err)
		}
		lines++
		if l.T == "snapshot" && lines > 1 && len(l.Items) == len(items) {
			resynced = true
			for _, s := range l.Items {
				if s.State != download.Done {
					resynced = false
				}
			}
		}
	}
	if lines > 4*len(items) {
		t.Errorf("the stalled stream carried %d lines: events were not dropped", lines)
	}
}

func itoa(i int) string {
	return string(rune('a'+i/26/26%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i%26))
}

// Closing a client ends every goroutine it started, and the service's for it.
func TestClientCloseLeaksNoGoroutines(t *testing.T) {
	socket, journal := testDirs(t)
	startServer(t, socket, journal, -1)
	f := newFiles(t)
	dir := t.TempDir()
	warm := f.item(dir, "warm.bin", 1000) // the engine's workers and connections, started
	c0, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	c0.AddAll(warm)
	waitStates(t, c0, itemID(warm))
	c0.Close()
	before := settledGoroutines(-1)
	for i := range 3 {
		c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
		if err != nil {
			t.Fatal(err)
		}
		it := f.item(dir, "g"+itoa(i)+".bin", 5000)
		if _, err := c.AddAll(it); err != nil {
			t.Fatal(err)
		}
		waitStates(t, c, itemID(it))
		c.Close()
	}
	if after := settledGoroutines(before); after > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after closing the clients:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

// settledGoroutines waits until the goroutine count falls to want (or, with want < 0,
// stops changing) and returns it: connections end asynchronously on the service's side.
// The deadline only turns a leak into a failure; it times nothing.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for range 500 {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		if (want >= 0 && m <= want) || (want < 0 && m == n) {
			return m
		}
		n = m
	}
	return n
}

// A client whose service goes away (stopped here, killed in
// TestKilledServiceRestartsAndResumes) starts a new one through Spawn, and its Events
// goes on: the new stream's snapshot first, then the new service's events.
func TestClientRestartsAStoppedService(t *testing.T) {
	socket, journal := testDirs(t)
	f := newFiles(t)
	var mu sync.Mutex
	var serving []<-chan error
	spawn := func(context.Context) error {
		mu.Lock()
		defer mu.Unlock()
		srv, err := Start(context.Background(), ServerOptions{Socket: socket, Idle: -1, Manager: testManagerOptions(journal)})
		if err != nil || srv == nil {
			return err // nil, nil: a service another spawn started answers, as a racing mastui's would
		}
		serving = append(serving, serveUntilCleanup(t, srv))
		return nil
	}
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal, Spawn: spawn})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dir := t.TempDir()
	before := f.item(dir, "before.bin", 20_000)
	if _, err := c.AddAll(before); err != nil {
		t.Fatal(err)
	}
	waitStates(t, c, itemID(before))
	raw, err := dial(socket) // another program stops the service
	if err != nil {
		t.Fatal(err)
	}
	raw.roundTrip(Request{Op: "stop"})
	raw.close()
	mu.Lock()
	first := serving[0]
	mu.Unlock()
	<-first
	// The stream notices, restarts the service and resyncs: "before" comes again, done.
	for ev := range c.Events() {
		if s := ev.EventStatus(); s.ID == itemID(before) && s.State == download.Done {
			break
		}
	}
	after := f.item(dir, "after.bin", 30_000)
	if _, err := c.AddAll(after); err != nil {
		t.Fatalf("after the restart: %v", err)
	}
	var st download.Status
	for st.State != download.Done {
		ev, ok := <-c.Events()
		if !ok {
			t.Fatal("events closed")
		}
		if s := ev.EventStatus(); s.ID == itemID(after) {
			st = s
		}
	}
	sameFile(t, after.Dest, 30_000)
	mu.Lock()
	defer mu.Unlock()
	if len(serving) != 2 {
		t.Errorf("%d services started, want 2 (the first and its replacement)", len(serving))
	}
}

// A service speaking another protocol version (an older mastui's, still running after an
// upgrade) is asked to stop and replaced.
func TestClientReplacesAServiceOfAnotherVersion(t *testing.T) {
	socket, journal := testDirs(t)
	if err := prepareSocketDir(socket); err != nil {
		t.Fatal(err)
	}
	old, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	stopped := make(chan struct{})
	go func() { // answers hello as version 0 and goes on "stop"
		defer close(stopped)
		for {
			conn, err := old.Accept()
			if err != nil {
				return
			}
			r := bufio.NewReader(conn)
			enc := json.NewEncoder(conn)
			for {
				line, err := r.ReadBytes('\n')
				if err != nil {
					break
				}
				var req Request
				json.Unmarshal(line, &req)
				enc.Encode(Response{OK: true, Hello: &Hello{Version: 0, PID: 1, Journal: journal}})
				if req.Op == "stop" {
					conn.Close()
					old.Close()
					return
				}
			}
			conn.Close()
		}
	}()
	spawn := func(context.Context) error {
		startServer(t, socket, journal, -1)
		return nil
	}
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal, Spawn: spawn})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	<-stopped
	if h := c.Hello(); h.Version != ProtocolVersion || h.PID != os.Getpid() {
		t.Fatalf("reached %+v, want the new service", h)
	}
}

// A token handed over the socket never reaches the service's log (nor its journal).
func TestSetTokenIsNeverLogged(t *testing.T) {
	socket, journal := testDirs(t)
	var log bytes.Buffer
	var logMu sync.Mutex
	srv, err := Listen(ServerOptions{Socket: socket, Idle: -1, Manager: testManagerOptions(journal),
		Logger: slog.New(slog.NewTextHandler(lockedWriter{&log, &logMu}, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	c, err := Connect(context.Background(), DialOptions{Socket: socket, Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "tok-3f9a-very-secret"
	c.SetToken(secret) // an engine without SetToken refuses it: either way, not logged
	c.Close()
	cancel()
	<-done
	logMu.Lock()
	defer logMu.Unlock()
	j, _ := os.ReadFile(journal)
	if strings.Contains(log.String(), secret) || strings.Contains(string(j), secret) {
		t.Fatalf("the token leaked:\n%s\n%s", log.String(), j)
	}
	if !strings.Contains(log.String(), "download service started") {
		t.Fatalf("nothing logged at all:\n%s", log.String())
	}
}

type lockedWriter struct {
	b  *bytes.Buffer
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
