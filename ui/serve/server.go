// Package serve runs the TUI over SSH (`mastui serve`) on charmbracelet/wish: one Bubble
// Tea program per SSH session, each with its own Common (context ended by the session's
// end, renderer and styles from that session's terminal, keymap, size, logger tagged
// with the session) and its own view of the downloads. Public-key authentication only,
// against an authorized_keys file; a PTY is required; a cap on concurrent sessions; idle
// and absolute timeouts; a graceful shutdown that tells every session before closing it.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/charmbracelet/wish/logging"
	"github.com/muesli/termenv"

	"mastui/ui"
	"mastui/ui/common"
)

// DefaultMaxSessions caps concurrent sessions when Config.MaxSessions is 0.
const DefaultMaxSessions = 16

// shutdownGrace is how long a shutdown waits for clients to hang up after their
// sessions were told and ended, before closing their connections.
const shutdownGrace = 5 * time.Second

// DownloadsFactory gives a session its downloads (one per session: the download
// service's client, or a view over a shared engine) and what to close when the session
// ends. ctx ends with the session.
type DownloadsFactory func(ctx context.Context) (common.Downloads, io.Closer, error)

// Config configures a Server.
type Config struct {
	Listen         string // HOST:PORT (port 0: any free port)
	HostKeyPath    string // the server's private key; an ed25519 key is made there (0600) if missing
	AuthorizedKeys string // OpenSSH authorized_keys file: the keys that may log in
	MaxSessions    int    // concurrent sessions; 0 means DefaultMaxSessions
	IdleTimeout    time.Duration
	MaxTimeout     time.Duration
	Logger         *slog.Logger // the log file (never the terminal); nil discards

	Archive common.Archive // shared by every session (the MAST client is safe for that)
	// Options is the template of every session's ui.Options; Downloads, Queue and
	// DownloadsUnavailable are set per session from Downloads.
	Options     ui.Options
	ServerLabel string
	Downloads   DownloadsFactory // nil: downloads unavailable in the sessions
	// Look is the theme and key overrides of the settings, applied to each session's
	// own styles and keymap.
	Look common.Look
}

// Server is the SSH server of the TUI. Build with New, bind with Listen, run with Serve.
type Server struct {
	cfg  Config
	log  *slog.Logger
	ssh  *ssh.Server
	ln   net.Listener
	keys authorizedKeys

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	seq      int
}

// New checks the configuration, loads (or makes) the host key and builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.Archive == nil {
		return nil, errors.New("serve: no archive")
	}
	if cfg.HostKeyPath == "" {
		return nil, errors.New("serve: no host key path")
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		keys:     authorizedKeys{path: cfg.AuthorizedKeys, log: cfg.Logger},
		sessions: map[*session]struct{}{},
	}
	if err := s.keys.validate(); err != nil {
		return nil, err
	}
	// keygen makes the key's directory 0700 and the key 0600.
	if dir := filepath.Dir(cfg.HostKeyPath); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("host key: %w", err)
		}
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(s.keys.check), // no password nor keyboard-interactive handler: both refused
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMaxTimeout(cfg.MaxTimeout),
		// Composed first to last; the last runs first: logging, PTY check, session, TUI.
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii), // Ascii: never force colours
			s.sessionMiddleware,
			activeterm.Middleware(),
			logging.MiddlewareWithLogger(printfLogger{cfg.Logger}),
		),
	)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", cfg.HostKeyPath, err)
	}
	s.ssh = srv
	return s, nil
}

// Listen binds the address and returns the one bound (the real port when it was 0).
func (s *Server) Listen() (net.Addr, error) {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s.ln = ln
	return ln.Addr(), nil
}

// Serve serves SSH sessions until ctx ends, then shuts down gracefully: no new
// connections, every session told and its TUI ended, and the connections closed once
// their clients hang up (or shutdownGrace later). Listen must have been called.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		return errors.New("serve: Listen first")
	}
	errc := make(chan error, 1)
	go func() { errc <- s.ssh.Serve(s.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("ssh server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("ssh server: shutting down")
	s.endAll("the server is shutting down")
	grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := s.ssh.Shutdown(grace); err != nil {
		s.log.Info("ssh server: closing the connections still open", "err", err)
		s.ssh.Close()
	}
	<-errc // ssh.ErrServerClosed
	return nil
}

// Sessions is the number of sessions running now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// printfLogger sends wish's connection log lines to our log file.
type printfLogger struct{ log *slog.Logger }

func (p printfLogger) Printf(format string, v ...any) {
	p.log.Info("ssh: " + fmt.Sprintf(format, v...))
}
