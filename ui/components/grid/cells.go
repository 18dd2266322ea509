package grid

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// textWidth is the width of s in terminal cells, with a fast path for ASCII.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// writeCell writes s into b as exactly w cells: cut with "…" when too long, padded
// (on the left when right-aligned) when short.
func writeCell(b *strings.Builder, s string, w int, right bool) {
	sw := textWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = textWidth(s)
	}
	if right {
		writeSpaces(b, w-sw)
		b.WriteString(s)
		return
	}
	b.WriteString(s)
	writeSpaces(b, w-sw)
}

func writeSpaces(b *strings.Builder, n int) {
	const spaces = "                                                                "
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

// truncate cuts s to w cells with "…".
func truncate(s string, w int) string {
	if textWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}
