package cutouts

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"time"
)

// member is one file of an answer zip.
type member struct {
	name string
	data []byte
}

// zipTime stamps every member: a fixed time keeps the bytes identical for one request.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// zipMembers deflates members into a zip, as MAST sends cutouts. The fastest level: a
// client reads any deflate stream, and the simulator answers bursts of cutouts.
func zipMembers(ms []member) ([]byte, error) {
	var b bytes.Buffer
	size := 0
	for _, m := range ms {
		size += len(m.data) + len(m.name) + 128 // deflate of noisy pixels saves little
	}
	b.Grow(size)
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, m := range ms {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(m.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
