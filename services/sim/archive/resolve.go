package archive

import (
	"strconv"
	"strings"
)

// nameEntry is what the resolver knows about one object name.
type nameEntry struct {
	canonical, objType string
	ra, dec, radius    float64
	nedFirst           bool
	catalog            string // "TIC", "KEPLER" or "K2" for catalogue identifiers
}

// normName folds case, spaces, hyphens and leading zeros so "M 101", "m101",
// "Messier 101" and "MESSIER 101" meet; "NGC 05457" and "ngc5457" likewise.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '-', '_', '\t':
			continue
		}
		b.WriteRune(r)
	}
	n := foldDesignation(b.String())
	if strings.HasPrefix(n, "kplr") {
		if v, err := strconv.Atoi(n[4:]); err == nil {
			return "kic" + strconv.Itoa(v)
		}
	}
	return n
}

// foldDesignation writes "messier031" as "m31" and "ngc0628" as "ngc628" (names already
// lower-cased, without spaces); any other name comes back as it was.
func foldDesignation(n string) string {
	if prefix, num, ok := numbered(n); ok {
		switch prefix {
		case "m", "messier":
			return "m" + num
		case "ngc", "ic", "ugc", "hd", "gj", "tic", "kic", "epic":
			return prefix + num
		}
	}
	return n
}

// numbered splits a catalog designation such as "ngc0628" into its letters and its
// number without leading zeros ("ngc", "628"); ok is false when n does not end in a
// digit. (By hand: normName runs for every observation of the archive, and two regular
// expressions there were most of the archive's build time.)
func numbered(n string) (prefix, num string, ok bool) {
	i := len(n)
	for i > 0 && n[i-1] >= '0' && n[i-1] <= '9' {
		i--
	}
	if i == len(n) {
		return "", "", false
	}
	num = strings.TrimLeft(n[i:], "0")
	if num == "" {
		num = "0"
	}
	return n[:i], num, true
}

// genericTargets are target names that are not objects (calibrations, FFIs).
var genericTargets = map[string]bool{
	"any": true, "dark": true, "bias": true, "none": true, "flat": true, "tessffi": true,
	"keplerffi": true, "k2ffi": true, "": true,
}

// buildNames indexes the named targets and every object name in the archive, so that
// any target_name a user sees resolves to where its observations are.
func buildNames(a *Archive) map[string]nameEntry {
	out := map[string]nameEntry{}
	for i := range a.obs {
		o := &a.obs[i]
		if o.MtFlag {
			continue // moving targets have no fixed position to resolve to
		}
		name := o.Target
		catalog := ""
		switch o.Collection {
		case "TESS":
			name, catalog = "TIC "+o.Target, "TIC"
		case "Kepler":
			catalog = "KEPLER"
		case "K2":
			catalog = "K2"
		case "GALEX", "PS1":
			continue // tile and sky-cell names are not objects
		}
		k := normName(name)
		if genericTargets[k] {
			continue
		}
		if _, seen := out[k]; !seen {
			out[k] = nameEntry{canonical: name, ra: o.RA, dec: o.Dec, catalog: catalog}
		}
	}
	for _, t := range namedTargets() {
		if t.Name == "" {
			continue
		}
		e := nameEntry{canonical: t.Canonical, objType: t.Type, ra: t.RA, dec: t.Dec, radius: t.Radius, nedFirst: t.NEDFirst}
		for _, n := range append([]string{t.Name, t.Canonical}, t.Aliases...) {
			out[normName(n)] = e
		}
	}
	searchNames(out)
	return out
}

// Resolved is one SANTA answer entry (field order as SANTA sends it).
type Resolved struct {
	SearchString  string   `json:"searchString"`
	Resolver      string   `json:"resolver"`
	Cached        bool     `json:"cached"`
	ResolverTime  int      `json:"resolverTime"`
	CacheDate     string   `json:"cacheDate"`
	SearchRadius  float64  `json:"searchRadius"`
	CanonicalName string   `json:"canonicalName"`
	RA            float64  `json:"ra"`
	Decl          float64  `json:"decl"`
	Radius        *float64 `json:"radius,omitempty"`
	MajorAxis     *float64 `json:"majorAxis,omitempty"`
	MinorAxis     *float64 `json:"minorAxis,omitempty"`
	ObjectType    string   `json:"objectType,omitempty"`
}

// ResolveAll returns every resolver's answer for a name, preferred resolver first.
func (a *Archive) ResolveAll(input string) []Resolved {
	e, ok := a.names[normName(input)]
	if !ok {
		return nil
	}
	h := HashString(normName(input))
	entry := func(resolver string, dra, ddec float64) Resolved {
		ra, dec := e.ra, e.dec
		if dra != 0 || ddec != 0 {
			ra, dec = offset(e.ra, e.dec, dra/3600, ddec/3600)
		}
		r := Resolved{
			SearchString: strings.ToLower(input), Resolver: resolver, Cached: true,
			ResolverTime: 3 + int(h%290), CacheDate: "Sep 2, 2025, 8:13:51 PM", SearchRadius: -1,
			CanonicalName: e.canonical, RA: roundTo(ra, 1e-6), Decl: roundTo(dec, 1e-6), ObjectType: e.objType,
		}
		if e.radius > 0 {
			rad, maj, mnr := e.radius, roundTo(e.radius*2*60, 0.01), roundTo(e.radius*1.8*60, 0.01)
			r.Radius, r.MajorAxis, r.MinorAxis = &rad, &maj, &mnr
		}
		return r
	}
	// The preferred resolver gives the catalogue position; the other differs by a
	// fraction of an arcsec, as SIMBAD and NED do.
	dra, ddec := float64(int(h%7))*0.1-0.35, float64(int(h>>8%7))*0.1-0.35
	simbad, ned := entry("SIMBAD", 0, 0), entry("NED", dra, ddec)
	if e.nedFirst {
		simbad, ned = entry("SIMBAD", dra, ddec), entry("NED", 0, 0)
	}
	ned.CanonicalName = strings.ToUpper(strings.ReplaceAll(e.canonical, "M ", "MESSIER "))
	out := []Resolved{simbad, ned}
	if e.nedFirst {
		out = []Resolved{ned, simbad}
	}
	if e.catalog != "" {
		out = append([]Resolved{entry(e.catalog, 0, 0)}, out...)
	}
	return out
}
