// Package archive is the simulator's demo archive: a deterministic synthetic CAOM
// archive (observations over HST, JWST, TESS, Kepler, ... at the astroquery examples'
// coordinates), the products and file bytes computed from it, the Search API missions'
// datasets and the names the resolver knows. It never changes once built, so every
// protocol and every server can share one.
package archive

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// Obs is one CAOM observation. Float fields use NaN for null, string fields "" for null,
// CalibLevel and SeqNum -1 for null.
type Obs struct {
	IntentType, Collection, Provenance, Instrument, Project, Filters, Waveband string
	Target, TargetClass, ObsID, ProductType, PI, Title                         string
	ProposalID, ProposalType, Region, JpegURL, DataURL, DataRights             string
	RA, Dec                                                                    float64
	TMin, TMax, TExptime, EmMin, EmMax, TRelease, SrcDen                       float64
	CalibLevel, SeqNum                                                         int
	MtFlag                                                                     bool
	Obsid, ObjID                                                               uint64
	// Planned is a scheduled observation: CAOM's calib_level -1 (CalibLevel -1 is
	// otherwise null), no products or files yet.
	Planned bool

	designed bool // placed by hand (dupcheckFields), outside the generator's stream

	recipe recipe // how this observation's products are made
	key    string // mission-specific product key (GALEX tile, Kepler target, SWIFT segment, ...)
	group  int32  // JWST association group, -1 for none
}

// Product is one row of a Mast.Caom.Products answer, plus what its file needs.
type Product struct {
	ObsID, ParentObsID                                                   uint64
	Collection, DataproductType, ObsIDStr, Description, Type, DataURI    string
	ProductType, GroupDescription, SubGroup, DocURL, Project, PrvVersion string
	ProposalID, Filename, DataRights, Filters                            string
	Size                                                                 int64
	CalibLevel                                                           int
	telescope, instrument, target                                        string
	ra, dec, mjd                                                         float64
}

// MJD is when the product was made (its file's Last-Modified is the day after).
func (p *Product) MJD() float64 { return p.mjd }

// Instrument is the instrument that took the product's data ("" when unknown).
func (p *Product) Instrument() string { return p.instrument }

// Exclusive tells whether downloading the product needs a token.
func (p *Product) Exclusive() bool { return p.DataRights == "EXCLUSIVE_ACCESS" }

// Archive is the deterministic synthetic CAOM archive behind a simulator. It is built
// once by newArchive and never modified, so it is safe for concurrent use.
type Archive struct {
	seed    uint64
	obs     []Obs // sorted by obsid
	byObsid map[uint64]int32
	byObsID map[string]int32   // lower-cased obs_id -> first observation
	stems   map[string][]int32 // lower-cased file-name stem -> observations listing such files
	groups  []jwGroup
	sky     *skyIndex
	names   map[string]nameEntry // normalised object name -> resolver entry
	// extras are the Search API missions' dedicated rows, built on first use (a few ms
	// each) so start-up stays quick and each request does not rebuild them.
	extras map[string]*searchExtras
	// memo holds values computed from the archive on first use and shared by every
	// server of this archive (the Portal's Mast.Caom.All answer is the same bytes for all).
	memo sync.Map // key -> *memoEntry
	// served remembers the products of recently served URIs: finding one means building
	// whole product lists (thousands of names for a JWST visit), and a download asks for
	// the same file several times (HEAD, GET, Range resumes). Bounded: a long-running
	// simulator forgets them all when it is full.
	served bounded[string, Product]
	// lists keeps the product lists findByURI built last, by observation: the files of a
	// product list are fetched together, and each of them would build the same list again.
	lists bounded[int32, []Product]
}

// servedCap bounds Archive.served, listsCap Archive.lists.
const (
	servedCap = 1 << 14
	listsCap  = 16
)

type memoEntry struct {
	once  sync.Once
	value any
}

// Memo returns the value build computes for key, computing it once per archive: an
// archive never changes, so whatever is derived from it can be shared by its servers.
func (a *Archive) Memo(key string, build func() any) any {
	e, _ := a.memo.LoadOrStore(key, &memoEntry{})
	m := e.(*memoEntry)
	m.once.Do(func() { m.value = build() })
	return m.value
}

// jwGroup is a JWST level-3 observation with the exposure observations it combines.
type jwGroup struct {
	l3      uint64
	members []uint64
	prefix  string // "jw01073-o001", the stem of the association files
	visits  []jwVisit
}

// jwVisit holds what the guide-star and MSA files of one visit are made from.
type jwVisit struct {
	id  string // "jw01073001001"
	gs  int    // number of guide-star files
	mjd float64
	msa bool
}

// ErrNotFound is returned for unknown observations and files.
var ErrNotFound = errors.New("not found")

// Len is the number of observations.
func (a *Archive) Len() int { return len(a.obs) }

// At returns observation i (0 <= i < Len), in obsid order.
func (a *Archive) At(i int) *Obs { return &a.obs[i] }

// Observation looks an observation up by its obsid.
func (a *Archive) Observation(obsid uint64) (*Obs, bool) {
	i, ok := a.byObsid[obsid]
	if !ok {
		return nil, false
	}
	return &a.obs[i], true
}

// ObservationByObsID looks an observation up by its obs_id (case-insensitive).
func (a *Archive) ObservationByObsID(obsID string) (*Obs, bool) {
	i, ok := a.byObsID[strings.ToLower(obsID)]
	if !ok {
		return nil, false
	}
	return &a.obs[i], true
}

// Products lists the products of one observation as Mast.Caom.Products does, built on
// demand (never stored). Unknown obsids give nil.
func (a *Archive) Products(obsid uint64) []Product {
	i, ok := a.byObsid[obsid]
	if !ok {
		return nil
	}
	return a.productsOf(i, obsid)
}

