package dupcheck

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxListBytes bounds a target list or aperture table read into memory: they are
// written by hand, so anything bigger is a wrong file.
const maxListBytes = 16 << 20

// records is a small delimited table: the header (lower-cased) and each row with the
// line it starts on.
type records struct {
	header []string
	rows   [][]string
	lines  []int
}

// col is the index of the first of names in the header, -1 when none is there.
func (r *records) col(names ...string) int {
	for _, n := range names {
		for i, h := range r.header {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// readRecords reads CSV, or ECSV (astropy's "# %ECSV" text tables: '#' lines carry the
// metadata, the delimiter is a space unless the metadata says `delimiter: ','`). Lines
// starting with '#' are comments in both; blank lines are skipped.
func readRecords(r io.Reader, source string) (*records, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if len(b) > maxListBytes {
		return nil, fmt.Errorf("%s: larger than %d MiB: not a target list", source, maxListBytes>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff")) // a spreadsheet's byte-order mark
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1 // checked here, with the line named
	cr.TrimLeadingSpace = true
	if d, ok := ecsvDelimiter(b); ok {
		cr.Comma = d
		cr.TrimLeadingSpace = d != ' '
	}
	out := &records{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if out.header == nil {
			for _, h := range rec {
				out.header = append(out.header, strings.ToLower(h))
			}
			continue
		}
		if len(rec) != len(out.header) {
			return nil, fmt.Errorf("%s line %d: %d fields, the header has %d", source, line, len(rec), len(out.header))
		}
		out.rows, out.lines = append(out.rows, rec), append(out.lines, line)
	}
	if out.header == nil {
		return nil, fmt.Errorf("%s: empty: no header line", source)
	}
	return out, nil
}

// ecsvDelimiter is the delimiter of an ECSV file (ok false for plain CSV).
func ecsvDelimiter(b []byte) (rune, bool) {
	if !bytes.HasPrefix(bytes.TrimSpace(b), []byte("# %ECSV")) {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "#")), "delimiter:"); ok {
			v = strings.Trim(strings.TrimSpace(v), `'"`)
			if v == "," {
				return ',', true
			}
		}
	}
	return ' ', true
}
