package archive

import (
	"math"
	"sort"
)

// Source catalogs (services/sim/catalogs) are not stored: their objects are drawn on
// demand from a seeded stream per sky cell and per cluster, so the demo archive costs
// nothing to build for them and any cone anywhere has the same answer every time.

// SourceModel describes one catalog's sky: a uniform background and dense clusters
// (globular clusters, galaxies) with a projected Plummer profile.
type SourceModel struct {
	Key      uint64  // separates the catalogs' streams
	Base     float64 // background sources per square degree
	MagLim   float64 // reference magnitude limit: counts grow as 10^(0.3 m) up to it
	MagMin   float64 // brightest magnitude drawn
	Clusters []Cluster
}

// Cluster is a dense group of sources around a position.
type Cluster struct {
	RA, Dec float64
	N       int     // sources in the cluster
	Core    float64 // Plummer scale radius (deg); sources reach 8 core radii
	MagLim  float64 // the cluster's own magnitude limit (its distance)
}

// Source is one synthetic catalog object. Every other value of its row is drawn from
// Rand(), so it is the same in every answer.
type Source struct {
	ID      uint64 // unique within the catalog; SourceByID finds it again
	RA, Dec float64
	Mag     float64 // reference magnitude (Gaia G, TESS T, V, NUV, W1, ...)
	key     uint64
}

// Rand is a deterministic stream for the other values of a row.
type Rand struct{ r rng }

// Rand returns the source's own stream (a fresh one each call, at the same start).
func (s *Source) Rand() *Rand { return &Rand{r: rng{s: s.key}} }

// NewRand derives a stream from keys (for rows that are not sources: spectra, files).
func NewRand(keys ...uint64) *Rand { return &Rand{r: *newRNG(keys...)} }

func (r *Rand) Float() float64               { return r.r.float() }
func (r *Rand) Range(lo, hi float64) float64 { return r.r.rangef(lo, hi) }
func (r *Rand) Normal() float64              { return r.r.normal() }
func (r *Rand) Intn(n int) int               { return r.r.intn(n) }
func (r *Rand) Chance(p float64) bool        { return r.r.chance(p) }
func (r *Rand) Pick(list []string) string    { return r.r.pick(list) }
func (r *Rand) U64() uint64                  { return r.r.u64() }
func (r *Rand) LogUniform(lo, hi float64) float64 {
	return r.r.logUniform(lo, hi)
}

// Sky cells: dec bands of cellSize degrees, each cut into cells of about cellSize
// degrees of RA. A cell number is band*maxCells + index; a background source ID is
// cell<<idxBits | index in the cell. Cluster sources have clusterFlag set.
const (
	cellSize    = 0.05
	bands       = 3600 // 180 / cellSize
	maxCells    = 7200 // 360 / cellSize
	idxBits     = 17
	clusterFlag = uint64(1) << 42
	clusterBits = 20
)

func bandOf(dec float64) int { return min(max(int((dec+90)/cellSize), 0), bands-1) }

// cellsInBand is how many cells band b is cut into (fewer towards the poles).
func cellsInBand(b int) int {
	mid := -90 + (float64(b)+0.5)*cellSize
	return max(1, min(maxCells, int(360*math.Cos(mid*deg)/cellSize)))
}

// Sources returns the sources within radius of (ra, dec) with their distances (deg),
// nearest first.
func (a *Archive) Sources(m *SourceModel, ra, dec, radius float64) ([]Source, []float64) {
	var out []Source
	var dist []float64
	keep := func(s Source) {
		if d := AngDist(ra, dec, s.RA, s.Dec); d <= radius {
			out, dist = append(out, s), append(dist, d)
		}
	}
	for b := bandOf(dec - radius); b <= bandOf(dec+radius); b++ {
		n := cellsInBand(b)
		lo, hi := -90+float64(b)*cellSize, -90+float64(b+1)*cellSize
		maxAbs := math.Max(math.Abs(lo), math.Abs(hi))
		first, last := 0, n-1
		if c := math.Cos(math.Min(maxAbs, 89.9) * deg); maxAbs < 89.9 && radius/c < 170 {
			w := 360 / float64(n)
			first = int(math.Floor((ra - radius/c) / w))
			last = int(math.Floor((ra + radius/c) / w))
		}
		seen := map[int]bool{}
		for i := first; i <= last; i++ {
			k := ((i % n) + n) % n
			if seen[k] {
				continue
			}
			seen[k] = true
			a.cellSources(m, b, k, keep)
		}
	}
	for ci := range m.Clusters {
		c := &m.Clusters[ci]
		if AngDist(ra, dec, c.RA, c.Dec) <= radius+8*c.Core {
			a.clusterSources(m, ci, keep)
		}
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return dist[order[i]] < dist[order[j]] })
	s2, d2 := make([]Source, len(out)), make([]float64, len(out))
	for k, i := range order {
		s2[k], d2[k] = out[i], dist[i]
	}
	return s2, d2
}

