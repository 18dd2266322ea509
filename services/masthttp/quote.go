package masthttp

import "strings"

// PyQuote is Python's urllib.parse.quote(s, safe=safe): letters, digits, "_.-~" and the
// bytes of safe stay, every other byte becomes %XX (space is %20, not +). The Portal
// request uses safe "/", astroquery's Observations download URLs ":/" and its Search API
// download URLs "" (protocol 6.5).
func PyQuote(s, safe string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("_.-~", c) >= 0 || strings.IndexByte(safe, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
