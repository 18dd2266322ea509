package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/model"
)

// Sanitize makes a server string safe to draw: terminal escape sequences and control
// characters are removed (tabs and newlines become spaces), and so are Unicode bidi
// overrides, which would reorder the rest of the screen line.
func Sanitize(s string) string {
	s = model.SanitizeText(s)
	// Every bidi control is encoded as E2 80 xx or E2 81 xx: a cheap first test.
	if strings.IndexByte(s, 0xe2) < 0 || !strings.ContainsFunc(s, isBidi) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidi(r) {
			return -1
		}
		return r
	}, s)
}

func isBidi(r rune) bool { return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 }

// Truncate cuts s to at most w terminal cells, ending it with "…" when cut. Widths are
// measured in cells (wide runes and grapheme clusters count correctly).
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}
