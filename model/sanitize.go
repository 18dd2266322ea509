package model

import (
	"strings"
	"unicode/utf8"
)

// Server text (target names, column names, error messages, bodies) reaches the terminal
// through the CLI and the TUI. A hostile or broken server must not drive the terminal with
// it: OSC 52 sets the clipboard, OSC 0 renames the window, CSI moves the cursor, bidi
// controls reorder what follows. SanitizeText is the one filter every output path uses.

// SanitizeText returns s as printable single-line text. Escape sequences (CSI, OSC, DCS,
// SOS, PM, APC and the short ESC forms, 7-bit and 8-bit) are dropped whole, parameters
// and payload included; other C0/C1 controls, DEL and bidi controls are dropped; tab,
// newline, CR and the Unicode line separators become a space; invalid UTF-8 bytes become
// U+FFFD. The result holds no control character and SanitizeText is idempotent.
func SanitizeText(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // 8-bit DCS, SOS, OSC, PM, APC
			i = skipString(s, i+size)
		case isBlank(r):
			b.WriteByte(' ')
			i += size
		case isControl(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// OneLine is SanitizeText with runs of blanks collapsed to one space and the ends trimmed:
// the form of server text inside a message.
func OneLine(s string) string { return strings.Join(strings.Fields(SanitizeText(s)), " ") }

// Snippet is a one-line excerpt of a server body for messages: OneLine of its start, at
// most limit characters, cut on a character boundary and ended with "…" when cut.
func Snippet(b []byte, limit int) string {
	cut := false
	// Only a bounded prefix is read (bodies can be megabytes), ended at a character start
	// so the cut never leaves half a UTF-8 sequence.
	if n := 4*limit + 64; len(b) > n {
		for n > 0 && !utf8.RuneStart(b[n]) {
			n--
		}
		b, cut = b[:n], true
	}
	s := OneLine(string(b))
	n := 0
	for i := range s {
		if n == limit {
			return s[:i] + "…"
		}
		n++
	}
	if cut {
		s += "…"
	}
	return s
}

// firstUnsafe is the index of the first byte SanitizeText must look at, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isBlank(r) || isControl(r) {
			return i
		}
		i += size
	}
	return -1
}

// isBlank: characters that separate words or lines; printed as one space.
func isBlank(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isControl: C0, DEL, C1 and the bidi controls (embeddings, overrides, isolates, marks).
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0 || isBidiControl(r)
}

// isBidiControl reports the invisible characters that change the display order of text.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// skipEscape returns the index after the escape sequence whose ESC ends just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // intermediates, then one final byte: ESC ( B, ESC # 8
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e: // two-character sequences: ESC 7, ESC c (reset), ESC =
		return i + 1
	}
	return i // a lone ESC: what follows is ordinary text
}

// skipCSI skips a control sequence's parameter and intermediate bytes and its final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string (OSC, DCS, …) through its terminator: BEL, ESC \ or
// the 8-bit ST. Another ESC ends it too (terminals abort the string there) and is then
// read as a sequence of its own; an unterminated string runs to the end of s.
func skipString(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
	}
	return i
}
