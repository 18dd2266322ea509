// Package fits writes and reads the small subset of FITS (NASA/IAU Flexible Image
// Transport System, version 4.0) that cutouts need: header cards, a primary HDU, binary
// tables (BINTABLE) and image extensions. It is a leaf: the simulator writes target pixel
// files with it, the client checks and reads them.
package fits

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// BlockSize is the FITS record length: headers and data are padded to it.
const BlockSize = 2880

const cardLen = 80

// Card is one header card. Value is bool, int, int64, float64 or string; nil writes a
// commentary card (COMMENT, HISTORY, or a blank keyword) holding Comment.
type Card struct {
	Key     string
	Value   any
	Comment string
}

// Header is the ordered cards of one HDU (END not included).
type Header []Card

// Get returns the first card named key (keywords are upper case in FITS).
func (h Header) Get(key string) (Card, bool) {
	key = strings.ToUpper(key)
	for _, c := range h {
		if c.Key == key {
			return c, true
		}
	}
	return Card{}, false
}

// String is the value of a string card ("" when absent or not a string).
func (h Header) String(key string) string {
	c, _ := h.Get(key)
	s, _ := c.Value.(string)
	return s
}

// Int is the value of an integer card.
func (h Header) Int(key string) (int64, bool) {
	c, ok := h.Get(key)
	if !ok {
		return 0, false
	}
	switch v := c.Value.(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	}
	return 0, false
}

// Float is the value of a numeric card.
func (h Header) Float(key string) (float64, bool) {
	c, ok := h.Get(key)
	if !ok {
		return 0, false
	}
	switch v := c.Value.(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	case int:
		return float64(v), true
	}
	return 0, false
}

// Encode writes the header's cards, END and the blank padding to a whole block.
func (h Header) Encode() ([]byte, error) {
	var b strings.Builder
	for _, c := range h {
		s, err := c.format()
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	b.WriteString(fmt.Sprintf("%-80s", "END"))
	for b.Len()%BlockSize != 0 {
		b.WriteByte(' ')
	}
	return []byte(b.String()), nil
}

// format renders one 80-column card: the keyword in columns 1-8, "= " and a fixed-format
// value (numbers and logicals right-justified to column 30, strings quoted from column
// 11), then " / comment", cut at column 80.
func (c Card) format() (string, error) {
	key := strings.ToUpper(c.Key)
	if len(key) > 8 || strings.IndexFunc(key, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) >= 0 {
		return "", fmt.Errorf("fits: invalid keyword %q", c.Key)
	}
	if c.Value == nil {
		return pad(fmt.Sprintf("%-8s%s", key, printable(c.Comment))), nil
	}
	var v string
	switch x := c.Value.(type) {
	case bool:
		v = fmt.Sprintf("%20s", map[bool]string{true: "T", false: "F"}[x])
	case int:
		v = fmt.Sprintf("%20d", x)
	case int64:
		v = fmt.Sprintf("%20d", x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("fits: keyword %s: %v is not a FITS number", key, x)
		}
		v = fmt.Sprintf("%20s", formatFloat(x))
	case string:
		s := strings.ReplaceAll(printable(x), "'", "''")
		if len(s) > 68 {
			s = s[:68]
		}
		v = fmt.Sprintf("%-20s", "'"+fmt.Sprintf("%-8s", s)+"'")
	default:
		return "", fmt.Errorf("fits: keyword %s: unsupported value type %T", key, c.Value)
	}
	s := fmt.Sprintf("%-8s= %s", key, v)
	if c.Comment != "" {
		s += " / " + printable(c.Comment)
	}
	return pad(s), nil
}

// formatFloat writes a real that always reads back as one (a decimal point or an
// exponent), with the digits needed to round-trip.
func formatFloat(x float64) string {
	s := strconv.FormatFloat(x, 'G', -1, 64)
	if !strings.ContainsAny(s, ".E") {
		s += ".0"
	}
	return s
}

func pad(s string) string {
	if len(s) > cardLen {
		return s[:cardLen]
	}
	return fmt.Sprintf("%-80s", s)
}

// printable keeps the ASCII text FITS allows in headers.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 32 || r > 126 {
			return '?'
		}
		return r
	}, s)
}

// parseCard reads one 80-byte card. Unknown value syntax is kept as its text.
func parseCard(raw []byte) (Card, error) {
	key := strings.TrimRight(string(raw[:8]), " ")
	if string(raw[8:10]) != "= " {
		return Card{Key: key, Comment: strings.TrimRight(string(raw[8:]), " ")}, nil
	}
	rest := string(raw[10:])
	trimmed := strings.TrimLeft(rest, " ")
	if strings.HasPrefix(trimmed, "'") {
		var b strings.Builder
		i := 1
		for ; i < len(trimmed); i++ {
			if trimmed[i] == '\'' {
				if i+1 < len(trimmed) && trimmed[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				break
			}
			b.WriteByte(trimmed[i])
		}
		if i >= len(trimmed) {
			return Card{}, fmt.Errorf("fits: keyword %s: unterminated string", key)
		}
		return Card{Key: key, Value: strings.TrimRight(b.String(), " "), Comment: comment(trimmed[i+1:])}, nil
	}
	val, com, _ := strings.Cut(rest, "/")
	val = strings.TrimSpace(val)
	c := Card{Key: key, Comment: strings.TrimSpace(com)}
	switch {
	case val == "T" || val == "F":
		c.Value = val == "T"
	case val == "":
	default:
		if n, err := strconv.ParseInt(val, 10, 64); err == nil {
			c.Value = n
		} else if f, err := strconv.ParseFloat(strings.Replace(val, "D", "E", 1), 64); err == nil {
			c.Value = f
		} else {
			c.Value = val // complex numbers and the like: kept as text
		}
	}
	return c, nil
}

func comment(after string) string {
	_, com, _ := strings.Cut(after, "/")
	return strings.TrimSpace(com)
}

// NewCard is Card{key, value, comment}, for headers built outside this package.
func NewCard(key string, value any, comment string) Card {
	return Card{Key: key, Value: value, Comment: comment}
}
