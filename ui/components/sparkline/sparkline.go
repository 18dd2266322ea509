// Package sparkline draws a series of values as one line of block glyphs (▁▂▃▄▅▆▇█), the
// light curve of a target pixel file in the Cutouts tab's details. It is plain text: the
// glyph heights read without colour (NO_COLOR).
package sparkline

import (
	"math"
	"strings"
)

// Levels are the glyphs from the lowest value to the highest.
var levels = []rune("▁▂▃▄▅▆▇█")

// Gap marks a column whose values are all missing (NaN or infinite).
const Gap = ' '

// Render draws values in exactly width cells: the values are split into width runs of
// consecutive values (a value may span several cells when there are fewer values than
// cells), each cell showing its run's mean scaled between the series' minimum and
// maximum. A flat series is drawn at mid height. Non-finite values are left out; a cell
// with none is Gap. "" for no width or no finite value.
func Render(values []float64, width int) string {
	if width <= 0 || len(values) == 0 {
		return ""
	}
	means := make([]float64, width)
	lo, hi := math.Inf(1), math.Inf(-1)
	for c := range width {
		from, to := c*len(values)/width, (c+1)*len(values)/width
		if to == from { // fewer values than cells: the cell shows the value it falls in
			to = from + 1
		}
		sum, n := 0.0, 0
		for _, v := range values[from:min(to, len(values))] {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				sum += v
				n++
			}
		}
		if n == 0 {
			means[c] = math.NaN()
			continue
		}
		means[c] = sum / float64(n)
		lo, hi = math.Min(lo, means[c]), math.Max(hi, means[c])
	}
	if math.IsInf(lo, 1) {
		return ""
	}
	var b strings.Builder
	b.Grow(width * 3)
	for _, m := range means {
		switch {
		case math.IsNaN(m):
			b.WriteRune(Gap)
		case hi == lo:
			b.WriteRune(levels[len(levels)/2-1])
		default:
			i := int(math.Round((m - lo) / (hi - lo) * float64(len(levels)-1)))
			b.WriteRune(levels[max(0, min(i, len(levels)-1))])
		}
	}
	return b.String()
}
