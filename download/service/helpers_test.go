package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"mastui/download"
)

// The service tests that need a real process (a service that outlives its client, one
// killed with -9, two racing to start) run this test binary as the service: TestMain
// turns it into one when childEnv is set, as `mastui downloads serve` would be.
const childEnv = "MASTUI_SERVICE_TEST_CHILD"

// pingEnv makes this test binary a peer that pings the socket it names (and says
// "refused:" when the service does not answer it).
const pingEnv = "MASTUI_SERVICE_TEST_PING"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(runChild())
	}
	if socket := os.Getenv(pingEnv); socket != "" {
		if _, err := Ping(socket); err != nil {
			fmt.Println("refused:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runChild is the service process of the tests: socket and journal from the
// environment, as cli's serveDownloads does with the user's.
func runChild() int {
	socket, journal := os.Getenv("SVC_SOCKET"), os.Getenv("SVC_JOURNAL")
	idle, _ := time.ParseDuration(os.Getenv("SVC_IDLE"))
	opts := ServerOptions{Socket: socket, Idle: idle, Manager: testManagerOptions(journal)}
	if p := os.Getenv("SVC_LOG"); p != "" { // debugging a test: the service's log
		if f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
			opts.Logger = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}
	}
	srv, err := Start(context.Background(), opts)
	if err != nil {
		NotifyReady(err)
		return 1
	}
	if srv == nil { // another service won the race
		NotifyReady(nil)
		return 0
	}
	NotifyReady(nil)
	if err := srv.Serve(context.Background()); err != nil {
		return 1
	}
	return 0
}

func testManagerOptions(journal string) download.Options {
	return download.Options{JournalPath: journal, Workers: 2, RetryBase: 10 * time.Millisecond, RetryMax: 50 * time.Millisecond}
}

// testDirs is a short socket path (a unix socket path holds ~107 bytes: t.TempDir()'s
// can be longer) and a journal.
func testDirs(t *testing.T) (socket, journal string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "svc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "run", "downloads.sock"), filepath.Join(t.TempDir(), "downloads.jsonl")
}

// startServer runs a service in this process until the test ends; the returned channel
// gets Serve's result.
func startServer(t *testing.T, socket, journal string, idle time.Duration) (*Server, <-chan error) {
	t.Helper()
	srv, err := Start(context.Background(), ServerOptions{Socket: socket, Idle: idle, Manager: testManagerOptions(journal)})
	if err != nil || srv == nil {
		t.Fatalf("start a service: %v %v", srv, err)
	}
	return srv, serveUntilCleanup(t, srv)
}

// serveUntilCleanup serves srv on a goroutine until the test ends.
func serveUntilCleanup(t *testing.T, srv *Server) <-chan error {
	ctx, cancel := context.WithCancel(context.Background())
	done, finished := make(chan error, 1), make(chan struct{})
	go func() {
		defer close(finished)
		done <- srv.Serve(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-finished
	})
	return done
}

// childSpawner starts this test binary as the service (runChild), detached as mastui
// does, and kills it when the test ends.
func childSpawner(t *testing.T, socket, journal string) func(context.Context) error {
	env := append(os.Environ(), childEnv+"=1", "SVC_SOCKET="+socket, "SVC_JOURNAL="+journal, "SVC_IDLE=-1s")
	spawn := Spawner(os.Args[0], []string{"-test.run=^$"}, env)
	t.Cleanup(func() { // whatever service the test left: stop it and wait for it
		if h, err := Ping(socket); err == nil {
			if p, err := os.FindProcess(h.PID); err == nil {
				p.Kill()
			}
			waitGone(context.Background(), socket)
		}
	})
	return spawn
}

// files serves deterministic bytes at /NAME?size=N, with Range (http.ServeContent). A
// file whose name starts with "gated" stops after half its bytes until release is
// called; ranges records every Range header asked for.
type files struct {
	*httptest.Server
	gate    chan struct{}
	once    sync.Once
	mu      sync.Mutex
	ranges  []string
	started chan string // gets the name of every GET (buffered)
}

func newFiles(t *testing.T) *files {
	f := &files{gate: make(chan struct{}), started: make(chan string, 1024)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		f.release()
		f.Close()
	})
	return f
}

func (f *files) release() { f.once.Do(func() { close(f.gate) }) }

func content(name string, size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte((i*31 + len(name)*7 + i/251) % 251)
	}
	return b
}

func (f *files) serve(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	size, _ := strconv.Atoi(r.URL.Query().Get("size"))
	if r.Method == http.MethodGet {
		f.mu.Lock()
		f.ranges = append(f.ranges, r.Header.Get("Range"))
		f.mu.Unlock()
		select {
		case f.started <- name:
		default:
		}
	}
	var out http.ResponseWriter = w
	if strings.HasPrefix(name, "gated") && r.Method == http.MethodGet && r.Header.Get("Range") == "" {
		out = &gatedWriter{ResponseWriter: w, left: size / 2, gate: f.gate, done: r.Context().Done()}
	}
	http.ServeContent(out, r, name, time.Time{}, bytes.NewReader(content(name, size)))
}

func (f *files) rangesAsked() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.ranges...)
}

// gatedWriter passes `left` bytes, flushes them, then holds the rest until gate closes.
type gatedWriter struct {
	http.ResponseWriter
	left int
	gate <-chan struct{}
	done <-chan struct{}
}

func (g *gatedWriter) Write(b []byte) (int, error) {
	n := 0
	if g.left > 0 {
		k := min(g.left, len(b))
		w, err := g.ResponseWriter.Write(b[:k])
		n, g.left, b = w, g.left-w, b[k:]
		if err != nil || g.left > 0 {
			return n, err
		}
		g.Flush() // the first half reaches the client; the rest waits for the gate
		select {
		case <-g.gate:
		case <-g.done:
			return n, errors.New("client gone")
		}
	}
	if len(b) == 0 {
		return n, nil
	}
	w, err := g.ResponseWriter.Write(b)
	return n + w, err
}

func (g *gatedWriter) Flush() { g.ResponseWriter.(http.Flusher).Flush() }

// item is a download of NAME (size bytes) into dir.
func (f *files) item(dir, name string, size int) download.Item {
	return download.Item{URL: fmt.Sprintf("%s/%s?size=%d", f.URL, name, size), Dest: filepath.Join(dir, name), Size: int64(size)}
}

// waitStates reads c's events (after its snapshot) until every item of ids is in a
// settled state and returns the states. The test's deadline bounds it.
func waitStates(t *testing.T, c *Client, ids ...string) map[string]download.Status {
	t.Helper()
	st := map[string]download.Status{}
	for _, s := range c.Snapshot() {
		st[s.ID] = s
	}
	settled := func() bool {
		for _, id := range ids {
			s, ok := st[id]
			if !ok || s.State == download.Queued || s.State == download.Active {
				return false
			}
		}
		return true
	}
	for !settled() {
		ev, ok := <-c.Events()
		if !ok {
			t.Fatal("events closed before the downloads settled")
		}
		s := ev.EventStatus()
		st[s.ID] = s
	}
	return st
}

// sameFile fails unless path holds exactly the bytes the server serves for it.
func sameFile(t *testing.T, path string, size int) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, content(filepath.Base(path), size)) {
		t.Fatalf("%s: %d bytes, not the server's %d", path, len(got), size)
	}
	if _, err := os.Stat(path + ".part"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s.part left behind", path)
	}
}

func itemID(it download.Item) string { return download.ItemID(it.URL, it.Dest) }
