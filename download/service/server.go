package service

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	"mastui/download"
	"mastui/model/config"
)

// DefaultIdle is how long a service with nothing to do and no client waits before it
// exits (config download_service_idle).
const DefaultIdle = config.DefaultDownloadServiceIdle

// ServerOptions configure a Server.
type ServerOptions struct {
	Manager download.Options // the queue it owns (JournalPath: the user's journal)
	Socket  string           // [SocketPath()]
	// Idle is how long the service stays up with no client attached and nothing queued
	// or active [DefaultIdle]; negative: until stopped.
	Idle   time.Duration
	Logger *slog.Logger // [discard]
}

// ErrJournalBusy is Listen's answer when another process holds the journal: another
// service (the one the clients should use) or an in-process mastui.
var ErrJournalBusy = errors.New("the download journal is held by another process")

// Server is the download service: one Manager and the socket its clients reach it on.
type Server struct {
	opts    ServerOptions
	log     *slog.Logger
	mgr     *download.Manager
	ln      *net.UnixListener
	journal string

	mu      sync.Mutex
	conns   map[net.Conn]bool
	subs    map[*subscriber]bool
	changed chan struct{} // closed and replaced when a client comes or goes
	stopped bool

	stop     chan struct{} // closed by a stop request
	stopOnce sync.Once
	wg       sync.WaitGroup
}

// Listen opens the queue (taking the journal's lock: of two services started at once,
// the second gets ErrJournalBusy) and then the socket, replacing a stale one a killed
// service left: holding the lock proves no live service owns it.
func Listen(opts ServerOptions) (*Server, error) {
	if opts.Socket == "" {
		opts.Socket = SocketPath()
	}
	if opts.Idle == 0 {
		opts.Idle = DefaultIdle
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Manager.Logger == nil {
		opts.Manager.Logger = opts.Logger
	}
	if opts.Manager.JournalPath == "" {
		opts.Manager.JournalPath = download.DefaultJournalPath()
	}
	if err := prepareSocketDir(opts.Socket); err != nil {
		return nil, err
	}
	mgr, err := download.New(opts.Manager)
	if err != nil {
		if errors.Is(err, download.ErrJournalInUse) {
			return nil, fmt.Errorf("%w: %w", ErrJournalBusy, err)
		}
		return nil, err
	}
	if err := os.Remove(opts.Socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		mgr.Close()
		return nil, fmt.Errorf("remove the stale download socket: %w", err)
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: opts.Socket, Net: "unix"})
	if err != nil {
		mgr.Close()
		return nil, fmt.Errorf("download socket: %w", err)
	}
	// The directory is 0700 already; the mode keeps the socket private should it move.
	if err := os.Chmod(opts.Socket, 0o600); err != nil {
		ln.Close()
		mgr.Close()
		return nil, fmt.Errorf("download socket: %w", err)
	}
	return &Server{
		opts: opts, log: opts.Logger, mgr: mgr, ln: ln, journal: opts.Manager.JournalPath,
		conns: map[net.Conn]bool{}, subs: map[*subscriber]bool{}, changed: make(chan struct{}),
		stop: make(chan struct{}),
	}, nil
}

// Socket is the path the server listens on.
func (s *Server) Socket() string { return s.opts.Socket }

// Manager is the queue the server owns (tests).
func (s *Server) Manager() *download.Manager { return s.mgr }

// Serve runs the queue and answers clients until ctx ends, a client asks it to stop, or
// it has been idle (no client, nothing queued or active) for ServerOptions.Idle. It then
// closes the socket (removing its file) before the journal, so a successor started at
// once never finds its own socket removed by this one.
func (s *Server) Serve(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.mgr.Start(ctx)
	s.log.Info("download service started", "socket", s.opts.Socket, "journal", s.journal, "pid", os.Getpid())
	s.wg.Add(3)
	go func() { defer s.wg.Done(); s.fanOut() }()
	go func() { defer s.wg.Done(); s.accept() }()
	go func() { defer s.wg.Done(); s.idleLoop(ctx) }()
	why := "stopped by a client"
	select {
	case <-ctx.Done():
		why = "context ended"
	case <-s.stop:
	}
	cancel()
	s.log.Info("download service stopping", "why", why)
	s.ln.Close() // unlinks the socket file
	s.mu.Lock()
	s.stopped = true
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	err := s.mgr.Close() // closes Events: fanOut returns
	s.wg.Wait()
	return err
}

// requestStop ends Serve.
func (s *Server) requestStop() { s.stopOnce.Do(func() { close(s.stop) }) }

func (s *Server) accept() {
	for {
		c, err := s.ln.AcceptUnix()
		if err != nil {
			return // closed by Serve
		}
		if err := checkPeer(c); err != nil {
			s.log.Warn("download service: connection refused", "err", err)
			c.Close()
			continue
		}
		if !s.track(c, true) {
			c.Close()
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer s.track(c, false)
			defer c.Close()
			s.serveConn(c)
		}()
	}
}

