package mast

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"mastui/model/config"
	"mastui/services/bigmem"
)

// TooLargeError is an answer bigger than its configured cap (config.Config
// max_page_bytes or max_metadata_bytes).
type TooLargeError struct {
	What  string // service or endpoint
	Limit int64
	Key   string // the config key that sets Limit
}

func (e *TooLargeError) Error() string {
	size := config.ByteSize(e.Limit).String()
	if !strings.HasSuffix(size, "B") {
		size += " bytes"
	}
	return fmt.Sprintf("answer larger than %s, the %s limit of the config (%s)", size, e.Key, e.What)
}

// Reading in blocks: small answers (metadata, short pages) fit the first block. Bigger
// Portal tables stay in the blocks they were read in (readSegments): the answer costs
// its size once. Other big answers, which their decoders need in one piece, collect in
// blocks of blockSize, copied once into a buffer of exactly the answer's size. An announced Content-Length, which may lie, sizes no allocation
// before half of it has arrived: then the final buffer is made at that size and the
// rest is read straight into it. The peak is 1.5 times the answer with a length and 2
// times without (the blocks go back to the system right after the copy where the
// platform allows, not at the next garbage collection); an answer announced bigger than
// the cap is refused before reading.
const (
	firstBlock = 64 << 10
	blockSize  = 4 << 20
)

// readBody reads a whole answer of at most limit bytes; announced is the
// Content-Length (-1 when unknown). tooLarge makes the error for an answer over limit.
func readBody(r io.Reader, announced, limit int64, tooLarge func() error) ([]byte, error) {
	if announced > limit {
		return nil, tooLarge()
	}
	size := min(int64(firstBlock), limit)
	if announced >= 0 {
		size = min(size, announced)
	}
	first := make([]byte, size+1) // +1: meet the end (or the cap) without another read
	n, err := io.ReadFull(r, first)
	switch {
	case int64(n) > limit:
		return nil, tooLarge()
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return first[:n:n], nil
	case err != nil:
		return nil, err
	}
	blocks := blockList{}
	defer blocks.free()
	blocks.add(first[:n])
	total := int64(n)
	var out []byte // the final buffer once half the announced length has arrived
	for {
		if out == nil && announced > 0 && total >= announced/2 {
			out = make([]byte, announced)
			blocks.copyTo(out)
			blocks.free()
		}
		var b []byte
		if out != nil && total < announced {
			b = out[total:]
		} else {
			size := int64(blockSize)
			switch {
			case announced > total:
				size = min(size, announced-total+1)
			case announced == total:
				size = 1 // all announced bytes are in: expect the end
			}
			b = blocks.alloc(int(min(size, limit-total+1))) // one byte over the cap is enough to know
		}
		m, err := io.ReadFull(r, b)
		if out == nil || total >= announced {
			blocks.keep(m)
		}
		total += int64(m)
		if total > limit {
			return nil, tooLarge()
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	switch {
	case out == nil:
		out = make([]byte, total)
		blocks.copyTo(out)
	case total < int64(len(out)): // shorter than announced
		out = out[:total:total]
	case total > int64(len(out)): // longer than announced: the rest is in blocks
		whole := make([]byte, total)
		k := copy(whole, out)
		blocks.copyTo(whole[k:])
		out = whole
	}
	return out, nil
}

// blockList holds the blocks of one answer being read.
type blockList struct {
	mapped [][]byte // allocated by allocBlock, to free
	used   [][]byte // the filled parts, in order
}

func (l *blockList) alloc(n int) []byte {
	b := allocBlock(n)
	l.mapped = append(l.mapped, b)
	return b
}

// keep records that the last allocated block holds m bytes.
func (l *blockList) keep(m int) { l.used = append(l.used, l.mapped[len(l.mapped)-1][:m]) }

// add records filled bytes that were not allocated here.
func (l *blockList) add(b []byte) { l.used = append(l.used, b) }

func (l *blockList) copyTo(dst []byte) {
	k := 0
	for _, b := range l.used {
		k += copy(dst[k:], b)
	}
}

func (l *blockList) free() {
	for _, b := range l.mapped {
		freeBlock(b)
	}
	l.mapped, l.used = nil, nil
}

// readSegments reads a whole answer like readBody, but returns it in segments that are
// never copied into one buffer: blocks of growing size (firstBlock doubling up to
// blockSize; with huge, on huge pages once they are big: bigmem), each ending where cut says; the
// bytes after the cut start the next block. A Portal table is decoded from the segments
// themselves (wire.DecodeSegments), so the answer costs its own size, once. An
// announced length sizes the last block only once half of it has arrived. A block cut
// cannot split (-1) is kept whole: the decoder then joins the segments.
func readSegments(r io.Reader, announced, limit int64, cut func([]byte) int, huge bool, tooLarge func() error) ([][]byte, error) {
	if announced > limit {
		return nil, tooLarge()
	}
	var segs [][]byte
	var carry []byte // the start of the next segment, cut off the last block
	total, size := int64(0), int64(firstBlock)
	for {
		n := max(size, 2*int64(len(carry))) // the block, carry included
		if announced > total && total >= announced/2 {
			n = int64(len(carry)) + announced - total + 1 // +1: meet the end without another read
		}
		n = min(n, int64(len(carry))+limit-total+1) // one byte over the cap is enough to know
		block := bigmem.Make[byte](int(n), huge)
		k := copy(block, carry)
		m, err := io.ReadFull(r, block[k:])
		total += int64(m)
		if total > limit {
			return nil, tooLarge()
		}
		block = block[:k+m]
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			if len(block) > 0 || len(segs) == 0 {
				segs = append(segs, block[:len(block):len(block)])
			}
			return segs, nil
		}
		if err != nil {
			return nil, err
		}
		at := cut(block)
		if at <= 0 {
			at = len(block)
		}
		segs = append(segs, block[:at:at])
		carry = block[at:]
		size = min(2*size, blockSize)
	}
}

// segmentsLen is the length of an answer read in segments.
func segmentsLen(segs [][]byte) int {
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	return n
}
