package archive

import (
	"math"
	"strings"
)

// gen builds the observation list. Everything it draws comes from one seeded stream, in
// a fixed order, so the same seed always yields the same archive.
type gen struct {
	r        *rng
	seed     uint64
	obs      []Obs
	groups   []jwGroup
	counter  map[string]uint64 // obsid counters per collection
	serial   map[string]int    // per-mission serial numbers (tiles, segments, programs)
	avoid    []*Target         // background fields keep clear of named targets
	missions []mission
}

func newGen(seed uint64) *gen {
	return &gen{
		r:        newRNG(seed, 0xa7c41),
		seed:     seed,
		obs:      make([]Obs, 0, 30000),
		counter:  map[string]uint64{},
		serial:   map[string]int{},
		missions: missions(),
	}
}

// field is a pointing (or a set of nearby pointings) that a program observes.
type field struct {
	names  []string // target_name choices
	class  string   // target_classification
	ra     float64
	dec    float64
	within float64 // pointings scatter up to this many degrees from (ra, dec)
	exact  float64 // fraction of pointings exactly at (ra, dec)

	// Optional overrides used to reproduce documented examples.
	inst, filters, pi, proposal, ptype string
	calib                              int
	tmin, tmax                         float64
	exp                                [2]float64 // exposure-time range override (s)
	public                             bool
	kind                               string   // dataproduct_type override
	obsIDs                             []string // documented obs_ids for the first observations
}

// docObsID hands out the next documented obs_id of the field, if any is left.
func (f *field) docObsID() (string, bool) {
	if len(f.obsIDs) == 0 {
		return "", false
	}
	id := f.obsIDs[0]
	f.obsIDs = f.obsIDs[1:]
	return id, true
}

func (f *field) name(r *rng) string {
	if len(f.names) == 0 {
		return "ANY"
	}
	return r.pick(f.names)
}

// pos draws one pointing of the field.
func (f *field) pos(r *rng) (float64, float64) {
	if f.within <= 0 || r.chance(f.exact) {
		return f.ra, f.dec
	}
	rad := f.within * math.Sqrt(r.float())
	s, c := math.Sincos(2 * math.Pi * r.float())
	return offset(f.ra, f.dec, rad*c, rad*s)
}

// era returns the observing window, honouring field overrides.
func (f *field) era(lo, hi float64) (float64, float64) {
	if f.tmin > 0 {
		lo = math.Max(lo, f.tmin)
	}
	if f.tmax > 0 {
		hi = math.Min(hi, f.tmax)
	}
	if hi < lo {
		hi = lo + 1
	}
	return lo, hi
}

// mission ties a collection to its generator and obsid numbering.
type mission struct {
	name       string
	base, step uint64
	program    func(g *gen, f *field, n int)
	background int
	perField   [2]int
	sky        func(r *rng) (float64, float64)
	target     func(r *rng) (string, string)
}

func missions() []mission {
	allSky := randomSky
	return []mission{
		{"HST", 2003500000, 29, (*gen).hstProgram, 6500, [2]int{1, 12}, allSky, anyTargetName},
		{"JWST", 87600000, 41, (*gen).jwstProgram, 2400, [2]int{3, 14}, allSky, anyTargetName},
		{"TESS", 70000000000, 17, (*gen).tessProgram, 3200, [2]int{1, 6}, allSky, ticName},
		{"Kepler", 9000000000, 13, (*gen).keplerProgram, 1500, [2]int{1, 2}, keplerSky, kicName},
		{"K2", 9500000000, 13, (*gen).k2Program, 1200, [2]int{1, 2}, k2Sky, epicName},
		{"GALEX", 1000000000, 37, (*gen).galexProgram, 2000, [2]int{1, 2}, allSky, galexTileName},
		{"IUE", 3000000000, 11, (*gen).iueProgram, 1200, [2]int{1, 6}, allSky, starName},
		{"SWIFT", 3300000000, 7, (*gen).swiftProgram, 1500, [2]int{1, 10}, allSky, anyTargetName},
		{"FUSE", 3100000000, 19, (*gen).fuseProgram, 400, [2]int{1, 3}, allSky, starName},
		{"HLA", 2600000000, 23, (*gen).hlaProgram, 1000, [2]int{1, 4}, allSky, galaxyName},
		{"PS1", 20000000000, 31, (*gen).ps1Program, 500, [2]int{5, 5}, ps1Sky, skycellName},
		{"HLSP", 30000000000, 43, (*gen).hlspProgram, 800, [2]int{1, 5}, allSky, anyTargetName},
		{"SPITZER_SHA", 40000000000, 29, (*gen).spitzerProgram, 600, [2]int{1, 4}, allSky, anyTargetName},
		{"EUVE", 3200000000, 5, smallFor("EUVE"), 100, [2]int{1, 3}, allSky, starName},
		{"HUT", 3210000000, 5, smallFor("HUT"), 40, [2]int{1, 2}, allSky, anyTargetName},
		{"WUPPE", 3220000000, 5, smallFor("WUPPE"), 30, [2]int{1, 2}, allSky, starName},
		{"BEFS", 3230000000, 5, smallFor("BEFS"), 25, [2]int{1, 2}, allSky, starName},
		{"TUES", 3240000000, 5, smallFor("TUES"), 25, [2]int{1, 2}, allSky, starName},
		{"KeplerFFI", 9300000000, 3, smallFor("KeplerFFI"), 12, [2]int{12, 12}, keplerSky, kicName},
		{"K2FFI", 9800000000, 3, smallFor("K2FFI"), 20, [2]int{1, 1}, k2Sky, epicName},
	}
}

