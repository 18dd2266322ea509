package mast

import "strings"

// closest returns the candidate most similar to s (case-insensitive), or "" when none
// is close. Similarity is difflib's ratio 2·M/T with M the longest common subsequence,
// cut at difflib's default 0.6; ties go to the smaller edit distance.
func closest(s string, candidates []string) string {
	a := strings.ToLower(s)
	best, bestRatio, bestDist := "", 0.6, 0
	for _, c := range candidates {
		b := strings.ToLower(c)
		if len(a)+len(b) == 0 {
			continue
		}
		r := 2 * float64(lcs(a, b)) / float64(len(a)+len(b))
		d := levenshtein(a, b)
		if r > bestRatio || r == bestRatio && (best == "" || d < bestDist) {
			best, bestRatio, bestDist = c, r, d
		}
	}
	return best
}

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

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
