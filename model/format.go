package model

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format names accepted by WriteTable (FormatECSV and FormatVOTable too).
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
	// FormatMarkdown is a GitHub-flavoured Markdown pipe table (reports, issues).
	FormatMarkdown = "markdown"
)

// ExportFormats lists the file formats a table can be saved in, in menu order.
func ExportFormats() []string { return []string{FormatCSV, FormatECSV, FormatVOTable, FormatJSON} }

// FormatExtension is the file name extension of a format (".csv", ".ecsv", ".xml", ".json").
func FormatExtension(format string) string {
	if format == FormatVOTable {
		return ".xml"
	}
	return "." + format
}

// WriteTable writes t in the named format: "table" (aligned text), "csv" (header then
// rows, masked as empty), "ecsv" (astropy's typed CSV), "votable" (IVOA XML) or "json"
// (an array of row objects, keys in column order, ints as exact numbers, masked/NaN as
// null).
func WriteTable(w io.Writer, t *Table, format string) error {
	switch strings.ToLower(format) {
	case "", FormatTable:
		return WriteText(w, t)
	case FormatCSV:
		return WriteCSV(w, t)
	case FormatJSON:
		return WriteJSON(w, t)
	case FormatMarkdown, "md":
		return WriteMarkdown(w, t)
	case FormatECSV:
		return WriteECSV(w, t)
	case FormatVOTable:
		return WriteVOTable(w, t)
	default:
		return fmt.Errorf("unknown format %q: use table, csv, ecsv, votable, json or markdown", format)
	}
}

// WriteCSV writes a header line and one line per row; masked and NaN cells are empty,
// server text is sanitized (SanitizeText). The bytes are those of encoding/csv (LF line
// ends, fields quoted when it would quote them), appended straight into a large buffer:
// no string per cell, one write per csvBuffer bytes.
func WriteCSV(w io.Writer, t *Table) error { return writeCSVBody(w, t, strconv.FormatBool) }

// writeCSVBody is WriteCSV with bools spelled by boolText (ECSV wants Python's True).
func writeCSVBody(w io.Writer, t *Table, boolText func(bool) string) error {
	buf := make([]byte, 0, csvBuffer+4096)
	for i, c := range t.Columns {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendCSVText(buf, c.Name)
	}
	buf = append(buf, '\n')
	for r := 0; r < t.Rows(); r++ {
		if len(buf) >= csvBuffer {
			if _, err := w.Write(buf); err != nil {
				return fmt.Errorf("write csv row %d: %w", r, err)
			}
			buf = buf[:0]
		}
		for i, c := range t.Columns {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendCSVCell(buf, c, r, boolText)
		}
		buf = append(buf, '\n')
	}
	if _, err := w.Write(buf); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvBuffer is how many bytes of CSV WriteCSV gathers per write.
const csvBuffer = 256 << 10

// appendCSVCell appends row r of c as a CSV field: empty when null.
func appendCSVCell(buf []byte, c *Column, r int, boolText func(bool) string) []byte {
	if c.IsNull(r) {
		return buf
	}
	switch c.Kind {
	case KindString:
		return appendCSVText(buf, c.Str[r])
	case KindFloat: // FormatFloat without the string; NaN is null
		return strconv.AppendFloat(buf, c.Float[r], 'g', -1, 64)
	case KindInt:
		return strconv.AppendInt(buf, c.Int[r], 10)
	case KindBool:
		return append(buf, boolText(c.Bool[r])...)
	}
	return appendCSVText(buf, c.String(r))
}

// appendCSVText appends server text s as a CSV field: sanitized, then quoted as
// encoding/csv would (a quote, comma, CR or LF inside, a leading space, or `\.`). Text
// of plain printable ASCII with none of these, nearly every cell, is appended as is.
func appendCSVText(buf []byte, s string) []byte {
	if s == "" || s[0] != ' ' && s != `\.` && plainCSV(s) {
		return append(buf, s...)
	}
	s = SanitizeText(s)
	if !csvNeedsQuotes(s) {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// plainCSV reports text of printable ASCII without a quote or a comma, 8 bytes at a time.
func plainCSV(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if csvSpecial(x) != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == ',' {
			return false
		}
	}
	return true
}

// csvSpecial is non-zero when one of the 8 bytes of x is below 0x20, DEL, non-ASCII, a
// quote or a comma (the usual "has a zero byte" tests: exact as a yes or no).
func csvSpecial(x uint64) uint64 {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	q, c, d := x^(lsb*'"'), x^(lsb*','), x^(lsb*0x7f)
	return ((q-lsb)&^q | (c-lsb)&^c | (d-lsb)&^d | (x-lsb*0x20)&^x | x) & msb
}

// csvNeedsQuotes is encoding/csv's rule for a comma-separated field.
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, "\"\r\n,") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// WriteJSON writes the rows as a JSON array of objects. It is written by hand so keys
// keep the column order and 64-bit integers stay exact.
func WriteJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		keys[i] = appendJSONString(nil, c.Name)
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
// Every control character (C0, DEL, C1, bidi) is escaped, so the value is kept exactly
// and the output holds none of them raw.
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
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r < 0xa0 || isBidiControl(r) || r == 0x2028 || r == 0x2029:
			// C1 and bidi controls are valid JSON but would reach a terminal that prints
			// the output; the line separators break JavaScript readers.
			buf = append(buf, '\\', 'u', hex[r>>12], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}

// WriteMarkdown writes a Markdown pipe table: header, separator (numeric columns
// right-aligned), rows; masked and NaN cells as "--". Cells are sanitized, and a "|" or
// a backslash in them is escaped so it cannot end the cell.
func WriteMarkdown(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	cell := func(s string) string {
		return strings.NewReplacer(`\`, `\\`, "|", `\|`).Replace(OneLine(s))
	}
	row := func(get func(i int) string) {
		bw.WriteString("|")
		for i := range t.Columns {
			bw.WriteString(" " + get(i) + " |")
		}
		bw.WriteByte('\n')
	}
	row(func(i int) string { return cell(t.Columns[i].Name) })
	row(func(i int) string {
		if k := t.Columns[i].Kind; k == KindFloat || k == KindInt {
			return "--:"
		}
		return "---"
	})
	for r := 0; r < t.Rows(); r++ {
		row(func(i int) string { return cell(textCell(t.Columns[i], r, MaskedMark)) })
	}
	return bw.Flush()
}

// WriteText writes an aligned plain-text table like astropy's print(): header, dashes,
// rows, masked and NaN cells as "--". Server text is sanitized so it cannot drive the
// terminal.
func WriteText(w io.Writer, t *Table) error {
	if t.Rows() == 0 {
		_, err := fmt.Fprintln(w, "(no rows)")
		return err
	}
	widths := make([]int, len(t.Columns))
	cells := make([][]string, len(t.Columns))
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = SanitizeText(c.Name)
		widths[i] = utf8.RuneCountInString(names[i])
		cells[i] = make([]string, t.Rows())
		for r := range cells[i] {
			s := textCell(c, r, MaskedMark)
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
	line(func(i int) string { return names[i] }, numeric)
	line(func(i int) string { return strings.Repeat("-", widths[i]) }, func(int) bool { return false })
	for r := 0; r < t.Rows(); r++ {
		line(func(i int) string { return cells[i][r] }, numeric)
	}
	return bw.Flush()
}

// textCell is row r of c as printed text: null as the given mark, strings sanitized.
func textCell(c *Column, r int, null string) string {
	switch {
	case c.IsNull(r):
		return null
	case c.Kind == KindString:
		return SanitizeText(c.Str[r])
	}
	return c.String(r)
}
