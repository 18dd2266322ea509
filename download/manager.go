package download

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

// Manager owns one download queue: its journal, workers and events. Safe for concurrent
// use. Create with New, run with Start, stop with Close.
type Manager struct {
	opts         Options
	log          *slog.Logger
	client       *http.Client
	ownTransport *http.Transport // closed by Close when we made it
	auth         *auth
	lim          *limiter
	out          *outbox
	events       chan Event

	mu        sync.Mutex
	j         *journal // nil when Ephemeral
	entries   map[string]*entry
	order     []*entry          // display order (Add order)
	byDest    map[string]string // absolute dest -> item ID
	pending   []*entry          // queued items in claim order (lazily cleaned)
	hostBusy  map[string]int
	hostWait  map[string]time.Time // a 429/503 Retry-After holds the whole host
	counts    map[State]int
	changed   chan struct{} // closed and replaced on every change (broadcast)
	started   bool
	stopped   bool
	closed    bool
	cancelRun context.CancelFunc

	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// entry is the manager's record of one item. Fields marked (worker) are touched only by
// the worker running the entry; running hands them over under mu.
type entry struct {
	it        Item
	state     State
	err       string
	done      int64 // bytes on disk
	total     int64
	rate      float64
	rateAt    time.Time
	rateBytes int64
	attempt   int
	fails     int   // consecutive failed attempts without progress
	high      int64 // largest .part size seen; growing past it is progress
	nextRetry time.Time
	host      string
	running   bool
	inPending bool
	cancel    context.CancelCauseFunc
	etag      string // (worker) strong validator for If-Range
}

// New opens (or creates) the journal and replays it: items unfinished at the last exit,
// whatever the cause, come back queued (paused ones stay paused) and resume from their
// .part files once Start runs.
func New(opts Options) (*Manager, error) {
	opts = opts.withDefaults()
	m := &Manager{
		opts:     opts,
		log:      opts.Logger,
		auth:     newAuth(opts.Token, opts.TokenHosts, opts.MastURL),
		lim:      newLimiter(opts.RateLimit),
		out:      newOutbox(),
		events:   make(chan Event, eventsCap),
		entries:  map[string]*entry{},
		byDest:   map[string]string{},
		hostBusy: map[string]int{},
		hostWait: map[string]time.Time{},
		counts:   map[State]int{},
		changed:  make(chan struct{}),
	}
	client := opts.HTTPClient
	if client == nil {
		m.ownTransport = newTransport(max(opts.Workers, opts.PerHost))
		client = &http.Client{Transport: m.ownTransport}
	}
	m.client = m.auth.guardRedirects(client)
	if opts.Ephemeral {
		return m, nil
	}
	j, recs, err := openJournal(opts.JournalPath)
	if err != nil {
		return nil, fmt.Errorf("download queue: %w", err)
	}
	m.j = j
	m.replay(recs)
	if err := j.rewrite(m.snapshotRecordsLocked()); err != nil {
		j.close()
		return nil, fmt.Errorf("download queue: %w", err)
	}
	return m, nil
}

// replay rebuilds the queue from journal records (no lock needed: m is not shared yet).
func (m *Manager) replay(recs []record) {
	for _, r := range recs {
		switch r.Op {
		case "add":
			if r.Item == nil {
				continue
			}
			it, err := normalize(*r.Item)
			if err != nil {
				m.log.Warn("download journal: dropping a bad item", "err", err)
				continue
			}
			if _, dup := m.entries[it.ID]; dup {
				continue
			}
			e := &entry{it: it, state: replayState(r.State), err: r.Err}
			m.entries[it.ID] = e
			m.order = append(m.order, e)
		case "state":
			if e := m.entries[r.ID]; e != nil {
				e.state, e.err = replayState(r.State), r.Err
				if r.Size > 0 && e.it.Size == 0 {
					e.it.Size = r.Size
				}
			}
		case "size":
			if e := m.entries[r.ID]; e != nil && r.Size > 0 {
				e.it.Size = r.Size
			}
		case "remove":
			delete(m.entries, r.ID)
		}
	}
	live := m.order[:0]
	for _, e := range m.order {
		if m.entries[e.it.ID] != e {
			continue // removed, or a later duplicate
		}
		live = append(live, e)
		e.host = hostOf(e.it.URL)
		e.total = e.it.Size
		switch {
		case e.state == Done || e.state == Skipped:
			e.done = e.total
		case !e.state.Finished():
			if fi, err := os.Stat(e.it.Dest + partSuffix); err == nil {
				e.done, e.high = fi.Size(), fi.Size()
			}
		}
		m.byDest[e.it.Dest] = e.it.ID
		m.counts[e.state]++
		if e.state == Queued {
			m.pushPendingLocked(e)
		}
	}
	m.order = live
}

func replayState(s State) State {
	switch s {
	case Paused, Done, Skipped, Failed, Cancelled:
		return s
	}
	return Queued // "", queued, active: resume
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return strings.ToLower(u.Host)
	}
	return ""
}

