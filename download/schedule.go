package download

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"time"
)

// Causes given to an item's context by the controls.
var (
	errPaused    = errors.New("paused")
	errCancelled = errors.New("cancelled")
)

// claim blocks until an item may run (queued, its retry time reached, its host under the
// cap and not asked to wait) and marks it active. nil when ctx ends.
func (m *Manager) claim(ctx context.Context) (*entry, Item, context.Context) {
	for {
		if ctx.Err() != nil { // else a stopping manager would claim, fail and requeue forever
			return nil, Item{}, nil
		}
		m.mu.Lock()
		e, wake := m.pickLocked(time.Now())
		if e != nil {
			ictx, cancel := context.WithCancelCause(ctx)
			e.running, e.cancel = true, cancel
			e.rateAt, e.rateBytes, e.rate = time.Time{}, 0, 0
			m.hostBusy[e.host]++
			m.setStateLocked(e, Active, e.err)
			it := e.it
			m.mu.Unlock()
			return e, it, ictx
		}
		ch := m.changed
		m.mu.Unlock()
		var timer *time.Timer
		var tc <-chan time.Time
		if !wake.IsZero() {
			timer = time.NewTimer(time.Until(wake))
			tc = timer.C
		}
		select {
		case <-ch:
		case <-tc:
		case <-ctx.Done():
		}
		if timer != nil {
			timer.Stop()
		}
	}
}

// pickLocked takes the first runnable pending item, dropping entries that left the
// queued state, and otherwise returns when the earliest waiting one becomes runnable.
func (m *Manager) pickLocked(now time.Time) (*entry, time.Time) {
	var soonest time.Time
	note := func(t time.Time) {
		if soonest.IsZero() || t.Before(soonest) {
			soonest = t
		}
	}
	keep := m.pending[:0]
	for i, e := range m.pending {
		if e.state != Queued {
			e.inPending = false
			continue
		}
		if !e.running {
			switch {
			case e.nextRetry.After(now):
				note(e.nextRetry)
			case m.hostBusy[e.host] >= m.opts.PerHost:
			case m.hostWait[e.host].After(now):
				note(m.hostWait[e.host])
			default:
				e.inPending = false
				keep = append(keep, m.pending[i+1:]...)
				clear(m.pending[len(keep):])
				m.pending = keep
				return e, time.Time{}
			}
		}
		keep = append(keep, e)
	}
	clear(m.pending[len(keep):])
	m.pending = keep
	return nil, soonest
}

// outcome is how one run of an item ended.
type outcome struct {
	kind    int   // outDone, outSkipped, outUnverified, outCommit, outFailed
	size    int64 // final size (done, skipped, unverified, commit)
	reached int64 // .part size when the attempt ended
	err     *attemptErr
	note    string   // why an unverified file could not be proven whole
	commit  *commit  // outCommit: the verified file for the committer
	files   []string // an unpacked item's files (done, skipped, commit)
	// progressed: the attempt added bytes to the .part (a cloud copy that did is resumed,
	// not left for MAST).
	progressed bool
}

const (
	outFailed = iota
	outDone
	outSkipped
	outUnverified
	outCommit // verified, handed to the committer; it ends as outDone or outUnverified
)

// finish records the end of a run that put no file in place (a failure, or a stop):
// files in place go through the committer (handOff), which journals them.
func (m *Manager) finish(e *entry, ictx context.Context, res outcome) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.hostBusy[e.host]--
	m.settleLocked(e, ictx, res)
	m.compactLocked()
}

// completionRecord is the journal record of a run that left the file in place. An
// unverified file gets no size: a later run must not take it for complete.
func completionRecord(e *entry, res outcome) (record, bool) {
	switch res.kind {
	case outDone:
		return record{Op: "state", ID: e.it.ID, State: Done, Size: res.size, Files: res.files, CloudErr: e.cloudErr}, true
	case outSkipped:
		return record{Op: "state", ID: e.it.ID, State: Skipped, Size: res.size, Files: res.files}, true
	case outUnverified:
		return record{Op: "state", ID: e.it.ID, State: Unverified, Err: res.note, CloudErr: e.cloudErr}, true
	}
	return record{}, false
}