// Fields are where a catalog query without a position looks: each cluster and the
// background around it (within radius, or the cluster's core radius if larger) (a real catalog scan would cover the sky; the demo covers the
// places its examples point at).
func (a *Archive) Fields(m *SourceModel, radius float64) []Source {
	var out []Source
	seen := map[uint64]bool{}
	for _, c := range m.Clusters {
		all, _ := a.Sources(m, c.RA, c.Dec, math.Max(radius, c.Core))
		for _, s := range all {
			if !seen[s.ID] {
				seen[s.ID] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// SourceByID regenerates the source an ID names.
func (a *Archive) SourceByID(m *SourceModel, id uint64) (Source, bool) {
	var found Source
	ok := false
	want := func(s Source) {
		if s.ID == id {
			found, ok = s, true
		}
	}
	if id&clusterFlag != 0 {
		ci := int((id &^ clusterFlag) >> clusterBits)
		if ci < len(m.Clusters) {
			a.clusterSources(m, ci, want)
		}
		return found, ok
	}
	cell := id >> idxBits
	b, k := int(cell/maxCells), int(cell%maxCells)
	if b >= bands || k >= cellsInBand(b) {
		return Source{}, false
	}
	a.cellSources(m, b, k, want)
	return found, ok
}

// cellSources draws the background sources of cell k of band b.
func (a *Archive) cellSources(m *SourceModel, b, k int, fn func(Source)) {
	n := cellsInBand(b)
	decLo := -90 + float64(b)*cellSize
	w := 360 / float64(n)
	area := w * cellSize * math.Cos((decLo+cellSize/2)*deg)
	cell := uint64(b)*maxCells + uint64(k)
	r := newRNG(a.seed, m.Key, cell)
	lambda := m.Base * area
	count := int(lambda)
	if r.float() < lambda-float64(count) {
		count++
	}
	for i := range count {
		ra := float64(k)*w + r.float()*w
		// uniform in area within the band
		sLo, sHi := math.Sin(decLo*deg), math.Sin((decLo+cellSize)*deg)
		dec := math.Asin(sLo+(sHi-sLo)*r.float()) / deg
		fn(Source{ID: cell<<idxBits | uint64(i), RA: ra, Dec: dec, Mag: drawMag(r, m.MagMin, m.MagLim), key: r.u64()})
	}
}

// clusterSources draws every source of cluster ci.
func (a *Archive) clusterSources(m *SourceModel, ci int, fn func(Source)) {
	c := &m.Clusters[ci]
	r := newRNG(a.seed, m.Key, 0xc1, uint64(ci))
	lim := c.MagLim
	if lim == 0 {
		lim = m.MagLim
	}
	for i := range c.N {
		// Projected Plummer: M(<R) = R²/(R²+a²), cut at 8 core radii.
		u := r.float() * (64.0 / 65)
		rad := c.Core * math.Sqrt(u/(1-u))
		th := r.float() * 2 * math.Pi
		ra, dec := offset(c.RA, c.Dec, rad*math.Cos(th), rad*math.Sin(th))
		fn(Source{ID: clusterFlag | uint64(ci)<<clusterBits | uint64(i), RA: ra, Dec: dec,
			Mag: drawMag(r, m.MagMin, lim), key: r.u64()})
	}
}

// drawMag draws from counts growing as 10^(0.3 m) up to lim.
func drawMag(r *rng, lo, lim float64) float64 {
	u := math.Max(r.float(), 1e-12)
	return math.Max(lo, lim+math.Log10(u)/0.3)
}
