package download

import (
	"fmt"
	"os"
	"time"
)

// Each control journals the change, then applies it; an active transfer is interrupted
// through its context, and its worker leaves the state the control set.

// Pause holds a queued or active item; its .part is kept for Resume.
func (m *Manager) Pause(id string) error {
	return m.control(id, "pause", func(e *entry) bool { return e.state == Queued || e.state == Active }, Paused)
}

// Resume queues a paused item again; it continues from its .part.
func (m *Manager) Resume(id string) error {
	return m.control(id, "resume", func(e *entry) bool { return e.state == Paused }, Queued)
}

// Cancel drops a queued, active or paused item and removes its .part. Retry revives it.
func (m *Manager) Cancel(id string) error {
	return m.control(id, "cancel", func(e *entry) bool { return !e.state.Finished() }, Cancelled)
}

// Retry queues a failed, cancelled, unverified or login-required item with a fresh retry budget, or
// makes a queued item waiting for its retry time eligible now.
func (m *Manager) Retry(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	e, ok := m.entries[id]
	if !ok {
		return fmt.Errorf("retry %s: %w", id, ErrUnknownItem)
	}
	if e.state == Queued {
		e.fails, e.nextRetry = 0, time.Time{}
		m.emitLocked(e, true)
		m.broadcastLocked()
		return nil
	}
	if e.state != Failed && e.state != Cancelled && e.state != Unverified && e.state != LoginRequired {
		return fmt.Errorf("retry %s: item is %s: %w", e.it.Filename, e.state, ErrState)
	}
	return m.applyLocked([]*entry{e}, Queued)
}

// SetToken makes token (a login's; "" after a logout) the MAST token of every request from
// now on, and queues the items held for a login again, journaled like any state change
// (the token itself is never journaled, nor logged).
func (m *Manager) SetToken(token string) error {
	m.auth.set(token)
	if token == "" {
		return nil
	}
	return m.controlAll(func(e *entry) bool { return e.state == LoginRequired }, Queued)
}

// PauseAll pauses every queued and active item.
func (m *Manager) PauseAll() error {
	return m.controlAll(func(e *entry) bool { return e.state == Queued || e.state == Active }, Paused)
}

// ResumeAll resumes every paused item.
func (m *Manager) ResumeAll() error {
	return m.controlAll(func(e *entry) bool { return e.state == Paused }, Queued)
}

// RetryFailed queues every failed item again.
func (m *Manager) RetryFailed() error {
	return m.controlAll(func(e *entry) bool { return e.state == Failed }, Queued)
}

// ClearFinished forgets done, skipped, unverified and cancelled items (files stay on
// disk; an unpacked item's file list is kept, see unpack.go) and compacts the journal. Failed items stay until retried, cancelled or cleared
// with ClearFailed.
func (m *Manager) ClearFinished() error { return m.clear("finished", clearable) }

// ClearFinishedOf is ClearFinished for the items of ids only: a program adding its files
// again to a queue other programs share has them checked against the disk again without
// forgetting what the others finished.
func (m *Manager) ClearFinishedOf(ids ...string) error {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return m.clear("finished", func(e *entry) bool { return set[e.it.ID] && clearable(e) })
}

// clearable: what ClearFinished forgets.
func clearable(e *entry) bool {
	return e.state == Done || e.state == Skipped || e.state == Unverified || e.state == Cancelled
}

// ClearFailed forgets failed and login-required items and removes their .part files:
// nothing would resume them any more.
func (m *Manager) ClearFailed() error {
	return m.clear("failed", func(e *entry) bool { return e.state == Failed || e.state == LoginRequired })
}

func (m *Manager) clear(what string, gone func(*entry) bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	var recs []record
	var es []*entry
	for _, e := range m.order {
		if gone(e) && !e.running { // a cancelled item's worker may still be letting go
			recs = append(recs, record{Op: "remove", ID: e.it.ID})
			if len(e.files) > 0 && (e.state == Done || e.state == Skipped) {
				recs = append(recs, record{Op: "files", ID: e.it.ID, Files: e.files})
			}
			es = append(es, e)
		}
	}
	if len(recs) == 0 {
		return nil
	}
	if err := m.appendLocked(recs...); err != nil {
		return fmt.Errorf("clear %s downloads: %w", what, err)
	}
	for _, e := range es {
		if e.state == Failed || e.state == LoginRequired {
			if err := os.Remove(e.it.Dest + partSuffix); err != nil && !os.IsNotExist(err) {
				m.log.Warn("remove the partial file of a cleared download", "path", e.it.Dest+partSuffix, "err", err)
			}
		}
	}
	for _, r := range recs {
		if r.Op == "files" {
			m.unpacked[r.ID] = r.Files
		}
	}
	m.forgetLocked(es)
	m.broadcastLocked()
	if m.j != nil {
		if err := m.j.rewrite(m.snapshotRecordsLocked()); err != nil {
			m.log.Warn("download journal: compaction failed", "err", err)
		}
	}
	return nil
}

func (m *Manager) control(id, verb string, ok func(*entry) bool, to State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	e, found := m.entries[id]
	if !found {
		return fmt.Errorf("%s %s: %w", verb, id, ErrUnknownItem)
	}
	if !ok(e) {
		return fmt.Errorf("%s %s: item is %s: %w", verb, e.it.Filename, e.state, ErrState)
	}
	return m.applyLocked([]*entry{e}, to)
}

func (m *Manager) controlAll(ok func(*entry) bool, to State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	var es []*entry
	for _, e := range m.order {
		if ok(e) {
			es = append(es, e)
		}
	}
	return m.applyLocked(es, to)
}

// applyLocked journals the transition of es to state `to` in one write, then applies it.
func (m *Manager) applyLocked(es []*entry, to State) error {
	if len(es) == 0 {
		return nil
	}
	recs := make([]record, len(es))
	for i, e := range es {
		recs[i] = record{Op: "state", ID: e.it.ID, State: to}
	}
	if err := m.appendLocked(recs...); err != nil {
		return fmt.Errorf("%s downloads: %w", to, err)
	}
	for _, e := range es {
		switch to {
		case Queued:
			m.requeueLocked(e)
		case Paused:
			m.setStateLocked(e, Paused, "")
			if e.cancel != nil {
				e.cancel(errPaused)
			}
		case Cancelled:
			m.setStateLocked(e, Cancelled, "cancelled by the user")
			if e.cancel != nil {
				e.cancel(errCancelled) // its worker removes the .part once it lets go
			} else {
				if err := os.Remove(e.it.Dest + partSuffix); err != nil && !os.IsNotExist(err) {
					m.log.Warn("remove cancelled partial file", "path", e.it.Dest+partSuffix, "err", err)
				}
				e.done = 0
			}
		}
	}
	m.compactLocked()
	return nil
}
