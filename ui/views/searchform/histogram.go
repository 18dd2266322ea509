package searchform

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/components/sparkline"
	"mastui/ui/components/timeline"
)

// histogramWidth is the sparkline's width beside a field; a field keeps at least
// histogramRoom cells for its input, so a narrow form drops the range, then the sparkline.
const (
	histogramWidth = 12
	histogramRoom  = 22
)

// histogramIn is histogram(f) fitted to a cell of width w: whole, without its range, or
// "" when the input would get too small.
func (m *Model) histogramIn(f *field, w int) string {
	h := m.histogram(f)
	if h == "" {
		return ""
	}
	room := w - prefixWidth - histogramRoom
	if u := m.unit(f); u != "" {
		room -= ansi.StringWidth(u) + 1
	}
	switch line := []rune(h)[:histogramWidth]; {
	case ansi.StringWidth(h)+1 <= room:
		return h
	case histogramWidth+1 <= room:
		return string(line)
	}
	return ""
}

// histogram is the archive's distribution of field f's column as a sparkline and its
// range ("▁▂▅█▃▁ 1985..2025"), for the Time and Exposure fields; "" for any other field
// or before the histograms arrive. Counts are drawn on a log scale: exposure times span
// five orders of magnitude, and a linear scale would show one bar.
func (m *Model) histogram(f *field) string {
	if f.kind != kindText || f.col != "t_min" && f.col != "t_exptime" {
		return ""
	}
	h, ok := m.hists[f.col]
	if !ok || len(h.Counts) == 0 {
		return ""
	}
	vals := make([]float64, len(h.Counts))
	for i, n := range h.Counts {
		vals[i] = math.Log1p(float64(n))
	}
	line := sparkline.Render(vals, histogramWidth)
	if line == "" {
		return ""
	}
	if f.col == "t_min" { // MJD: the years it spans
		return line + " " + timeline.Date(h.Min)[:4] + ".." + timeline.Date(h.Max)[:4]
	}
	return line + " " + compact(h.Min) + ".." + compact(h.Max)
}

// compact writes a number in two significant digits (10.03 → 10, 86400 → 8.6e4).
func compact(v float64) string {
	return strings.NewReplacer("e+0", "e", "e+", "e").Replace(strconv.FormatFloat(v, 'g', 2, 64))
}
