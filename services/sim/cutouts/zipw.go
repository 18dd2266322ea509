package cutouts

import (
	"archive/zip"
	"bytes"
	"time"
)

// member is one file of an answer zip.
type member struct {
	name string
	data []byte
}

// zipTime stamps every member: a fixed time keeps the bytes identical for one request.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// zipMembers deflates members into a zip, as MAST sends cutouts.
func zipMembers(ms []member) ([]byte, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
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
