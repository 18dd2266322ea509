package download

import (
	"fmt"
	"os"
	"slices"
)

// AddResult says what Add made of a batch.
type AddResult struct {
	Added         int   // new items queued
	Requeued      int   // failed, cancelled or unverified items queued again
	Replaced      int   // items for the same file from another URL, replaced by the new one
	AlreadyQueued int   // already queued, active or paused: left as they are
	AlreadyDone   int   // already downloaded (done or found complete on disk)
	Duplicates    int   // repeated within the batch
	Bytes         int64 // expected bytes of the items queued (added, requeued, replaced)
}

// Queued is the number of items the batch put in the queue.
func (r AddResult) Queued() int { return r.Added + r.Requeued + r.Replaced }

// Add queues items; see AddAll.
func (m *Manager) Add(items ...Item) error {
	_, err := m.AddAll(items...)
	return err
}

// AddAll queues items, journaled before they become visible, and says what it did. An
// item whose ID is already held is not added twice (a failed, cancelled or unverified
// one is queued again). An item writing the same file from another URL (from an earlier
// demo archive's port, say: failed, done, or still waiting on a server that is gone) is
// replaced by the new one, unless a worker is on it. AddAll refuses the whole batch when
// two items would write the same file at once, or when the selection and the rest of the
// queue do not fit on disk (a *SpaceError).
func (m *Manager) AddAll(items ...Item) (AddResult, error) {
	var res AddResult
	norm := make([]Item, 0, len(items))
	for _, it := range items {
		n, err := normalize(it)
		if err != nil {
			return res, fmt.Errorf("add download: %w", err)
		}
		norm = append(norm, n)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return res, ErrClosed
	}
	var fresh []Item
	var revive, replace []*entry
	seen := map[string]bool{}
	dests := map[string]string{}
	for _, it := range norm {
		if seen[it.ID] {
			res.Duplicates++
			continue
		}
		seen[it.ID] = true
		if e, ok := m.entries[it.ID]; ok {
			switch e.state {
			case Failed, Cancelled, Unverified, LoginRequired: // asked for again: maybe with a token now
				revive = append(revive, e)
			case Done, Skipped:
				res.AlreadyDone++
			default:
				res.AlreadyQueued++
			}
			continue
		}
		if other, ok := m.byDest[it.Dest]; ok {
			old := m.entries[other]
			if old.running {
				return AddResult{}, fmt.Errorf("add download: %s and a running download (%s) would both write %s", it.URL, old.it.URL, it.Dest)
			}
			replace = append(replace, old)
		}
		if other, ok := dests[it.Dest]; ok {
			return AddResult{}, fmt.Errorf("add download: %s and %s would both write %s", other, it.URL, it.Dest)
		}
		dests[it.Dest] = it.URL
		fresh = append(fresh, it)
	}
	if len(fresh) == 0 && len(revive) == 0 {
		return res, nil
	}
	if err := checkSpace(m.outstandingLocked(fresh, revive), m.opts.FreeSpace); err != nil {
		return AddResult{}, fmt.Errorf("add download: %w", err)
	}
	recs := make([]record, 0, len(replace)+len(fresh)+len(revive))
	for _, e := range replace {
		recs = append(recs, record{Op: "remove", ID: e.it.ID})
	}
	for i := range fresh {
		recs = append(recs, record{Op: "add", Item: &fresh[i], Files: m.unpacked[fresh[i].ID]})
	}
	for _, e := range revive {
		recs = append(recs, record{Op: "state", ID: e.it.ID, State: Queued})
	}
	if err := m.appendLocked(recs...); err != nil {
		return AddResult{}, fmt.Errorf("add download: %w", err)
	}
	m.forgetLocked(replace)
	res.Replaced = len(replace)
	res.Added = len(fresh) - len(replace)
	for _, it := range fresh {
		e := &entry{it: it, state: Queued, host: hostOf(it.URL), total: it.Size, files: m.unpacked[it.ID]}
		delete(m.unpacked, it.ID) // an unpacked cutout cleared earlier: its files are checked before any request
		if fi, err := os.Stat(it.Dest + partSuffix); err == nil {
			e.done, e.high = fi.Size(), fi.Size()
		}
		m.entries[it.ID] = e
		m.order = append(m.order, e)
		m.byDest[it.Dest] = it.ID
		m.counts[Queued]++
		m.pushPendingLocked(e)
		m.emitLocked(e, true)
		res.Bytes += it.Size
	}
	for _, e := range revive {
		m.requeueLocked(e)
		res.Bytes += e.it.Size
	}
	res.Requeued = len(revive)
	m.broadcastLocked()
	m.compactLocked()
	return res, nil
}

// forgetLocked drops entries (journaled as removed by the caller) from memory.
func (m *Manager) forgetLocked(gone []*entry) {
	if len(gone) == 0 {
		return
	}
	drop := map[*entry]bool{}
	for _, e := range gone {
		drop[e] = true
		delete(m.entries, e.it.ID)
		delete(m.byDest, e.it.Dest)
		m.counts[e.state]--
		e.state = Cancelled // out of the pending list, should it still be there
	}
	m.order = slices.DeleteFunc(m.order, func(e *entry) bool { return drop[e] })
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
