package model

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// csvReference is what WriteCSV promises: encoding/csv over sanitized cells, masked and
// NaN cells empty.
func csvReference(t *Table) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = SanitizeText(c.Name)
	}
	w.Write(rec)
	for r := 0; r < t.Rows(); r++ {
		for i, c := range t.Columns {
			rec[i] = ""
			if !c.IsNull(r) {
				rec[i] = SanitizeText(c.String(r))
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// randomText mixes what CSV and the sanitizer care about: quotes, commas, blanks and
// Unicode spaces at the start, `\.`, escapes, C1 and bidi controls, invalid UTF-8.
func randomText(r *rand.Rand) string {
	parts := []string{"a", "HST", " ", "\t", ",", `"`, "\r", "\n", "\r\n", `\.`, "\\", "\x1b]52;c;eA==\x07", "\x1b[31m",
		"\u00a0", "\u2003", "\u3000", "\u0085", "\u202e", "\u200f", "é", "\xff", "\x00", "\x7f", "\u2028", "1.5", ""}
	var b strings.Builder
	for n := r.IntN(5); n >= 0; n-- {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

// TestWriteCSVMatchesEncodingCSV: WriteCSV writes the bytes encoding/csv would, for text
// of every kind and for every column kind, masked or not, across buffer flushes.
func TestWriteCSVMatchesEncodingCSV(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for it := 0; it < 200; it++ {
		rows := 1 + r.IntN(50)
		if it%50 == 0 {
			rows = 20000 // more than one write
		}
		s := &Column{Name: randomText(r), Kind: KindString}
		f := &Column{Name: "f", Kind: KindFloat}
		n := &Column{Name: "n,\"", Kind: KindInt}
		bl := &Column{Name: `\.`, Kind: KindBool}
		floats := []float64{0, -0.0, 1.5, 1e21, 1e-7, 123456789.123, math.NaN(), math.Inf(1), math.Inf(-1), 5e-324}
		for k := 0; k < rows; k++ {
			s.Str = append(s.Str, randomText(r))
			f.Float = append(f.Float, floats[r.IntN(len(floats))])
			n.Int = append(n.Int, r.Int64()-r.Int64())
			bl.Bool = append(bl.Bool, r.IntN(2) == 0)
		}
		for _, c := range []*Column{s, f, n, bl} {
			for k := 0; k < rows; k++ {
				if r.IntN(5) == 0 {
					c.SetMasked(k)
				}
			}
		}
		tb := NewTable(s, f, n, bl)
		var b bytes.Buffer
		if err := WriteCSV(&b, tb); err != nil {
			t.Fatal(err)
		}
		if want := csvReference(tb); !bytes.Equal(b.Bytes(), want) {
			i := 0
			for i < len(want) && i < b.Len() && want[i] == b.Bytes()[i] {
				i++
			}
			t.Fatalf("iteration %d: differs at byte %d: got %q, want %q", it, i,
				b.Bytes()[i:min(i+40, b.Len())], want[i:min(i+40, len(want))])
		}
	}
}

// BenchmarkWriteCSV writes 50,000 product-list-like rows (18 text and 2 int columns).
func BenchmarkWriteCSV(b *testing.B) {
	const rows = 50000
	var cols []*Column
	for k := 0; k < 18; k++ {
		c := &Column{Name: "text" + strconv.Itoa(k), Kind: KindString}
		for r := 0; r < rows; r++ {
			c.Str = append(c.Str, "mast:JWST/product/jw02113-o001_t002_nircam_clear-f150w_i2d.fits"[:10+(r*7+k)%50])
		}
		cols = append(cols, c)
	}
	for k := 0; k < 2; k++ {
		c := &Column{Name: "int" + strconv.Itoa(k), Kind: KindInt}
		for r := 0; r < rows; r++ {
			c.Int = append(c.Int, int64(r)*9106560)
		}
		cols = append(cols, c)
	}
	tb := NewTable(cols...)
	var out bytes.Buffer
	WriteCSV(&out, tb)
	b.SetBytes(int64(out.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCSV(discard{}, tb); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestPlainCSV: the 8-bytes-at-a-time check finds every byte that matters, wherever it
// sits.
func TestPlainCSV(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c >= 0x20 && c < 0x7f && c != '"' && c != ','
		for n := 1; n <= 17; n++ {
			for at := 0; at < n; at++ {
				b := []byte(strings.Repeat("a", n))
				b[at] = byte(c)
				if got := plainCSV(string(b)); got != want {
					t.Fatalf("plainCSV(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
