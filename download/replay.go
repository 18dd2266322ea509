package download

import (
	"net/url"
	"os"
	"sort"
	"strings"
)

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
			e := &entry{it: it, state: replayState(r.State), err: r.Err, files: r.Files, cloudErr: r.CloudErr}
			delete(m.unpacked, it.ID)
			m.entries[it.ID] = e
			m.order = append(m.order, e)
		case "state":
			if e := m.entries[r.ID]; e != nil {
				e.state, e.err = replayState(r.State), r.Err
				if r.Size > 0 && e.it.Size == 0 {
					e.it.Size = r.Size
				}
				if r.Files != nil {
					e.files = r.Files
				}
				if r.CloudErr != "" {
					e.cloudErr = r.CloudErr
				}
			}
		case "size":
			if e := m.entries[r.ID]; e != nil && r.Size > 0 {
				e.it.Size = r.Size
			}
		case "remove":
			delete(m.entries, r.ID)
		case "files":
			if len(r.Files) > 0 && m.entries[r.ID] == nil {
				m.unpacked[r.ID] = r.Files
			}
		}
	}
	for id, files := range m.unpacked {
		if !anyOnDisk(files) { // deleted since: nothing left to recognise
			delete(m.unpacked, id)
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
			if e.it.Unpack != "" && !e.it.KeepZip {
				os.Remove(e.it.Dest + partSuffix) // unpacked: the zip a crash left before its removal
			} else {
				m.redoRename(e)
			}
			if m.cutShort(e) {
				e.state, e.done = Queued, 0
			}
		case e.state == Unverified:
			if fi, err := os.Stat(e.it.Dest); err == nil {
				e.done, e.total = fi.Size(), fi.Size()
			}
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

// redoRename finishes the commit of a file the journal calls done but that is still at
// its .part, whole: its data was synced before the journal said done, but a power cut
// undid the rename (the committer does not sync directories).
func (m *Manager) redoRename(e *entry) {
	part := e.it.Dest + partSuffix
	fi, err := os.Lstat(part)
	if err != nil || !fi.Mode().IsRegular() || e.it.Size <= 0 || fi.Size() != e.it.Size {
		return
	}
	if _, err := os.Lstat(e.it.Dest); err == nil {
		return // the file is in place; the .part is a later, unrelated start
	}
	if err := os.Rename(part, e.it.Dest); err != nil {
		m.log.Warn("download journal: could not put a finished file in place", "path", e.it.Dest, "err", err)
		return
	}
	m.log.Info("download journal: put a finished file back in place", "path", e.it.Dest)
}

// cutShort reports a finished file that is now shorter than it was: a power cut took
// data the kernel had not written yet (Options.Durable was off), so it is fetched again.
// A file the user deleted stays deleted (a choice, not a loss), and one that grew is left
// alone (edited in place, e.g. a FITS header updated).
func (m *Manager) cutShort(e *entry) bool {
	fi, err := os.Lstat(e.it.Dest)
	if err != nil || !fi.Mode().IsRegular() || e.it.Size <= 0 || fi.Size() >= e.it.Size {
		return false
	}
	m.log.Warn("download journal: a finished file lost data since (a power cut?); fetching it again", "path", e.it.Dest, "size", fi.Size(), "want", e.it.Size)
	return true
}

func replayState(s State) State {
	switch s {
	case Paused, LoginRequired, Done, Skipped, Unverified, Failed, Cancelled:
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
		r := record{Op: "add", Item: &it, Err: e.err, Files: e.files, CloudErr: e.cloudErr}
		if e.state != Queued && e.state != Active {
			r.State = e.state
		}
		recs = append(recs, r)
	}
	ids := make([]string, 0, len(m.unpacked))
	for id := range m.unpacked {
		ids = append(ids, id)
	}
	sort.Strings(ids) // a stable journal
	for _, id := range ids {
		recs = append(recs, record{Op: "files", ID: id, Files: m.unpacked[id]})
	}
	return recs
}
