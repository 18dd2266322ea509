package mast

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// PyQuote is Python's urllib.parse.quote(s, safe=safe): letters, digits, "_.-~" and the
// bytes of safe stay, every other byte becomes %XX (space is %20, not +). The Portal
// request uses safe "/", astroquery's download URLs ":/".
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

// newCacheBreaker returns a random UUID version 4, as astroquery's uuid.uuid4().
func newCacheBreaker() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("cacheBreaker: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}
