package fits

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// sample writes a small file: primary with cards, a 3-row table with a 2x2 vector column,
// an image.
func sample(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b)
	if err := w.Primary(Header{{"OBJECT", "O'Neil star", "name"}, {"RA_OBJ", 324.24368, "[deg]"}, {"SECTOR", 1, ""},
		{"FLAG", false, ""}, {"TINY", 1e-20, ""}, {"HISTORY", nil, "made by a test"}}); err != nil {
		t.Fatal(err)
	}
	cols := []Column{{Name: "TIME", Format: 'D', Unit: "BJD - 2457000, days"}, {Name: "FLUX", Format: 'E', Repeat: 4, Dims: []int{2, 2}},
		{Name: "QUALITY", Format: 'J'}, {Name: "FFI_FILE", Format: 'A', Repeat: 10}}
	err := w.BinTable("PIXELS", cols, 3, Header{{"NCADENCE", 3, ""}}, func(i int, r *Row) error {
		r.Float64(1325.5 + float64(i))
		r.Float32s([]float32{1, 2, float32(math.NaN()), float32(i)})
		r.Int32(int32(-i))
		r.String("ffi-"+string(rune('a'+i)), 10)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Image("APERTURE", []int{2, 3}, []int32{1, 2, 3, 4, 5, 6}, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteParseRoundTrip(t *testing.T) {
	raw := sample(t)
	if len(raw)%BlockSize != 0 {
		t.Fatalf("size %d is not whole blocks", len(raw))
	}
	f, err := Parse(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range f.HDUs {
		names = append(names, f.HDUs[i].Name())
	}
	if strings.Join(names, ",") != "PRIMARY,PIXELS,APERTURE" {
		t.Fatalf("HDUs %v", names)
	}
	p := f.HDUs[0].Header
	if p.String("OBJECT") != "O'Neil star" {
		t.Errorf("OBJECT %q", p.String("OBJECT"))
	}
	if v, _ := p.Float("RA_OBJ"); v != 324.24368 {
		t.Errorf("RA_OBJ %v", v)
	}
	if v, _ := p.Float("TINY"); v != 1e-20 {
		t.Errorf("TINY %v", v)
	}
	if v, ok := p.Int("SECTOR"); !ok || v != 1 {
		t.Errorf("SECTOR %v %v", v, ok)
	}
	if c, _ := p.Get("FLAG"); c.Value != false {
		t.Errorf("FLAG %v", c.Value)
	}
	pix, _ := f.HDU("pixels")
	tab, err := f.Table(pix)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows != 3 || len(tab.Columns) != 4 || tab.Columns[1].Repeat != 4 || len(tab.Columns[1].Dims) != 2 {
		t.Fatalf("table %+v", tab.Columns)
	}
	tm, _ := tab.Values("TIME")
	if len(tm) != 3 || tm[2] != 1327.5 {
		t.Errorf("TIME %v", tm)
	}
	fl, _ := tab.Values("FLUX")
	if len(fl) != 12 || fl[4] != 1 || !math.IsNaN(fl[6]) || fl[11] != 2 {
		t.Errorf("FLUX %v", fl)
	}
	q, _ := tab.Values("QUALITY")
	if q[2] != -2 {
		t.Errorf("QUALITY %v", q)
	}
	if _, err := tab.Values("FFI_FILE"); err == nil {
		t.Error("a character column read as numbers")
	}
	ap, _ := f.HDU("APERTURE")
	if d := ap.Dims(); len(d) != 2 || d[0] != 2 || d[1] != 3 || ap.Length != 24 {
		t.Errorf("APERTURE dims %v length %d", d, ap.Length)
	}
}

func TestParseRejects(t *testing.T) {
	raw := sample(t)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not fits", []byte(`{"msg": "no data"}`), "not a FITS file"},
		{"html", bytes.Repeat([]byte("<html>"), 1000), "not a FITS file"},
		{"cut in the table", raw[:2*BlockSize+100], "cut short"},
		{"cut in a header", raw[:BlockSize+80], "cut short"},
		{"garbage after", append(append([]byte{}, raw...), bytes.Repeat([]byte("x"), BlockSize)...), "not an extension"},
	} {
		_, err := Parse(bytes.NewReader(c.data), int64(len(c.data)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if c.name == "not fits" && !errors.Is(err, ErrNotFITS) {
			t.Errorf("%s: not ErrNotFITS", c.name)
		}
	}
	// Zero padding after the last HDU is fine.
	padded := append(append([]byte{}, raw...), make([]byte, BlockSize)...)
	if _, err := Parse(bytes.NewReader(padded), int64(len(padded))); err != nil {
		t.Errorf("zero padding: %v", err)
	}
}

func TestCardFormat(t *testing.T) {
	for _, c := range []struct {
		card Card
		want string
	}{
		{Card{"NAXIS", 2, "axes"}, "NAXIS   =                    2 / axes"},
		{Card{"EXTEND", true, ""}, "EXTEND  =                    T"},
		{Card{"EXTNAME", "PIXELS", ""}, "EXTNAME = 'PIXELS  '"},
		{Card{"EXPOSURE", 2.0, ""}, "EXPOSURE=                  2.0"},
		{Card{"TSTART", -1325.25, ""}, "TSTART  =             -1325.25"},
	} {
		got, err := c.card.format()
		if err != nil || strings.TrimRight(got, " ") != c.want || len(got) != 80 {
			t.Errorf("%v: %q %v, want %q", c.card, got, err, c.want)
		}
	}
	if _, err := (Card{"BAD KEY", 1, ""}).format(); err == nil {
		t.Error("a keyword with a space was accepted")
	}
	if _, err := (Card{"X", math.NaN(), ""}).format(); err == nil {
		t.Error("NaN was accepted as a header value")
	}
}
