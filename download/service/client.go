package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"mastui/download"
)

// DialOptions configure Connect.
type DialOptions struct {
	Socket string // [SocketPath()]
	// Journal is the journal the caller means (its state directory's): a service owning
	// another one is refused. "" accepts any.
	Journal string
	// Spawn starts the service and returns once it listens, or why it could not start
	// (see Spawner). nil never starts one: Connect fails when none answers.
	Spawn  func(ctx context.Context) error
	Logger *slog.Logger // [discard]
}

// Client is a program's handle on the user's download service. It implements the
// engine's surface the TUI drives (ui/common.Downloads) and is safe for concurrent use.
// When the service dies, the next request (and the event stream at once) restarts it
// through DialOptions.Spawn; Events keeps delivering across the restart, resynced with
// the queue as the new service replays it. Close it when done: the service goes on.
type Client struct {
	opts   DialOptions
	log    *slog.Logger
	events chan download.Event
	ctx    context.Context // ended by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu    sync.Mutex // serialises requests on req
	req   *conn
	token *string // handed to every service this client reaches (SetToken)
	rate  *int64

	liveMu  sync.Mutex
	live    map[*conn]bool // open connections, closed by Close
	closed  bool
	stopped bool  // Stop was called: the stream does not start the service again
	hello   Hello // of the last service reached
}

