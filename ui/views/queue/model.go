// Package queue is the download queue panel: totals, one line per download with a
// static progress bar, and keys to pause, cancel, retry and clear. It reads the
// engine's events through a Listen Cmd re-armed after every event, so downloads keep
// running (and the header keeps its summary) while the user browses other views.
package queue

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/ui/common"
	"mastui/ui/components/bar"
	"mastui/ui/components/details"
)

// EventMsg carries one event of the engine; the root routes it to Update, which re-arms
// Listen.
type EventMsg struct{ Event download.Event }

// ClosedMsg says the engine's event stream ended (the manager was closed).
type ClosedMsg struct{}

// ActionMsg is the answer of a control (pause, cancel, …) run off the UI goroutine.
type ActionMsg struct {
	What string // "pause", "cancel", …
	Err  error
	Sync bool // the queue changed shape (items were cleared): reload the snapshot
}

// BackMsg is the intent to leave the panel (back to the tab it was opened from).
type BackMsg = common.LeaveTabMsg

// Model is the queue panel.
type Model struct {
	c      *common.Common
	dl     common.Downloads
	ids    []string // queue order
	st     map[string]download.Status
	cursor int
	offset int
	width  int
	height int
	bar    bar.Model
	now    func() time.Time
	why    string // why dl is nil, shown instead of the list
	// detached: the queue outlives the session (the user's download service), so
	// quitting interrupts nothing and does not ask.
	detached bool

	failedOnly  bool                 // list only the failed downloads (f)
	showDetails bool                 // the details pane of the download under the cursor (enter)
	details     *details.Model       // that pane
	attempts    map[string][]attempt // what each download went through in this session
}

// attempt is one change of a download's attempt count or error, as seen from the
// engine's events (the engine keeps only the last error).
type attempt struct {
	At      time.Time
	Attempt int
	State   download.State
	Err     string
}

// New builds the panel over dl; nil means downloads are unavailable in this session.
func New(c *common.Common, dl common.Downloads) *Model {
	return &Model{
		c: c, dl: dl, st: map[string]download.Status{}, now: time.Now, details: details.New(c), attempts: map[string][]attempt{},
		bar: bar.Model{Full: c.Styles.Queue.BarFull, Empty: c.Styles.Queue.BarEmpty},
	}
}

// WithUnavailableReason records why the session has no download engine.
func (m *Model) WithUnavailableReason(why string) *Model {
	m.why = why
	return m
}

// WithDetached records that the queue outlives the session (the download service).
func (m *Model) WithDetached(detached bool) *Model {
	m.detached = detached
	return m
}

// SetClock replaces time.Now (retry countdowns in golden tests).
func (m *Model) SetClock(now func() time.Time) { m.now = now }

// Available reports whether the session has a download engine.
func (m *Model) Available() bool { return m.dl != nil }

// Init loads the queue as it stands (items journaled by an earlier run included) and
// starts listening to the engine.
func (m *Model) Init() tea.Cmd {
	if m.dl == nil {
		return nil
	}
	m.sync()
	return m.Listen()
}

// Listen reads one event of the engine and returns it as an EventMsg (ClosedMsg when the
// engine is closed, nothing when the session ends). Update re-arms it after each event.
func (m *Model) Listen() tea.Cmd {
	if m.dl == nil {
		return nil
	}
	ch, done := m.dl.Events(), m.c.Ctx.Done()
	return m.c.Listen(func() tea.Msg {
		select {
		case ev, ok := <-ch:
			if !ok {
				return ClosedMsg{}
			}
			return EventMsg{Event: ev}
		case <-done:
			return nil
		}
	})
}

// sync reloads every status from the engine's snapshot, in queue order.
func (m *Model) sync() {
	snap := m.dl.Snapshot()
	m.ids = m.ids[:0]
	clear(m.st)
	for _, s := range snap {
		m.ids = append(m.ids, s.ID)
		m.st[s.ID] = s
	}
	m.clamp()
}

// upsert records the newest status of an item; a new one goes to the end.
func (m *Model) upsert(s download.Status) {
	if _, ok := m.st[s.ID]; !ok {
		m.ids = append(m.ids, s.ID)
	}
	m.st[s.ID] = s
	m.note(s)
}

// note records an attempt's outcome in s's history: each new error of a retry or of
// the last attempt, and how the download ended.
func (m *Model) note(s download.Status) {
	h := m.attempts[s.ID]
	var last attempt
	if n := len(h); n > 0 {
		last = h[n-1]
	}
	newErr := s.Err != "" && s.State != download.Active && (s.Err != last.Err || s.Attempt != last.Attempt)
	if !newErr && !(s.State.Finished() && s.State != last.State) {
		return
	}
	m.attempts[s.ID] = append(h, attempt{At: m.now(), Attempt: s.Attempt, State: s.State, Err: s.Err})
}

// SetSize sets the panel's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// Len is the number of downloads in the queue.
func (m *Model) Len() int { return len(m.ids) }

// listed are the downloads the list shows, in queue order: every one, or the failed
// ones only.
func (m *Model) listed() []string {
	if !m.failedOnly {
		return m.ids
	}
	var out []string
	for _, id := range m.ids {
		if m.st[id].State == download.Failed {
			out = append(out, id)
		}
	}
	return out
}

// Cursor is the index of the download under the cursor.
func (m *Model) Cursor() int { return m.cursor }

// Statuses lists the statuses in queue order (for tests).
func (m *Model) Statuses() []download.Status {
	out := make([]download.Status, len(m.ids))
	for i, id := range m.ids {
		out[i] = m.st[id]
	}
	return out
}

// current is the status under the cursor.
func (m *Model) current() (download.Status, bool) {
	ids := m.listed()
	if m.cursor < 0 || m.cursor >= len(ids) {
		return download.Status{}, false
	}
	return m.st[ids[m.cursor]], true
}
