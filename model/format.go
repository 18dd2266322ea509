package model

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format names accepted by WriteTable.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// WriteTable writes t in the named format: "table" (aligned text), "csv" (header then
// rows, masked as empty) or "json" (an array of row objects, keys in column order, ints
// as exact numbers, masked/NaN as null).
func WriteTable(w io.Writer, t *Table, format string) error {
	switch strings.ToLower(format) {
	case "", FormatTable:
		return WriteText(w, t)
	case FormatCSV:
		return WriteCSV(w, t)
	case FormatJSON:
		return WriteJSON(w, t)
	default:
		return fmt.Errorf("unknown format %q: use table, csv or json", format)
	}
}

// WriteCSV writes a header line and one line per row.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Names()); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	rec := make([]string, len(t.Columns))
	for r := 0; r < t.Rows(); r++ {
		for i, c := range t.Columns {
			rec[i] = c.String(r)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv row %d: %w", r, err)
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the rows as a JSON array of objects. It is written by hand so keys
// keep the column order and 64-bit integers stay exact.
func WriteJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		keys[i] = strconv.AppendQuote(nil, c.Name)
	}
	var buf []byte
	bw.WriteByte('[')
	for r := 0; r < t.Rows(); r++ {
		buf = buf[:0]
		if r > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n  {"...)
		for i, c := range t.Columns {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, keys[i]...)
			buf = append(buf, ": "...)
			buf = appendJSONValue(buf, c, r)
		}
		buf = append(buf, '}')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
	}
	if t.Rows() > 0 {
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

func appendJSONValue(buf []byte, c *Column, r int) []byte {
	if c.IsMasked(r) {
		return append(buf, "null"...)
	}
	switch c.Kind {
	case KindFloat:
		f := c.Float[r]
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return append(buf, "null"...)
		}
		return strconv.AppendFloat(buf, f, 'g', -1, 64)
	case KindInt:
		return strconv.AppendInt(buf, c.Int[r], 10)
	case KindBool:
		return strconv.AppendBool(buf, c.Bool[r])
	default:
		return appendJSONString(buf, c.Str[r])
	}
}

// appendJSONString quotes s as JSON (strconv.Quote would emit Go-only escapes like \x).
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == '"' || b == '\\':
				buf = append(buf, '\\', b)
			case b == '\n':
				buf = append(buf, '\\', 'n')
			case b == '\t':
				buf = append(buf, '\\', 't')
			case b == '\r':
				buf = append(buf, '\\', 'r')
			case b < 0x20 || b == 0x7f:
				buf = append(buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			default:
				buf = append(buf, b)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, `\ufffd`...)
		} else {
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}

// WriteText writes an aligned plain-text table like astropy's print(): header, dashes,
// rows. Control characters from the server are replaced so they cannot drive the terminal.
func WriteText(w io.Writer, t *Table) error {
	if t.Rows() == 0 {
		_, err := fmt.Fprintln(w, "(no rows)")
		return err
	}
	widths := make([]int, len(t.Columns))
	cells := make([][]string, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c.Name)
		cells[i] = make([]string, t.Rows())
		for r := range cells[i] {
			s := SanitizeText(c.String(r))
			cells[i][r] = s
			if n := utf8.RuneCountInString(s); n > widths[i] {
				widths[i] = n
			}
		}
	}
	bw := bufio.NewWriter(w)
	line := func(get func(i int) string, right func(i int) bool) {
		for i := range t.Columns {
			if i > 0 {
				bw.WriteByte(' ')
			}
			s := get(i)
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
			if right(i) {
				bw.WriteString(pad + s)
			} else if i == len(t.Columns)-1 {
				bw.WriteString(s)
			} else {
				bw.WriteString(s + pad)
			}
		}
		bw.WriteByte('\n')
	}
	numeric := func(i int) bool { k := t.Columns[i].Kind; return k == KindFloat || k == KindInt }
	line(func(i int) string { return t.Columns[i].Name }, numeric)
	line(func(i int) string { return strings.Repeat("-", widths[i]) }, func(int) bool { return false })
	for r := 0; r < t.Rows(); r++ {
		line(func(i int) string { return cells[i][r] }, numeric)
	}
	return bw.Flush()
}

// SanitizeText removes terminal escape sequences and control characters from a server
// string so it can be printed safely (CSI/OSC sequences are dropped whole), and Unicode
// bidi overrides, which would reorder the rest of the line.
func SanitizeText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		// 0xc2 starts C1 controls, 0xe2 the bidi controls (E2 80 xx / E2 81 xx).
		if b := s[i]; b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			if i+1 < len(rs) && rs[i+1] == '[' { // CSI ... final byte 0x40-0x7e
				i += 2
				for i < len(rs) && (rs[i] < 0x40 || rs[i] > 0x7e) {
					i++
				}
			} else if i+1 < len(rs) && (rs[i+1] == ']' || rs[i+1] == 'P' || rs[i+1] == '_' || rs[i+1] == '^') { // OSC/DCS/APC/PM ... BEL or ST
				i += 2
				for i < len(rs) && rs[i] != 0x07 && !(rs[i] == 0x1b && i+1 < len(rs) && rs[i+1] == '\\') {
					i++
				}
				if i < len(rs) && rs[i] == 0x1b {
					i++
				}
			} else {
				i++
			}
		case r == 0x9b: // 8-bit CSI
			i++
			for i < len(rs) && (rs[i] < 0x40 || rs[i] > 0x7e) {
				i++
			}
		case r == '\t' || r == '\n' || r == '\r':
			sb.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r):
			// drop other C0/C1 controls and bidi overrides
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func isBidiControl(r rune) bool { return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 }
