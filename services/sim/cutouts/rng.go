package cutouts

import (
	"hash/fnv"
	"math"
)

// rng is splitmix64: the same key gives the same numbers on every run and machine, so a
// cutout's bytes depend only on its request (a Range resume is byte-exact).
type rng struct{ s uint64 }

func newRNG(key string) *rng {
	h := fnv.New64a()
	h.Write([]byte(key))
	return &rng{s: h.Sum64()}
}

func (r *rng) u64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// float is uniform in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// norm is a standard normal deviate (Box-Muller).
func (r *rng) norm() float64 {
	u := math.Max(r.float(), 1e-300)
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}