// FindProduct returns the first product for which match is true, visiting observations
// one collection after another in turn (the first of each, then the second of each …),
// so a kind of file that only some missions have is found after a few listings, not
// after the half of the archive that comes first in obsid order. Deterministic.
func (a *Archive) FindProduct(match func(Product) bool) (Product, bool) {
	var order []string
	byColl := map[string][]int32{}
	for i := range a.obs {
		c := a.obs[i].Collection
		if _, ok := byColl[c]; !ok {
			order = append(order, c)
		}
		byColl[c] = append(byColl[c], int32(i))
	}
	for k := 0; ; k++ {
		more := false
		for _, c := range order {
			list := byColl[c]
			if k >= len(list) {
				continue
			}
			more = true
			for _, p := range a.productsOf(list[k], a.obs[list[k]].Obsid) {
				if match(p) {
					return p, true
				}
			}
		}
		if !more {
			return Product{}, false
		}
	}
}

// Collections counts observations per obs_collection.
func (a *Archive) Collections() map[string]int {
	out := map[string]int{}
	for i := range a.obs {
		out[a.obs[i].Collection]++
	}
	return out
}

// Cone returns the indices of observations within radius degrees of (ra, dec), in
// archive order, with their distances in arcsec.
func (a *Archive) Cone(ra, dec, radius float64) ([]int32, []float64) {
	var idx []int32
	a.sky.candidates(ra, dec, radius, func(i int32) {
		if AngDist(ra, dec, a.obs[i].RA, a.obs[i].Dec) <= radius {
			idx = append(idx, i)
		}
	})
	sort.Slice(idx, func(i, j int) bool { return idx[i] < idx[j] })
	dist := make([]float64, len(idx))
	for k, i := range idx {
		dist[k] = AngDist(ra, dec, a.obs[i].RA, a.obs[i].Dec) * 3600
	}
	return idx, dist
}

// ReferenceMJD is the simulator's fixed "today" (2026-01-01): observations whose
// t_obs_release is later are EXCLUSIVE_ACCESS. A constant keeps every run identical.
const ReferenceMJD = 61041.0

// New builds the demo archive for seed (0 means 1): the same seed, the same archive.
func New(seed int64) (*Archive, error) {
	if seed == 0 {
		seed = 1
	}
	a, err := newArchive(uint64(seed))
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	return a, nil
}

func newArchive(seed uint64) (*Archive, error) {
	g := newGen(seed)
	g.build()
	a := &Archive{seed: seed, obs: g.obs, groups: g.groups,
		served: bounded[string, Product]{cap: servedCap}, lists: bounded[int32, []Product]{cap: listsCap}}
	sort.Slice(a.obs, func(i, j int) bool { return a.obs[i].Obsid < a.obs[j].Obsid })
	a.byObsid = make(map[uint64]int32, len(a.obs))
	a.byObsID = make(map[string]int32, len(a.obs))
	for i := range a.obs {
		o := &a.obs[i]
		if _, dup := a.byObsid[o.Obsid]; dup {
			return nil, fmt.Errorf("build archive: duplicate obsid %d", o.Obsid)
		}
		if math.IsNaN(o.RA) || math.IsNaN(o.Dec) {
			return nil, fmt.Errorf("build archive: observation %s has no position", o.ObsID)
		}
		a.byObsid[o.Obsid] = int32(i)
		if _, dup := a.byObsID[strings.ToLower(o.ObsID)]; dup {
			return nil, fmt.Errorf("build archive: duplicate obs_id %s", o.ObsID)
		}
		a.byObsID[strings.ToLower(o.ObsID)] = int32(i)
	}
	assignObjIDs(a.obs, newRNG(seed, 0x0b1d))
	a.stems = make(map[string][]int32, len(a.obs)*2)
	for i := range a.obs {
		for _, s := range a.stemsOf(&a.obs[i]) {
			s = strings.ToLower(s)
			list := a.stems[s]
			if len(list) > 0 && list[len(list)-1] == int32(i) {
				continue
			}
			a.stems[s] = append(list, int32(i))
		}
	}
	a.sky = newSkyIndex(a.obs)
	a.names = buildNames(a)
	a.extras = map[string]*searchExtras{}
	for name := range searchMissions {
		a.extras[name] = &searchExtras{}
	}
	return a, nil
}

// assignObjIDs numbers observations in obsid order, as MAST's objID roughly follows it.
// HLSP and PS1 objIDs sit above 2^53 so clients that parse IDs as float64 lose digits.
// Hand-placed observations get theirs from their own range, so adding them changes no
// other observation's objID.
func assignObjIDs(obs []Obs, r *rng) {
	next := uint64(2011133418)
	big := uint64(9007199254740993) // 2^53 + 1: not representable as float64
	designed := uint64(3400000000)
	for i := range obs {
		if obs[i].designed {
			obs[i].ObjID = designed
			designed += 3
			continue
		}
		switch obs[i].Collection {
		case "HLSP", "PS1":
			obs[i].ObjID = big
			big += 2 + 2*uint64(r.intn(3))
		default:
			obs[i].ObjID = next
			next += 1 + uint64(r.intn(3))
		}
	}
}

// Members lists the exposure observations a JWST level-3 observation combines (nil
// for any other observation).
func (a *Archive) Members(o *Obs) []uint64 {
	if g := a.groupOf(o); g != nil && g.l3 == o.Obsid {
		return g.members
	}
	return nil
}

// groupOf returns the JWST group of an observation, if any.
func (a *Archive) groupOf(o *Obs) *jwGroup {
	if o.group < 0 || int(o.group) >= len(a.groups) {
		return nil
	}
	return &a.groups[o.group]
}
