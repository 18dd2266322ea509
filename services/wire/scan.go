package wire

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// SyntaxError is malformed or truncated JSON, located by byte offset in the body.
type SyntaxError struct {
	Offset int64
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s at byte offset %d", e.Msg, e.Offset)
}

func errAt(b []byte, i int, what string) error {
	if i >= len(b) {
		return &SyntaxError{Offset: int64(len(b)), Msg: "unexpected end of body " + what}
	}
	return &SyntaxError{Offset: int64(i), Msg: fmt.Sprintf("invalid character %q %s", b[i], what)}
}

// maxDepth bounds nesting like encoding/json does, so hostile bodies cannot exhaust memory.
const maxDepth = 10000

// str aliases b without copying; callers only pass slices of the immutable body.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func isWS(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func skipWS(b []byte, i int) int {
	for i < len(b) && isWS(b[i]) {
		i++
	}
	return i
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// special flags, 8 bytes at a time, the bytes a string scan must stop at: '"', '\\',
// control characters and non-ASCII. The lowest flagged byte is always a true hit.
func special(x uint64) uint64 {
	q := x ^ (lsb * '"')
	s := x ^ (lsb * '\\')
	return (((q - lsb) &^ q) | ((s - lsb) &^ s) | ((x - lsb*0x20) &^ x) | x) & msb
}

// scanString reads the string literal whose opening quote is at b[i] and returns its
// value and the index after the closing quote. Escape-free valid UTF-8 aliases b.
func scanString(b []byte, i int) (string, int, error) {
	start := i + 1
	j := start
	nonASCII := false
	for {
		if j+8 <= len(b) {
			m := special(binary.LittleEndian.Uint64(b[j:]))
			if m == 0 {
				j += 8
				continue
			}
			j += bits.TrailingZeros64(m) >> 3
		} else if j >= len(b) {
			return "", j, errAt(b, j, "in string literal")
		}
		switch c := b[j]; {
		case c == '"':
			s := b[start:j]
			if nonASCII && !utf8.Valid(s) {
				return string(appendUnescaped(make([]byte, 0, len(s)+8), s)), j + 1, nil
			}
			return str(s), j + 1, nil
		case c == '\\':
			return unescape(b, start, j)
		case c < 0x20:
			return "", j, errAt(b, j, "in string literal")
		default:
			nonASCII = nonASCII || c >= 0x80
			j++
		}
	}
}

// skipString is scanString without building the value.
func skipString(b []byte, i int) (int, error) {
	j := i + 1
	for {
		if j+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[j:])
			m := special(x) &^ (x & msb) // non-ASCII needs no attention when skipping
			if m == 0 {
				j += 8
				continue
			}
			j += bits.TrailingZeros64(m) >> 3
		} else if j >= len(b) {
			return j, errAt(b, j, "in string literal")
		}
		switch c := b[j]; {
		case c == '"':
			return j + 1, nil
		case c == '\\':
			n, err := escapeLen(b, j)
			if err != nil {
				return j, err
			}
			j += n
		case c < 0x20:
			return j, errAt(b, j, "in string literal")
		default:
			j++
		}
	}
}

// escapeLen validates the escape at b[j] == '\\' and returns its length.
func escapeLen(b []byte, j int) (int, error) {
	if j+1 >= len(b) {
		return 0, errAt(b, j+1, "in string escape")
	}
	switch b[j+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
		for k := j + 2; k < j+6; k++ {
			if k >= len(b) || unhex(b[k]) < 0 {
				return 0, errAt(b, k, "in \\u escape")
			}
		}
		return 6, nil
	}
	return 0, errAt(b, j+1, "in string escape")
}

