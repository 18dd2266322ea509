package serve_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"mastui/ui/serve"
	"mastui/ui/uitest"
)

// testServer is a running serve.Server on loopback.
type testServer struct {
	srv    *serve.Server
	addr   string
	key    gossh.Signer // a key in the authorized_keys file
	dir    string
	cancel context.CancelFunc
	done   chan error
}

// startServer runs a server with cfg (Archive, keys and paths filled in when unset) until
// the test ends; the shutdown is part of the test (it must return).
func startServer(t *testing.T, cfg serve.Config) *testServer {
	t.Helper()
	dir := t.TempDir()
	key := newKey(t)
	if cfg.AuthorizedKeys == "" {
		cfg.AuthorizedKeys = filepath.Join(dir, "authorized_keys")
		writeFile(t, cfg.AuthorizedKeys, "# the test's key\n"+string(gossh.MarshalAuthorizedKey(key.PublicKey())))
	}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(dir, "keys", "host_ed25519")
	}
	if cfg.Archive == nil {
		cfg.Archive = &uitest.Archive{Rows: 300}
	}
	if cfg.ServerLabel == "" {
		cfg.ServerLabel = "testsrv"
	}
	cfg.Listen = "127.0.0.1:0"
	srv, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	addr, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{srv: srv, addr: addr.String(), key: key, dir: dir, cancel: cancel, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(ctx) }()
	t.Cleanup(ts.stop)
	return ts
}

// stop shuts the server down and waits for Serve to return.
func (ts *testServer) stop() {
	ts.cancel()
	<-ts.done
	ts.done <- nil // stop again: returns at once
}

// dialRaw connects with the authorized key and returns the TCP connection too (to
// reset it, as a killed client or a dropped network would).
func dialRaw(t *testing.T, ts *testServer) (net.Conn, *gossh.Client) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	cc, chans, reqs, err := gossh.NewClientConn(conn, ts.addr, &gossh.ClientConfig{
		User: "astro", Auth: []gossh.AuthMethod{gossh.PublicKeys(ts.key)}, HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	c := gossh.NewClient(cc, chans, reqs)
	t.Cleanup(func() { c.Close() })
	return conn, c
}

func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// dial connects with auth methods; the host key is not checked (a test server's).
func dial(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "astro",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
}

func (ts *testServer) connect(t *testing.T) *gossh.Client {
	t.Helper()
	c, err := dial(ts.addr, gossh.PublicKeys(ts.key))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// terminal is one SSH session with a PTY, as a terminal sees it: everything the server
// wrote, and a way to type. It answers the terminal queries the server makes at the
// start (background colour, device attributes) as a terminal would.
type terminal struct {
	t    *testing.T
	sess *gossh.Session
	in   io.WriteCloser

	mu      sync.Mutex
	out     []byte
	ended   bool
	changed chan struct{} // closed and replaced at every write from the server
	mark    int
}

// openTerminal starts a shell session with a w×h PTY.
func openTerminal(t *testing.T, c *gossh.Client, w, h int) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	tm := &terminal{t: t, sess: sess, changed: make(chan struct{})}
	if tm.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go tm.read(out)
	t.Cleanup(func() { sess.Close() })
	return tm
}

func (tm *terminal) read(r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		tm.mu.Lock()
		tm.out = append(tm.out, buf[:n]...)
		answer := bytes.Contains(buf[:n], []byte(ansi.RequestPrimaryDeviceAttributes))
		if err != nil {
			tm.ended = true
		}
		close(tm.changed)
		tm.changed = make(chan struct{})
		tm.mu.Unlock()
		if answer { // a dark background, then a VT220's attributes
			io.WriteString(tm.in, "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c")
		}
		if err != nil {
			return
		}
	}
}

// since is the screen text (escape sequences removed) written after the last Mark.
func (tm *terminal) since() (string, bool) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(string(tm.out[tm.mark:])), tm.ended
}

// Mark makes later waits look only at what is written from now on.
func (tm *terminal) Mark() {
	tm.mu.Lock()
	tm.mark = len(tm.out)
	tm.mu.Unlock()
}

// WaitFor waits until the server has written text (since the last Mark); the session
// ending first fails the test.
func (tm *terminal) WaitFor(text string) {
	tm.t.Helper()
	if got := tm.WaitForAny(text); !strings.Contains(got, text) {
		tm.t.Fatalf("session ended before %q appeared; it showed:\n%s", text, got)
	}
}

// WaitForAny waits until one of texts is written (since the last Mark) or the session
// ends, and returns the screen text.
func (tm *terminal) WaitForAny(texts ...string) string {
	tm.t.Helper()
	return tm.wait(fmt.Sprintf("%q", texts), func(got string) bool {
		for _, text := range texts {
			if strings.Contains(got, text) {
				return true
			}
		}
		return false
	})
}

// WaitEnd waits for the server to end the session and returns what it wrote since the
// last Mark.
func (tm *terminal) WaitEnd() string {
	tm.t.Helper()
	return tm.wait("the session's end", func(string) bool { return false })
}

// wait waits until done holds for the screen text or the session ends. Only the test's
// deadline (go test -timeout) bounds it: near it, the test fails showing the screen.
func (tm *terminal) wait(what string, done func(got string) bool) string {
	tm.t.Helper()
	var late <-chan time.Time
	if deadline, ok := tm.t.Deadline(); ok {
		timer := time.NewTimer(time.Until(deadline) - 5*time.Second)
		defer timer.Stop()
		late = timer.C
	}
	for {
		tm.mu.Lock()
		ch := tm.changed
		tm.mu.Unlock()
		got, ended := tm.since()
		if ended || done(got) {
			return got
		}
		select {
		case <-ch:
		case <-late:
			tm.t.Fatalf("still waiting for %s at the test's deadline; the session showed:\n%s", what, got)
		}
	}
}

// Raw is everything the server wrote, escape sequences included.
func (tm *terminal) Raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return string(tm.out)
}

func (tm *terminal) Type(s string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.in, s); err != nil {
		tm.t.Fatal(err)
	}
}

func (tm *terminal) Resize(w, h int) {
	tm.t.Helper()
	if err := tm.sess.WindowChange(h, w); err != nil {
		tm.t.Fatal(err)
	}
}

// exitStatus is the session's exit status once it ended (-1: none given).
func exitStatus(err error) int {
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return ee.ExitStatus()
	}
	if err == nil {
		return 0
	}
	return -1
}

// settle waits until cond holds, checking again after short pauses: for state that
// changes in other goroutines with nothing to wait on (goroutines exiting). No bound of
// its own: near the test's deadline (go test -timeout) it fails, showing the goroutines.
func settle(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline, hasDeadline := t.Deadline()
	for !cond() {
		if hasDeadline && time.Until(deadline) < 5*time.Second {
			buf := make([]byte, 1<<20)
			t.Fatalf("%s: still not so at the test's deadline; goroutines:\n%s", what, buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
		time.Sleep(5 * time.Millisecond)
	}
}
