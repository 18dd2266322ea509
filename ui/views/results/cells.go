package results

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/ui/common"
)

// masked is how a cell without a value reads (astropy prints masked values as "--").
const masked = "--"

// cellText is the display text of one cell, sanitized.
func cellText(col *column, row int) string {
	c := col.src
	if row >= c.Len() || c.IsMasked(row) {
		return masked
	}
	switch c.Kind {
	case model.KindString:
		return common.Sanitize(c.Str[row])
	case model.KindInt:
		return strconv.FormatInt(c.Int[row], 10)
	case model.KindBool:
		return strconv.FormatBool(c.Bool[row])
	}
	f := c.Float[row]
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return masked
	}
	switch col.format {
	case fmtMJD:
		return common.MJDDate(f)
	case fmtFixed1:
		return strconv.FormatFloat(f, 'f', 1, 64)
	case fmtFixed3:
		return strconv.FormatFloat(f, 'f', 3, 64)
	case fmtFixed6:
		return strconv.FormatFloat(f, 'f', 6, 64)
	}
	return strconv.FormatFloat(f, 'g', 10, 64)
}

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
