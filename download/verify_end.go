package download

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// fitsBlock is the FITS record size: headers and data are padded to whole blocks.
const fitsBlock = 2880

// maxFITSHeaderBlocks bounds the search for a header's END card.
const maxFITSHeaderBlocks = 256

// walkFITS follows a FITS file of size bytes HDU by HDU: header blocks up to the END
// card, then |BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISn) bytes of data padded to
// 2880. It ends cleanly at the end of an HDU (whole blocks after the last HDU that do not
// start an extension are the standard's "special records"). A file that stops inside a
// header or inside data is errTruncated; broken cards are errInvalidFITS.
func walkFITS(r io.ReaderAt, size int64) error {
	block := make([]byte, fitsBlock)
	off := int64(0)
	for hdu := 0; ; hdu++ {
		if hdu > 0 && off == size {
			return nil
		}
		h := fitsHeader{gcount: 1}
		for n := 0; !h.end; n++ {
			if n == maxFITSHeaderBlocks {
				return fmt.Errorf("%w: the header of HDU %d has no END card in %d blocks", errInvalidFITS, hdu+1, n)
			}
			if off+fitsBlock > size {
				return fmt.Errorf("%w: %w: it ends inside the header of HDU %d (%d bytes)", errInvalidFITS, errTruncated, hdu+1, size)
			}
			if _, err := r.ReadAt(block, off); err != nil {
				return fmt.Errorf("read FITS header: %w", err)
			}
			off += fitsBlock
			if n == 0 {
				switch {
				case hdu == 0 && string(block[:9]) != "SIMPLE  =":
					return fmt.Errorf("%w: no SIMPLE card", errInvalidFITS)
				case hdu == 0 && cardValue(block[:80]) != "T":
					return fmt.Errorf("%w: SIMPLE card is %q, not T", errInvalidFITS, cardValue(block[:80]))
				case hdu > 0 && string(block[:8]) != "XTENSION":
					return nil // special records after the last HDU
				}
			}
			if err := h.read(block); err != nil {
				return fmt.Errorf("%w: HDU %d: %w", errInvalidFITS, hdu+1, err)
			}
		}
		data, err := h.dataSize()
		if err != nil {
			return fmt.Errorf("%w: HDU %d: %w", errInvalidFITS, hdu+1, err)
		}
		padded := (data + fitsBlock - 1) / fitsBlock * fitsBlock
		if padded > size-off {
			return fmt.Errorf("%w: %w: it ends inside the data of HDU %d (%d of %d bytes)", errInvalidFITS, errTruncated, hdu+1, size-off, padded)
		}
		off += padded
	}
}

// fitsHeader collects the cards that size an HDU's data.
type fitsHeader struct {
	bitpix, naxis, pcount, gcount int64
	axes                          map[int]int64
	groups, end                   bool
}

// read takes the sizing cards of one header block and notes the END card.
func (h *fitsHeader) read(block []byte) error {
	for c := 0; c < fitsBlock; c += 80 {
		card := block[c : c+80]
		key := strings.TrimRight(string(card[:8]), " ")
		if key == "END" {
			h.end = true
			return nil
		}
		if string(card[8:10]) != "= " {
			continue
		}
		axis := 0
		switch key {
		case "BITPIX", "NAXIS", "PCOUNT", "GCOUNT":
		case "GROUPS":
			h.groups = cardValue(card) == "T"
			continue
		default:
			n, err := strconv.Atoi(strings.TrimPrefix(key, "NAXIS"))
			if !strings.HasPrefix(key, "NAXIS") || err != nil || n < 1 || n > 999 {
				continue
			}
			axis = n
		}
		v, err := strconv.ParseInt(cardValue(card), 10, 64)
		if err != nil {
			return fmt.Errorf("%s is %q, not an integer", key, cardValue(card))
		}
		switch key {
		case "BITPIX":
			h.bitpix = v
		case "NAXIS":
			h.naxis = v
		case "PCOUNT":
			h.pcount = v
		case "GCOUNT":
			h.gcount = v
		default:
			if h.axes == nil {
				h.axes = map[int]int64{}
			}
			h.axes[axis] = v
		}
	}
	return nil
}

