package sim

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mastui/services/sim/auth"
	"mastui/services/sim/catalogs"
	"mastui/services/sim/cloud"
	"mastui/services/sim/cutouts"
	"mastui/services/sim/downloads"
	"mastui/services/sim/internal/simhttp"
	"mastui/services/sim/panstarrs"
	portalapi "mastui/services/sim/portal" // the tests name their answer type portal
	"mastui/services/sim/resolver"
	"mastui/services/sim/searchapi"
)

// Server is one simulator: an immutable archive served by one handler per protocol,
// plus the fault state they share. It can answer before its archive exists: requests
// wait (as long as their context lets them) until the archive is built.
type Server struct {
	opts    Options
	env     *simhttp.Env // env.Archive is set before ready closes
	handler http.Handler
	ready   chan struct{}
	err     error // why the archive could not be built; read after ready

	faultCount atomic.Int64 // requests subject to injected errors so far
	cutouts    *cutouts.Service
}

// New builds a simulator and its archive (deterministic for opts.Seed).
func New(opts Options) (*Server, error) {
	s := newServer(opts)
	s.build()
	if s.err != nil {
		return nil, s.err
	}
	return s, nil
}

// newServer makes a server whose requests wait for build.
func newServer(opts Options) *Server {
	s := &Server{
		opts:  opts,
		env:   &simhttp.Env{Log: opts.logger(), Faults: opts.Faults},
		ready: make(chan struct{}),
	}
	tokens := auth.New(opts.Tokens)
	files := downloads.New(s.env, tokens)
	mux := http.NewServeMux()
	cats := catalogs.New(s.env, files)
	portal := portalapi.New(s.env, opts.Executing)
	portal.Extend(cats)
	portal.Register(mux)
	cats.Register(mux)
	files.Register(mux)
	searchapi.New(s.env, files).Register(mux)
	resolver.New(s.env).Register(mux)
	panstarrs.New(s.env).Register(mux)
	s.cutouts = cutouts.New(s.env)
	s.cutouts.Register(mux)
	tokens.Register(mux)
	cloud.New(s.env).Register(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.env.Error(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	s.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.env.Log.Debug("request", "method", r.Method, "path", r.URL.Path)
		select {
		case <-s.ready:
		case <-r.Context().Done():
			return
		}
		if s.err != nil {
			s.env.Error(w, http.StatusServiceUnavailable, s.err.Error())
			return
		}
		if d := opts.Latency; d > 0 {
			select {
			case <-time.After(d):
			case <-r.Context().Done():
				return
			}
		}
		if s.injectError(w, r) {
			return
		}
		mux.ServeHTTP(w, r)
	})
	return s
}

// build makes (or takes) the archive, lets the waiting requests through and tells
// Options.Ready. It runs once.
func (s *Server) build() {
	a := s.opts.Archive
	if a == nil {
		a, s.err = NewArchive(s.opts.Seed)
	}
	s.env.Archive = a
	close(s.ready)
	if s.err != nil {
		s.env.Log.Error("sim: build the archive", "err", s.err)
	}
	if s.opts.Ready != nil {
		s.opts.Ready(s.err)
	}
}

// Handler serves every simulated endpoint from one origin.
func (s *Server) Handler() http.Handler { return s.handler }

// Archive exposes the synthetic archive, for tests that compare answers with it. It
// waits for the archive to be built (nil if that failed).
func (s *Server) Archive() *Archive {
	<-s.ready
	return s.env.Archive
}

// CutoutStats are the counts of TESScut's limit of 10 requests in flight per client.
type CutoutStats = cutouts.Stats

// CutoutStats reports what TESScut's limit saw so far (tests check that a client keeps
// to it).
func (s *Server) CutoutStats() CutoutStats { return s.cutouts.Stats() }

// injectError applies the ErrorEvery/ErrorBurst fault: the last ErrorBurst requests
// of every ErrorEvery get an HTTP error instead of an answer.
func (s *Server) injectError(w http.ResponseWriter, r *http.Request) bool {
	f := s.opts.Faults
	if f.ErrorEvery <= 0 {
		return false
	}
	if len(f.ErrorPaths) > 0 {
		match := false
		for _, p := range f.ErrorPaths {
			match = match || strings.HasPrefix(r.URL.Path, p)
		}
		if !match {
			return false
		}
	}
	k := s.faultCount.Add(1)
	burst := max(f.ErrorBurst, 1)
	if int((k-1)%int64(f.ErrorEvery)) < f.ErrorEvery-burst {
		return false
	}
	status := f.ErrorStatus
	if status == 0 {
		status = http.StatusServiceUnavailable
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		after := f.RetryAfter
		if after <= 0 {
			after = time.Second
		}
		w.Header().Set("Retry-After", strconv.Itoa(int((after+time.Second-1)/time.Second)))
	}
	s.env.Error(w, status, "injected fault")
	return true
}