// track adds or removes a client connection; false when the server is stopping.
func (s *Server) track(c net.Conn, add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if add {
		if s.stopped {
			return false
		}
		s.conns[c] = true
	} else {
		delete(s.conns, c)
	}
	close(s.changed)
	s.changed = make(chan struct{})
	return true
}

// clients is the number of attached connections and a channel closed at the next change.
func (s *Server) clients() (int, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns), s.changed
}

// idleLoop stops the server once no client has been attached and nothing has been queued
// or active for Idle. Only a client can queue anything, so with none attached a queue
// that has gone quiet stays quiet.
func (s *Server) idleLoop(ctx context.Context) {
	if s.opts.Idle < 0 {
		return
	}
	for {
		n, changed := s.clients()
		if n > 0 {
			select {
			case <-changed:
				continue
			case <-ctx.Done():
				return
			}
		}
		wait, cancel := context.WithCancel(ctx)
		go func() {
			select {
			case <-changed:
				cancel()
			case <-wait.Done():
			}
		}()
		err := s.mgr.Wait(wait)
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil && wait.Err() != nil:
			continue // a client came or went: look again
		case err != nil:
			s.log.Warn("download service: queue stopped", "err", err)
			s.requestStop()
			return
		}
		t := time.NewTimer(s.opts.Idle)
		select {
		case <-t.C:
			if n, _ := s.clients(); n == 0 && busy(s.mgr.Totals()) == 0 {
				s.log.Info("download service idle: exiting", "idle", s.opts.Idle)
				s.requestStop()
				return
			}
		case <-changed:
			t.Stop()
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

func busy(t download.Totals) int { return t.Queued + t.Active }

// serveConn answers one client's requests in order; "subscribe" turns the connection
// into an event stream until the client goes.
func (s *Server) serveConn(c net.Conn) {
	r := bufio.NewReader(c)
	enc := json.NewEncoder(c)
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			return
		}
		var req Request
		if err := json.Unmarshal(line, &req); err != nil {
			enc.Encode(Response{Err: "bad request: " + err.Error()})
			return
		}
		if req.Op == "subscribe" {
			s.stream(c, r)
			return
		}
		resp := s.handle(req)
		if err := enc.Encode(resp); err != nil {
			return
		}
		if req.Op == "stop" {
			s.requestStop()
			return
		}
	}
}

// handle runs one request on the manager. Tokens are never logged.
func (s *Server) handle(req Request) Response {
	ok := Response{OK: true}
	result := func(err error) Response {
		if err != nil {
			return errorResponse(err)
		}
		return ok
	}
	switch req.Op {
	case "hello":
		ok.Hello = &Hello{Version: ProtocolVersion, PID: os.Getpid(), Journal: s.journal}
		return ok
	case "enqueue":
		res, err := s.mgr.AddAll(req.Items...)
		if err != nil {
			return errorResponse(err)
		}
		ok.Added = &res
		return ok
	case "snapshot":
		ok.Items = s.mgr.Snapshot()
		return ok
	case "pause":
		return result(s.mgr.Pause(req.ID))
	case "resume":
		return result(s.mgr.Resume(req.ID))
	case "cancel":
		return result(s.mgr.Cancel(req.ID))
	case "retry":
		return result(s.mgr.Retry(req.ID))
	case "pause-all":
		return result(s.mgr.PauseAll())
	case "resume-all":
		return result(s.mgr.ResumeAll())
	case "retry-failed":
		return result(s.mgr.RetryFailed())
	case "clear":
		switch req.What {
		case "finished":
			if len(req.IDs) > 0 {
				return result(s.mgr.ClearFinishedOf(req.IDs...))
			}
			return result(s.mgr.ClearFinished())
		case "failed":
			return result(s.mgr.ClearFailed())
		}
		return Response{Err: fmt.Sprintf("clear %q: want finished or failed", req.What)}
	case "set-token":
		return result(s.setToken(req.Token))
	case "set-rate":
		if req.Rate < 0 {
			return Response{Err: "set-rate: a negative rate"}
		}
		s.mgr.SetRateLimit(req.Rate)
		s.log.Info("download service: rate limit set", "bytes_per_second", req.Rate)
		return ok
	case "stop":
		return ok
	}
	return Response{Err: fmt.Sprintf("unknown request %q (protocol version %d)", req.Op, ProtocolVersion)}
}

// tokenSetter is the Manager's SetToken (which also queues the items a missing token
// held): asserted, not called directly, so the service builds against engines without it.
type tokenSetter interface{ SetToken(string) error }

func (s *Server) setToken(token string) error {
	ts, ok := any(s.mgr).(tokenSetter)
	if !ok {
		return errors.New("set-token: this download engine cannot change its token; restart the service (mastui downloads stop)")
	}
	s.log.Info("download service: token replaced by a client", "anonymous", token == "")
	return ts.SetToken(token)
}
