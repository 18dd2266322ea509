package palette

import (
	"strings"
	"unicode"
)

// Score tiers: the label starts with the pattern, a word of the label does, or the
// letters are strewn (a fuzzy subsequence, scored below wordStart). Within the first
// two tiers every match scores the same, so the items keep their order (commands, then
// the view's actions as it lists them: "sel" gives "select all loaded" before "select
// none").
const (
	prefixScore    = 1000
	wordStartScore = 500
)

// match scores pattern against s (case-insensitive): a prefix of s first, then a
// prefix of one of its words, then a fuzzy subsequence whose first letter starts a word
// ("ctlg" in "catalogs"; "theme" is not in "preview: FITS header…"). In a fuzzy match
// letters at the start of a word and runs of consecutive letters score more; gaps cost.
// pos are the rune indexes of s that matched (for highlighting); ok is false when
// pattern does not match.
func match(pattern, s string) (score int, pos []int, ok bool) {
	p := []rune(strings.ToLower(pattern))
	r := []rune(strings.ToLower(s))
	if len(p) == 0 {
		return 0, nil, true
	}
	run := func(from int) []int {
		out := make([]int, len(p))
		for i := range p {
			out[i] = from + i
		}
		return out
	}
	for i := range r {
		if wordStart(r, i) && hasPrefixAt(r, p, i) {
			if i == 0 {
				return prefixScore, run(0), true
			}
			return wordStartScore, run(i), true
		}
	}
	j, prev := 0, -2
	for i := 0; i < len(r) && j < len(p); i++ {
		if r[i] != p[j] || (j == 0 && !wordStart(r, i)) {
			continue
		}
		switch {
		case i == 0:
			score += 10
		case wordStart(r, i):
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
	return min(score, wordStartScore-1), pos, true
}

// wordStart reports whether r[i] starts a word (the first rune, or one after a rune that
// is not a letter or digit).
func wordStart(r []rune, i int) bool {
	return i == 0 || (!unicode.IsLetter(r[i-1]) && !unicode.IsDigit(r[i-1]))
}

// hasPrefixAt reports whether r holds p at index i.
func hasPrefixAt(r, p []rune, i int) bool {
	return len(r)-i >= len(p) && string(r[i:i+len(p)]) == string(p)
}
