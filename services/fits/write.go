package fits

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"
)

// Column describes one BINTABLE column.
type Column struct {
	Name   string
	Format byte   // 'D' float64, 'E' float32, 'J' int32, 'I' int16, 'B' uint8, 'A' characters
	Repeat int    // elements per row (0 = 1); the length of an 'A' column
	Unit   string // TUNITn, optional
	Dims   []int  // TDIMn in FITS order (fastest first: nx, ny), optional
	Null   *int64 // TNULLn of an integer column, optional
}

// width is the column's byte width per row.
func (c Column) width() int { return max(c.Repeat, 1) * elemSize(c.Format) }

func elemSize(f byte) int {
	switch f {
	case 'D', 'K':
		return 8
	case 'E', 'J':
		return 4
	case 'I':
		return 2
	case 'B', 'A', 'L':
		return 1
	}
	return 0
}

// Writer writes a FITS file HDU by HDU: Primary first, then extensions.
type Writer struct {
	w       io.Writer
	primary bool
}

// NewWriter writes FITS to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Primary writes a primary HDU without data (NAXIS = 0, EXTEND = T) and extra cards.
func (w *Writer) Primary(extra Header) error {
	if w.primary {
		return fmt.Errorf("fits: primary HDU written twice")
	}
	w.primary = true
	h := Header{
		{"SIMPLE", true, "conforms to FITS standard"},
		{"BITPIX", 8, "array data type"},
		{"NAXIS", 0, "number of array dimensions"},
		{"EXTEND", true, ""},
	}
	return w.header(append(h, extra...))
}

func (w *Writer) header(h Header) error {
	b, err := h.Encode()
	if err != nil {
		return err
	}
	_, err = w.w.Write(b)
	return err
}

// padData writes the zero padding that ends a data unit of n bytes.
func (w *Writer) padData(n int64) error {
	if r := n % BlockSize; r != 0 {
		_, err := w.w.Write(make([]byte, BlockSize-r))
		return err
	}
	return nil
}

// BinTable writes a BINTABLE extension of rows rows: fill is called once per row, in
// order, to put that row's values with the Row's methods, column by column.
func (w *Writer) BinTable(name string, cols []Column, rows int, extra Header, fill func(i int, r *Row) error) error {
	if !w.primary {
		return fmt.Errorf("fits: extension %s before the primary HDU", name)
	}
	rowBytes := 0
	for _, c := range cols {
		if elemSize(c.Format) == 0 {
			return fmt.Errorf("fits: column %s: unsupported format %q", c.Name, c.Format)
		}
		rowBytes += c.width()
	}
	h := Header{
		{"XTENSION", "BINTABLE", "binary table extension"},
		{"BITPIX", 8, "array data type"},
		{"NAXIS", 2, "number of array dimensions"},
		{"NAXIS1", rowBytes, "length of dimension 1"},
		{"NAXIS2", rows, "length of dimension 2"},
		{"PCOUNT", 0, "number of group parameters"},
		{"GCOUNT", 1, "number of groups"},
		{"TFIELDS", len(cols), "number of table fields"},
	}
	for i, c := range cols {
		n := i + 1
		h = append(h, Card{fmt.Sprintf("TTYPE%d", n), c.Name, ""},
			Card{fmt.Sprintf("TFORM%d", n), fmt.Sprintf("%d%c", max(c.Repeat, 1), c.Format), ""})
		if c.Unit != "" {
			h = append(h, Card{fmt.Sprintf("TUNIT%d", n), c.Unit, ""})
		}
		if c.Null != nil {
			h = append(h, Card{fmt.Sprintf("TNULL%d", n), *c.Null, ""})
		}
		if len(c.Dims) > 0 {
			d := make([]string, len(c.Dims))
			for j, v := range c.Dims {
				d[j] = fmt.Sprint(v)
			}
			h = append(h, Card{fmt.Sprintf("TDIM%d", n), "(" + strings.Join(d, ",") + ")", ""})
		}
	}
	h = append(h, Card{"EXTNAME", name, "name of extension"})
	if err := w.header(append(h, extra...)); err != nil {
		return err
	}
	r := &Row{buf: make([]byte, 0, rowBytes)}
	for i := 0; i < rows; i++ {
		r.buf = r.buf[:0]
		if err := fill(i, r); err != nil {
			return err
		}
		if len(r.buf) != rowBytes {
			return fmt.Errorf("fits: %s row %d holds %d bytes, want %d", name, i, len(r.buf), rowBytes)
		}
		if _, err := w.w.Write(r.buf); err != nil {
			return err
		}
	}
	return w.padData(int64(rows) * int64(rowBytes))
}

