package download

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fitsFile builds a minimal FITS file: one header block, n data blocks.
func fitsFile(cards []string, n int) []byte {
	var b strings.Builder
	for _, c := range cards {
		b.WriteString(c + strings.Repeat(" ", 80-len(c)))
	}
	for b.Len()%2880 != 0 {
		b.WriteByte(' ')
	}
	return append([]byte(b.String()), make([]byte, n*2880)...)
}

func TestVerifyFile(t *testing.T) {
	good := fitsFile([]string{"SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0", "END"}, 1)
	cases := []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"good FITS", "a.fits", good, nil},
		{"no END card", "a.fits", fitsFile([]string{"SIMPLE  =                    T"}, 1), errInvalidFITS},
		{"SIMPLE = F", "a.fits", fitsFile([]string{"SIMPLE  =                    F", "END"}, 0), errInvalidFITS},
		{"short last block", "a.fits", good[:len(good)-100], errTruncated},
		{"HTML page named .fits", "a.fits", []byte("<!DOCTYPE html><html><title>503</title></html>"), errBadContent},
		{"JSON error named .fits", "a.fits", []byte(`{"status": "ERROR", "msg": "dataset parameter is required"}`), errBadContent},
		{"HTML page named .txt", "a.txt", []byte("<html><body>oops</body></html>"), errBadContent},
		{"text file", "a.txt", []byte("# plain text\n1 2 3\n"), nil},
		{"HTML file asked for", "a.html", []byte("<html></html>"), nil},
		{"gzip", "a.fits.gz", []byte{0x1f, 0x8b, 8, 0}, nil},
		{"not gzip", "a.fits.gz", []byte("SIMPLE  ="), errBadContent},
		{"png", "a.png", []byte("\x89PNG\r\n\x1a\n"), nil},
		{"jpeg", "a.jpg", []byte{0xff, 0xd8, 0xff, 0xe0}, nil},
		{"pdf", "a.pdf", []byte("%PDF-1.4"), nil},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := filepath.Join(dir, c.file)
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := verifyFile(p, kindOf(c.file))
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

func TestCheckContentType(t *testing.T) {
	if checkContentType("text/html; charset=utf-8", kindFITS) == nil {
		t.Error("HTML for a FITS file accepted")
	}
	if checkContentType("application/json", kindFITS) == nil {
		t.Error("JSON for a FITS file accepted")
	}
	for _, ok := range []struct {
		ct string
		k  fileKind
	}{{"application/fits", kindFITS}, {"application/json", kindJSON}, {"text/html", kindHTML}, {"", kindFITS}, {"application/octet-stream", kindFITS}} {
		if err := checkContentType(ok.ct, ok.k); err != nil {
			t.Errorf("%q for kind %d: %v", ok.ct, ok.k, err)
		}
	}
}

func TestParseContentRange(t *testing.T) {
	for in, want := range map[string][4]int64{
		"bytes 100-199/200": {100, 199, 200, 1},
		"bytes */200":       {-1, -1, 200, 1},
		"bytes 0-9/*":       {0, 9, -1, 1},
		"bytes 9-0/10":      {0, 0, 0, 0},
		"items 0-1/2":       {0, 0, 0, 0},
		"bytes x-1/2":       {0, 0, 0, 0},
	} {
		s, e, n, ok := parseContentRange(in)
		got := [4]int64{s, e, n, 0}
		if ok {
			got[3] = 1
		}
		if got != want {
			t.Errorf("parseContentRange(%q) = %v, want %v", in, got, want)
		}
	}
}
