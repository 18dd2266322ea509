package common

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Requests tracks the requests of one view by task ("count", "validate", "live"): the
// newest request of a task wins. Each request gets the next sequence number and
// cancels the previous request's context; its answer comes back addressed to the task
// with that number (TabMsg{To: task, Req: n}), and Take drops, and logs, every answer
// but the newest's. Tasks with a label are reported as running (Activity) until their
// answer is taken: gh-dash's task registry, feeding the status bar.
type Requests struct {
	ctx   context.Context
	log   *slog.Logger
	clock Clock
	seq   *atomic.Uint64 // the session's: two views never number a request alike
	tasks map[string]*request
}

type request struct {
	id     uint64
	label  string
	cancel context.CancelFunc
}

// NewRequests tracks requests whose contexts derive from ctx (the session's).
func NewRequests(ctx context.Context, log *slog.Logger) *Requests {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Requests{ctx: ctx, log: log, clock: WallClock{}, seq: new(atomic.Uint64), tasks: map[string]*request{}}
}

// NewRequests tracks requests of a view of c's session: their contexts derive from the
// session's, their waits are timed on its clock, and their numbers are the session's
// (unique across views: an answer delivered to the wrong view is never taken).
func (c *Common) NewRequests() *Requests {
	r := NewRequests(c.Ctx, c.Logger)
	r.clock, r.seq = c.clock(), &c.requestSeq
	return r
}

// next cancels task's request in flight and numbers the next one.
func (r *Requests) next(task, label string) *request {
	r.Cancel(task)
	q := &request{id: r.seq.Add(1), label: label}
	r.tasks[task] = q
	return q
}

// Start begins a request of task: the previous one is cancelled (its answer will be
// dropped). label is what the status bar says while it runs ("" says nothing). It
// returns the request's context and number.
func (r *Requests) Start(task, label string) (context.Context, uint64) {
	q := r.next(task, label)
	ctx, cancel := context.WithCancel(r.ctx)
	q.cancel = cancel
	return ctx, q.id
}

// Run starts a request of task that runs fn off the UI goroutine with the request's
// context; the answer comes back addressed to task.
func (r *Requests) Run(task, label string, fn func(ctx context.Context) tea.Msg) tea.Cmd {
	ctx, id := r.Start(task, label)
	return Address(task, id, func() tea.Msg { return fn(ctx) })
}

// Debounce makes task wait d (a pause in typing) before its next request: the previous
// request or wait is cancelled, and msg comes back addressed to task after d unless
// another Debounce or Start of task came since.
func (r *Requests) Debounce(task string, d time.Duration, msg tea.Msg) tea.Cmd {
	q := r.next(task, "")
	return Address(task, q.id, r.clock.After(d, func(time.Time) tea.Msg { return msg }))
}

// Cancel cancels task's request or wait in flight: its answer will be dropped.
func (r *Requests) Cancel(task string) {
	q := r.tasks[task]
	if q == nil {
		return
	}
	if q.cancel != nil {
		q.cancel()
	}
	delete(r.tasks, task)
}

// CancelAll cancels every request in flight (the view is reset or closed).
func (r *Requests) CancelAll() {
	for task := range r.tasks {
		r.Cancel(task)
	}
}

// Take unwraps an answer of task msg.To: ok only for the newest request, which is then
// done (its context is released). Any other answer is dropped here, and logged.
func (r *Requests) Take(msg TabMsg) (tea.Msg, bool) {
	q := r.tasks[msg.To]
	if q == nil || q.id != msg.Req {
		current := uint64(0)
		if q != nil {
			current = q.id
		}
		r.log.Debug("dropped a stale answer", "task", msg.To, "req", msg.Req, "current", current, "type", typeName(msg.Msg))
		return nil, false
	}
	if q.cancel != nil {
		q.cancel()
	}
	delete(r.tasks, msg.To)
	return msg.Msg, true
}

// Current is the number of task's newest request in flight (0 when none).
func (r *Requests) Current(task string) uint64 {
	if q := r.tasks[task]; q != nil {
		return q.id
	}
	return 0
}

// Running reports whether task has a request (or wait) in flight.
func (r *Requests) Running(task string) bool { return r.tasks[task] != nil }

// Activity is the label of a labelled request in flight, the oldest first ("" when
// none), for the status bar.
func (r *Requests) Activity() string {
	var best *request
	for _, q := range r.tasks {
		if q.label != "" && (best == nil || q.id < best.id) {
			best = q
		}
	}
	if best == nil {
		return ""
	}
	return best.label
}