// Row collects one table row, big-endian as FITS wants.
type Row struct{ buf []byte }

func (r *Row) Float64(v float64) {
	r.buf = binary.BigEndian.AppendUint64(r.buf, math.Float64bits(v))
}

func (r *Row) Float32(v float32) {
	r.buf = binary.BigEndian.AppendUint32(r.buf, math.Float32bits(v))
}

func (r *Row) Int32(v int32) { r.buf = binary.BigEndian.AppendUint32(r.buf, uint32(v)) }

// Float32s puts a vector column.
func (r *Row) Float32s(v []float32) {
	for _, x := range v {
		r.Float32(x)
	}
}

// Int32s puts a vector column.
func (r *Row) Int32s(v []int32) {
	for _, x := range v {
		r.Int32(x)
	}
}

// String puts an 'A' column of width n (blank padded, cut to n).
func (r *Row) String(s string, n int) {
	s = printable(s)
	if len(s) > n {
		s = s[:n]
	}
	r.buf = append(r.buf, s...)
	for i := len(s); i < n; i++ {
		r.buf = append(r.buf, ' ')
	}
}

// Image writes an IMAGE extension. data is []int32 (BITPIX 32), []float32 (-32),
// []int16 (16) or []uint8 (8), with len(data) the product of dims (FITS order: nx first).
func (w *Writer) Image(name string, dims []int, data any, extra Header) error {
	if !w.primary {
		return fmt.Errorf("fits: extension %s before the primary HDU", name)
	}
	var bitpix int
	var n int
	switch d := data.(type) {
	case []int32:
		bitpix, n = 32, len(d)
	case []float32:
		bitpix, n = -32, len(d)
	case []int16:
		bitpix, n = 16, len(d)
	case []uint8:
		bitpix, n = 8, len(d)
	default:
		return fmt.Errorf("fits: image %s: unsupported data type %T", name, data)
	}
	want := 1
	for _, v := range dims {
		want *= v
	}
	if want != n {
		return fmt.Errorf("fits: image %s: %d values for dimensions %v", name, n, dims)
	}
	h := Header{
		{"XTENSION", "IMAGE", "Image extension"},
		{"BITPIX", bitpix, "array data type"},
		{"NAXIS", len(dims), "number of array dimensions"},
	}
	for i, v := range dims {
		h = append(h, Card{fmt.Sprintf("NAXIS%d", i+1), v, ""})
	}
	h = append(h, Card{"PCOUNT", 0, "number of parameters"}, Card{"GCOUNT", 1, "number of groups"},
		Card{"EXTNAME", name, "extension name"})
	if err := w.header(append(h, extra...)); err != nil {
		return err
	}
	var buf []byte
	switch d := data.(type) {
	case []int32:
		for _, v := range d {
			buf = binary.BigEndian.AppendUint32(buf, uint32(v))
		}
	case []float32:
		for _, v := range d {
			buf = binary.BigEndian.AppendUint32(buf, math.Float32bits(v))
		}
	case []int16:
		for _, v := range d {
			buf = binary.BigEndian.AppendUint16(buf, uint16(v))
		}
	case []uint8:
		buf = d
	}
	if _, err := w.w.Write(buf); err != nil {
		return err
	}
	return w.padData(int64(len(buf)))
}
