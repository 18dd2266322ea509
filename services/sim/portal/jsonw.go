package portal

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat writes floats the way encoding/json does (shortest form, exponent
// only for very small or large values); NaN and infinities become null.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, 64)
}

func appendCell[R any](b []byte, c *Column[R], r *R) []byte {
	switch c.kind {
	case kindString:
		if s := c.str(r); s != "" {
			return appendJSONString(b, s)
		}
	case kindFloat:
		return appendJSONFloat(b, c.flt(r))
	case kindInt:
		if n, ok := c.num(r); ok {
			return strconv.AppendInt(b, n, 10)
		}
	case kindID:
		return strconv.AppendUint(b, c.id(r), 10)
	case kindBool:
		if v, ok := c.bl(r); ok {
			return strconv.AppendBool(b, v)
		}
	}
	return append(b, "null"...)
}

// paging is the "paging" object of a json-format Portal answer.
type paging struct {
	page, pageSize, pagesFiltered, rows int
	rowsFiltered, rowsTotal             int
}

// writeTable streams a COMPLETE json-format answer: status, msg, data, fields, paging,
// in MAST's key order. Rows are written straight from the archive, one buffer reused,
// so a 50,000-row page costs no per-row maps.
func writeTable[R any](w io.Writer, cols []Column[R], n int, row func(i int) *R, pg paging) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"status": "COMPLETE", "msg": "", "data": [`)
	keys := make([][]byte, len(cols))
	for j := range cols {
		keys[j] = append(appendJSONString(nil, cols[j].name), ':', ' ')
	}
	buf := make([]byte, 0, 4096)
	for i := 0; i < n; i++ {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',', ' ')
		}
		buf = append(buf, '{')
		r := row(i)
		for j := range cols {
			if j > 0 {
				buf = append(buf, ',', ' ')
			}
			buf = append(buf, keys[j]...)
			buf = appendCell(buf, &cols[j], r)
		}
		buf = append(buf, '}')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	buf = append(buf[:0], `], "fields": [`...)
	for j := range cols {
		if j > 0 {
			buf = append(buf, ',', ' ')
		}
		buf = append(buf, `{"name": `...)
		buf = appendJSONString(buf, cols[j].name)
		buf = append(buf, `, "type": `...)
		buf = appendJSONString(buf, cols[j].jsonType)
		buf = append(buf, '}')
	}
	buf = append(buf, `], "paging": {"page": `...)
	buf = strconv.AppendInt(buf, int64(pg.page), 10)
	buf = append(buf, `, "pageSize": `...)
	buf = strconv.AppendInt(buf, int64(pg.pageSize), 10)
	buf = append(buf, `, "pagesFiltered": `...)
	buf = strconv.AppendInt(buf, int64(pg.pagesFiltered), 10)
	buf = append(buf, `, "rows": `...)
	buf = strconv.AppendInt(buf, int64(pg.rows), 10)
	buf = append(buf, `, "rowsFiltered": `...)
	buf = strconv.AppendInt(buf, int64(pg.rowsFiltered), 10)
	buf = append(buf, `, "rowsTotal": `...)
	buf = strconv.AppendInt(buf, int64(pg.rowsTotal), 10)
	buf = append(buf, "}}"...)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}