// smallFor makes the program generator of a small collection.
func smallFor(coll string) func(*gen, *field, int) {
	return func(g *gen, f *field, n int) { g.smallNamed(f, n, coll) }
}

func (g *gen) missionByName(name string) *mission {
	for i := range g.missions {
		if g.missions[i].name == name {
			return &g.missions[i]
		}
	}
	panic("sim: unknown mission " + name) // a typo in the tables below, caught by every test
}

// build makes the archive's observations: the generated ones, then seed 004's
// hand-placed ones (which draw nothing from the generator's stream).
func (g *gen) build() {
	g.generate()
	g.dupcheckFields()
}

// generate makes the named-target clusters first, then the background sky.
func (g *gen) generate() {
	targets := namedTargets()
	for i := range targets {
		g.avoid = append(g.avoid, &targets[i])
	}
	for i := range targets {
		g.cluster(&targets[i])
	}
	g.tessFFIs()
	for i := range g.missions {
		g.background(&g.missions[i])
	}
}

// cluster adds the observations around one named target, split into programs.
func (g *gen) cluster(t *Target) {
	for _, p := range t.parts {
		m := g.missionByName(p.coll)
		f := p.field(t)
		left := p.n
		for left > 0 {
			chunk := left
			if !p.oneProgram {
				chunk = min(left, g.r.between(1, max(2, min(60, p.n/4))))
			}
			before := len(g.obs)
			m.program(g, &f, chunk)
			left -= len(g.obs) - before
		}
	}
}

// background scatters a mission's remaining observations over its part of the sky.
func (g *gen) background(m *mission) {
	left := m.background
	for left > 0 {
		ra, dec := m.sky(g.r)
		if g.nearNamed(ra, dec) {
			continue
		}
		name, class := m.target(g.r)
		f := field{names: []string{name}, class: class, ra: ra, dec: dec, within: 0.002}
		n := min(left, g.r.between(m.perField[0], m.perField[1]))
		before := len(g.obs)
		m.program(g, &f, n)
		left -= len(g.obs) - before
	}
}

func (g *gen) nearNamed(ra, dec float64) bool {
	for _, t := range g.avoid {
		if math.Abs(dec-t.Dec) < 0.6 && AngDist(ra, dec, t.RA, t.Dec) < 0.6 {
			return true
		}
	}
	return false
}

// newObs appends an observation with the common fields set and returns it.
func (g *gen) newObs(coll string) *Obs {
	m := g.missionByName(coll)
	n := g.counter[coll]
	g.counter[coll] = n + 1
	g.obs = append(g.obs, Obs{
		Collection: coll,
		IntentType: "science",
		Obsid:      m.base + n*m.step + uint64(g.r.intn(int(m.step))),
		CalibLevel: -1,
		SeqNum:     -1,
		SrcDen:     math.NaN(),
		EmMin:      math.NaN(),
		EmMax:      math.NaN(),
		group:      -1,
	})
	return &g.obs[len(g.obs)-1]
}

// next returns a per-mission serial number.
func (g *gen) next(key string) int {
	g.serial[key]++
	return g.serial[key]
}

// finish sets the fields derived from others: release-based data rights, band.
func finish(o *Obs) {
	if o.TMax < o.TMin {
		o.TMax = o.TMin
	}
	if math.IsNaN(o.TRelease) || o.TRelease == 0 {
		o.TRelease = o.TMax + 1
	}
	o.DataRights = "PUBLIC"
	o.MtFlag = strings.HasPrefix(o.TargetClass, "SOLAR SYSTEM")
	if o.TRelease > ReferenceMJD {
		o.DataRights = "EXCLUSIVE_ACCESS"
	}
	if o.Waveband == "" && !math.IsNaN(o.EmMin) {
		o.Waveband = waveRegion(o.EmMin, o.EmMax)
	}
	o.RA = roundTo(o.RA, 1e-7)
	o.Dec = roundTo(o.Dec, 1e-7)
}

// roundTo rounds x to a multiple of q; dividing by the inverse keeps decimal values
// exact (54.34875, not 54.348749999999995).
func roundTo(x, q float64) float64 {
	if q < 1 {
		inv := math.Round(1 / q)
		return math.Round(x*inv) / inv
	}
	return math.Round(x/q) * q
}

// waveRegion names the bands an [min, max] nm interval touches, ";"-separated as MAST does.
func waveRegion(lo, hi float64) string {
	bands := []struct {
		name   string
		lo, hi float64
	}{{"XRAY", 0, 10}, {"EUV", 10, 91}, {"UV", 91, 320}, {"OPTICAL", 320, 1000}, {"INFRARED", 1000, 1e7}}
	out := ""
	for _, b := range bands {
		if hi > b.lo && lo < b.hi {
			if out != "" {
				out += ";"
			}
			out += b.name
		}
	}
	return out
}

// mjdSpan draws an observation window [t0, t0+dur] inside [lo, hi].
func (g *gen) mjdSpan(lo, hi, durDays float64) (float64, float64) {
	t0 := g.r.rangef(lo, math.Max(lo, hi-durDays))
	return roundTo(t0, 1e-6), roundTo(t0+durDays, 1e-6)
}