// Connect reaches the user's download service, starting it when none answers (and
// DialOptions.Spawn is set), and subscribes to its events.
func Connect(ctx context.Context, opts DialOptions) (*Client, error) {
	if opts.Socket == "" {
		opts.Socket = SocketPath()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := prepareSocketDir(opts.Socket); err != nil {
		return nil, err
	}
	c := &Client{opts: opts, log: opts.Logger, events: make(chan download.Event, 64), live: map[*conn]bool{}}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	stream, _, err := c.subscribe(ctx)
	if err != nil {
		c.cancel()
		return nil, err
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer close(c.events)
		c.streamLoop(stream)
	}()
	return c, nil
}

// Hello is what the service last reached said about itself.
func (c *Client) Hello() Hello {
	c.liveMu.Lock()
	defer c.liveMu.Unlock()
	return c.hello
}

// reach dials the service (starting it when nobody answers) and greets it. A service
// of another protocol version (an older mastui's) is asked to stop and replaced.
func (c *Client) reach(ctx context.Context) (*conn, error) {
	spawned, replaced := false, false
	for {
		cn, err := dial(c.opts.Socket)
		if err != nil {
			if !noService(err) || c.opts.Spawn == nil || spawned {
				return nil, fmt.Errorf("download service at %s: %w", c.opts.Socket, err)
			}
			spawned = true
			if err := c.opts.Spawn(ctx); err != nil {
				return nil, fmt.Errorf("start the download service: %w", err)
			}
			continue
		}
		h, err := cn.hello()
		if err != nil {
			cn.close()
			return nil, fmt.Errorf("download service at %s: %w", c.opts.Socket, err)
		}
		if c.opts.Journal != "" && filepath.Clean(h.Journal) != filepath.Clean(c.opts.Journal) {
			cn.close()
			return nil, fmt.Errorf("the download service at %s keeps the queue %s, not %s (another state directory)", c.opts.Socket, h.Journal, c.opts.Journal)
		}
		if h.Version != ProtocolVersion {
			if replaced || c.opts.Spawn == nil {
				cn.close()
				return nil, fmt.Errorf("the download service (pid %d) speaks protocol %d, this mastui %d: stop it with mastui downloads stop", h.PID, h.Version, ProtocolVersion)
			}
			replaced = true
			c.log.Info("download service of another version: replacing it", "pid", h.PID, "version", h.Version)
			cn.roundTrip(Request{Op: "stop"})
			cn.close()
			if err := waitGone(ctx, c.opts.Socket); err != nil {
				return nil, err
			}
			continue
		}
		if !c.track(cn, true) {
			cn.close()
			return nil, download.ErrClosed
		}
		c.liveMu.Lock()
		c.hello = h
		c.liveMu.Unlock()
		return cn, nil
	}
}

// waitGone waits (a few seconds at most) until nothing answers on socket.
func waitGone(ctx context.Context, socket string) error {
	for range 200 {
		cn, err := dial(socket)
		if err != nil {
			return nil
		}
		cn.close()
		select {
		case <-time.After(25 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return fmt.Errorf("the old download service at %s did not stop", socket)
}

// waitExit waits (half a minute at most) until process pid has ended: a stopping
// service closes its socket first, then lets its transfers go and releases the journal.
func waitExit(ctx context.Context, pid int) error {
	if pid <= 0 || pid == os.Getpid() { // a service in this process (tests): Serve returns
		return nil
	}
	for range 1200 {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) || zombie(pid) {
			return nil
		}
		select {
		case <-time.After(25 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return fmt.Errorf("the download service (pid %d) did not exit", pid)
}

// zombie reports whether pid has exited but is not reaped yet (Linux; elsewhere false).
func zombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(b, ')')
	return i > 0 && i+2 < len(b) && b[i+2] == 'Z'
}

// track adds or forgets a live connection; false once the client is closed.
func (c *Client) track(cn *conn, add bool) bool {
	c.liveMu.Lock()
	defer c.liveMu.Unlock()
	if !add {
		delete(c.live, cn)
		return true
	}
	if c.closed {
		return false
	}
	c.live[cn] = true
	return true
}

func (c *Client) drop(cn *conn) {
	c.track(cn, false)
	cn.close()
}

// call sends one request, reconnecting (and restarting the service) once when the
// connection has broken: every request is safe to repeat (an enqueue of items already
// queued adds nothing).
func (c *Client) call(req Request) (Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var last error
	for range 2 {
		if c.ctx.Err() != nil {
			return Response{}, download.ErrClosed
		}
		if c.req == nil {
			cn, err := c.reach(c.ctx)
			if err != nil {
				return Response{}, err
			}
			if err := c.handOver(cn); err != nil {
				c.drop(cn)
				return Response{}, err
			}
			c.req = cn
		}
		resp, err := c.req.roundTrip(req)
		if err == nil {
			return resp, responseError(resp)
		}
		c.drop(c.req)
		c.req = nil
		last = err
		if req.Op == "stop" {
			return Response{}, nil // it went before answering: stopped all the same
		}
	}
	if c.ctx.Err() != nil {
		return Response{}, download.ErrClosed
	}
	return Response{}, fmt.Errorf("download service: %w", last)
}

// handOver gives a newly reached service what this client set on an earlier one.
func (c *Client) handOver(cn *conn) error {
	for _, req := range c.sticky() {
		resp, err := cn.roundTrip(req)
		if err != nil {
			return err
		}
		if err := responseError(resp); err != nil {
			c.log.Warn("download service refused a setting", "op", req.Op, "err", err)
		}
	}
	return nil
}

func (c *Client) sticky() []Request {
	var out []Request
	if c.token != nil {
		out = append(out, Request{Op: "set-token", Token: *c.token})
	}
	if c.rate != nil {
		out = append(out, Request{Op: "set-rate", Rate: *c.rate})
	}
	return out
}

// subscribe opens the event stream and returns the snapshot it begins with.
func (c *Client) subscribe(ctx context.Context) (*conn, []download.Status, error) {
	cn, err := c.reach(ctx)
	if err != nil {
		return nil, nil, err
	}
	// A service this stream restarted gets the client's settings at once, not at its
	// next request (a waiting CLI makes none).
	c.mu.Lock()
	sticky := c.sticky()
	c.mu.Unlock()
	for _, req := range sticky {
		if _, err := cn.roundTrip(req); err != nil {
			c.drop(cn)
			return nil, nil, err
		}
	}
	if err := cn.enc.Encode(Request{Op: "subscribe"}); err != nil {
		c.drop(cn)
		return nil, nil, err
	}
	var first streamLine
	if err := cn.readLine(&first); err != nil || first.T != "snapshot" {
		c.drop(cn)
		if err == nil {
			err = fmt.Errorf("download service: the stream began with %q, not a snapshot", first.T)
		}
		return nil, nil, err
	}
	return cn, first.Items, nil
}

// streamLoop delivers the service's events until Close, reconnecting when the service
// goes: each new stream begins with a snapshot, delivered as a state event per item.
func (c *Client) streamLoop(cn *conn) {
	for {
		err := c.readStream(cn)
		c.drop(cn)
		c.liveMu.Lock()
		stopped := c.stopped
		c.liveMu.Unlock()
		if c.ctx.Err() != nil || stopped {
			return
		}
		c.log.Warn("download service connection lost: reconnecting", "err", err)
		var snap []download.Status
		for delay := 20 * time.Millisecond; ; delay = min(2*delay, 2*time.Second) {
			if cn, snap, err = c.subscribe(c.ctx); err == nil {
				break
			}
			c.log.Warn("download service unreachable", "err", err)
			select {
			case <-c.ctx.Done():
				return
			case <-time.After(delay):
			}
		}
		// What happened while no stream was open: the queue as the new stream found it,
		// every item as a StateEvent.
		if err := c.deliverAll(snap); err != nil {
			c.drop(cn)
			return
		}
	}
}

func (c *Client) deliverAll(st []download.Status) error {
	for _, s := range st {
		if err := c.deliver(download.StateEvent{Status: s}); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) deliver(ev download.Event) error {
	select {
	case c.events <- ev:
		return nil
	case <-c.ctx.Done():
		return download.ErrClosed
	}
}

// readStream delivers one stream's lines until it breaks or the client closes.
func (c *Client) readStream(cn *conn) error {
	for {
		var line streamLine
		if err := cn.readLine(&line); err != nil {
			return err
		}
		var err error
		switch {
		case line.T == "snapshot": // the service resynced a stream that fell behind
			err = c.deliverAll(line.Items)
		case line.Status == nil:
		case line.T == "state":
			err = c.deliver(download.StateEvent{Status: *line.Status})
		case line.T == "progress":
			err = c.deliver(download.ProgressEvent{Status: *line.Status})
		}
		if err != nil {
			return err
		}
	}
}

// Close ends the client's connections and its event stream (Events is closed). The
// service and its downloads go on.
func (c *Client) Close() error {
	c.liveMu.Lock()
	if c.closed {
		c.liveMu.Unlock()
		return nil
	}
	c.closed = true
	c.cancel()
	for cn := range c.live {
		cn.close()
	}
	c.liveMu.Unlock()
	c.wg.Wait()
	return nil
}

// Events delivers the queue's StateEvents and ProgressEvents, as Manager.Events does;
// after a reconnect, every item's state again. Closed by Close.
func (c *Client) Events() <-chan download.Event { return c.events }

// AddAll queues items in the service (see Manager.AddAll).
func (c *Client) AddAll(items ...download.Item) (download.AddResult, error) {
	resp, err := c.call(Request{Op: "enqueue", Items: items})
	if err != nil || resp.Added == nil {
		return download.AddResult{}, err
	}
	return *resp.Added, nil
}

// SnapshotErr is every item's status in queue order.
func (c *Client) SnapshotErr() ([]download.Status, error) {
	resp, err := c.call(Request{Op: "snapshot"})
	return resp.Items, err
}

// Snapshot is SnapshotErr for the Downloads interface: an unreachable service is logged
// and shows as an empty queue.
func (c *Client) Snapshot() []download.Status {
	st, err := c.SnapshotErr()
	if err != nil {
		c.log.Warn("download service: snapshot", "err", err)
	}
	return st
}

func (c *Client) do(op, id string) error {
	_, err := c.call(Request{Op: op, ID: id})
	return err
}

func (c *Client) Pause(id string) error  { return c.do("pause", id) }
func (c *Client) Resume(id string) error { return c.do("resume", id) }
func (c *Client) Cancel(id string) error { return c.do("cancel", id) }
func (c *Client) Retry(id string) error  { return c.do("retry", id) }
func (c *Client) PauseAll() error        { return c.do("pause-all", "") }
func (c *Client) ResumeAll() error       { return c.do("resume-all", "") }
func (c *Client) RetryFailed() error     { return c.do("retry-failed", "") }

// ClearFinished forgets the finished items (see Manager.ClearFinished).
func (c *Client) ClearFinished() error { return c.clear("finished") }

// ClearFinishedOf forgets the finished items among ids (see Manager.ClearFinishedOf).
func (c *Client) ClearFinishedOf(ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := c.call(Request{Op: "clear", What: "finished", IDs: ids})
	return err
}

// ClearFailed forgets the failed items (see Manager.ClearFailed).
func (c *Client) ClearFailed() error { return c.clear("failed") }

func (c *Client) clear(what string) error {
	_, err := c.call(Request{Op: "clear", What: what})
	return err
}

// SetToken hands the service a MAST token for its downloads (kept for a service this
// client restarts; never journaled or logged). "" makes it anonymous.
func (c *Client) SetToken(token string) error {
	c.mu.Lock()
	c.token = &token
	c.mu.Unlock()
	_, err := c.call(Request{Op: "set-token", Token: token})
	return err
}

// SetRateLimit sets the service's bandwidth cap (bytes per second, 0 = none) for every
// client, kept for a service this client restarts.
func (c *Client) SetRateLimit(bps int64) error {
	c.mu.Lock()
	c.rate = &bps
	c.mu.Unlock()
	_, err := c.call(Request{Op: "set-rate", Rate: bps})
	return err
}

// Stop asks the service to exit (its queue stays journaled) and waits until its process
// has ended: its transfers are over and the journal is free. Events then closes; the
// client's requests would start a new service.
func (c *Client) Stop() error {
	c.liveMu.Lock()
	c.stopped = true
	pid := c.hello.PID
	c.liveMu.Unlock()
	if _, err := c.call(Request{Op: "stop"}); err != nil {
		return err
	}
	if err := waitGone(c.ctx, c.opts.Socket); err != nil {
		return err
	}
	return waitExit(c.ctx, pid)
}

// errNotRunning: see Ping.
var errNotRunning = errors.New("no download service is running")

// Ping reports whether a service answers on socket, without starting one.
func Ping(socket string) (Hello, error) {
	cn, err := dial(socket)
	if err != nil {
		if noService(err) {
			return Hello{}, errNotRunning
		}
		return Hello{}, err
	}
	defer cn.close()
	return cn.hello()
}

// IsNotRunning reports whether err is Ping's "no service is running".
func IsNotRunning(err error) bool { return errors.Is(err, errNotRunning) }
