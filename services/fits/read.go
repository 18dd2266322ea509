package fits

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// maxHeaderBlocks bounds a header (a corrupt file must not make us read forever).
const maxHeaderBlocks = 1000

// HDU is one header-data unit as found in a file.
type HDU struct {
	Header         Header
	Offset, Length int64 // where its data starts and how many bytes it holds (before padding)
}

// Name is the HDU's EXTNAME, or PRIMARY for the first one without it.
func (h *HDU) Name() string {
	if n := h.Header.String("EXTNAME"); n != "" {
		return n
	}
	if _, ok := h.Header.Get("SIMPLE"); ok {
		return "PRIMARY"
	}
	return ""
}

// Dims are the NAXISn values (FITS order: fastest first).
func (h *HDU) Dims() []int {
	n, _ := h.Header.Int("NAXIS")
	out := make([]int, 0, n)
	for i := 1; i <= int(n); i++ {
		v, _ := h.Header.Int(fmt.Sprintf("NAXIS%d", i))
		out = append(out, int(v))
	}
	return out
}

// File is a parsed FITS file: its HDUs and where to read their data.
type File struct {
	HDUs   []HDU
	r      io.ReaderAt
	closer io.Closer
}

// ErrNotFITS is wrapped by Parse's error for data that is not FITS at all.
var ErrNotFITS = errors.New("not a FITS file")

// Parse reads every header of a FITS file of size bytes and checks that the data units
// they announce are all there. It reads headers only; data is read on demand.
func Parse(r io.ReaderAt, size int64) (*File, error) {
	f := &File{r: r}
	var off int64
	for off < size {
		if len(f.HDUs) > 0 && allZero(r, off, size) {
			break // trailing padding
		}
		h, dataOff, err := readHeader(r, off, size, len(f.HDUs) == 0)
		if err != nil {
			return nil, err
		}
		hdu := HDU{Header: h, Offset: dataOff}
		if hdu.Length, err = dataLength(h); err != nil {
			return nil, fmt.Errorf("fits: HDU %d: %w", len(f.HDUs), err)
		}
		if dataOff+hdu.Length > size {
			return nil, fmt.Errorf("fits: HDU %d (%s) is cut short: its data needs %d bytes, the file has %d",
				len(f.HDUs), hdu.Name(), hdu.Length, size-dataOff)
		}
		f.HDUs = append(f.HDUs, hdu)
		off = dataOff + roundUp(hdu.Length)
	}
	if len(f.HDUs) == 0 {
		return nil, fmt.Errorf("fits: empty file: %w", ErrNotFITS)
	}
	return f, nil
}

func roundUp(n int64) int64 { return (n + BlockSize - 1) / BlockSize * BlockSize }

func allZero(r io.ReaderAt, off, size int64) bool {
	buf := make([]byte, 4096)
	for off < size {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		for _, b := range buf[:n] {
			if b != 0 {
				return false
			}
		}
		if err != nil && n == 0 {
			return false
		}
		off += int64(n)
	}
	return true
}

// readHeader reads the cards from off up to END; it returns them and where data starts.
func readHeader(r io.ReaderAt, off, size int64, first bool) (Header, int64, error) {
	var h Header
	block := make([]byte, BlockSize)
	for b := 0; b < maxHeaderBlocks; b++ {
		at := off + int64(b)*BlockSize
		if at+BlockSize > size {
			if first && b == 0 {
				return nil, 0, fmt.Errorf("fits: %d bytes, shorter than one header block: %w", size, ErrNotFITS)
			}
			return nil, 0, fmt.Errorf("fits: header at byte %d is cut short", off)
		}
		if _, err := r.ReadAt(block, at); err != nil {
			return nil, 0, fmt.Errorf("fits: read header at byte %d: %w", at, err)
		}
		for i := 0; i < BlockSize; i += cardLen {
			raw := block[i : i+cardLen]
			if b == 0 && i == 0 {
				switch {
				case first && !bytes.HasPrefix(raw, []byte("SIMPLE  =")):
					return nil, 0, fmt.Errorf("fits: first card is not SIMPLE: %w", ErrNotFITS)
				case !first && !bytes.HasPrefix(raw, []byte("XTENSION=")):
					return nil, 0, fmt.Errorf("fits: bytes after HDU at %d are not an extension", off)
				}
			}
			if bytes.IndexFunc(raw, func(r rune) bool { return r < 32 || r > 126 }) >= 0 {
				return nil, 0, fmt.Errorf("fits: header at byte %d holds non-ASCII bytes", at+int64(i))
			}
			if strings.TrimRight(string(raw), " ") == "END" {
				return h, at + BlockSize, nil
			}
			c, err := parseCard(raw)
			if err != nil {
				return nil, 0, err
			}
			if c.Key != "" || c.Comment != "" {
				h = append(h, c)
			}
		}
	}
	return nil, 0, fmt.Errorf("fits: header at byte %d has no END", off)
}

