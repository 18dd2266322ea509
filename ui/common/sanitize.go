package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/model"
)

// Sanitize makes a server string safe to draw (see model.SanitizeText).
func Sanitize(s string) string { return model.SanitizeText(s) }

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

// Fit pads s (which may hold styles) with spaces, or cuts it ending with tail ("…" or
// ""), to exactly w cells: table cells, panel rows and input boxes line up with it.
func Fit(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	switch {
	case n > w:
		return ansi.Truncate(s, w, tail)
	case n < w:
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
