package download

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path"
	"strings"

	"mastui/model"
)

// errBadContent marks a body or file that is not what was asked for (an error page, a
// file without the magic of its kind): retried from zero, never kept.
var errBadContent = errors.New("bad content")

// errInvalidFITS marks a file that starts as FITS but breaks the structure (2880-byte
// blocks, END cards, data sizes): when the server vouched for its size, the server's own
// file, so fetching it again would not help. Not kept either.
var errInvalidFITS = errors.New("invalid FITS")

// errTruncated marks a file whose own structure says it goes on past its last byte (also
// wrapped with errInvalidFITS for FITS): a transfer cut short when the server gave no
// size, to be resumed; the server's own broken file when it did.
var errTruncated = errors.New("the file is cut short")

// errUnproven marks a file of unknown size that nothing proves whole: its format has no
// end marker we check, or the marker is not there.
var errUnproven = errors.New("nothing proves the file whole")

// fileKind is what a product's name promises about its bytes.
type fileKind int

const (
	kindOther fileKind = iota
	kindFITS
	kindGzip
	kindPNG
	kindJPEG
	kindPDF
	kindZip
	kindJSON
	kindHTML
	kindText
)

func kindOf(name string) fileKind {
	n := strings.ToLower(path.Base(name))
	switch {
	case strings.HasSuffix(n, ".fits"), strings.HasSuffix(n, ".fit"), strings.HasSuffix(n, ".fts"):
		return kindFITS
	case strings.HasSuffix(n, ".gz"), strings.HasSuffix(n, ".tgz"):
		return kindGzip
	case strings.HasSuffix(n, ".png"):
		return kindPNG
	case strings.HasSuffix(n, ".jpg"), strings.HasSuffix(n, ".jpeg"):
		return kindJPEG
	case strings.HasSuffix(n, ".pdf"):
		return kindPDF
	case strings.HasSuffix(n, ".zip"):
		return kindZip
	case strings.HasSuffix(n, ".json"):
		return kindJSON
	case strings.HasSuffix(n, ".html"), strings.HasSuffix(n, ".htm"):
		return kindHTML
	case strings.HasSuffix(n, ".txt"), strings.HasSuffix(n, ".csv"), strings.HasSuffix(n, ".ecsv"),
		strings.HasSuffix(n, ".xml"), strings.HasSuffix(n, ".cat"), strings.HasSuffix(n, ".asc"):
		return kindText
	}
	return kindOther
}

// checkContentType refuses answers whose media type says "error page": HTML where no
// HTML was asked for, JSON where a binary or text product was (astroquery#1892).
func checkContentType(ct string, k fileKind) error {
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil // unparseable types prove nothing; the body sniff still runs
	}
	switch {
	case (mt == "text/html" || mt == "application/xhtml+xml") && k != kindHTML:
		return fmt.Errorf("%w: the server sent an HTML page (%s) instead of the file", errBadContent, mt)
	case (mt == "application/json" || mt == "application/problem+json") && k != kindJSON && k != kindText && k != kindOther:
		return fmt.Errorf("%w: the server sent JSON (%s) instead of the file", errBadContent, mt)
	}
	return nil
}

// checkHead inspects the first bytes of a file (or of a body starting at offset 0).
func checkHead(b []byte, k fileKind) error {
	if k != kindHTML && looksHTML(b) {
		return fmt.Errorf("%w: the server sent an HTML page instead of the file: %s", errBadContent, pageTitle(b))
	}
	var magic []byte
	var what string
	switch k {
	case kindFITS:
		magic, what = []byte("SIMPLE  ="), "a FITS file (no SIMPLE card)"
	case kindGzip:
		magic, what = []byte{0x1f, 0x8b}, "gzip data"
	case kindPNG:
		magic, what = []byte("\x89PNG"), "a PNG image"
	case kindJPEG:
		magic, what = []byte{0xff, 0xd8}, "a JPEG image"
	case kindPDF:
		magic, what = []byte("%PDF"), "a PDF document"
	case kindZip:
		magic, what = []byte("PK"), "a zip archive"
	default:
		return nil
	}
	if len(b) >= len(magic) && !bytes.HasPrefix(b, magic) || len(b) < len(magic) && !bytes.HasPrefix(magic, b) {
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			return fmt.Errorf("%w: the server sent JSON instead of %s: %s", errBadContent, what, snippet(t))
		}
		return fmt.Errorf("%w: not %s", errBadContent, what)
	}
	return nil
}

func looksHTML(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n\ufeff")
	if len(t) > 64 {
		t = t[:64]
	}
	t = bytes.ToLower(t)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<title"} {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return false
}

// pageTitle pulls a human message out of an error page.
func pageTitle(b []byte) string {
	lower := bytes.ToLower(b)
	if i := bytes.Index(lower, []byte("<title>")); i >= 0 {
		rest := b[i+7:]
		if j := bytes.Index(bytes.ToLower(rest), []byte("</title>")); j >= 0 {
			return snippet(rest[:j])
		}
	}
	return snippet(b)
}

// snippet is a short single-line printable excerpt of a server body, for messages.
func snippet(b []byte) string { return model.Snippet(b, 160) }

// verifyFile checks a complete file before it is renamed into place (and a file found on
// disk before it is trusted): the head must match the kind, and a FITS file must walk
// whole to its end (walkFITS).
func verifyFile(p string, k fileKind) error {
	f, size, err := openSized(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return verifyContent(f, size, k)
}

// verifyContent is verifyFile on the size bytes of r (an open file).
func verifyContent(r io.ReaderAt, size int64, k fileKind) error {
	var head [sniffSize]byte
	n, err := r.ReadAt(head[:], 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if err := checkHead(head[:n], k); err != nil {
		return err
	}
	if k != kindFITS {
		return nil
	}
	return walkFITS(r, size)
}

// openSized opens a file for reading and tells its size.
func openSized(p string) (*os.File, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}
