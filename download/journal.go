package download

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The journal is JSON Lines, appended and fsynced before a change becomes visible (a
// completed file's record is fsynced just after: see Manager.record):
//
//	{"op":"journal","v":1}                                  header, first line
//	{"op":"add","item":{...},"state":"queued"}               an item (state optional)
//	{"op":"state","id":"…","state":"failed","err":"…"}       a transition
//	{"op":"size","id":"…","size":123}                        size learned from the server
//	{"op":"remove","id":"…"}                                 dropped by ClearFinished
//	{"op":"files","id":"…","files":["…"]}                    a cleared unpacked item's files
//
// Done, skipped and add records of an unpacked item (Item.Unpack) carry "files", the
// members it put in place. A "files" record keeps them past ClearFinished, so adding the
// same cutout again finds it complete on disk without a request; it is dropped once its
// files are gone. Older journals have no "files" and replay as before; older readers
// skip the unknown op.
//
// "active" is never written: an item active at a crash is queued on replay and resumes
// from its .part. A torn last line (crash mid-append) is ignored. On open and when it
// grows past twice the live items, the journal is rewritten as one add line per item
// (temp file, fsync, rename, fsync dir).
type record struct {
	Op    string   `json:"op"`
	V     int      `json:"v,omitempty"`
	ID    string   `json:"id,omitempty"`
	Item  *Item    `json:"item,omitempty"`
	State State    `json:"state,omitempty"`
	Err   string   `json:"err,omitempty"`
	Size  int64    `json:"size,omitempty"`
	Files []string `json:"files,omitempty"`
	// CloudErr: the item fell back from its cloud copy to MAST, and why (add and done
	// records), so the manifest of a later run still says where its bytes came from.
	CloudErr string `json:"cloud_err,omitempty"`
}

const journalVersion = 1

// ErrJournalInUse is wrapped by New when another Manager (another process, or another
// session of this one) holds the journal's lock.
var ErrJournalInUse = errors.New("in use by another mastui session")

type journal struct {
	path    string
	f       *os.File
	lock    *os.File
	records int  // appended since the last rewrite
	writes  int  // appends since opened (each one write, and one fsync unless lazy)
	lazy    bool // written since the last fsync under the lock (close syncs it)
}

// openJournal locks and reads the journal at path (creating it if needed) and returns
// its records. The lock file stays held until close, so two managers (two processes or
// two sessions of one process) never write the same journal.
func openJournal(path string) (*journal, []record, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("journal directory: %w", err)
	}
	lock, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("journal lock: %w", err)
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		return nil, nil, fmt.Errorf("download journal %s is %w: %w", path, ErrJournalInUse, err)
	}
	recs, err := readJournal(path)
	if err != nil {
		lock.Close()
		return nil, nil, err
	}
	return &journal{path: path, lock: lock}, recs, nil
}

func readJournal(path string) ([]record, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	var recs []record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(b, &r); err != nil {
			// Only the last line can be torn by a crash; anything else is damage we
			// step over rather than lose the whole queue for.
			continue
		}
		if line == 1 && r.Op == "journal" && r.V > journalVersion {
			return nil, fmt.Errorf("journal %s was written by a newer mastui (format %d)", path, r.V)
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read journal %s: %w", path, err)
	}
	return recs, nil
}

// append writes records and fsyncs: when it returns nil they survive a crash.
func (j *journal) append(recs ...record) error {
	f, err := j.write(recs...)
	if err != nil || f == nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync journal: %w", err)
	}
	j.lazy = false // everything written so far is on disk
	return nil
}

// write appends records without waiting for the disk: they survive the process being
// killed, and survive a power cut once the returned file is synced (syncJournal), which
// the caller may do without holding the lock that orders the writes. nil file when
// there was nothing to write.
func (j *journal) write(recs ...record) (*os.File, error) {
	if j == nil || len(recs) == 0 {
		return nil, nil
	}
	if j.f == nil {
		return nil, fmt.Errorf("journal %s is closed", j.path)
	}
	var buf bytes.Buffer
	for i := range recs {
		if err := encodeRecord(&buf, recs[i]); err != nil {
			return nil, err
		}
	}
	if _, err := j.f.Write(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("write journal: %w", err)
	}
	j.records += len(recs)
	j.writes++
	j.lazy = true
	return j.f, nil
}

// syncJournal puts what was written to the journal file f on disk. A rewrite may have
// replaced (and closed) f meanwhile: the rewritten journal was synced whole, so there is
// nothing left to do.
func syncJournal(f *os.File) error {
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrClosed) {
		return fmt.Errorf("sync journal: %w", err)
	}
	return nil
}

func encodeRecord(buf *bytes.Buffer, r record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode journal record: %w", err)
	}
	buf.Write(b)
	buf.WriteByte('\n')
	return nil
}

// rewrite atomically replaces the journal with recs and reopens it for appending.
func (j *journal) rewrite(recs []record) error {
	if j == nil {
		return nil
	}
	var buf bytes.Buffer
	if err := encodeRecord(&buf, record{Op: "journal", V: journalVersion}); err != nil {
		return err
	}
	for i := range recs {
		if err := encodeRecord(&buf, recs[i]); err != nil {
			return err
		}
	}
	tmp := j.path + ".tmp"
	if err := writeFileSync(tmp, buf.Bytes()); err != nil {
		return fmt.Errorf("rewrite journal: %w", err)
	}
	if err := os.Rename(tmp, j.path); err != nil {
		return fmt.Errorf("rewrite journal: %w", err)
	}
	if err := syncDir(filepath.Dir(j.path)); err != nil {
		return fmt.Errorf("rewrite journal: %w", err)
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("reopen journal: %w", err)
	}
	if j.f != nil {
		j.f.Close()
	}
	j.f, j.records, j.lazy = f, 0, false
	return nil
}

func (j *journal) close() error {
	if j == nil {
		return nil
	}
	var err error
	if j.f != nil {
		if j.lazy {
			err = j.f.Sync()
		}
		if cerr := j.f.Close(); err == nil {
			err = cerr
		}
		j.f = nil
	}
	if j.lock != nil {
		j.lock.Close() // closing releases the flock
		j.lock = nil
	}
	if err != nil {
		return fmt.Errorf("close journal: %w", err)
	}
	return nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