// dataLength is |BITPIX|/8 × GCOUNT × (PCOUNT + ΠNAXISn), 0 when NAXIS is 0.
func dataLength(h Header) (int64, error) {
	bitpix, ok := h.Int("BITPIX")
	switch {
	case !ok:
		return 0, errors.New("no BITPIX")
	case bitpix != 8 && bitpix != 16 && bitpix != 32 && bitpix != 64 && bitpix != -32 && bitpix != -64:
		return 0, fmt.Errorf("invalid BITPIX %d", bitpix)
	}
	naxis, ok := h.Int("NAXIS")
	if !ok || naxis < 0 || naxis > 999 {
		return 0, errors.New("invalid NAXIS")
	}
	if naxis == 0 {
		return 0, nil
	}
	n := int64(1)
	for i := 1; i <= int(naxis); i++ {
		v, ok := h.Int(fmt.Sprintf("NAXIS%d", i))
		if !ok || v < 0 || v > 1<<40 {
			return 0, fmt.Errorf("invalid NAXIS%d", i)
		}
		n *= v
		if n > 1<<42 {
			return 0, errors.New("data size out of range")
		}
	}
	pcount, _ := h.Int("PCOUNT")
	gcount, ok := h.Int("GCOUNT")
	if !ok {
		gcount = 1
	}
	if pcount < 0 || gcount < 0 {
		return 0, errors.New("negative PCOUNT or GCOUNT")
	}
	abs := bitpix
	if abs < 0 {
		abs = -abs
	}
	return abs / 8 * gcount * (pcount + n), nil
}

// HDU returns the HDU called name (EXTNAME, or PRIMARY), case-insensitively.
func (f *File) HDU(name string) (*HDU, bool) {
	for i := range f.HDUs {
		if strings.EqualFold(f.HDUs[i].Name(), name) {
			return &f.HDUs[i], true
		}
	}
	return nil, false
}

// Table is a BINTABLE's columns and rows, read whole.
type Table struct {
	Columns  []Column
	Rows     int
	rowBytes int
	offsets  []int
	data     []byte
}

// Table reads the BINTABLE h.
func (f *File) Table(h *HDU) (*Table, error) {
	if x := h.Header.String("XTENSION"); x != "BINTABLE" {
		return nil, fmt.Errorf("fits: %s is %q, not a BINTABLE", h.Name(), x)
	}
	dims := h.Dims()
	if len(dims) != 2 {
		return nil, fmt.Errorf("fits: %s: a table has 2 axes, not %d", h.Name(), len(dims))
	}
	t := &Table{rowBytes: dims[0], Rows: dims[1]}
	nf, _ := h.Header.Int("TFIELDS")
	width := 0
	for i := 1; i <= int(nf); i++ {
		c := Column{Name: h.Header.String(fmt.Sprintf("TTYPE%d", i)), Unit: h.Header.String(fmt.Sprintf("TUNIT%d", i))}
		form := strings.TrimSpace(h.Header.String(fmt.Sprintf("TFORM%d", i)))
		j := strings.IndexFunc(form, func(r rune) bool { return r < '0' || r > '9' })
		if j < 0 {
			return nil, fmt.Errorf("fits: %s column %d: bad TFORM %q", h.Name(), i, form)
		}
		c.Repeat = 1
		if j > 0 {
			c.Repeat, _ = strconv.Atoi(form[:j])
		}
		c.Format = form[j]
		if elemSize(c.Format) == 0 {
			return nil, fmt.Errorf("fits: %s column %s: unsupported TFORM %q", h.Name(), c.Name, form)
		}
		if d := h.Header.String(fmt.Sprintf("TDIM%d", i)); d != "" {
			for _, p := range strings.Split(strings.Trim(d, "() "), ",") {
				v, err := strconv.Atoi(strings.TrimSpace(p))
				if err != nil {
					return nil, fmt.Errorf("fits: %s column %s: bad TDIM %q", h.Name(), c.Name, d)
				}
				c.Dims = append(c.Dims, v)
			}
		}
		t.offsets = append(t.offsets, width)
		width += c.width()
		t.Columns = append(t.Columns, c)
	}
	if width != t.rowBytes {
		return nil, fmt.Errorf("fits: %s: columns hold %d bytes per row, NAXIS1 says %d", h.Name(), width, t.rowBytes)
	}
	t.data = make([]byte, int64(t.rowBytes)*int64(t.Rows))
	if _, err := f.r.ReadAt(t.data, h.Offset); err != nil {
		return nil, fmt.Errorf("fits: read %s: %w", h.Name(), err)
	}
	return t, nil
}

// Column returns the index of the column called name, case-insensitively.
func (t *Table) Column(name string) (int, error) {
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("fits: no column %s", name)
}

// Values returns the numeric column name as float64s, Repeat values per row, row after
// row (integers converted; NaN stays NaN).
func (t *Table) Values(name string) ([]float64, error) {
	ci, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	c := t.Columns[ci]
	size, rep := elemSize(c.Format), max(c.Repeat, 1)
	if c.Format == 'A' || c.Format == 'L' {
		return nil, fmt.Errorf("fits: column %s is not numeric", name)
	}
	out := make([]float64, 0, t.Rows*rep)
	for r := 0; r < t.Rows; r++ {
		p := t.data[r*t.rowBytes+t.offsets[ci]:]
		for k := 0; k < rep; k++ {
			b := p[k*size:]
			var v float64
			switch c.Format {
			case 'D':
				v = math.Float64frombits(binary.BigEndian.Uint64(b))
			case 'E':
				v = float64(math.Float32frombits(binary.BigEndian.Uint32(b)))
			case 'K':
				v = float64(int64(binary.BigEndian.Uint64(b)))
			case 'J':
				v = float64(int32(binary.BigEndian.Uint32(b)))
			case 'I':
				v = float64(int16(binary.BigEndian.Uint16(b)))
			case 'B':
				v = float64(b[0])
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// Open parses the FITS file at path (headers only); Close releases it.
func Open(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	f, err := Parse(fh, st.Size())
	if err != nil {
		fh.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.closer = fh
	return f, nil
}

// Close releases a File from Open (a no-op for one from Parse).
func (f *File) Close() error {
	if f.closer == nil {
		return nil
	}
	return f.closer.Close()
}
