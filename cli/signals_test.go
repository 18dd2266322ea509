//go:build linux

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"mastui/download"
)

func TestMain(m *testing.M) {
	code := m.Run()
	removeProgram()
	os.Exit(code)
}

// exitWait is the generous "did it exit at all" bound: no timing is asserted, only that
// the process ends instead of hanging. startWait bounds "did it start at all", as
// generously (a loaded machine under -race is slow to start a program).
const (
	exitWait  = 30 * time.Second
	startWait = 2 * time.Minute
)

// pty is a pseudo-terminal: the test holds the master (the terminal's side) and keeps a
// slave descriptor to read back the line settings the program leaves behind.
type pty struct {
	master, slave *os.File
	mu            sync.Mutex
	out           bytes.Buffer // everything the program wrote
	changed       chan struct{}
	readDone      chan struct{}
}

func openPTY(t *testing.T) *pty {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var n int
	// Control, not Fd: Fd would make the master blocking, and a blocked read would keep
	// Close from hanging the terminal up.
	err = control(master, func(fd int) error {
		if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
			return err
		}
		var err error
		n, err = unix.IoctlGetInt(fd, unix.TIOCGPTN)
		return err
	})
	if err != nil {
		master.Close()
		t.Fatalf("pty: %v", err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Fatalf("pty slave: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 36, Col: 120}); err != nil {
		t.Fatalf("pty size: %v", err)
	}
	p := &pty{master: master, slave: slave, changed: make(chan struct{}), readDone: make(chan struct{})}
	go p.readLoop()
	t.Cleanup(func() { p.hangUp(); <-p.readDone; slave.Close() })
	return p
}

func control(f *os.File, fn func(fd int) error) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = fn(int(fd)) }); err != nil {
		return err
	}
	return ferr
}

func (p *pty) readLoop() {
	defer close(p.readDone)
	buf := make([]byte, 32<<10)
	for {
		n, err := p.master.Read(buf)
		p.mu.Lock()
		p.out.Write(buf[:n])
		close(p.changed)
		p.changed = make(chan struct{})
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// hangUp closes the terminal's side, as closing a terminal window or a dropped SSH
// connection does.
func (p *pty) hangUp() { p.master.Close() }

// output is what the program wrote since byte offset from.
func (p *pty) output(from int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()[min(from, p.out.Len()):]
}

// waitFor waits until the output since from contains text.
func (p *pty) waitFor(t *testing.T, from int, text string) {
	t.Helper()
	if !p.seen(from, text, startWait) {
		t.Fatalf("%q never appeared:\n%q", text, p.output(from))
	}
}

// seen reports whether the output since from contains text within d. The program may
// have exited already: what it wrote last is still in the terminal's buffer, read by
// readLoop a moment later.
func (p *pty) seen(from int, text string, d time.Duration) bool {
	deadline := time.After(d)
	for {
		p.mu.Lock()
		got := strings.Contains(p.out.String()[min(from, p.out.Len()):], text)
		changed := p.changed
		p.mu.Unlock()
		if got {
			return true
		}
		select {
		case <-changed:
		case <-p.readDone:
			return strings.Contains(p.output(from), text)
		case <-deadline:
			return false
		}
	}
}

func (p *pty) termios(t *testing.T) *unix.Termios {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(p.slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatalf("termios: %v", err)
	}
	return tio
}

// startTUI runs `mastui --mast-url URL` on the pty's slave as the controlling terminal
// of a new session; wrap (if any) is a shell line the program is exec'ed from.
func startTUI(t *testing.T, p *pty, url, wrap string) *exec.Cmd {
	t.Helper()
	args := []string{programPath(t), "--mast-url", url, "--dir", t.TempDir()}
	if wrap != "" {
		args = append([]string{"/bin/sh", "-c", wrap + `; exec "$0" "$@"`}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "TERM=screen") // screen: no colour query to answer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.slave, p.slave, p.slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// waitExit fails the test if the process is still running after exitWait, with the
// goroutine dump SIGQUIT makes it write on the pty.
func waitExit(t *testing.T, p *pty, cmd *exec.Cmd, what string) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("%s: wait: %v", what, err)
		}
		return
	case <-time.After(exitWait):
	}
	mark := len(p.output(0))
	cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-done:
	case <-time.After(exitWait):
		cmd.Process.Kill()
		<-done
	}
	t.Fatalf("%s: the TUI was still running %v later (hung); its goroutines:\n%s", what, exitWait, p.output(mark))
}

