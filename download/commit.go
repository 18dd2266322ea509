package download

import (
	"context"
	"fmt"
	"os"
	"sync"
)

// maxCommitBatch bounds the files made durable together (and held open meanwhile).
const maxCommitBatch = 64

// commit is a verified file on its way into place, or (f nil) one found complete on disk.
type commit struct {
	e    *entry
	ictx context.Context
	f    *os.File // the open .part; nil when there is nothing to sync or rename
	part string
	dest string
	kind int // outDone, outUnverified, or outSkipped (no file)
	res  outcome
	// dropPart: the .part (an unpacked cutout zip, f nil) is removed once the journal
	// says done, so a crash before that finds it whole and unpacks it again, offline.
	dropPart bool
}

// handOff passes a verified file to the committer and frees the worker's slot on the
// host. The item stays active (and held by its worker's flag) until it is journaled, so
// no control or claim touches its .part meanwhile.
func (m *Manager) handOff(e *entry, ictx context.Context, res outcome, commits chan<- *commit) {
	c := res.commit
	if c == nil { // found complete on disk: only the journal record is left to write
		c = &commit{kind: res.kind}
	}
	c.e, c.ictx = e, ictx
	c.res = outcome{kind: c.kind, size: res.size, reached: res.reached, note: res.note, files: res.files}
	m.mu.Lock()
	m.hostBusy[e.host]--
	m.broadcastLocked() // the host has room for another transfer
	m.mu.Unlock()
	commits <- c
	m.mu.Lock()
	m.handedOff++
	m.mu.Unlock()
}

// committer makes handed-off files durable in batches until commits is closed, which
// happens once workersDone returns. Each batch costs one fsync per file (issued together,
// so the filesystem merges their journal commits) and one journal write and fsync for
// all its records, off the workers' path. The order keeps the promise that a file the
// journal calls done survives a crash: its data is synced before it is renamed, and
// renamed before it is journaled. The renames are not synced one directory at a time
// (most small files have a directory of their own: as many syncs again); a rename that
// a power cut undoes is redone from the synced .part when the journal is replayed.
//
// Two stages overlap: while one batch is renamed and journaled (its own fsync of the
// journal), the next batch's files are synced, so the disk's cache flushes serve both
// and the committer keeps up with many small files.
func (m *Manager) committer(commits chan *commit, workersDone func()) {
	go func() {
		workersDone()
		close(commits)
	}()
	synced := make(chan []*commit) // unbuffered: at most one batch ahead of the journal
	recorded := make(chan struct{})
	go func() {
		defer close(recorded)
		for batch := range synced {
			m.record(batch)
		}
	}()
	for c := range commits {
		batch := []*commit{c}
	more:
		for len(batch) < maxCommitBatch {
			select {
			case c, ok := <-commits:
				if !ok {
					break more
				}
				batch = append(batch, c)
			default:
				break more
			}
		}
		m.syncBatch(batch)
		synced <- batch
	}
	close(synced)
	<-recorded
}

// syncBatch puts the data of a batch's files on disk (Options.Durable), all at once, and
// closes them.
func (m *Manager) syncBatch(batch []*commit) {
	closeOne := func(i int) {
		c := batch[i]
		if c.f == nil {
			return
		}
		var err error
		if m.opts.Durable {
			err = c.f.Sync()
		}
		if cerr := c.f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			c.res = outcome{reached: c.res.size, err: localErr(fmt.Errorf("sync %s: %w", c.part, err))}
		}
	}
	if m.opts.Durable { // the fsyncs go together, so the filesystem merges their commits
		inParallel(len(batch), closeOne)
	} else {
		for i := range batch {
			closeOne(i)
		}
	}
	m.step("synced")
}

// record renames a synced batch's files into place, then journals them and tells the
// consumer. The journal's fsync is left until after the manager's lock is released, so
// workers claiming items and reporting progress never wait on the disk: the records are
// written (safe from a kill) before the states change, and a power cut that loses them
// costs only a no-network skip later, the files being synced and in place already.
func (m *Manager) record(batch []*commit) {
	for _, c := range batch {
		if c.f == nil || c.res.err != nil {
			continue
		}
		if err := os.Rename(c.part, c.dest); err != nil {
			c.res = outcome{reached: c.res.size, err: localErr(err)}
		}
	}
	m.step("renamed")
	m.mu.Lock()
	recs := make([]record, 0, len(batch))
	for _, c := range batch {
		if rec, ok := completionRecord(c.e, c.res); ok {
			recs = append(recs, rec)
		}
	}
	var jf *os.File
	if m.j != nil {
		var err error
		if jf, err = m.j.write(recs...); err != nil {
			m.log.Error("download journal", "err", err)
		}
	}
	for _, c := range batch {
		if c.dropPart && c.res.err == nil { // journaled done: the zip has served (before settling: a new run may start at once)
			if err := os.Remove(c.part); err != nil && !os.IsNotExist(err) {
				m.log.Warn("remove an unpacked cutout zip", "path", c.part, "err", err)
			}
		}
		m.settleLocked(c.e, c.ictx, c.res)
	}
	m.compactLocked()
	m.mu.Unlock()
	if jf != nil {
		if err := syncJournal(jf); err != nil {
			m.log.Error("download journal", "err", err)
		}
	}
}

func (m *Manager) step(name string) {
	if m.commitHook != nil {
		m.commitHook(name)
	}
}

// inParallel runs fn(0) … fn(n-1) at once and waits for them all.
func inParallel(n int, fn func(i int)) {
	if n == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	wg.Add(n)
	for i := range n {
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	wg.Wait()
}
