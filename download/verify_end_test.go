package download

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hdu is one FITS header (cards) followed by data bytes padded to 2880.
func hdu(cards []string, data int) []byte {
	var b bytes.Buffer
	for _, c := range append(cards, "END") {
		b.WriteString(c + strings.Repeat(" ", 80-len(c)))
	}
	for b.Len()%2880 != 0 {
		b.WriteByte(' ')
	}
	b.Write(make([]byte, (data+2879)/2880*2880))
	return b.Bytes()
}

func card(k string, v any) string { return fmt.Sprintf("%-8s= %20v", k, v) }

// multiHDU is a primary image (100 × 60 × 16 bit) and a binary table with a heap: the
// data sizes come from BITPIX, NAXISn, PCOUNT and GCOUNT.
func multiHDU() []byte {
	primary := hdu([]string{card("SIMPLE", "T"), card("BITPIX", 16), card("NAXIS", 2), card("NAXIS1", 100), card("NAXIS2", 60), card("EXTEND", "T")}, 100*60*2)
	table := hdu([]string{card("XTENSION", "'BINTABLE'"), card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 24), card("NAXIS2", 500),
		card("PCOUNT", 7000), card("GCOUNT", 1), card("TFIELDS", 1)}, 24*500+7000)
	empty := hdu([]string{card("XTENSION", "'IMAGE   '"), card("BITPIX", -32), card("NAXIS", 0), card("PCOUNT", 0), card("GCOUNT", 1)}, 0)
	return append(append(primary, table...), empty...)
}

func TestWalkFITS(t *testing.T) {
	whole := multiHDU()
	// Sizes: primary 2880 + 12000→14400; table 2880 + 19000→20160; empty 2880.
	cases := []struct {
		name string
		b    []byte
		want error
	}{
		{"three HDUs", whole, nil},
		{"cut at the end of an HDU", whole[:2880+14400], nil}, // undetectable by structure, and legal
		{"cut inside the primary data", whole[:2880+5760], errTruncated},
		{"cut inside the table's heap", whole[:2880+14400+2880+17280], errTruncated},
		{"cut inside an extension header", whole[:2880+14400+1000], errTruncated},
		{"cut inside the first header", whole[:1000], errTruncated},
		{"special records after the last HDU", append(append([]byte{}, whole...), make([]byte, 2880)...), nil},
		{"BITPIX 12", hdu([]string{card("SIMPLE", "T"), card("BITPIX", 12), card("NAXIS", 0)}, 0), errInvalidFITS},
		{"NAXIS2 missing", hdu([]string{card("SIMPLE", "T"), card("BITPIX", 8), card("NAXIS", 2), card("NAXIS1", 10)}, 0), errInvalidFITS},
		{"NAXIS1 not a number", hdu([]string{card("SIMPLE", "T"), card("BITPIX", 8), card("NAXIS", 1), card("NAXIS1", "'ten'")}, 10), errInvalidFITS},
		{"random groups", hdu([]string{card("SIMPLE", "T"), card("BITPIX", -32), card("NAXIS", 3), card("NAXIS1", 0), card("NAXIS2", 3),
			card("NAXIS3", 4), card("GROUPS", "T"), card("PCOUNT", 2), card("GCOUNT", 10)}, 4*10*(2+12)), nil},
	}
	for _, c := range cases {
		err := walkFITS(bytes.NewReader(c.b), int64(len(c.b)))
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if err := walkFITS(bytes.NewReader(whole[:2880+5760]), 2880+5760); !strings.Contains(fmt.Sprint(err), "HDU 1") {
		t.Errorf("the message should name the HDU: %v", err)
	}
}

func TestVerifyEnd(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("simulated spectrum 1 2 3\n"), 4000))
	zw.Close()
	badCRC := bytes.Clone(gz.Bytes())
	badCRC[len(badCRC)-6] ^= 0xff
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR0123456789abcdefg"), []byte("\x00\x00\x00\x00IEND\xaeB`\x82")...)
	jpeg := []byte{0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9}
	zipEmpty := []byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	zipComment := append(bytes.Clone(zipEmpty[:20]), 3, 0, 'a', 'b', 'c')
	cases := []struct {
		name, file string
		b          []byte
		want       error
	}{
		{"FITS", "a.fits", multiHDU(), nil},
		{"FITS cut", "a.fits", multiHDU()[:9000], errTruncated},
		{"gzip", "a.fits.gz", gz.Bytes(), nil},
		{"gzip cut", "a.fits.gz", gz.Bytes()[:gz.Len()/2], errTruncated},
		{"gzip without its trailer", "a.fits.gz", gz.Bytes()[:gz.Len()-8], errTruncated},
		{"gzip with a bad CRC", "a.fits.gz", badCRC, errUnproven},
		{"PNG", "a.png", png, nil},
		{"PNG cut", "a.png", png[:len(png)-5], errUnproven},
		{"JPEG", "a.jpg", jpeg, nil},
		{"JPEG cut", "a.jpg", jpeg[:len(jpeg)-1], errUnproven},
		{"PDF", "a.pdf", []byte("%PDF-1.4\n...\n%%EOF\n"), nil},
		{"PDF cut", "a.pdf", []byte("%PDF-1.4\n...\n"), errUnproven},
		{"empty zip", "a.zip", zipEmpty, nil},
		{"zip with a comment", "a.zip", zipComment, nil},
		{"zip cut", "a.zip", zipComment[:len(zipComment)-1], errUnproven},
		{"text", "a.txt", []byte("1 2 3\n"), errUnproven},
		{"no kind", "a.dat", []byte{1, 2, 3}, errUnproven},
	}
	dir := t.TempDir()
	for _, c := range cases {
		p := filepath.Join(dir, c.file)
		if err := os.WriteFile(p, c.b, 0o644); err != nil {
			t.Fatal(err)
		}
		err := verifyEnd(p, kindOf(c.file))
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}
