package cutouts

import (
	"context"
	"sync"
)

// MaxConcurrentTESScut is MAST's limit of simultaneous TESScut requests per user; more
// get HTTP 503 (protocol 8.2, 13).
const MaxConcurrentTESScut = 10

// Limiter bounds how many requests run at once. One Limiter is shared by everything
// that sends TESScut requests for one user (the client and the download queue).
type Limiter struct{ slots chan struct{} }

// NewLimiter allows n requests at once (n < 1 means 1).
func NewLimiter(n int) *Limiter { return &Limiter{slots: make(chan struct{}, max(n, 1))} }

// Acquire waits for a free slot (or ctx) and returns the function that frees it (calling
// it again does nothing).
func (l *Limiter) Acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-l.slots }) }, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}
