package download

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// worker runs items until ctx ends. Each worker owns one copy buffer.
func (m *Manager) worker(ctx context.Context) {
	defer m.wg.Done()
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
	part := it.Dest + partSuffix
	if it.Size > 0 {
		if fi, err := os.Stat(it.Dest); err == nil && fi.Mode().IsRegular() && fi.Size() == it.Size && verifyFile(it.Dest, k) == nil {
			if err := os.Remove(part); err == nil {
				m.log.Debug("removed a stale partial file of a complete download", "path", part)
			}
			return outcome{kind: outSkipped, size: it.Size}
		}
	}
	if err := os.MkdirAll(filepath.Dir(it.Dest), 0o755); err != nil {
		return outcome{err: localErr(err)}
	}
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return outcome{err: localErr(err)}
	}
	defer f.Close() // a no-op error after finalize closed it
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
		return m.finalize(f, part, it, k, off)
	}
	a := &attempt{m: m, e: e, it: it, k: k, f: f, part: part, off: off, buf: buf}
	res := a.fetch(ctx)
	if res.kind == outFailed && res.reached == 0 {
		f.Close()
		removeIfEmpty(part) // a refused request leaves no empty .part behind
	}
	return res
}

func removeIfEmpty(p string) {
	if fi, err := os.Stat(p); err == nil && fi.Size() == 0 {
		os.Remove(p)
	}
}

// finalize makes a complete .part durable, verifies it and renames it into place.
func (m *Manager) finalize(f *os.File, part string, it Item, k fileKind, size int64) outcome {
	if err := f.Sync(); err != nil {
		return outcome{reached: size, err: localErr(err)}
	}
	if err := f.Close(); err != nil {
		return outcome{reached: size, err: localErr(err)}
	}
	if err := verifyFile(part, k); err != nil {
		switch {
		case errors.Is(err, errBadContent):
			os.Remove(part) // wrong bytes are never kept, nor resumed from
			return outcome{err: retryErr(err)}
		case errors.Is(err, errInvalidFITS):
			os.Remove(part)
			return outcome{err: fatalErr(fmt.Errorf("the server's file is not valid FITS: %w", err))}
		}
		return outcome{reached: size, err: localErr(err)}
	}
	if err := os.Rename(part, it.Dest); err != nil {
		return outcome{reached: size, err: localErr(err)}
	}
	if err := syncDir(filepath.Dir(it.Dest)); err != nil {
		m.log.Warn("sync download directory", "dir", filepath.Dir(it.Dest), "err", err)
	}
	return outcome{kind: outDone, size: size, reached: size}
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
