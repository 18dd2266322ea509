package model

import "strings"

// Closest returns the candidate most like s (case-insensitive) for "did you mean"
// hints, or "" when none is close. Similarity is Python difflib's ratio 2·M/T (M the
// longest common subsequence), cut at difflib's default 0.6 as astroquery does; ties go
// to the smaller edit distance.
func Closest(s string, candidates []string) string {
	a := strings.ToLower(s)
	best, bestRatio, bestDist := "", 0.6, 0
	for _, c := range candidates {
		b := strings.ToLower(c)
		if len(a)+len(b) == 0 {
			continue
		}
		r := 2 * float64(lcs(a, b)) / float64(len(a)+len(b))
		d := EditDistance(a, b)
		if r > bestRatio || r == bestRatio && (best == "" || d < bestDist) {
			best, bestRatio, bestDist = c, r, d
		}
	}
	return best
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
