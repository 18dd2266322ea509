package service

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ReadyFDEnv names the descriptor on which a spawned service reports that it listens
// (Spawner sets it; NotifyReady writes there). A service started by hand (systemd) has
// none and reports nothing.
const ReadyFDEnv = "MASTUI_DOWNLOAD_SERVICE_READY_FD"

// Spawner returns a DialOptions.Spawn running the program at path with args as the
// service, detached: its own session (no terminal, so no SIGHUP when the spawning
// terminal closes), stdio on /dev/null, env as given (the token comes from the account
// source the service reads, never from argv). It waits until the service says it
// listens, or why it failed, on a pipe (ReadyFDEnv): no polling of the socket.
func Spawner(path string, args, env []string) func(context.Context) error {
	return func(ctx context.Context) error {
		r, w, err := os.Pipe()
		if err != nil {
			return err
		}
		defer r.Close()
		null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
		if err != nil {
			w.Close()
			return err
		}
		cmd := exec.Command(path, args...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = null, null, null
		cmd.ExtraFiles = []*os.File{w} // fd 3
		cmd.Env = append(append([]string(nil), env...), ReadyFDEnv+"=3")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		cmd.Dir = "/" // holds no directory (a mount to unmount) busy; every path it gets is absolute
		err = cmd.Start()
		w.Close()
		null.Close()
		if err != nil {
			return fmt.Errorf("start %s: %w", path, err)
		}
		// Reap it when it exits, so it leaves no zombie while this process lives.
		go cmd.Wait()
		answer := make(chan string, 1)
		go func() {
			line, _ := bufio.NewReader(r).ReadString('\n')
			answer <- strings.TrimSpace(line)
		}()
		select {
		case line := <-answer:
			switch {
			case line == "ready":
				return nil
			case strings.HasPrefix(line, "error: "):
				return errors.New(strings.TrimPrefix(line, "error: "))
			default:
				return fmt.Errorf("the download service (pid %d) exited before it listened (see the log file)", cmd.Process.Pid)
			}
		case <-ctx.Done():
			r.Close() // ends the reader
			return ctx.Err()
		}
	}
}

// NotifyReady tells the process that spawned this service (if any) that it listens
// (err nil) or why it cannot. Call it once, after Listen.
func NotifyReady(err error) {
	fd, convErr := strconv.Atoi(os.Getenv(ReadyFDEnv))
	if convErr != nil || fd < 3 {
		return
	}
	os.Unsetenv(ReadyFDEnv)
	f := os.NewFile(uintptr(fd), "ready")
	if f == nil {
		return
	}
	defer f.Close()
	msg := "ready\n"
	if err != nil {
		msg = "error: " + strings.ReplaceAll(err.Error(), "\n", " ") + "\n"
	}
	f.WriteString(msg) // the spawner may be gone: nothing to do then
}

// Start is Listen for a process started to be the service. While the journal is busy it
// keeps trying for a few seconds, as either another service is starting (its socket soon
// answers: Start returns nil, nil, and this process may exit quietly, its spawner's
// client using the other one) or a stopping service is releasing the journal (after its
// socket: Listen then succeeds). Still busy after that, the journal is held by something
// else (a mastui running its queue in its own process): ErrJournalBusy.
func Start(ctx context.Context, opts ServerOptions) (*Server, error) {
	socket := opts.Socket
	if socket == "" {
		socket = SocketPath()
	}
	for attempt := 0; ; attempt++ {
		srv, err := Listen(opts)
		if !errors.Is(err, ErrJournalBusy) || attempt >= 200 {
			return srv, err
		}
		if _, err := Ping(socket); err == nil {
			return nil, nil
		}
		select {
		case <-time.After(25 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
