package mast

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"mastui/services/testmode"
	"mastui/services/wire"
)

// rowsBody is a Portal-like answer of about n bytes.
func rowsBody(n int) string {
	var b strings.Builder
	b.WriteString(`{"status": "COMPLETE", "data": [`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"obs_id": "u27xcs01t", "s_ra": 23.118, "target_name": "NGC 598"}`)
	}
	b.WriteString(`], "fields": [{"name": "obs_id", "type": "string"}]}`)
	return b.String()
}

// TestReadSegmentsSweep: an answer read in segments is the answer, cut where the cut function
// says (every segment after the first starts with a row), never allocated beyond what
// arrived whatever the announced length, and capped like readBody.
func TestReadSegmentsSweep(t *testing.T) {
	testmode.Sweep(t)
	tooLarge := func() error { return &TooLargeError{What: "x", Limit: 1, Key: "k"} }
	// The largest answer spans the first block, a whole block and part of a third: every
	// kind of block boundary, at a third of the cost (under -race) of three whole blocks.
	bodies := map[int]string{}
	for k, n := range []int{0, 10, firstBlock - 1, firstBlock, firstBlock + 1, blockSize + 2*firstBlock, blockSize + 2*firstBlock} {
		huge := k%2 == 1
		data, ok := bodies[n]
		if !ok {
			data = rowsBody(n)
			if n < 20 {
				data = strings.Repeat("z", n)
			}
			bodies[n] = data
		}
		for _, announced := range []int64{-1, int64(len(data)), 1 << 30, int64(len(data)) / 3, int64(len(data)) + 5} {
			limit := max(int64(len(data)), announced)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			segs, err := readSegments(strings.NewReader(data), announced, limit, wire.RowCut, huge, tooLarge)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatalf("%d bytes, announced %d: %v", len(data), announced, err)
			}
			if got := string(bytes.Join(segs, nil)); got != data {
				t.Fatalf("%d bytes, announced %d: segments join to %d bytes", len(data), announced, len(got))
			}
			for k, s := range segs {
				if k > 0 && !strings.HasPrefix(string(s), "{") {
					t.Fatalf("%d bytes, announced %d: segment %d starts %q", len(data), announced, k, s[:min(len(s), 10)])
				}
			}
			// Bounded by what arrived: blocks (with the alignment slack of huge pages,
			// never touched) and the last block's unused end.
			if allocated := after.TotalAlloc - before.TotalAlloc; allocated > uint64(2*len(data)+2*blockSize) {
				t.Errorf("%d bytes, announced %d: %d bytes allocated", len(data), announced, allocated)
			}
			if n > 20 && limit == int64(len(data)) {
				if _, err := readSegments(strings.NewReader(data+" "), announced, limit, wire.RowCut, huge, tooLarge); !errors.As(err, new(*TooLargeError)) {
					t.Errorf("%d+1 bytes at a cap of %d: err = %v", len(data), len(data), err)
				}
			}
		}
	}
	if _, err := readSegments(strings.NewReader("x"), 3<<30, 2<<30, wire.RowCut, false, tooLarge); err == nil {
		t.Error("an answer announced over the cap was read")
	}
	// A block with nowhere to cut is kept whole.
	data := strings.Repeat("x", 3*firstBlock)
	segs, err := readSegments(strings.NewReader(data), -1, 1<<30, wire.RowCut, true, tooLarge)
	if err != nil || string(bytes.Join(segs, nil)) != data || len(segs[0]) != firstBlock {
		t.Errorf("uncut: %d segments, %v", len(segs), err)
	}
}

// TestEmptyAnswerInSegments: an answer of blanks and {} is an empty answer (status
// ERROR, as astroquery reads it) however long, read in segments as a table is.
func TestEmptyAnswerInSegments(t *testing.T) {
	tooLarge := func() error { return &TooLargeError{What: "x", Limit: 1, Key: "k"} }
	for _, body := range []string{"{}", strings.Repeat(" ", 3*firstBlock) + "{}\n", strings.Repeat("\n", firstBlock) + "null"} {
		segs, err := readSegments(strings.NewReader(body), -1, 1<<30, wire.RowCut, false, tooLarge)
		if err != nil {
			t.Fatal(err)
		}
		r, err := decodeAnswer(segs, wire.Options{Service: "x", WantTable: true})
		if err != nil || r.Status != "ERROR" {
			t.Errorf("%d bytes in %d segments: %+v, %v", len(body), len(segs), r, err)
		}
	}
	segs := [][]byte{[]byte(strings.Repeat(" ", firstBlock)), []byte("{} {}")}
	if _, err := decodeAnswer(segs, wire.Options{Service: "x", WantTable: true}); err == nil {
		t.Error("two values read as an empty answer")
	}
}
