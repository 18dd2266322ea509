package mast_test

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mastui/services/fits"
	"mastui/services/mast"
	"mastui/services/sim"
)

// countingWriter counts the body bytes a handler writes.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n.Add(int64(n))
	return n, err
}

// byteCountingSim is the simulator behind a handler that counts the file bytes it serves.
func byteCountingSim(t *testing.T, opts sim.Options) (*sim.Server, *mast.Client, *atomic.Int64) {
	t.Helper()
	s, err := sim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	served := new(atomic.Int64)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/v0.1/Download/") {
			w = countingWriter{w, served}
		}
		s.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return s, mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond}), served
}

// previewRow is an M101 observation with a FITS dataURL and a jpegURL.
func previewRow(t *testing.T, c *mast.Client) (dataURL, jpegURL string) {
	t.Helper()
	tb, _, err := c.Search(context.Background(), mast.Query{Object: "M101"})
	if err != nil {
		t.Fatal(err)
	}
	d, j := tb.Col("dataURL"), tb.Col("jpegURL")
	for r := 0; r < tb.Rows(); r++ {
		if strings.HasSuffix(d.String(r), ".fits") && strings.HasSuffix(j.String(r), ".jpg") {
			return d.String(r), j.String(r)
		}
	}
	t.Fatal("no M101 observation with a FITS dataURL and a jpeg preview")
	return "", ""
}

// TestRemoteFITSHeaderReadsOnlyTheHeaderBlocks: the primary header of a product read
// with Range requests is the file's, and the server sent only the first blocks (at most
// twice the header's), far fewer than the file's bytes; a server ignoring Range still
// gives the right header.
func TestRemoteFITSHeaderReadsOnlyTheHeaderBlocks(t *testing.T) {
	s, c, served := byteCountingSim(t, sim.Options{Archive: demoArchive(t)})
	dataURL, _ := previewRow(t, c)
	size, body, err := s.Archive().FileContent(dataURL)
	if err != nil {
		t.Fatal(err)
	}
	file, err := fits.Parse(body, size)
	if err != nil {
		t.Fatal(err)
	}
	want := file.HDUs[0].Header
	headerBytes := file.HDUs[0].Offset // the data starts after the header blocks
	served.Store(0)
	read := func(ctx context.Context, off, n int64) ([]byte, error) { return c.ReadRange(ctx, dataURL, off, n) }
	got, fetched, err := fits.ReadRemoteHeader(context.Background(), read)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("header\n%v\nwant\n%v", got, want)
	}
	if served.Load() != fetched || fetched%fits.BlockSize != 0 || fetched < headerBytes || fetched > 2*headerBytes || fetched >= size {
		t.Errorf("served %d bytes, fetched %d, for a header of %d bytes in a file of %d", served.Load(), fetched, headerBytes, size)
	}

	_, c2, _ := byteCountingSim(t, sim.Options{Archive: demoArchive(t), Faults: sim.Faults{IgnoreRange: true}})
	got, _, err = fits.ReadRemoteHeader(context.Background(), func(ctx context.Context, off, n int64) ([]byte, error) {
		return c2.ReadRange(ctx, dataURL, off, n)
	})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ignoring Range: %v\n%v", err, got)
	}
}

// TestSimPreviewIsARealImage: the simulator's jpegURL files decode as images.
func TestSimPreviewIsARealImage(t *testing.T) {
	_, c, _ := byteCountingSim(t, sim.Options{Archive: demoArchive(t)})
	_, jpegURL := previewRow(t, c)
	b, err := c.ReadSmallFile(context.Background(), jpegURL, 4<<20)
	if err != nil {
		t.Fatal(err)
	}
	img, format, err := image.Decode(bytes.NewReader(b))
	if err != nil || format != "jpeg" || img.Bounds().Dx() < 16 {
		t.Fatalf("%s (%d bytes): %v %s", jpegURL, len(b), err, format)
	}
}