// dataSize is the HDU's data size in bytes before padding (standard 4.4.1).
func (h *fitsHeader) dataSize() (int64, error) {
	switch h.bitpix {
	case 8, 16, 32, 64, -32, -64:
	default:
		return 0, fmt.Errorf("BITPIX %d", h.bitpix)
	}
	if h.naxis < 0 || h.naxis > 999 || h.pcount < 0 || h.gcount < 0 {
		return 0, fmt.Errorf("NAXIS %d, PCOUNT %d, GCOUNT %d", h.naxis, h.pcount, h.gcount)
	}
	if h.naxis == 0 {
		return 0, nil
	}
	first := 1
	if h.groups && h.axes[1] == 0 { // random groups: NAXIS1 = 0 is not a dimension
		first = 2
	}
	// Sized in float first only to refuse overflowing headers; then exactly.
	approx, n := 1.0, int64(1)
	for i := first; i <= int(h.naxis); i++ {
		a, ok := h.axes[i]
		if !ok || a < 0 {
			return 0, fmt.Errorf("NAXIS%d missing or negative", i)
		}
		approx *= float64(a)
		if approx > 1<<60 {
			return 0, errors.New("the data size overflows")
		}
		n *= a
	}
	bytesPer := max(h.bitpix, -h.bitpix) / 8
	if float64(bytesPer)*float64(h.gcount)*(float64(h.pcount)+approx) > 1<<60 {
		return 0, errors.New("the data size overflows")
	}
	return bytesPer * h.gcount * (h.pcount + n), nil
}

// cardValue is a card's value field: columns 11-80 up to a comment, quotes kept.
func cardValue(card []byte) string {
	v := string(card[10:])
	if !strings.HasPrefix(strings.TrimSpace(v), "'") {
		v, _, _ = strings.Cut(v, "/")
	}
	return strings.TrimSpace(v)
}

// verifyEnd looks for proof that a file of unknown size is whole, from its format's own
// end: FITS walks to its end (verifyFile does it), gzip streams inflate to their trailer
// (CRC-32 and length checked), JPEG ends with EOI, PNG with its IEND chunk, PDF with
// %%EOF, zip with its end-of-central-directory record. nil proves it whole, errTruncated
// proves it cut, errUnproven says nothing could be proven.
func verifyEnd(p string, k fileKind) error {
	f, size, err := openSized(p)
	if err != nil {
		return err
	}
	defer f.Close()
	tail := func(n int64) ([]byte, error) {
		n = min(n, size)
		b := make([]byte, n)
		_, err := f.ReadAt(b, size-n)
		return b, err
	}
	switch k {
	case kindFITS:
		return walkFITS(f, size)
	case kindGzip:
		return checkGzip(f)
	case kindJPEG:
		b, err := tail(2)
		if err != nil || !bytes.Equal(b, []byte{0xff, 0xd9}) {
			return fmt.Errorf("%w: the JPEG image does not end with its end-of-image marker", errUnproven)
		}
		return nil
	case kindPNG:
		b, err := tail(12)
		if err != nil || !bytes.Equal(b, []byte("\x00\x00\x00\x00IEND\xaeB`\x82")) {
			return fmt.Errorf("%w: the PNG image does not end with its IEND chunk", errUnproven)
		}
		return nil
	case kindPDF:
		b, err := tail(1024)
		if err != nil || !bytes.Contains(b, []byte("%%EOF")) {
			return fmt.Errorf("%w: the PDF document does not end with %%%%EOF", errUnproven)
		}
		return nil
	case kindZip:
		b, err := tail(22 + 65535)
		if err != nil || !zipEnd(b, size) {
			return fmt.Errorf("%w: the zip archive has no end-of-central-directory record", errUnproven)
		}
		return nil
	}
	return fmt.Errorf("%w: the server sent no size, and this kind of file has no end marker to check", errUnproven)
}

// checkGzip inflates every member to its trailer: a stream that stops early is cut,
// one that fails its CRC-32 or length check is damaged.
func checkGzip(f io.Reader) error {
	zr, err := gzip.NewReader(f)
	if err == nil {
		_, err = io.Copy(io.Discard, zr)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the gzip stream stops before its trailer", errTruncated)
	}
	return fmt.Errorf("%w: the gzip stream does not check out: %v", errUnproven, err)
}

// zipEnd finds the end-of-central-directory record in the last bytes b of a file of
// size bytes: its comment must reach exactly to the end, and the central directory it
// points to must lie before it (zip64 markers are taken on trust).
func zipEnd(b []byte, size int64) bool {
	for i := len(b) - 22; i >= 0; i-- {
		if string(b[i:i+4]) != "PK\x05\x06" {
			continue
		}
		if i+22+int(binary.LittleEndian.Uint16(b[i+20:])) != len(b) {
			continue
		}
		cdSize, cdOff := binary.LittleEndian.Uint32(b[i+12:]), binary.LittleEndian.Uint32(b[i+16:])
		if cdSize == math.MaxUint32 || cdOff == math.MaxUint32 {
			return true
		}
		return int64(cdOff)+int64(cdSize) <= size-int64(len(b)-i)
	}
	return false
}
