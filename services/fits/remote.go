package fits

import (
	"context"
	"fmt"
	"io"
)

// RangeReader reads up to n bytes of a remote file from byte off (an HTTP Range
// request); fewer come back at the end of the file.
type RangeReader func(ctx context.Context, off, n int64) ([]byte, error)

// ReadRemoteHeader reads the primary header of a remote FITS file without the data:
// 2880-byte blocks fetched 1, 1, 2, 4, … at a time until the block holding END, so at
// most twice the header's blocks are fetched, in few requests. It returns the header
// and the number of bytes fetched.
func ReadRemoteHeader(ctx context.Context, read RangeReader) (Header, int64, error) {
	r := &remoteFile{ctx: ctx, read: read}
	h, _, err := readHeader(r, 0, maxHeaderBlocks*BlockSize, true)
	if err == nil && r.err != nil {
		err = r.err
	}
	return h, int64(len(r.buf)), err
}

// remoteFile is an io.ReaderAt over the start of a remote file, fetched on demand in
// doubling chunks of whole blocks.
type remoteFile struct {
	ctx  context.Context
	read RangeReader
	buf  []byte
	eof  bool
	err  error
}

func (f *remoteFile) ReadAt(p []byte, off int64) (int, error) {
	for !f.eof && off+int64(len(p)) > int64(len(f.buf)) {
		chunk := max(int64(len(f.buf)), BlockSize)
		b, err := f.read(f.ctx, int64(len(f.buf)), chunk)
		if err != nil {
			f.err = err
			return 0, err
		}
		f.buf = append(f.buf, b...)
		f.eof = int64(len(b)) < chunk
	}
	if off >= int64(len(f.buf)) {
		return 0, io.EOF
	}
	n := copy(p, f.buf[off:])
	if n < len(p) {
		return n, fmt.Errorf("fits: the file ends at byte %d, inside its header: %w", len(f.buf), io.ErrUnexpectedEOF)
	}
	return n, nil
}
