package serve

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"mastui/ui"
	"mastui/ui/common"
)

// session is what one SSH session owns besides its program: a context ended when the
// session ends, a tagged logger, its downloads, and why the server ended it (if it did).
type session struct {
	ctx    context.Context
	cancel context.CancelFunc
	log    *slog.Logger
	dl     common.Downloads
	dlErr  string
	closer io.Closer

	mu      sync.Mutex
	program *tea.Program
	reason  string // set when the server ends the session (shutdown)
}

type sessionKey struct{}

// sessionMiddleware admits the session (under the cap, not while shutting down), gives
// it its state, runs the TUI (next), then releases everything the session held and, if
// the server ended it, says why on the user's terminal.
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st, refusal := s.open(sess)
		if st == nil {
			s.log.Info("ssh session refused", "user", sess.User(), "remote", sess.RemoteAddr().String(), "why", refusal)
			wish.Println(sess, "mastui: "+refusal)
			_ = sess.Exit(1)
			return
		}
		defer s.release(st)
		sess.Context().SetValue(sessionKey{}, st)
		st.log.Info("ssh session started")
		next(sess)
		if reason := st.endReason(); reason != "" {
			wish.Println(sess, "mastui: "+reason)
		}
		st.log.Info("ssh session ended")
	}
}

// open registers a session, or says why it may not start.
func (s *Server) open(sess ssh.Session) (*session, string) {
	s.mu.Lock()
	switch {
	case s.closing:
		s.mu.Unlock()
		return nil, "the server is shutting down"
	case len(s.sessions) >= s.cfg.MaxSessions:
		s.mu.Unlock()
		return nil, fmt.Sprintf("all %d sessions of this server are in use; try again later", s.cfg.MaxSessions)
	}
	s.seq++
	ctx, cancel := context.WithCancel(sess.Context())
	st := &session{ctx: ctx, cancel: cancel, log: s.log.With(sessionAttrs(s.seq, sess)...)}
	s.sessions[st] = struct{}{}
	s.mu.Unlock()

	if s.cfg.Downloads == nil {
		st.dlErr = "downloads are not available on this server"
		return st, ""
	}
	dl, closer, err := s.cfg.Downloads(ctx)
	if err != nil {
		st.log.Error("downloads unavailable for the session", "err", err)
		st.dlErr = err.Error()
	} else {
		st.dl, st.closer = dl, closer
	}
	return st, ""
}

// release ends the session's context and closes its downloads.
func (s *Server) release(st *session) {
	st.cancel()
	if st.closer != nil {
		if err := st.closer.Close(); err != nil {
			st.log.Warn("closing the session's downloads", "err", err)
		}
	}
	s.mu.Lock()
	delete(s.sessions, st)
	s.mu.Unlock()
}

// endAll refuses new sessions and ends every running one, telling why.
func (s *Server) endAll(reason string) {
	s.mu.Lock()
	s.closing = true
	for st := range s.sessions {
		st.end(reason)
	}
	s.mu.Unlock()
}

// end quits the session's program (now, or as soon as it exists) with a reason.
func (st *session) end(reason string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.reason != "" {
		return
	}
	st.reason = reason
	if st.program != nil {
		go st.program.Quit() // Send waits for the event loop (or the program's end)
	}
}

func (st *session) setProgram(p *tea.Program) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.program = p
	if st.reason != "" {
		go p.Quit()
	}
}

func (st *session) endReason() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.reason
}

// sessionAttrs tag a session's log lines: who, from where, with which key (its
// fingerprint: public, never anything secret).
func sessionAttrs(n int, sess ssh.Session) []any {
	attrs := []any{"session", n, "user", sess.User(), "remote", sess.RemoteAddr().String()}
	if k := sess.PublicKey(); k != nil {
		attrs = append(attrs, "key", gossh.FingerprintSHA256(k))
	}
	return attrs
}

// program builds the session's TUI: renderer and styles from the session's terminal,
// its own Common (clipboard through the terminal: OSC 52), keymap and downloads. The
// bubbletea middleware runs it, forwards window changes and quits it when the
// connection ends.
func (s *Server) program(sess ssh.Session) *tea.Program {
	st, ok := sess.Context().Value(sessionKey{}).(*session)
	if !ok {
		return nil
	}
	r := bm.MakeRenderer(sess)
	c := ui.NewCommon(st.ctx, r, st.log, s.cfg.ServerLabel)
	if err := c.ApplyLook(s.cfg.Look); err != nil { // checked at start: not expected
		st.log.Error("settings: look", "err", err)
	}
	c.UseTerminalClipboard()
	opts := s.cfg.Options
	opts.Columns = maps.Clone(opts.Columns)
	opts.Downloads, opts.DownloadsUnavailable, opts.Queue = st.dl, st.dlErr, nil
	root := ui.New(c, s.cfg.Archive, opts)
	// No tea.WithContext: a killed program makes the middleware log an error through
	// charmbracelet/log; the middleware quits the program when the connection ends, and
	// end() when the server does.
	p := tea.NewProgram(root, append(bm.MakeOptions(sess), tea.WithAltScreen(), tea.WithoutSignalHandler())...)
	st.setProgram(p)
	return p
}