// snapshotRecordsLocked is the compacted journal: one add line per live item.
func (m *Manager) snapshotRecordsLocked() []record {
	recs := make([]record, 0, len(m.order))
	for _, e := range m.order {
		it := e.it
		r := record{Op: "add", Item: &it, Err: e.err}
		if e.state != Queued && e.state != Active {
			r.State = e.state
		}
		recs = append(recs, r)
	}
	return recs
}

// Start runs the workers until ctx ends or Close. Calling it again does nothing.
func (m *Manager) Start(ctx context.Context) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.started || m.closed {
		return
	}
	m.started = true
	run, cancel := context.WithCancel(ctx)
	m.cancelRun = cancel
	m.wg.Add(m.opts.Workers + 1)
	for range m.opts.Workers {
		go m.worker(run)
	}
	go func() {
		defer m.wg.Done()
		m.out.forward(run.Done(), m.events)
		m.mu.Lock()
		m.stopped = true
		m.broadcastLocked()
		m.mu.Unlock()
	}()
}

// Events delivers StateEvents (never lost: the latest state of each item always arrives)
// and ProgressEvents (throttled, lossy). It is closed by Close. Read it continuously or
// not at all: an unread channel costs at most one pending event per item.
func (m *Manager) Events() <-chan Event { return m.events }

// Close stops the workers, waits for them, and closes the journal and Events. Partial
// files stay for the next start. Safe to call more than once.
func (m *Manager) Close() error {
	m.closeOnce.Do(func() {
		m.mu.Lock()
		m.closed = true
		cancel := m.cancelRun
		m.mu.Unlock()
		if cancel != nil {
			cancel()
		}
		m.wg.Wait()
		m.mu.Lock()
		m.stopped = true
		m.closeErr = m.j.close()
		m.broadcastLocked()
		m.mu.Unlock()
		if m.ownTransport != nil {
			m.ownTransport.CloseIdleConnections()
		}
		close(m.events)
	})
	return m.closeErr
}

// SetRateLimit changes the global bandwidth cap (bytes per second, 0 = none) at once.
func (m *Manager) SetRateLimit(bps int64) { m.lim.set(bps) }

// Add queues items, journaled before they become visible. An item whose ID is already
// held is not added twice (a failed or cancelled one is queued again). Add refuses the
// whole batch when two items would write the same file, or when the selection and the
// rest of the queue do not fit on disk (a *SpaceError).
func (m *Manager) Add(items ...Item) error {
	norm := make([]Item, 0, len(items))
	for _, it := range items {
		n, err := normalize(it)
		if err != nil {
			return fmt.Errorf("add download: %w", err)
		}
		norm = append(norm, n)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	var fresh []Item
	var revive []*entry
	seen := map[string]bool{}
	dests := map[string]string{}
	for _, it := range norm {
		if seen[it.ID] {
			continue
		}
		seen[it.ID] = true
		if e, ok := m.entries[it.ID]; ok {
			if e.state == Failed || e.state == Cancelled {
				revive = append(revive, e)
			}
			continue
		}
		if other, ok := m.byDest[it.Dest]; ok {
			return fmt.Errorf("add download: %s and a queued download (%s) would both write %s", it.URL, m.entries[other].it.URL, it.Dest)
		}
		if other, ok := dests[it.Dest]; ok {
			return fmt.Errorf("add download: %s and %s would both write %s", other, it.URL, it.Dest)
		}
		dests[it.Dest] = it.URL
		fresh = append(fresh, it)
	}
	if len(fresh) == 0 && len(revive) == 0 {
		return nil
	}
	if err := checkSpace(m.outstandingLocked(fresh, revive), m.opts.FreeSpace); err != nil {
		return fmt.Errorf("add download: %w", err)
	}
	recs := make([]record, 0, len(fresh)+len(revive))
	for i := range fresh {
		recs = append(recs, record{Op: "add", Item: &fresh[i]})
	}
	for _, e := range revive {
		recs = append(recs, record{Op: "state", ID: e.it.ID, State: Queued})
	}
	if err := m.appendLocked(recs...); err != nil {
		return fmt.Errorf("add download: %w", err)
	}
	for _, it := range fresh {
		e := &entry{it: it, state: Queued, host: hostOf(it.URL), total: it.Size}
		if fi, err := os.Stat(it.Dest + partSuffix); err == nil {
			e.done, e.high = fi.Size(), fi.Size()
		}
		m.entries[it.ID] = e
		m.order = append(m.order, e)
		m.byDest[it.Dest] = it.ID
		m.counts[Queued]++
		m.pushPendingLocked(e)
		m.emitLocked(e, true)
	}
	for _, e := range revive {
		m.requeueLocked(e)
	}
	m.broadcastLocked()
	m.compactLocked()
	return nil
}

// outstandingLocked lists what the disk must still hold: the new items plus everything
// queued, active or paused.
func (m *Manager) outstandingLocked(fresh []Item, revive []*entry) []Item {
	out := append([]Item(nil), fresh...)
	for _, e := range revive {
		out = append(out, e.it)
	}
	for _, e := range m.order {
		if !e.state.Finished() {
			out = append(out, e.it)
		}
	}
	return out
}

// Snapshot returns every item's status in queue order.
func (m *Manager) Snapshot() []Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Status, len(m.order))
	for i, e := range m.order {
		out[i] = m.statusLocked(e)
	}
	return out
}

