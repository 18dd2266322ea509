package wire

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"mastui/services/testmode"
)

// cutBlocks splits body the way the client reads it: blocks of at most size bytes, each
// ending where RowCut says; a block without a row boundary is cut anywhere (the decoder
// must then join the segments).
func cutBlocks(body []byte, size int) [][]byte {
	var segs [][]byte
	for len(body) > size {
		k := RowCut(body[:size])
		if k <= 0 {
			k = size
		}
		segs = append(segs, body[:k:k])
		body = body[k:]
	}
	return append(segs, body)
}

// cutAnywhere splits body at n random places.
func cutAnywhere(r *rand.Rand, body []byte, n int) [][]byte {
	var segs [][]byte
	for ; n > 0 && len(body) > 1; n-- {
		k := 1 + r.IntN(len(body)-1)
		segs = append(segs, body[:k:k])
		body = body[k:]
	}
	return append(segs, body)
}

// within reports whether s aliases one of segs.
func within(s string, segs [][]byte) bool {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	for _, seg := range segs {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(seg)))
		if p >= lo && p < lo+uintptr(len(seg)) {
			return true
		}
	}
	return false
}

func TestRowCut(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{`[{"a": 1}, {"a": 2}, {"a`, 21},
		{`[{"a": 1} ,{"a": 2}`, 11},
		{"[{\"a\": {}}\n,\n\t{\"b\": 1", 14},
		{`[{"a": 1}, "x", {`, -1}, // no "}," before the last '{'
		{`{"a": 1}`, -1},
		{`}, {`, 3},
		{``, -1},
		{`{`, -1},
	} {
		if got := RowCut([]byte(c.in)); got != c.want {
			t.Errorf("RowCut(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

// TestDecodeSegmentsAliasesBlocks: a page read in blocks decodes from the blocks
// themselves (its strings alias them, no joined copy), equal to the whole page decoded.
func TestDecodeSegmentsAliasesBlocks(t *testing.T) {
	body := caomPage(3000)
	want, err := Decode(body, caomOpts())
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{64 << 10, 100 << 10, 1 << 20} {
		segs := cutBlocks(bytes.Clone(body), size)
		if len(segs) < 2 {
			t.Fatalf("%d-byte blocks: %d segments", size, len(segs))
		}
		for _, tn := range []tuning{{chunks: 1, minChunk: 1 << 20}, {chunks: 3, minChunk: 5000, huge: true}} {
			got, err := decodeSegments(segs, caomOpts(), tn)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameResponse(got, want); err != nil {
				t.Fatalf("%d-byte blocks %+v: %v", size, tn, err)
			}
			for _, name := range []string{"obs_id", "target_name"} {
				c := got.Table.Col(name)
				for _, r := range []int{0, 1500, c.Len() - 1} {
					if !within(c.Str[r], segs) {
						t.Fatalf("%d-byte blocks: %s row %d does not alias the blocks", size, name, r)
					}
				}
			}
		}
	}
}

// TestDecodeSegmentsAnyCut: wherever the body is cut (inside strings, numbers, keys,
// nested rows, before or after data), segments decode exactly like the whole body:
// same table or same error.
// 200 pages under the race detector, 2,000 more (other seeds) in the sweep.
func TestDecodeSegmentsAnyCut(t *testing.T) { decodeSegmentsAnyCut(t, 5, 200) }

func TestDecodeSegmentsAnyCutSweep(t *testing.T) {
	testmode.Sweep(t)
	decodeSegmentsAnyCut(t, 9, 2000)
}

func decodeSegmentsAnyCut(t *testing.T, seed uint64, pages int) {
	g := &gen{r: rand.New(rand.NewPCG(seed, 6))}
	r := rand.New(rand.NewPCG(seed+2, 8))
	for it := 0; it < pages; it++ {
		body, opts := g.page(g.r.IntN(40))
		if it%3 == 0 && len(body) > 10 { // malformed too
			body = bytes.Clone(body)
			body[r.IntN(len(body))] = "x}]\",:{[ 1"[r.IntN(10)]
		}
		want, werr := decode(body, opts, tuning{chunks: 1, minChunk: 1 << 20})
		for _, segs := range [][][]byte{cutAnywhere(r, body, 1+r.IntN(5)), cutBlocks(body, 8+r.IntN(200))} {
			tn := tuning{chunks: 1 + r.IntN(3), minChunk: 1 + r.IntN(300), huge: r.IntN(2) == 0}
			got, err := decodeSegments(segs, opts, tn)
			if fmt.Sprint(err) != fmt.Sprint(werr) {
				t.Fatalf("iteration %d (%d segments): error %v, whole body %v\n%s", it, len(segs), err, werr, body)
			}
			if err == nil {
				if err := sameResponse(got, want); err != nil {
					t.Fatalf("iteration %d (%d segments): %v\n%s", it, len(segs), err, body)
				}
			}
		}
	}
}
