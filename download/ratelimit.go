package download

import (
	"context"
	"sync"
	"time"
)

// limiter is a token bucket shared by all workers. Readers pay after reading (the bucket
// may go into debt and the reader sleeps it off), so no bytes are reserved and wasted.
type limiter struct {
	mu     sync.Mutex
	rate   float64 // bytes per second; 0 = unlimited
	tokens float64
	last   time.Time

	// now and sleep are the clock; tests replace them to check the accounting exactly.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

func newLimiter(rate int64) *limiter {
	l := &limiter{now: time.Now, sleep: sleepCtx}
	l.set(rate)
	return l
}

// burst is a tenth of a second of traffic: enough to smooth scheduling noise, too little
// to overshoot the cap visibly.
func (l *limiter) burstLocked() float64 { return max(l.rate/10, 16<<10) }

func (l *limiter) set(rate int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rate = float64(max(rate, 0))
	l.last = l.now()
	l.tokens = min(l.tokens, l.burstLocked())
}

// chunk caps one read so a single reader cannot take far more than its share at once.
func (l *limiter) chunk(n int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rate <= 0 {
		return n
	}
	return max(min(n, int(l.rate/20)), 4<<10)
}

// take charges n bytes and sleeps until the bucket is out of debt (or ctx ends).
func (l *limiter) take(ctx context.Context, n int) error {
	l.mu.Lock()
	if l.rate <= 0 {
		l.mu.Unlock()
		return nil
	}
	now := l.now()
	l.tokens = min(l.tokens+now.Sub(l.last).Seconds()*l.rate, l.burstLocked())
	l.last = now
	l.tokens -= float64(n)
	var wait time.Duration
	if l.tokens < 0 {
		wait = time.Duration(-l.tokens / l.rate * float64(time.Second))
	}
	l.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	return l.sleep(ctx, wait)
}

// sleepCtx waits d or until ctx ends (returning its cause).
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