// settleLocked applies the end of a run (journaled by the caller when it completed) to
// memory and tells the consumer.
func (m *Manager) settleLocked(e *entry, ictx context.Context, res outcome) {
	if e.cancel != nil {
		defer e.cancel(nil)
	}
	e.running, e.cancel = false, nil
	if res.reached > e.high {
		e.high, e.fails = res.reached, 0
	}
	now := time.Now()
	switch {
	case res.kind == outDone || res.kind == outSkipped:
		st := Done
		if res.kind == outSkipped {
			st = Skipped
		}
		e.total, e.done = res.size, res.size
		if e.it.Size == 0 {
			e.it.Size = res.size
		}
		if res.files != nil {
			e.files = res.files
		}
		m.setStateLocked(e, st, "")
		m.log.Debug("download finished", "id", e.it.ID, "state", st, "bytes", res.size)
	case res.kind == outUnverified:
		e.total, e.done = res.size, res.size
		m.setStateLocked(e, Unverified, res.note)
		m.log.Warn("download unverified", "id", e.it.ID, "url", e.it.URL, "why", res.note)
	case e.state != Active: // a control paused, cancelled or requeued it and journaled that
		e.done = res.reached
		if e.state == Cancelled {
			if err := os.Remove(e.it.Dest + partSuffix); err != nil && !os.IsNotExist(err) {
				m.log.Warn("remove cancelled partial file", "path", e.it.Dest+partSuffix, "err", err)
			}
			e.done = 0
		}
		m.emitLocked(e, true)
		m.broadcastLocked()
	case ictx.Err() != nil: // the manager is stopping; the journal still says queued
		e.done = res.reached
		m.setStateLocked(e, Queued, e.err)
		m.pushPendingLocked(e)
	default:
		m.failedAttemptLocked(e, res, now)
	}
}

func (m *Manager) failedAttemptLocked(e *entry, res outcome, now time.Time) {
	ae := res.err
	if ae == nil {
		ae = fatalErr(errors.New("internal error: attempt ended without a result"))
	}
	e.done = res.reached
	e.fails++
	msg := ae.Error()
	after := min(ae.after, m.opts.MaxRetryAfter)
	if ae.hostWide && after > 0 {
		m.hostWait[e.host] = now.Add(after)
	}
	if errors.Is(ae, errLoginRequired) { // no retry can help until a login: held for SetToken
		if err := m.appendLocked(record{Op: "state", ID: e.it.ID, State: LoginRequired, Err: msg}); err != nil {
			m.log.Error("download journal", "err", err)
		}
		m.setStateLocked(e, LoginRequired, msg)
		m.log.Warn("download needs a login", "id", e.it.ID, "url", e.it.URL, "err", msg)
		return
	}
	if !ae.retry || e.fails >= m.opts.MaxAttempts {
		if ae.retry {
			msg = fmt.Sprintf("gave up after %d failed attempts: %s", e.fails, msg)
		}
		if err := m.appendLocked(record{Op: "state", ID: e.it.ID, State: Failed, Err: msg}); err != nil {
			m.log.Error("download journal", "err", err)
		}
		m.setStateLocked(e, Failed, msg)
		m.log.Warn("download failed", "id", e.it.ID, "url", e.it.URL, "err", msg)
		return
	}
	delay := backoff(e.fails, m.opts.RetryBase, m.opts.RetryMax)
	if after > 0 {
		delay = after
	}
	e.nextRetry = now.Add(delay)
	m.setStateLocked(e, Queued, msg)
	m.pushPendingLocked(e)
	m.log.Info("download retry", "id", e.it.ID, "url", e.it.URL, "in", delay, "fails", e.fails, "err", msg)
}

// progress publishes bytes on disk and the smoothed rate of an active item.
func (m *Manager) progress(e *entry, done, total int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	if !e.rateAt.IsZero() {
		if dt := now.Sub(e.rateAt).Seconds(); dt > 0 {
			inst := float64(done-e.rateBytes) / dt
			if e.rate == 0 {
				e.rate = inst
			} else {
				e.rate += (1 - math.Exp(-dt/2)) * (inst - e.rate) // about a 2 s memory
			}
		}
	}
	e.rateAt, e.rateBytes = now, done
	e.done = done
	if total > 0 {
		e.total = total
	}
	if e.state == Active {
		m.emitLocked(e, false)
	}
}

// countAttempt notes one HTTP request for an item.
func (m *Manager) countAttempt(e *entry) {
	m.mu.Lock()
	e.attempt++
	m.mu.Unlock()
}

// learnSize journals a size the metadata lacked, so a crash after the rename can still
// be recognised as complete without asking the server.
func (m *Manager) learnSize(e *entry, size int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e.it.Size != 0 {
		return
	}
	if err := m.appendLocked(record{Op: "size", ID: e.it.ID, Size: size}); err != nil {
		m.log.Warn("download journal", "err", err)
	}
	e.it.Size, e.total = size, size
}
