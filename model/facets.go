package model

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// FacetCount is one distinct value of a column and how many rows hold it. Value "" stands
// for masked/empty cells (shown as "(none)").
type FacetCount struct {
	Value string
	Count int
}

// FacetCounts counts the values of column among rows (nil rows = every row), most
// frequent first, ties by value (numerically for numeric columns) with "" last. Values
// are rendered as Column.String does (ints in decimal, floats shortest, NaN "nan").
// String values differing only in case are counted together, because the filter
// matches them together, under their most frequent spelling. Unknown column -> nil.
func FacetCounts(t *Table, column string, rows []int) []FacetCount {
	if t == nil {
		return nil
	}
	c := t.Col(column)
	if c == nil {
		return nil
	}
	masked := 0
	var out []facetEntry
	switch c.Kind {
	case KindInt:
		counts := map[int64]int{}
		eachRow(c, rows, func(r int) {
			if c.IsMasked(r) {
				masked++
			} else {
				counts[c.Int[r]]++
			}
		})
		for v, n := range counts {
			out = append(out, facetEntry{FacetCount{strconv.FormatInt(v, 10), n}, float64(v), false})
		}
	case KindFloat:
		// Keyed by bits so NaN (never equal to itself) still forms one group.
		counts := map[uint64]int{}
		eachRow(c, rows, func(r int) {
			switch f := c.Float[r]; {
			case c.IsMasked(r):
				masked++
			case math.IsNaN(f):
				counts[math.Float64bits(math.NaN())]++
			default:
				counts[math.Float64bits(f+0)]++ // +0 folds -0 into 0
			}
		})
		for v, n := range counts {
			f := math.Float64frombits(v)
			out = append(out, facetEntry{FacetCount{FormatFloat(f), n}, f, false})
		}
	case KindBool:
		var counts [2]int
		eachRow(c, rows, func(r int) {
			switch {
			case c.IsMasked(r):
				masked++
			case c.Bool[r]:
				counts[1]++
			default:
				counts[0]++
			}
		})
		for i, n := range counts {
			if n > 0 {
				out = append(out, facetEntry{FacetCount{strconv.FormatBool(i == 1), n}, float64(i), false})
			}
		}
	default:
		counts := map[string]int{}
		eachRow(c, rows, func(r int) {
			if c.IsMasked(r) || c.Str[r] == "" {
				masked++
			} else {
				counts[c.Str[r]]++
			}
		})
		out = foldCounts(counts, false)
	}
	if masked > 0 {
		out = append(out, facetEntry{FacetCount{"", masked}, 0, true})
	}
	return sortFacets(out, c.Kind == KindInt || c.Kind == KindFloat)
}

// ExtensionCounts counts rows by file extension of the file name column (as
// FilterOptions.FilenameColumn; "" picks productFilename, else filename), most frequent
// first, ties by value with "" (no extension, or masked) last. Extensions are lower-cased:
// see FileExtension. Unknown column -> nil.
func ExtensionCounts(t *Table, filenameCol string, rows []int) []FacetCount {
	if t == nil {
		return nil
	}
	c, err := filenameColumn(t, FilterOptions{FilenameColumn: filenameCol}, "extension counts")
	if err != nil {
		return nil
	}
	counts := map[string]int{}
	none := 0
	eachRow(c, rows, func(r int) {
		if c.IsMasked(r) {
			none++
			return
		}
		if ext := FileExtension(c.Str[r]); ext != "" {
			counts[ext]++ // a substring of the name: no allocation per row
		} else {
			none++
		}
	})
	out := foldCounts(counts, true)
	if none > 0 {
		out = append(out, facetEntry{FacetCount{"", none}, 0, true})
	}
	return sortFacets(out, false)
}

// compressionSuffix: extensions that wrap another one, so "x.fits.gz" reads as
// "fits.gz" rather than "gz".
func compressionSuffix(ext string) bool {
	switch strings.ToLower(ext) {
	case "gz", "bz2", "xz", "z", "fz", "zst":
		return true
	}
	return false
}

// FileExtension is the extension of a file name as the products panel shows it, in
// lower case: the text after the last dot of the base name ("fits", "json", "jpg"), plus
// the part before it when the last part is a compression suffix ("fits.gz", "tar.gz").
// Unlike "everything after the first dot" this keeps version dots in HLSP names
// ("hlsp_x_v1.0_spec.fits") out of the extension. No extension -> "".
func FileExtension(name string) string {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	last := strings.LastIndexByte(base, '.')
	if last <= 0 || last == len(base)-1 {
		return "" // no dot, a dot-file, or a trailing dot
	}
	ext := base[last+1:]
	if compressionSuffix(ext) {
		if prev := strings.LastIndexByte(base[:last], '.'); prev > 0 && extensionWord(base[prev+1:last]) {
			ext = base[prev+1:]
		}
	}
	return lowerASCII(ext)
}

// extensionWord: 1-5 letters/digits with at least one letter ("fits", "tar", not "0").
func extensionWord(s string) bool {
	if len(s) == 0 || len(s) > 5 {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		b := lowerByte(s[i])
		switch {
		case b >= 'a' && b <= 'z':
			letter = true
		case b >= '0' && b <= '9':
		default:
			return false
		}
	}
	return letter
}

// eachRow calls fn for every index of rows that is within the column (nil rows = all).
func eachRow(c *Column, rows []int, fn func(r int)) {
	n := c.Len()
	if rows == nil {
		for r := 0; r < n; r++ {
			fn(r)
		}
		return
	}
	for _, r := range rows {
		if r >= 0 && r < n {
			fn(r)
		}
	}
}

// foldCounts merges values that differ only in case. The label is the lower-cased value
// when lower is set, else the most frequent spelling (ties: the smallest).
func foldCounts(counts map[string]int, lower bool) []facetEntry {
	type group struct {
		label      string
		labelCount int
		total      int
	}
	groups := map[string]*group{}
	for v, n := range counts {
		k := strings.ToLower(v)
		g := groups[k]
		if g == nil {
			g = &group{label: v, labelCount: n}
			groups[k] = g
		} else if n > g.labelCount || n == g.labelCount && v < g.label {
			g.label, g.labelCount = v, n
		}
		g.total += n
	}
	out := make([]facetEntry, 0, len(groups))
	for k, g := range groups {
		label := g.label
		if lower {
			label = k
		}
		out = append(out, facetEntry{FacetCount: FacetCount{label, g.total}})
	}
	return out
}

// facetEntry carries the sort keys so sorting never re-parses the rendered values.
type facetEntry struct {
	FacetCount
	num  float64 // the value, for numeric columns
	none bool    // masked or empty
}

// sortFacets orders by count descending, then by value (numerically when numeric, NaN
// after the numbers), with "" last, and drops the sort keys.
func sortFacets(es []facetEntry, numeric bool) []FacetCount {
	slices.SortFunc(es, func(a, b facetEntry) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		if a.none != b.none {
			return cmp.Compare(b2i(a.none), b2i(b.none))
		}
		if numeric {
			if na, nb := math.IsNaN(a.num), math.IsNaN(b.num); na != nb {
				return cmp.Compare(b2i(na), b2i(nb))
			}
			if a.num != b.num && !math.IsNaN(a.num) {
				return cmp.Compare(a.num, b.num)
			}
		}
		return cmp.Compare(a.Value, b.Value)
	})
	if len(es) == 0 {
		return nil
	}
	out := make([]FacetCount, len(es))
	for i, e := range es {
		out[i] = e.FacetCount
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
