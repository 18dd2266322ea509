package download

import (
	"context"
	"errors"
	"time"
)

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
		LoginRequired: m.counts[LoginRequired],
		Done:          m.counts[Done], Skipped: m.counts[Skipped], Unverified: m.counts[Unverified],
		Failed: m.counts[Failed], Cancelled: m.counts[Cancelled],
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
		Attempt: e.attempt, Err: e.err, NextRetry: e.nextRetry, Files: e.files,
		FromCloud: e.it.CloudURL != "" && e.cloudErr == "", CloudErr: e.cloudErr,
	}
	if e.state == Active {
		st.Rate = e.rate
		if e.rate > 0 && e.total > e.done {
			st.ETA = time.Duration(float64(e.total-e.done) / e.rate * float64(time.Second))
		}
	}
	return st
}

// TotalsOf aggregates statuses as Manager.Totals does the whole queue: a program's own
// items in a shared queue, or a snapshot read over a socket.
func TotalsOf(st []Status) Totals {
	var t Totals
	var left int64
	for _, s := range st {
		t.Items++
		switch s.State {
		case Queued:
			t.Queued++
		case Active:
			t.Active++
			t.Rate += s.Rate
		case Paused:
			t.Paused++
		case LoginRequired:
			t.LoginRequired++
		case Done:
			t.Done++
		case Skipped:
			t.Skipped++
		case Unverified:
			t.Unverified++
		case Failed:
			t.Failed++
		case Cancelled:
			t.Cancelled++
			continue
		}
		t.DoneBytes += s.Done
		t.TotalBytes += max(s.Total, s.Done)
		if s.State == Active || s.State == Queued {
			left += max(s.Total-s.Done, 0)
		}
	}
	if t.Rate > 0 && left > 0 {
		t.ETA = time.Duration(float64(left) / t.Rate * float64(time.Second))
	}
	return t
}
