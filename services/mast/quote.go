package mast

import (
	"crypto/rand"
	"fmt"
)

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
