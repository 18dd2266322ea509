package archive

import "math"

// rng is a small splitmix64 generator. The simulator needs streams that are identical
// across Go versions and platforms, which math/rand does not promise for its helpers.
type rng struct{ s uint64 }

// newRNG derives an independent stream from any number of keys.
func newRNG(keys ...uint64) *rng {
	s := uint64(0x9e3779b97f4a7c15)
	for _, k := range keys {
		s = mix(s ^ k)
	}
	return &rng{s: s}
}

// mix is the splitmix64 finaliser: a cheap, well-spread 64-bit hash.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// HashString is FNV-1a, used to key streams by names (URIs, visit ids).
func HashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func (r *rng) u64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n); n <= 0 gives 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.u64() % uint64(n))
}

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

func (r *rng) rangef(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

func (r *rng) chance(p float64) bool { return r.float() < p }

func (r *rng) pick(list []string) string { return list[r.intn(len(list))] }

// normal is a Box-Muller standard normal deviate.
func (r *rng) normal() float64 {
	u := r.float()
	if u < 1e-300 {
		u = 1e-300
	}
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}

// logUniform spreads sizes and exposure times the way archives do: many small, few big.
func (r *rng) logUniform(lo, hi float64) float64 {
	return math.Exp(r.rangef(math.Log(lo), math.Log(hi)))
}