// Status returns one item's status.
func (m *Manager) Status(id string) (Status, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[id]
	if !ok {
		return Status{}, false
	}
	return m.statusLocked(e), true
}

// Totals aggregates the queue.
func (m *Manager) Totals() Totals {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := Totals{
		Items: len(m.order), Queued: m.counts[Queued], Active: m.counts[Active], Paused: m.counts[Paused],
		Done: m.counts[Done], Skipped: m.counts[Skipped], Failed: m.counts[Failed], Cancelled: m.counts[Cancelled],
	}
	var left int64
	for _, e := range m.order {
		if e.state == Cancelled {
			continue
		}
		t.DoneBytes += e.done
		t.TotalBytes += max(e.total, e.done)
		if e.state == Active {
			t.Rate += e.rate
		}
		if e.state == Active || e.state == Queued {
			left += max(e.total-e.done, 0)
		}
	}
	if t.Rate > 0 && left > 0 {
		t.ETA = time.Duration(float64(left) / t.Rate * float64(time.Second))
	}
	return t
}

// Wait blocks until nothing is queued or active (paused items do not count), ctx ends,
// or the manager stops. Failed items do not make it fail: read Snapshot or Totals.
func (m *Manager) Wait(ctx context.Context) error {
	for {
		m.mu.Lock()
		busy := m.counts[Queued] + m.counts[Active]
		stopped, started := m.stopped, m.started
		ch := m.changed
		m.mu.Unlock()
		switch {
		case busy == 0:
			return nil
		case stopped:
			return errors.New("download manager stopped with downloads unfinished")
		case !started:
			return errors.New("download manager not started")
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (m *Manager) statusLocked(e *entry) Status {
	st := Status{
		Item: e.it, State: e.state, Done: e.done, Total: e.total,
		Attempt: e.attempt, Err: e.err, NextRetry: e.nextRetry,
	}
	if e.state == Active {
		st.Rate = e.rate
		if e.rate > 0 && e.total > e.done {
			st.ETA = time.Duration(float64(e.total-e.done) / e.rate * float64(time.Second))
		}
	}
	return st
}

func (m *Manager) emitLocked(e *entry, state bool) { m.out.put(m.statusLocked(e), state) }

func (m *Manager) broadcastLocked() {
	close(m.changed)
	m.changed = make(chan struct{})
}

// setStateLocked changes state in memory and tells the consumer. Callers journal first.
func (m *Manager) setStateLocked(e *entry, s State, errText string) {
	m.counts[e.state]--
	e.state, e.err = s, errText
	m.counts[s]++
	if s != Queued {
		e.nextRetry = time.Time{}
	}
	m.emitLocked(e, true)
	m.broadcastLocked()
}

func (m *Manager) pushPendingLocked(e *entry) {
	if !e.inPending {
		e.inPending = true
		m.pending = append(m.pending, e)
	}
}

// requeueLocked makes a finished or paused item runnable again with a fresh budget.
func (m *Manager) requeueLocked(e *entry) {
	e.fails, e.nextRetry = 0, time.Time{}
	if e.state == Cancelled || e.state == Failed {
		e.done = 0
		if fi, err := os.Stat(e.it.Dest + partSuffix); err == nil {
			e.done = fi.Size()
		}
	}
	m.setStateLocked(e, Queued, "")
	m.pushPendingLocked(e)
}

// appendLocked journals records (a no-op when Ephemeral).
func (m *Manager) appendLocked(recs ...record) error {
	if m.j == nil {
		return nil
	}
	return m.j.append(recs...)
}

// compactLocked rewrites the journal once it has grown well past the live queue. Call
// it only after the appended changes are applied in memory: the rewrite is made from
// memory.
func (m *Manager) compactLocked() {
	if m.j == nil || m.j.records <= 2*len(m.order)+1024 {
		return
	}
	if err := m.j.rewrite(m.snapshotRecordsLocked()); err != nil {
		m.log.Warn("download journal: compaction failed", "err", err)
	}
}
