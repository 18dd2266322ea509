package model

import (
	"sort"
	"strings"
)

// Closest returns the candidate most like s (case-insensitive) for "did you mean"
// hints, or "" when none is close. Similarity is Python difflib's ratio 2·M/T (M the
// longest common subsequence), cut at difflib's default 0.6 as astroquery does; ties go
// to the smaller edit distance.
func Closest(s string, candidates []string) string {
	if best := Nearest(s, candidates, 1); len(best) > 0 {
		return best[0]
	}
	return ""
}

// Nearest returns up to n candidates like s (as Closest measures it), best first;
// candidates equal but for case count once.
func Nearest(s string, candidates []string, n int) []string {
	type scored struct {
		c     string
		ratio float64
		dist  int
	}
	a := strings.ToLower(s)
	var out []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		b := strings.ToLower(c)
		if len(a)+len(b) == 0 || seen[b] {
			continue
		}
		seen[b] = true
		r := 2 * float64(lcs(a, b)) / float64(len(a)+len(b))
		if r < 0.6 {
			continue
		}
		out = append(out, scored{c, r, EditDistance(a, b)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ratio != out[j].ratio {
			return out[i].ratio > out[j].ratio
		}
		return out[i].dist < out[j].dist
	})
	names := make([]string, 0, min(n, len(out)))
	for i := 0; i < len(out) && i < n; i++ {
		names = append(names, out[i].c)
	}
	return names
}

// lcs is the length of the longest common subsequence of a and b (bytes).
func lcs(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// EditDistance is the Levenshtein distance between a and b, in runes.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
