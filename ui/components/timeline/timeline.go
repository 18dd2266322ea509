// Package timeline draws when observations were taken: one strip per collection across
// the span of their dates (t_min..t_max, MJD), each cell shaded by how many observations
// cover it, a line marking the cursor's (▲) and the selected (●) observations, and the
// dates under it. Shades and marks are glyphs: it reads without colour.
package timeline

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// Span is one observation: its start and end (MJD), its collection, and whether it is
// the cursor's or selected.
type Span struct {
	Start, End float64
	Group      string
	Selected   bool
	Cursor     bool
}

// Styles colour the strip; the zero value draws plain text.
type Styles struct {
	Label  lipgloss.Style
	Series []lipgloss.Style
	Mark   lipgloss.Style
	Axis   lipgloss.Style
}

// shades are the cell glyphs from one observation to many.
const shades = "░▒▓█"

// Height is the strip's height for spans: a line per group (at most maxGroups, the rest
// folded into the last), the marks line, the dates line; 0 when there is nothing to draw.
func Height(spans []Span, maxGroups int) int {
	if len(spans) == 0 {
		return 0
	}
	return min(len(groups(spans)), maxGroups) + 2
}

// groups are the collections by number of observations, most first (ties by name).
func groups(spans []Span) []string {
	n := map[string]int{}
	for _, s := range spans {
		n[s.Group]++
	}
	out := make([]string, 0, len(n))
	for g := range n {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b string) int {
		if n[a] != n[b] {
			return n[b] - n[a]
		}
		return strings.Compare(a, b)
	})
	return out
}

// Render draws the strip in width cells and Height(spans, maxGroups) lines.
func Render(spans []Span, width, maxGroups int, st Styles) string {
	if len(spans) == 0 || width < 20 {
		return ""
	}
	gs := groups(spans)
	if len(gs) > maxGroups {
		gs = append(gs[:maxGroups-1], "other")
	}
	index := map[string]int{}
	for i, g := range gs {
		index[g] = i
	}
	labelW := 0
	for _, g := range gs {
		labelW = max(labelW, ansi.StringWidth(g))
	}
	labelW = min(labelW, 10)
	plot := width - labelW - 2
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range spans {
		lo, hi = math.Min(lo, s.Start), math.Max(hi, s.End)
	}
	if hi <= lo {
		hi = lo + 1
	}
	cell := func(mjd float64) int {
		return min(plot-1, max(0, int((mjd-lo)/(hi-lo)*float64(plot))))
	}
	counts := make([][]int, len(gs))
	for i := range counts {
		counts[i] = make([]int, plot)
	}
	marks := make([]rune, plot)
	for _, s := range spans {
		gi, ok := index[s.Group]
		if !ok {
			gi = len(gs) - 1
		}
		a, b := cell(s.Start), cell(s.End)
		for c := a; c <= b; c++ {
			counts[gi][c]++
		}
		switch {
		case s.Cursor:
			marks[a] = '▲'
		case s.Selected && marks[a] != '▲':
			marks[a] = '●'
		}
	}
	shade := []rune(shades)
	var b strings.Builder
	for i, g := range gs {
		b.WriteString(st.Label.Render(common.Fit(common.Truncate(g, labelW), labelW, "")) + "  ")
		var row strings.Builder
		for _, n := range counts[i] {
			switch {
			case n == 0:
				row.WriteRune(' ')
			default:
				row.WriteRune(shade[min(len(shade)-1, int(math.Log2(float64(n))))])
			}
		}
		if len(st.Series) > 0 {
			b.WriteString(st.Series[i%len(st.Series)].Render(row.String()))
		} else {
			b.WriteString(row.String())
		}
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat(" ", labelW+2))
	var mk strings.Builder
	for _, r := range marks {
		if r == 0 {
			r = ' '
		}
		mk.WriteRune(r)
	}
	b.WriteString(st.Mark.Render(mk.String()) + "\n")
	b.WriteString(strings.Repeat(" ", labelW+2) + st.Axis.Render(axis(lo, hi, plot)))
	return b.String()
}

// axis puts the first date at the left, the last at the right and the middle one
// between, when they fit.
func axis(lo, hi float64, w int) string {
	a, z, mid := Date(lo), Date(hi), Date((lo+hi)/2)
	line := []rune(strings.Repeat(" ", w))
	put := func(at int, s string) {
		for i, r := range s {
			if at+i >= 0 && at+i < len(line) {
				line[at+i] = r
			}
		}
	}
	if len(a)+len(z)+1 > w {
		return ansi.Truncate(a, w, "")
	}
	put(0, a)
	put(w-len(z), z)
	if m := w/2 - len(mid)/2; a != z && m > len(a)+1 && m+len(mid) < w-len(z)-1 {
		put(m, mid)
	}
	return string(line)
}

// Date is an MJD as a calendar date (2022-11-14): days since 1858-11-17 UTC.
func Date(mjd float64) string {
	return time.Date(1858, 11, 17, 0, 0, 0, 0, time.UTC).Add(time.Duration(mjd * 24 * float64(time.Hour))).Format("2006-01-02")
}
