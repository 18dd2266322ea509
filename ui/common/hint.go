package common

import "github.com/charmbracelet/x/ansi"

// CutWithHint fits s in w cells: whole when it fits, else cut and ended with "… hint"
// (say where the rest can be read, e.g. "ctrl+l shows it all").
func CutWithHint(s string, w int, hint string) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	tail := "… " + hint
	room := w - ansi.StringWidth(tail)
	if room < 8 { // too narrow for the hint: an ellipsis only
		return Truncate(s, w)
	}
	return ansi.Truncate(s, room, "") + tail
}