// seedJournal leaves a paused download in the queue's journal, so every run has a queue
// to flush and a lock to release.
func seedJournal(t *testing.T) string {
	t.Helper()
	m, err := download.New(download.Options{})
	if err != nil {
		t.Fatal(err)
	}
	it := download.Item{URL: "http://127.0.0.1:9/never.fits", Dest: filepath.Join(t.TempDir(), "never.fits")}
	it.ID = download.ItemID(it.URL, it.Dest)
	if err := m.Add(it); err != nil {
		t.Fatal(err)
	}
	if err := m.Pause(it.ID); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	return it.ID
}

// checkQueueReleased opens the journal as the next session would: the lock must be free
// and the seeded item still there, paused.
func checkQueueReleased(t *testing.T, id, what string) {
	t.Helper()
	m, err := download.New(download.Options{})
	if err != nil {
		t.Fatalf("%s: the next session cannot open the queue: %v", what, err)
	}
	defer m.Close()
	if st, ok := m.Status(id); !ok || st.State != download.Paused {
		t.Fatalf("%s: the journal lost the paused item (found %v, %v)", what, ok, st.State)
	}
}

// checkRestored compares the line settings and screen with those before the TUI ran.
func checkRestored(t *testing.T, p *pty, before *unix.Termios, from int, what string) {
	t.Helper()
	after := p.termios(t)
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("%s: terminal left in raw mode: lflag %#x iflag %#x oflag %#x, were %#x %#x %#x",
			what, after.Lflag, after.Iflag, after.Oflag, before.Lflag, before.Iflag, before.Oflag)
	}
	if !p.seen(from, "\x1b[?1049l", exitWait) {
		t.Errorf("%s: the alternate screen was not left; output after the signal: %q", what, p.output(from))
	}
}

// A signal ends the TUI (and restores the terminal, flushes and unlocks the queue) every
// time: SIGTERM used to hang about one run in five, Bubble Tea's own handler blocking
// on a program that had already stopped on the cancelled context.
func TestSignalsEndTheTUI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program under a pseudo-terminal many times")
	}
	url := startSim(t)
	id := seedJournal(t)
	for _, c := range []struct {
		sig  syscall.Signal
		runs int
	}{
		{syscall.SIGTERM, 20}, // enough to catch a one-in-five race
		{syscall.SIGHUP, 2},
		{syscall.SIGINT, 2},
	} {
		for i := range c.runs {
			what := fmt.Sprintf("%v run %d", c.sig, i+1)
			p := openPTY(t)
			before := p.termios(t)
			cmd := startTUI(t, p, url, "")
			p.waitFor(t, 0, "Target")
			mark := len(p.output(0))
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			waitExit(t, p, cmd, what)
			if got, want := cmd.ProcessState.ExitCode(), 128+int(c.sig); got != want {
				t.Errorf("%s: exit status %d, want %d (128 + the signal, as a shell reports it)", what, got, want)
			}
			checkRestored(t, p, before, mark, what)
			checkQueueReleased(t, id, what)
			if t.Failed() {
				return
			}
		}
	}
}

// Closing the terminal (tmux kill-session, a dropped SSH connection) ends the TUI: by
// SIGHUP when the kernel sends one, and by the end of input when it does not (the
// program is not the session leader, or SIGHUP is ignored as under nohup).
func TestClosedTerminalEndsTheTUI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the program under a pseudo-terminal")
	}
	url := startSim(t)
	id := seedJournal(t)
	for _, c := range []struct{ what, wrap string }{
		{"hangup (SIGHUP)", ""},
		{"hangup with SIGHUP ignored (end of input)", `trap "" HUP`},
	} {
		p := openPTY(t)
		cmd := startTUI(t, p, url, c.wrap)
		p.waitFor(t, 0, "Target")
		p.hangUp()
		waitExit(t, p, cmd, c.what)
		checkQueueReleased(t, id, c.what)
	}
}
