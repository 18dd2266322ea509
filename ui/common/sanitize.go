package common

import (
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