// Start runs a simulator on listen (e.g. "127.0.0.1:0") until ctx is cancelled or stop
// is called, and returns its base URL ("http://127.0.0.1:34567"). It listens at once and
// builds the archive in the background (about half a second; after Options.Hold closes
// when set): requests made meanwhile wait for it, and Options.Ready says when it is there.
func Start(ctx context.Context, listen string, opts Options) (string, func(), error) {
	s := newServer(opts)
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return "", nil, fmt.Errorf("sim: listen on %s: %w", listen, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.env.Log.Handler(), slog.LevelDebug),
	}
	done := make(chan struct{})
	var once sync.Once
	stop := func() {
		once.Do(func() {
			close(done)
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			if err := srv.Shutdown(sctx); err != nil {
				srv.Close()
			}
		})
	}
	go func() {
		if opts.Hold != nil {
			select {
			case <-opts.Hold:
			case <-done: // stopped before anyone needed the archive
				return
			}
		}
		s.build()
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.env.Log.Error("sim: serve", "err", err)
		}
	}()
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-done:
		}
	}()
	return "http://" + displayAddr(ln.Addr()), stop, nil
}

// displayAddr turns a wildcard listen address into one a client can dial.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// Main is the `mastui sim` command. Its first line on stdout is exactly
// "listening on http://HOST:PORT"; it serves until ctx is cancelled.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	seed := fs.Int64("seed", 1, "archive seed: the same seed gives the same archive")
	latency := fs.Duration("latency", 0, "delay added to every answer (Go duration, e.g. 200ms)")
	executing := fs.Int("executing", 0, `answer {"status": "EXECUTING"} this many times for each new job`)
	verbose := fs.Bool("verbose", false, "log every request to stderr")
	var f Faults
	fs.Int64Var(&f.DropAfterBytes, "drop-after", 0, "fault: cut each download after this many body bytes")
	fs.BoolVar(&f.IgnoreRange, "ignore-range", false, "fault: answer 200 with the whole file even when Range is sent")
	fs.BoolVar(&f.NoContentLength, "no-content-length", false, "fault: stream downloads without Content-Length")
	fs.Int64Var(&f.TruncateAfterBytes, "truncate-after", 0, "fault: end each download body cleanly (no Content-Length) after this many bytes")
	fs.DurationVar(&f.StallBody, "stall", 0, "fault: pause this long after the headers of each download")
	fs.IntVar(&f.ErrorEvery, "error-every", 0, "fault: every Nth request starts a burst of HTTP errors")
	fs.IntVar(&f.ErrorBurst, "error-burst", 1, "fault: length of each error burst")
	fs.IntVar(&f.ErrorStatus, "error-status", 503, "fault: status of injected errors (429 and 503 send Retry-After)")
	fs.DurationVar(&f.RetryAfter, "retry-after", 0, "fault: Retry-After sent with 429/503 (default 1s)")
	fs.BoolVar(&f.HTMLErrors, "html-errors", false, "fault: error bodies are HTML pages")
	fs.DurationVar(&f.CutoutLatency, "cutout-latency", 0, "fault: hold each TESScut answer this long (it counts against the 10-request limit)")
	fs.BoolVar(&f.BucketDown, "fault-bucket", false, "fault: the public bucket (/s3/stpubdata) answers every request with 503, so clients fall back to MAST")
	fs.IntVar(&f.PageSizeCap, "page-cap", 0, "fault: silently serve at most this many rows per Portal page or Search API answer")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("sim: %w", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("sim: unexpected argument %q", fs.Arg(0))
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	opts := Options{
		Seed: *seed, Latency: *latency, Executing: *executing, Faults: f,
		Logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
	}
	url, stop, err := Start(ctx, *listen, opts)
	if err != nil {
		return err
	}
	defer stop()
	if _, err := fmt.Fprintf(stdout, "listening on %s\n", url); err != nil {
		return fmt.Errorf("sim: %w", err)
	}
	<-ctx.Done()
	return nil
}
