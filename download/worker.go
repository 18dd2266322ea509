package download

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"mastui/model"
)

// worker runs items until ctx ends. Each worker owns one copy buffer. A file fetched
// whole and verified goes to the committer (commits), so the worker moves on to the next
// item while its file is synced and journaled.
func (m *Manager) worker(ctx context.Context, commits chan<- *commit) {
	var buf []byte
	for {
		e, it, ictx := m.claim(ctx)
		if e == nil {
			return
		}
		if buf == nil {
			buf = make([]byte, bufSize)
		}
		res := m.run(ictx, e, it, buf)
		if res.kind == outCommit || res.kind == outSkipped { // skips are journaled in batches too
			m.handOff(e, ictx, res, commits)
			continue
		}
		m.finish(e, ictx, res)
	}
}

// run makes one attempt at an item: skip it when complete on disk, finish a .part that
// is whole, or fetch the rest over HTTP.
func (m *Manager) run(ctx context.Context, e *entry, it Item, buf []byte) outcome {
	k := kindOf(it.Filename)
	if kindOf(it.Dest) != kindOther {
		k = kindOf(it.Dest)
	}
	if it.Unpack != "" {
		k = kindZip // whatever its name: a cutout service answers with a zip
	}
	part := it.Dest + partSuffix
	dir := filepath.Dir(it.Dest)
	if err := m.dirs.makeTree(it.Root, dir); err != nil {
		return outcome{err: localErr(err)}
	}
	if it.Unpack != "" {
		if res, ok := m.unpackedOnDisk(e, it); ok {
			os.Remove(part) // a zip a crash left: its members are in place
			return res
		}
	} else if fi, err := os.Lstat(it.Dest); err == nil && fi.Mode().IsRegular() && m.completeOnDisk(ctx, it, k, fi.Size()) {
		if err := os.Remove(part); err == nil {
			m.log.Debug("removed a stale partial file of a complete download", "path", part)
		}
		return outcome{kind: outSkipped, size: fi.Size()}
	}
	f, err := m.openPartIn(it.Root, dir, part)
	if err != nil {
		return outcome{err: localErr(err)}
	}
	cloud := m.fromCloud(e)
	res := m.runPart(ctx, e, it, k, f, part, buf, cloud)
	if cloud && m.fallBack(ctx, e, res) {
		if res.kind != outCommit {
			f.Close() // closed already when the copy's bytes were refused: harmless
		}
		if f, err = m.openPartIn(it.Root, dir, part); err != nil {
			return outcome{err: localErr(err)}
		}
		res = m.runPart(ctx, e, it, k, f, part, buf, false)
	}
	if res.kind != outCommit { // a commit hands the open file on
		f.Close()
	} else if it.Unpack != "" {
		res = m.unpackCommit(it, res)
	}
	return res
}

// openPartIn opens the .part in dir, making dir again when it was removed since.
func (m *Manager) openPartIn(root, dir, part string) (*os.File, error) {
	f, err := openPart(part)
	if errors.Is(err, fs.ErrNotExist) { // its directory was removed since we made it
		m.dirs.reset()
		if err = m.dirs.makeTree(root, dir); err == nil {
			f, err = openPart(part)
		}
	}
	return f, err
}

// fromCloud reports whether the item's next attempt asks its cloud copy.
func (m *Manager) fromCloud(e *entry) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return e.it.CloudURL != "" && e.cloudErr == ""
}

// fallBack decides, after an attempt at the cloud copy, whether the item goes to MAST
// now, for good: when the copy failed without adding a byte (no copy, an error status,
// a refused connection, another size, bytes that are not the product). A copy cut off
// after progress is resumed from the cloud, as any download is; a paused or cancelled
// item stops here.
func (m *Manager) fallBack(ctx context.Context, e *entry, res outcome) bool {
	if res.err == nil || ctx.Err() != nil || res.err.retry && res.progressed {
		return false
	}
	why := model.OneLine(res.err.Error())
	m.log.Info("cloud copy failed; downloading from MAST", "id", e.it.ID, "why", why)
	m.mu.Lock()
	e.cloudErr = why
	m.mu.Unlock()
	e.etag = "" // the copy's validator means nothing to MAST
	return true
}

