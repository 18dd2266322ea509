package model

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// SortKey is one key of a row order: a column, ascending unless Desc.
type SortKey struct {
	Column string
	Desc   bool
}

// SortedRows returns the rows of t ordered by keys, the first key first: missing values
// (masked, NaN, empty strings) last in both directions, ties in the loaded order. The
// columns must exist (Table.Col); t is not changed.
func SortedRows(t *Table, keys []SortKey) []int {
	idx := make([]int, t.Rows())
	for i := range idx {
		idx[i] = i
	}
	type cmpFunc = func(a, b int) int
	var cmps []cmpFunc
	for _, k := range keys {
		if c := t.Col(k.Column); c != nil {
			cmps = append(cmps, ColumnOrder(c, k.Desc))
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		for _, f := range cmps {
			if r := f(a, b); r != 0 {
				return r
			}
		}
		return 0
	})
	return idx
}

// ColumnOrder compares two rows of c, missing values (masked, NaN, empty strings) last
// whatever the direction.
func ColumnOrder(c *Column, desc bool) func(a, b int) int {
	missing := func(r int) bool {
		if r >= c.Len() || c.IsMasked(r) {
			return true
		}
		switch c.Kind {
		case KindFloat:
			return math.IsNaN(c.Float[r])
		case KindString:
			return c.Str[r] == "" // CAOM sends no value as an empty string
		}
		return false
	}
	var less func(a, b int) int
	switch c.Kind {
	case KindFloat:
		less = func(a, b int) int { return cmp.Compare(c.Float[a], c.Float[b]) }
	case KindInt:
		less = func(a, b int) int { return cmp.Compare(c.Int[a], c.Int[b]) }
	case KindBool:
		less = func(a, b int) int {
			switch {
			case c.Bool[a] == c.Bool[b]:
				return 0
			case c.Bool[b]:
				return -1
			}
			return 1
		}
	default:
		less = func(a, b int) int { return strings.Compare(c.Str[a], c.Str[b]) }
	}
	return func(a, b int) int {
		ma, mb := missing(a), missing(b)
		switch {
		case ma && mb:
			return 0
		case ma:
			return 1
		case mb:
			return -1
		}
		if desc {
			return less(b, a)
		}
		return less(a, b)
	}
}
