package archive

import (
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strings"
)

// File is the served content of one product: a structured head (FITS header, image
// magic, JSON prologue), a body computed block by block from a keyed generator, and a
// small tail. Nothing but the head and tail is ever held in memory.
type File struct {
	URI, Name, ContentType string
	Size                   int64
	Product                Product
	head, tail             []byte
	key                    uint64
	text                   bool // body is printable filler instead of random bytes
}

// blockSize is the unit of the keyed body generator: any offset can be produced
// without computing what comes before it.
const blockSize = 4096

// fileSize is a product's advertised size, a function of its URI only. FITS files are
// whole 2880-byte records, at least a header and one data record.
func fileSize(seed uint64, uri string, lo, hi float64) int64 {
	r := newRNG(seed, HashString(uri), 0x512e)
	n := int64(lo)
	if hi > lo {
		n = int64(r.logUniform(lo, hi))
	}
	if isFITSName(uri) {
		n = (n + 2879) / 2880 * 2880
		n = max(n, 2*2880)
	}
	return max(n, 64)
}

func isFITSName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".fits") || strings.HasSuffix(n, ".fit")
}

// FileContent returns the size and a reader of the bytes served for a product URI.
// Tests use it to compare downloads byte for byte.
func (a *Archive) FileContent(uri string) (int64, io.ReaderAt, error) {
	f, err := a.File(uri)
	if err != nil {
		return 0, nil, err
	}
	return f.Size, f, nil
}

// File finds the product a URI names (through the file-name stems of its owners) and
// describes the bytes served for it.
func (a *Archive) File(uri string) (*File, error) {
	p, ok := a.productByURI(uri)
	if !ok {
		p, ok = a.synthProductByURI(uri) // Search API missions' own files (ULLYSES, CLASSY, Roman, ...)
	}
	if !ok {
		return nil, fmt.Errorf("file %q: %w", uri, ErrNotFound)
	}
	return a.NewFile(p), nil
}

func (a *Archive) productByURI(uri string) (Product, bool) {
	p, ok := a.served.get(uri)
	if ok {
		return p, true
	}
	if p, ok = a.findByURI(uri); ok {
		a.served.put(uri, p)
	}
	return p, ok
}

// findByURI looks for uri among the products of the observations whose file stems it
// matches.
func (a *Archive) findByURI(uri string) (Product, bool) {
	name := path.Base(uri)
	tried := map[int32]bool{}
	for _, stem := range append(fileStems(name), tessFFIStems(name)...) {
		for _, i := range a.stems[strings.ToLower(stem)] {
			if tried[i] {
				continue
			}
			tried[i] = true
			for _, p := range a.listOf(i) {
				if p.DataURI == uri {
					return p, true
				}
			}
			if len(tried) > 32 {
				return Product{}, false
			}
		}
	}
	return Product{}, false
}

// listOf is productsOf(i, its own obsid), kept for the next lookups. The list is shared:
// callers only read it.
func (a *Archive) listOf(i int32) []Product {
	if l, ok := a.lists.get(i); ok {
		return l
	}
	l := a.productsOf(i, a.obs[i].Obsid)
	a.lists.put(i, l)
	return l
}

// tessFFIStems maps "tess2018206192942-s0001-1-1-0120-s_ffic.fits" to the stems of its
// observation "tess-s0001-1-1": FFI names start with a per-frame timestamp.
func tessFFIStems(name string) []string {
	if len(name) > 18 && strings.HasPrefix(name, "tess") && name[17] == '-' && strings.Contains(name, "_ffi") {
		return fileStems("tess" + name[17:])
	}
	return nil
}

