package download

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"mastui/services/cutouts"
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
	dirs         dirCache // directories made and checked for items
	tesscut      *cutouts.Limiter

	mu        sync.Mutex
	j         *journal // nil when Ephemeral
	entries   map[string]*entry
	order     []*entry          // display order (Add order)
	byDest    map[string]string // absolute dest -> item ID
	pending   []*entry          // queued items in claim order (lazily cleaned)
	hostBusy  map[string]int
	hostWait  map[string]time.Time // a 429/503 Retry-After holds the whole host
	counts    map[State]int
	unpacked  map[string][]string // cleared unpacked items: ID -> their files (journal "files")
	changed   chan struct{}       // closed and replaced on every change (broadcast)
	started   bool
	stopped   bool
	closed    bool
	cancelRun context.CancelFunc

	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error

	// commitHook, when set (tests), is called by the committer at each step of a batch:
	// "synced" (data on disk), "renamed" (files in place), before the journal says done.
	commitHook func(step string)
	handedOff  int // files handed to the committer so far (under mu; tests)
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
	etag      string   // (worker) strong validator for If-Range
	files     []string // an unpacked item's files, once known; never changed in place
	cloudErr  string   // why the item fell back from its CloudURL to its URL ("" = it did not)
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
		unpacked: map[string][]string{},
		changed:  make(chan struct{}),
	}
	m.tesscut = opts.TESScutLimiter
	if m.tesscut == nil {
		m.tesscut = cutouts.NewLimiter(cutouts.MaxConcurrentTESScut)
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
	// Workers hand finished files to one committer, which makes them durable and
	// journals them in batches; it drains and ends once every worker has returned.
	commits := make(chan *commit, maxCommitBatch)
	var workers sync.WaitGroup
	workers.Add(m.opts.Workers)
	m.wg.Add(m.opts.Workers + 2)
	for range m.opts.Workers {
		go func() {
			defer m.wg.Done()
			defer workers.Done()
			m.worker(run, commits)
		}()
	}
	go func() {
		defer m.wg.Done()
		m.committer(commits, workers.Wait)
	}()
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
	if e.state == Cancelled || e.state == Failed || e.state == Unverified {
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
