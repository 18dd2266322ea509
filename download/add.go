package download

import (
	"fmt"
	"os"
)

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