func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// u4 reads the 4 hex digits after "\u" at b[j]; -1 if b[j:] is not such an escape.
func u4(b []byte, j int) rune {
	if j+6 > len(b) || b[j] != '\\' || b[j+1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[j+2 : j+6] {
		h := unhex(c)
		if h < 0 {
			return -1
		}
		r = r<<4 | h
	}
	return r
}

// unescape builds the value of a string that has an escape at b[j]; b[start:j] is plain.
func unescape(b []byte, start, j int) (string, int, error) {
	buf := appendUnescaped(make([]byte, 0, j-start+16), b[start:j])
	for j < len(b) {
		c := b[j]
		switch {
		case c == '"':
			return string(buf), j + 1, nil
		case c == '\\':
			n, err := escapeLen(b, j)
			if err != nil {
				return "", j, err
			}
			switch b[j+1] {
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				// Same policy as encoding/json: pairs combine, lone surrogates become U+FFFD.
				r := u4(b, j)
				if utf16.IsSurrogate(r) {
					if d := utf16.DecodeRune(r, u4(b, j+6)); d != unicode.ReplacementChar {
						buf = utf8.AppendRune(buf, d)
						j += 12
						continue
					}
					r = unicode.ReplacementChar
				}
				buf = utf8.AppendRune(buf, r)
			default:
				buf = append(buf, b[j+1])
			}
			j += n
		case c < 0x20:
			return "", j, errAt(b, j, "in string literal")
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			j++
		default:
			r, size := utf8.DecodeRune(b[j:])
			buf = utf8.AppendRune(buf, r)
			j += size
		}
	}
	return "", j, errAt(b, j, "in string literal")
}

// appendUnescaped copies escape-free bytes, replacing invalid UTF-8 byte by byte with
// U+FFFD as encoding/json does.
func appendUnescaped(buf, s []byte) []byte {
	for len(s) > 0 {
		if s[0] < utf8.RuneSelf {
			buf = append(buf, s[0])
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRune(s)
		buf = utf8.AppendRune(buf, r)
		s = s[size:]
	}
	return buf
}

// number is a scanned JSON number literal with what the fast conversions need.
type number struct {
	mant  uint64 // the digits, without the decimal point, when !many
	exp   int    // decimal exponent applied to mant
	neg   bool
	isInt bool // no fraction and no exponent
	many  bool // too many significant digits for mant (more than 19)
}

// eightDigits reports whether the 8 little-endian bytes of x are all ASCII digits.
func eightDigits(x uint64) bool {
	return (x&0xF0F0F0F0F0F0F0F0)|(((x+0x0606060606060606)&0xF0F0F0F0F0F0F0F0)>>4) == 0x3333333333333333
}

// parseEight converts 8 ASCII digits (little-endian in x) with three multiplications.
func parseEight(x uint64) uint64 {
	x -= 0x3030303030303030
	x = x*10 + x>>8
	return ((x&0x000000FF000000FF)*(100+1000000<<32) + (x>>16&0x000000FF000000FF)*(1+10000<<32)) >> 32
}

// digits appends the run of digits at b[j] to mant and returns the index after it;
// many reports digits dropped because mant would pass 19 digits.
func digits(b []byte, j int, mant uint64) (int, uint64, bool) {
	many := false
	for j+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[j:])
		if !eightDigits(x) {
			break
		}
		if mant < 1e11 { // mant*1e8 + 8 digits stays below 1e19
			mant = mant*1e8 + parseEight(x)
		} else {
			many = true
		}
		j += 8
	}
	for ; j < len(b); j++ {
		d := b[j] - '0'
		if d >= 10 {
			break
		}
		if mant < 1e18 {
			mant = mant*10 + uint64(d)
		} else {
			many = true
		}
	}
	return j, mant, many
}

// scanNumber validates the number literal at b[i] and returns the index after it.
func scanNumber(b []byte, i int, n *number) (int, error) {
	*n = number{isInt: true}
	j := i
	if j < len(b) && b[j] == '-' {
		n.neg = true
		j++
	}
	switch {
	case j < len(b) && b[j] == '0':
		j++
	case j < len(b) && b[j] >= '1' && b[j] <= '9':
		j, n.mant, n.many = digits(b, j, 0)
	default:
		return j, errAt(b, j, "in numeric literal")
	}
	if j < len(b) && b[j] == '.' {
		n.isInt = false
		k := j + 1
		var many bool
		if j, n.mant, many = digits(b, k, n.mant); j == k {
			return j, errAt(b, j, "after decimal point in numeric literal")
		}
		n.many = n.many || many
		n.exp = k - j
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		n.isInt = false
		j++
		eneg := false
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			eneg = b[j] == '-'
			j++
		}
		k := j
		e := 0
		for ; j < len(b) && b[j]-'0' < 10; j++ {
			if e < 100000 {
				e = e*10 + int(b[j]-'0')
			}
		}
		if j == k {
			return j, errAt(b, j, "in exponent of numeric literal")
		}
		if eneg {
			e = -e
		}
		n.exp += e
	}
	return j, nil
}