func (a *Archive) NewFile(p Product) *File {
	f := &File{
		URI:         p.DataURI,
		Name:        p.Filename,
		ContentType: contentType(p.Filename),
		Size:        p.Size,
		Product:     p,
		key:         mix(a.seed ^ HashString(p.DataURI)),
	}
	lower := strings.ToLower(p.Filename)
	switch {
	case isFITSName(lower):
		f.head = fitsHeader(&p)
	case strings.HasSuffix(lower, ".gz"):
		f.head = []byte{0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03}
	case strings.HasSuffix(lower, ".jpg"):
		f.head = previewJPEG(f.key) // a real preview image (preview.go), then filler
		f.tail = []byte{0xff, 0xd9}
	case strings.HasSuffix(lower, ".png"):
		f.head = previewPNG(f.key)
	case strings.HasSuffix(lower, ".gif"):
		f.head = previewGIF(f.key)
	case strings.HasSuffix(lower, ".asdf"):
		f.head = []byte(fmt.Sprintf("#ASDF 1.0.0\n#ASDF_STANDARD 1.5.0\n%%YAML 1.1\n%%TAG ! tag:stsci.edu:asdf/\n--- !core/asdf-1.1.0\n"+
			"roman: {meta: {filename: %q, origin: MASTUI-SIM (simulated, not real data), instrument: {name: WFI, optical_element: %q}}}\n...\n",
			p.Filename, p.Filters))
	case strings.HasSuffix(lower, ".parquet"):
		f.head = []byte("PAR1")
		f.tail = []byte("PAR1")
	case strings.HasSuffix(lower, ".pdf"):
		f.head = []byte("%PDF-1.4\n% simulated MAST product\n")
		f.tail = []byte("\n%%EOF\n")
	case strings.HasSuffix(lower, ".json"):
		f.text = true
		f.head = []byte(fmt.Sprintf("{\"asn_id\": %q, \"program\": %q, \"target\": %q, \"products\": [{\"name\": %q}], \"comment\": \"",
			strings.TrimSuffix(p.Filename, ".json"), p.ProposalID, p.target, p.ObsIDStr))
		f.tail = []byte("\"}\n")
	default: // .txt, .ecsv, .csv and friends
		f.text = true
		f.head = []byte(fmt.Sprintf("# %s\n# simulated MAST product of %s (%s)\n", p.Filename, p.ObsIDStr, p.Collection))
		f.tail = []byte("\n")
	}
	if int64(len(f.head)+len(f.tail)) > f.Size {
		f.head, f.tail = f.head[:0], f.tail[:0]
	}
	return f
}

func contentType(name string) string {
	n := strings.ToLower(name)
	switch {
	case isFITSName(n):
		return "application/fits"
	case strings.HasSuffix(n, ".gz"):
		return "application/gzip"
	case strings.HasSuffix(n, ".jpg"):
		return "image/jpeg"
	case strings.HasSuffix(n, ".png"):
		return "image/png"
	case strings.HasSuffix(n, ".gif"):
		return "image/gif"
	case strings.HasSuffix(n, ".asdf"), strings.HasSuffix(n, ".parquet"):
		return "application/octet-stream"
	case strings.HasSuffix(n, ".pdf"):
		return "application/pdf"
	case strings.HasSuffix(n, ".json"):
		return "application/json"
	case strings.HasSuffix(n, ".csv"):
		return "text/csv"
	default:
		return "text/plain; charset=utf-8"
	}
}

// ReadAt implements io.ReaderAt over the whole file.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("read %s: negative offset", f.Name)
	}
	if off >= f.Size {
		return 0, io.EOF
	}
	n := 0
	var block [blockSize]byte
	tailStart := f.Size - int64(len(f.tail))
	for n < len(p) && off < f.Size {
		switch {
		case off < int64(len(f.head)):
			c := copy(p[n:], f.head[off:])
			n, off = n+c, off+int64(c)
		case off >= tailStart:
			c := copy(p[n:], f.tail[off-tailStart:])
			n, off = n+c, off+int64(c)
		default:
			b := off / blockSize
			f.fillBlock(b, &block)
			start := off - b*blockSize
			end := min(int64(blockSize), tailStart-b*blockSize)
			c := copy(p[n:], block[start:end])
			n, off = n+c, off+int64(c)
		}
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// fillBlock computes body block b (absolute offsets b*4096 ...).
func (f *File) fillBlock(b int64, out *[blockSize]byte) {
	r := rng{s: mix(f.key ^ uint64(b)*0x9e3779b97f4a7c15)}
	for i := 0; i < blockSize; i += 8 {
		binary.LittleEndian.PutUint64(out[i:], r.u64())
	}
	if !f.text {
		return
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 "
	for i := range out {
		if (b*blockSize+int64(i))%72 == 71 {
			out[i] = '\n'
			continue
		}
		out[i] = alphabet[int(out[i])%len(alphabet)]
	}
}

// Key identifies the file's content (its ETag).
func (f *File) Key() uint64 { return f.key }
