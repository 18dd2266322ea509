package serve_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"mastui/ui/serve"
	"mastui/ui/uitest"
)

// An authorized key gets the TUI: its first frame (the tab bar, the server label) at the
// size of the session's PTY.
func TestAuthorizedKeyGetsTheTUI(t *testing.T) {
	ts := startServer(t, serve.Config{})
	tm := openTerminal(t, ts.connect(t), 100, 30)
	tm.WaitFor("Observations")
	tm.WaitFor("testsrv")
	got, _ := tm.since()
	for _, tab := range []string{"Missions", "Catalogs", "Queue", "Search observations"} {
		if !strings.Contains(got, tab) {
			t.Errorf("first frame without %q:\n%s", tab, got)
		}
	}
	// The host key was made, private to the server's user.
	fi, err := os.Stat(filepath.Join(ts.dir, "keys", "host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", fi.Mode().Perm())
	}
}

// A key not in the file, a password and keyboard-interactive answers are all refused:
// public keys are the only method offered.
func TestOnlyAuthorizedKeysLogIn(t *testing.T) {
	ts := startServer(t, serve.Config{})
	for name, auth := range map[string]gossh.AuthMethod{
		"unknown key": gossh.PublicKeys(newKey(t)),
		"password":    gossh.Password("hunter2"),
		"keyboard-interactive": gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return []string{"hunter2"}, nil
		}),
	} {
		c, err := dial(ts.addr, auth)
		if err == nil {
			c.Close()
			t.Errorf("%s: logged in", name)
			continue
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: %v, want an authentication failure", name, err)
		}
	}
	// The file is read at each login: a key added now logs in, with no restart.
	late := newKey(t)
	f, err := os.OpenFile(filepath.Join(ts.dir, "authorized_keys"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(gossh.MarshalAuthorizedKey(late.PublicKey()))
	f.Close()
	c, err := dial(ts.addr, gossh.PublicKeys(late))
	if err != nil {
		t.Fatalf("key added to the file refused: %v", err)
	}
	c.Close()
}

// The server refuses to start without a usable authorized_keys file.
func TestAuthorizedKeysRequired(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	writeFile(t, empty, "# nobody yet\n")
	garbage := filepath.Join(dir, "garbage")
	writeFile(t, garbage, "ssh-ed25519 not-base64!\n")
	for path, want := range map[string]string{
		filepath.Join(dir, "missing"): "no such file",
		empty:                         "no key in the file",
		garbage:                       "no usable key",
	} {
		_, err := serve.New(serve.Config{AuthorizedKeys: path, HostKeyPath: filepath.Join(dir, "hk"), Archive: &uitest.Archive{}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
}

// A session without a PTY (ssh host command, no -t) is told it needs one and ends with
// status 1.
func TestNoPTYRefused(t *testing.T) {
	ts := startServer(t, serve.Config{})
	sess, err := ts.connect(t).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("")
	if !strings.Contains(string(out), "Requires an active PTY") {
		t.Errorf("output %q, want the PTY message", out)
	}
	if st := exitStatus(err); st != 1 {
		t.Errorf("exit status %d (%v), want 1", st, err)
	}
}

// A window change reaches the session's program: the frame follows the new size.
func TestResize(t *testing.T) {
	ts := startServer(t, serve.Config{})
	tm := openTerminal(t, ts.connect(t), 40, 10)
	tm.WaitFor("have 40×10")
	tm.Mark()
	tm.Resize(50, 12)
	tm.WaitFor("have 50×12")
	tm.Mark()
	tm.Resize(100, 30)
	tm.WaitFor("Observations")
}

// Two sessions at once, each at its own size, render independently.
func TestTwoSessionsTwoSizes(t *testing.T) {
	ts := startServer(t, serve.Config{})
	small := openTerminal(t, ts.connect(t), 40, 10)
	big := openTerminal(t, ts.connect(t), 110, 32)
	small.WaitFor("have 40×10")
	big.WaitFor("Observations")
	big.Mark()
	big.Resize(44, 11)
	big.WaitFor("have 44×11")
	small.Mark()
	small.Resize(100, 30)
	small.WaitFor("Observations")
	if got, _ := small.since(); strings.Contains(got, "44×11") {
		t.Errorf("the other session's size leaked into this one:\n%s", got)
	}
	all, _ := big.since()
	if strings.Contains(all, "40×10") {
		t.Errorf("the other session's frame leaked into this one:\n%s", all)
	}
}

// The session after the cap is told, in one line, and closed; once a session ends, a
// new one gets in.
func TestSessionCap(t *testing.T) {
	ts := startServer(t, serve.Config{MaxSessions: 1})
	first := ts.connect(t)
	tm := openTerminal(t, first, 100, 30)
	tm.WaitFor("Observations")
	over := openTerminal(t, ts.connect(t), 100, 30)
	got := over.WaitEnd()
	if want := "mastui: all 1 sessions of this server are in use; try again later"; !strings.Contains(got, want) {
		t.Errorf("refused session saw %q, want %q", got, want)
	}
	if st := exitStatus(over.sess.Wait()); st != 1 {
		t.Errorf("refused session's exit status %d, want 1", st)
	}
	first.Close()
	settle(t, "a new session once the first ended", func() bool { // the server sees the first end in its own time
		return strings.Contains(openTerminal(t, ts.connect(t), 100, 30).WaitForAny("Observations", "in use"), "Observations")
	})
}

// Copies go through the session's terminal (OSC 52), never the server's clipboard; the
// copy keys' help says so.
func TestCopyThroughOSC52(t *testing.T) {
	ts := startServer(t, serve.Config{})
	tm := openTerminal(t, ts.connect(t), 120, 30)
	tm.WaitFor("Search observations")
	tm.Type("M101\r")
	tm.WaitFor("300 observations")
	tm.Mark()
	tm.Type("y")
	tm.WaitFor("copied ")
	m := regexp.MustCompile(`\x1b\]52;c;([A-Za-z0-9+/=]+)(\x07|\x1b\\)`).FindStringSubmatch(tm.Raw())
	if m == nil {
		t.Fatalf("no OSC 52 sequence in the session's output:\n%q", tm.Raw())
	}
	text, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil || len(text) == 0 {
		t.Fatalf("OSC 52 payload %q: %v", m[1], err)
	}
	got, _ := tm.since()
	if !strings.Contains(got, "copied ") || !strings.Contains(got, string(text)) {
		t.Errorf("toast does not name the copied text %q:\n%s", text, got)
	}
	tm.Mark()
	tm.Type("?")
	tm.WaitFor("copy the cell via OSC 52")
}

// The server's shutdown tells every session why before closing it.
func TestShutdownTellsSessions(t *testing.T) {
	ts := startServer(t, serve.Config{})
	client := ts.connect(t)
	tm := openTerminal(t, client, 100, 30)
	tm.WaitFor("Observations")
	tm.Mark()
	ts.cancel()
	if got := tm.WaitEnd(); !strings.Contains(got, "mastui: the server is shutting down") {
		t.Errorf("session saw %q at shutdown", got)
	}
	client.Close() // the client hangs up once told (else the server closes it after a grace)
	ts.stop()
	if _, err := dial(ts.addr, gossh.PublicKeys(ts.key)); err == nil {
		t.Error("the server still accepts connections after its shutdown")
	}
}

// An idle connection is closed after --idle-timeout (an idle TUI writes nothing), and
// every connection after --max-timeout, busy or not.
func TestTimeoutsCloseConnections(t *testing.T) {
	for name, cfg := range map[string]serve.Config{
		"idle": {IdleTimeout: 300 * time.Millisecond},
		"max":  {MaxTimeout: 300 * time.Millisecond},
	} {
		t.Run(name, func(t *testing.T) {
			ts := startServer(t, cfg)
			tm := openTerminal(t, ts.connect(t), 100, 30)
			tm.WaitEnd() // nothing typed: the server ends it
			settle(t, "no session left", func() bool { return ts.srv.Sessions() == 0 })
		})
	}
}