// float converts a scanned literal. The fast path is Clinger's: an integer up to 2^53 and a
// power of ten up to 1e22 (math.Pow10 returns those exactly) are both exact, so one IEEE
// multiply or divide rounds correctly and equals strconv.ParseFloat.
func (n *number) float(lit []byte) float64 {
	if !n.many && n.mant <= 1<<53 && n.exp >= -22 && n.exp <= 22 {
		f := float64(n.mant)
		if n.exp >= 0 {
			f *= math.Pow10(n.exp)
		} else {
			f /= math.Pow10(-n.exp)
		}
		if n.neg {
			f = -f
		}
		return f
	}
	v, _ := floatFromText(str(lit)) // a valid JSON number always parses (±Inf on overflow)
	return v
}

// int converts a scanned literal; ok is false when it is not an int64 value.
func (n *number) int(lit []byte) (int64, bool) {
	if n.isInt && !n.many {
		if !n.neg && n.mant <= 1<<63-1 {
			return int64(n.mant), true
		}
		if n.neg && n.mant <= 1<<63 {
			return -int64(n.mant), true
		}
	}
	return intFromText(str(lit))
}

// literal checks that the keyword lit is at b[i].
func literal(b []byte, i int, lit string) (int, error) {
	if len(b)-i >= len(lit) && str(b[i:i+len(lit)]) == lit {
		return i + len(lit), nil
	}
	for k := 0; k < len(lit); k++ {
		if i+k >= len(b) || b[i+k] != lit[k] {
			return i + k, errAt(b, i+k, "in literal "+lit)
		}
	}
	return i + len(lit), nil
}

// skipValue validates the value at b[i] (after whitespace), which sits inside depth
// containers, and returns the index after it. It is iterative so deep nesting cannot
// overflow the goroutine stack.
func skipValue(b []byte, i, depth int) (int, error) {
	var stackBuf [32]byte
	stack := stackBuf[:0]
	var err error
	for {
		i = skipWS(b, i)
		if i >= len(b) {
			return i, errAt(b, i, "looking for beginning of value")
		}
		switch c := b[i]; c {
		case '{', '[':
			if depth+len(stack) >= maxDepth {
				return i, &SyntaxError{Offset: int64(i), Msg: "nesting too deep"}
			}
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == c+2 { // '}' == '{'+2, ']' == '['+2
				i++
				break
			}
			stack = append(stack, c)
			if c == '{' {
				if i, err = skipKey(b, i); err != nil {
					return i, err
				}
			}
			continue
		case '"':
			if i, err = skipString(b, i); err != nil {
				return i, err
			}
		case 't':
			if i, err = literal(b, i, "true"); err != nil {
				return i, err
			}
		case 'f':
			if i, err = literal(b, i, "false"); err != nil {
				return i, err
			}
		case 'n':
			if i, err = literal(b, i, "null"); err != nil {
				return i, err
			}
		default:
			var n number
			if c != '-' && (c < '0' || c > '9') {
				return i, errAt(b, i, "looking for beginning of value")
			}
			if i, err = scanNumber(b, i, &n); err != nil {
				return i, err
			}
		}
		// After a value: close containers or move to the next element.
		for {
			if len(stack) == 0 {
				return i, nil
			}
			i = skipWS(b, i)
			if i >= len(b) {
				return i, errAt(b, i, "after value")
			}
			top := stack[len(stack)-1]
			if b[i] == top+2 {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if b[i] != ',' {
				return i, errAt(b, i, "after value")
			}
			i = skipWS(b, i+1)
			if top == '{' {
				if i, err = skipKey(b, i); err != nil {
					return i, err
				}
			}
			break
		}
	}
}

// skipKey passes `"key" :` at b[i] and returns the index after the colon.
func skipKey(b []byte, i int) (int, error) {
	if i >= len(b) || b[i] != '"' {
		return i, errAt(b, i, "looking for beginning of object key string")
	}
	i, err := skipString(b, i)
	if err != nil {
		return i, err
	}
	return colon(b, i)
}

func colon(b []byte, i int) (int, error) {
	i = skipWS(b, i)
	if i >= len(b) || b[i] != ':' {
		return i, errAt(b, i, "after object key")
	}
	return i + 1, nil
}

// scalarText reads any value (inside depth containers) as text: strings decoded, null as
// "", other values as their literal JSON text.
func scalarText(b []byte, i, depth int) (string, int, error) {
	if i < len(b) {
		switch b[i] {
		case '"':
			return scanString(b, i)
		case 'n':
			j, err := literal(b, i, "null")
			return "", j, err
		}
	}
	j, err := skipValue(b, i, depth)
	if err != nil {
		return "", j, err
	}
	return str(b[i:j]), j, nil
}
