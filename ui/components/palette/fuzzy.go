package palette

import (
	"strings"
	"unicode"
)

// match scores pattern against s as a fuzzy subsequence (case-insensitive): the letters
// of pattern must appear in s in order. Letters at the start of s or of a word, and runs
// of consecutive letters, score more; gaps cost. pos are the rune indexes of s that
// matched (for highlighting); ok is false when pattern is not a subsequence of s.
func match(pattern, s string) (score int, pos []int, ok bool) {
	p := []rune(strings.ToLower(pattern))
	r := []rune(strings.ToLower(s))
	if len(p) == 0 {
		return 0, nil, true
	}
	if strings.HasPrefix(string(r), string(p)) { // a prefix beats any scattered match
		pos = make([]int, len(p))
		for i := range p {
			pos[i] = i
		}
		return 1000 - len(r), pos, true
	}
	j, prev := 0, -2
	for i := 0; i < len(r) && j < len(p); i++ {
		if r[i] != p[j] {
			continue
		}
		switch {
		case i == 0:
			score += 10
		case !unicode.IsLetter(r[i-1]) && !unicode.IsDigit(r[i-1]):
			score += 8
		case prev == i-1:
			score += 5
		default:
			score -= min(i-prev, 5)
		}
		pos = append(pos, i)
		prev = i
		j++
	}
	if j < len(p) || score < 0 { // letters strewn over a long label are no match
		return 0, nil, false
	}
	return score, pos, true
}
