package download

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"mastui/services/cutouts"
)

// An unpacked item (Item.Unpack == UnpackCutouts) is a cutout service's answer (protocol
// 8): a zip fetched like any file (to Dest's .part, Range resume, verified whole by its
// size or, without one, by its end-of-central-directory record: no HEAD, which would make
// the service compute the cutout again), then unpacked by cutouts.Unpack into Dest's
// directory (members checked, written through .part, renamed, names stripped to safe base
// names). The members are the item's files (Status.Files), journaled with its done record.
// The zip is removed once the journal says done (a crash before that unpacks it again,
// offline), or kept at Dest with KeepZip.
//
// On disk an unpacked item is recognised by its files from the journal: all present and
// whole means skipped, without a request. A kept zip at Dest is unpacked again offline.
// ClearFinished keeps the files of the items it forgets (journal op "files"), so adding
// the same cutout again still finds them.
//
// A JSON {"msg"} answer instead of a zip is the service's "no data": the item fails with
// its message, not retried. TESScut requests take a slot of Options.TESScutLimiter (MAST
// allows 10 per user), and the answer's first byte may take Options.ComputeTimeout.

// CutoutZipName is a stable file name for the zip of a cutout request: the service and a
// digest of the request's path and query, e.g. "tesscut_3f2a9c01de4b.zip". astroquery names
// it by the clock (tesscut_<YYYYmmddHHMMSS>.zip); a stable name lets a rerun resume or skip
// it, and the same request to another host (a mirror, the simulator on another port) is
// the same file.
func CutoutZipName(rawURL string) string {
	key := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		key = u.EscapedPath() + "?" + u.RawQuery
	}
	h := sha256.Sum256([]byte(key))
	return strings.ToLower(cutoutService(rawURL)) + "_" + hex.EncodeToString(h[:6]) + ".zip"
}

// cutoutService names the service of a cutout URL for messages.
func cutoutService(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "cutout"
	}
	switch p := strings.ToLower(u.Path); {
	case strings.Contains(p, "/tesscut/"):
		return "TESScut"
	case strings.Contains(p, "/zcut/"):
		return "Zcut"
	case strings.Contains(p, "/hapcut/"):
		return "HAPCut"
	}
	return "cutout"
}

// noDataAnswer is the service's "no data" message when head (the start of an answer to
// an unpacked item) is one, else nil.
func noDataAnswer(it Item, head []byte) error {
	if it.Unpack == "" {
		return nil
	}
	var nd *cutouts.NoDataError
	if err := cutouts.CheckAnswer(cutoutService(it.URL), head); errors.As(err, &nd) {
		return nd
	}
	return nil
}

// unpackCommit unpacks the verified zip of a commit and makes the commit carry its
// members: the .part is renamed to Dest (KeepZip) or dropped once journaled.
func (m *Manager) unpackCommit(it Item, res outcome) outcome {
	c := res.commit
	opts := cutouts.UnpackOptions{Service: cutoutService(it.URL), KeepZip: true} // the committer removes it
	man, err := cutouts.Unpack(c.part, filepath.Dir(it.Dest), opts)
	if err != nil {
		c.f.Close()
		var nd *cutouts.NoDataError
		var pe *fs.PathError
		switch {
		case errors.As(err, &nd):
			os.Remove(c.part)
			return outcome{err: fatalErr(nd)}
		case errors.As(err, &pe): // our disk (full, not writable): the zip is good, keep it
			return outcome{reached: res.reached, err: localErr(fmt.Errorf("unpack %s: %w", filepath.Base(it.Dest), err))}
		}
		os.Remove(c.part) // a whole zip that does not unpack: the server's bytes were bad
		return outcome{err: retryErr(fmt.Errorf("%w: %w", errBadContent, err))}
	}
	if !it.KeepZip {
		c.f.Close()
		c.f, c.dropPart = nil, true
	}
	res.files = man.Files
	return res
}

// unpackedOnDisk finds an unpacked item complete without a request: its files (from the
// journal) all present and whole, or its kept zip at Dest, unpacked again.
func (m *Manager) unpackedOnDisk(e *entry, it Item) (outcome, bool) {
	m.mu.Lock()
	files := e.files
	m.mu.Unlock()
	if filesOnDisk(files) {
		return outcome{kind: outSkipped, size: it.Size, files: files}, true
	}
	if !it.KeepZip {
		return outcome{}, false
	}
	fi, err := os.Lstat(it.Dest)
	if err != nil || !fi.Mode().IsRegular() || it.Size > 0 && fi.Size() != it.Size || verifyEnd(it.Dest, kindZip) != nil {
		return outcome{}, false
	}
	man, err := cutouts.Unpack(it.Dest, filepath.Dir(it.Dest), cutouts.UnpackOptions{Service: cutoutService(it.URL), KeepZip: true})
	if err != nil {
		m.log.Info("a kept cutout zip does not unpack; fetching it again", "path", it.Dest, "err", err)
		return outcome{}, false
	}
	return outcome{kind: outSkipped, size: fi.Size(), files: man.Files}, true
}

// filesOnDisk reports whether every file is in place and whole (verifyFile: the head of
// its kind, a FITS file walked to its end).
func filesOnDisk(files []string) bool {
	if len(files) == 0 {
		return false
	}
	for _, f := range files {
		if fi, err := os.Lstat(f); err != nil || !fi.Mode().IsRegular() || verifyFile(f, kindOf(f)) != nil {
			return false
		}
	}
	return true
}

// anyOnDisk reports whether at least one of files exists (a cleared item worth
// remembering).
func anyOnDisk(files []string) bool {
	for _, f := range files {
		if _, err := os.Lstat(f); err == nil {
			return true
		}
	}
	return false
}