// runPart finishes or fetches an item into its open .part file f, from its cloud copy
// when cloud.
func (m *Manager) runPart(ctx context.Context, e *entry, it Item, k fileKind, f *os.File, part string, buf []byte, cloud bool) outcome {
	fi, err := f.Stat()
	if err != nil {
		return outcome{err: localErr(err)}
	}
	off := fi.Size()
	if it.Size > 0 && off > it.Size { // longer than the product: not a prefix of it
		if off, err = restart(f); err != nil {
			return outcome{err: localErr(err)}
		}
	}
	if it.Size > 0 && off == it.Size { // whole, but a crash came before the rename
		return m.finalize(f, part, it, k, off, true)
	}
	a := &attempt{m: m, e: e, it: it, k: k, f: f, part: part, off: off, buf: buf, url: it.URL, start: off}
	if cloud {
		a.url, a.public = it.CloudURL, true
	}
	res := a.fetch(ctx)
	if res.kind == outFailed && res.reached == 0 {
		f.Close()
		removeIfEmpty(part) // a refused request leaves no empty .part behind
	}
	return res
}

// completeOnDisk reports whether the file already at it.Dest (have bytes) is the whole
// product, so nothing needs fetching (astroquery's cache). Its size must match the
// product's, or, when the product list gave none, the server's (HEAD, as astroquery
// asks); failing any size, its structure must prove it whole (verifyEnd).
func (m *Manager) completeOnDisk(ctx context.Context, it Item, k fileKind, have int64) bool {
	size := it.Size
	if size <= 0 {
		size = m.headSize(ctx, it)
	}
	if size > 0 {
		return have == size && verifyFile(it.Dest, k) == nil
	}
	return verifyFile(it.Dest, k) == nil && verifyEnd(it.Dest, k) == nil
}

func removeIfEmpty(p string) {
	if fi, err := os.Stat(p); err == nil && fi.Size() == 0 {
		os.Remove(p)
	}
}

// finalize verifies a complete .part and, when it is good, hands it (still open) to the
// committer, which syncs it, renames it into place and journals it. confirmed says the
// server vouched for the size (Content-Length, Content-Range, HEAD or the product list);
// without it the file must prove itself whole by its structure, else it is kept but
// marked Unverified.
func (m *Manager) finalize(f *os.File, part string, it Item, k fileKind, size int64, confirmed bool) outcome {
	note := ""
	fi, err := f.Stat()
	if err == nil { // the .part is still open: no need to open it again
		err = verifyContent(f, fi.Size(), k)
	}
	if err == nil && !confirmed && k != kindFITS { // verifyContent walked a FITS file to its end
		err = verifyEnd(part, k)
		switch {
		case errors.Is(err, errUnproven) && it.Unpack != "":
			err = fmt.Errorf("%w: %w", errTruncated, err) // a zip without its end is cut short: resume it
		case errors.Is(err, errUnproven):
			note, err = err.Error(), nil
		}
	}
	if err != nil {
		f.Close()
		switch {
		case errors.Is(err, errTruncated) && !confirmed:
			return outcome{reached: size, err: retryErr(err)} // cut short on the wire: resume it
		case errors.Is(err, errBadContent):
			os.Remove(part) // wrong bytes are never kept, nor resumed from
			return outcome{err: retryErr(err)}
		case errors.Is(err, errInvalidFITS), errors.Is(err, errTruncated):
			os.Remove(part)
			return outcome{err: fatalErr(fmt.Errorf("the server's file is not valid FITS: %w", err))}
		}
		return outcome{reached: size, err: localErr(err)}
	}
	kind := outDone
	if note != "" {
		kind = outUnverified
	}
	return outcome{kind: outCommit, size: size, reached: size, note: note,
		commit: &commit{f: f, part: part, dest: it.Dest, kind: kind}}
}

// openPart opens (or creates) a .part file, never through a symbolic link: one planted
// there would make us write wherever it points.
func openPart(part string) (*os.File, error) {
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE|oNoFollow, 0o644)
	if err != nil {
		if fi, lerr := os.Lstat(part); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link: refusing to write through it", part)
		}
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file", part)
	}
	return f, nil
}

// restart empties a .part so the file is fetched from zero.
func restart(f *os.File) (int64, error) {
	if err := f.Truncate(0); err != nil {
		return 0, err
	}
	_, err := f.Seek(0, 0)
	return 0, err
}

// localErr is a problem with our own disk: retrying the network will not help.
func localErr(err error) *attemptErr {
	if errors.Is(err, syscall.ENOSPC) {
		return fatalErr(fmt.Errorf("disk full: %w", err))
	}
	return fatalErr(err)
}
