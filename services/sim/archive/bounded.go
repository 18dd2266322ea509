package archive

import "sync"

// bounded is a map safe for concurrent use that forgets everything when it holds cap
// entries: a long-running simulator's caches stay small without bookkeeping per entry.
type bounded[K comparable, V any] struct {
	mu  sync.Mutex
	cap int
	m   map[K]V
}

func (b *bounded[K, V]) get(k K) (V, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	v, ok := b.m[k]
	return v, ok
}

func (b *bounded[K, V]) put(k K, v V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil || len(b.m) >= b.cap {
		b.m = make(map[K]V)
	}
	b.m[k] = v
}

func (b *bounded[K, V]) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}
