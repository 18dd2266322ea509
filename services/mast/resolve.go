package mast

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"

	"mastui/services/wire"
)

// santaBatch is how many names SANTA is asked at once (astroquery: 30).
const santaBatch = 30

// NotResolvedError says a name has no position.
type NotResolvedError struct {
	Name, Resolver string
}

func (e *NotResolvedError) Error() string {
	if e.Resolver != "" {
		return fmt.Sprintf("could not resolve %q to a sky position using resolver %q", e.Name, e.Resolver)
	}
	return fmt.Sprintf("could not resolve %q to a sky position", e.Name)
}

// santaEntry is one resolvedCoordinate (SANTA and Mast.Name.Lookup share the shape).
type santaEntry struct {
	SearchString, Resolver, CanonicalName, ObjectType string
	RA, Decl                                          *float64 // "decl", not "dec"; nil when not sent
}

// Resolve turns object names into positions with SANTA (E7), in batches of 30. resolver
// is "" (SANTA's first answer), SIMBAD or NED. When SANTA itself fails (connection,
// HTTP error, unreadable answer) each name is asked of the Portal's Mast.Name.Lookup.
// A name no resolver knows is a *NotResolvedError.
func (c *Client) Resolve(ctx context.Context, names []string, resolver string) ([]Resolved, error) {
	out, unresolved, err := c.ResolveEach(ctx, names, resolver)
	if err != nil {
		return nil, err
	}
	if len(unresolved) > 0 {
		return nil, unresolved[0]
	}
	return out, nil
}

// ResolveEach is Resolve keeping what it can, as astroquery does with several names:
// out holds the resolved names in their order, unresolved the names no resolver knows
// (the caller warns and skips them). err is only for what concerns every name: a bad
// resolver, an empty name, the resolvers unreachable.
func (c *Client) ResolveEach(ctx context.Context, names []string, resolver string) (out []Resolved, unresolved []*NotResolvedError, err error) {
	resolver = strings.ToUpper(strings.TrimSpace(resolver))
	switch resolver {
	case "", "SIMBAD", "NED":
	default:
		return nil, nil, fmt.Errorf("invalid resolver %q: use SIMBAD or NED (or none for the first answer)", resolver)
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("resolve: no object name given")
	}
	clean := make([]string, len(names))
	res := make([]Resolved, len(names))
	have := make([]bool, len(names))
	var todo []string
	for i, n := range names {
		clean[i] = strings.TrimSpace(n)
		if clean[i] == "" {
			return nil, nil, fmt.Errorf("resolve: empty object name")
		}
		if r, ok := c.cachedName(clean[i], resolver); ok {
			r.Name = names[i]
			res[i], have[i] = r, true
		} else if !contains(todo, clean[i]) {
			todo = append(todo, clean[i])
		}
	}
	found := map[string]Resolved{}
	for start := 0; start < len(todo); start += santaBatch {
		batch := todo[start:min(start+santaBatch, len(todo))]
		if err := c.resolveBatch(ctx, batch, resolver, found); err != nil {
			return nil, nil, err
		}
	}
	for i := range names {
		if !have[i] {
			r, ok := found[clean[i]]
			if !ok {
				unresolved = append(unresolved, &NotResolvedError{Name: clean[i], Resolver: resolver})
				continue
			}
			c.rememberName(clean[i], resolver, r)
			r.Name = names[i]
			res[i] = r
		}
		out = append(out, res[i])
	}
	return out, unresolved, nil
}

// resolveBatch asks SANTA about names, falling back to Mast.Name.Lookup when SANTA fails.
func (c *Client) resolveBatch(ctx context.Context, names []string, resolver string, found map[string]Resolved) error {
	entries, santaErr := c.santa(ctx, names, resolver)
	if santaErr != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("resolve: %w", context.Cause(ctx))
		}
		c.log.Warn("mast SANTA failed, falling back to Mast.Name.Lookup", "err", santaErr)
		for _, n := range names {
			e, err := c.nameLookup(ctx, n)
			if err != nil {
				return bothFailed(n, santaErr, err)
			}
			if r, ok := pickEntry(n, e, resolver, false); ok {
				found[n] = r
			}
		}
		return nil
	}
	for _, n := range names {
		if r, ok := pickEntry(n, entries, resolver, true); ok {
			found[n] = r
			c.checkCatalogAgreement(n, r, entries)
		}
	}
	return nil
}

// bothFailed is the error of a name neither SANTA nor Mast.Name.Lookup could resolve,
// cause first: one cause when both met the same ("no such host x (SANTA resolver and
// Mast.Name.Lookup, resolving "M101")").
func bothFailed(name string, santaErr, lookupErr error) error {
	var a, b *TransportError
	if errors.As(santaErr, &a) && errors.As(lookupErr, &b) && a.Cause == b.Cause {
		return &TransportError{What: fmt.Sprintf("%s and %s, resolving %q", a.What, b.What, name), Cause: a.Cause,
			Retries: b.Retries, Err: lookupErr}
	}
	return fmt.Errorf("%w (resolving %q; SANTA failed too: %v)", lookupErr, name, santaErr)
}

// checkCatalogAgreement logs when a TIC/KIC/EPIC name's catalog position is more than
// 1 arcsec from the chosen resolver's (astroquery warns).
func (c *Client) checkCatalogAgreement(name string, r Resolved, entries []santaEntry) {
	cr := catalogResolver(name)
	if cr == "" || strings.EqualFold(r.Resolver, cr) {
		return
	}
	if cat, ok := pickEntry(name, entries, cr, true); ok && strings.EqualFold(cat.Resolver, cr) {
		if sep := AngularSep(r.Position, cat.Position); sep > 1.0/3600 {
			c.log.Warn("mast resolver disagreement", "name", name, "resolver", r.Resolver, "catalog", cr, "sep_arcsec", sep*3600)
		}
	}
}

// catalogResolver is the extra SANTA resolver for catalog identifiers.
func catalogResolver(name string) string {
	u := strings.ToUpper(name)
	switch {
	case strings.HasPrefix(u, "TIC "):
		return "TIC"
	case strings.HasPrefix(u, "KIC "):
		return "KEPLER"
	case strings.HasPrefix(u, "EPIC "):
		return "K2"
	}
	return ""
}

// santa sends one GET: repeated name, outputFormat=json, resolveAll=False and, when one
// is chosen, resolver (plus TIC/KEPLER/K2 for catalog names). No cookies are sent.
func (c *Client) santa(ctx context.Context, names []string, resolver string) ([]santaEntry, error) {
	return c.santaQuery(ctx, names, resolver, false)
}

// santaQuery is santa, or with all every resolver's answer (resolveAll=True, no
// resolver sent: protocol 4.1).
func (c *Client) santaQuery(ctx context.Context, names []string, resolver string, all bool) ([]santaEntry, error) {
	var q strings.Builder
	for _, n := range names {
		q.WriteString("name=" + url.QueryEscape(n) + "&")
	}
	if all {
		q.WriteString("outputFormat=json&resolveAll=True")
	} else {
		q.WriteString("outputFormat=json&resolveAll=False")
	}
	if resolver != "" && !all {
		q.WriteString("&resolver=" + resolver)
		var extra []string
		for _, n := range names {
			if cr := catalogResolver(n); cr != "" && !contains(extra, cr) {
				extra = append(extra, cr)
				q.WriteString("&resolver=" + cr)
			}
		}
	}
	u := c.cfg.ResolverURL
	if strings.Contains(u, "?") {
		u += "&" + q.String()
	} else {
		u += "?" + q.String()
	}
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	// One retry at most: the Portal fallback is a better use of the time than
	// hammering a resolver that is down.
	raw, err := c.send(ctx, httpCall{what: "SANTA resolver", method: "GET", url: u, client: c.bare, maxRetries: min(c.cfg.MaxRetries, 1),
		metadata: true})
	if err != nil {
		return nil, err
	}
	return parseResolved("SANTA resolver", raw)
}

// nameLookup asks the Portal service Mast.Name.Lookup about one name (protocol 4.2).
func (c *Client) nameLookup(ctx context.Context, name string) ([]santaEntry, error) {
	raws, err := c.InvokeRaw(ctx, InvokeRequest{Service: "Mast.Name.Lookup",
		Params: Object{{"input", name}, {"format", "json"}}, Format: "json"})
	if err != nil {
		return nil, err
	}
	var out []santaEntry
	for _, raw := range raws {
		e, err := parseResolved("Mast.Name.Lookup", raw)
		if err != nil {
			return nil, err
		}
		out = append(out, e...)
	}
	return out, nil
}

// parseResolved reads the resolvedCoordinate list SANTA and Mast.Name.Lookup answer
// with. The fields read are searchString, resolver, canonicalName, objectType, ra and
// decl; an entry without a position is no answer. Everything else is not read.
func parseResolved(service string, raw []byte) ([]santaEntry, error) {
	root, err := parseAnswer(service, raw)
	if err != nil {
		return nil, err
	}
	if _, err := root.NeedObject(); err != nil {
		return nil, err
	}
	list := root.Key("resolvedCoordinate")
	if !list.Present {
		return nil, list.Fail(wire.KindList)
	}
	items, err := list.List()
	if err != nil {
		return nil, err
	}
	out := make([]santaEntry, 0, len(items))
	for i := range items {
		v := list.Index(i)
		if _, err := v.NeedObject(); err != nil {
			return nil, err
		}
		var e santaEntry
		for _, f := range []struct {
			key string
			dst *string
		}{{"searchString", &e.SearchString}, {"resolver", &e.Resolver}, {"canonicalName", &e.CanonicalName}, {"objectType", &e.ObjectType}} {
			if *f.dst, err = v.Key(f.key).Text(); err != nil {
				return nil, err
			}
		}
		for _, f := range []struct {
			key string
			dst **float64
		}{{"ra", &e.RA}, {"decl", &e.Decl}} {
			x, ok, err := v.Key(f.key).Number()
			if err != nil {
				return nil, err
			}
			if ok {
				*f.dst = &x
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// pickEntry chooses the answer for name: entries are matched on the lower-cased
// searchString (SANTA echoes it so); then the chosen resolver's entry, for catalog
// names the catalog's entry, else the first.
func pickEntry(name string, entries []santaEntry, resolver string, bySearchString bool) (Resolved, bool) {
	var cands []santaEntry
	for _, e := range entries {
		if e.RA == nil || e.Decl == nil {
			continue
		}
		if bySearchString && strings.ToLower(e.SearchString) != strings.ToLower(name) {
			continue
		}
		cands = append(cands, e)
	}
	if len(cands) == 0 {
		return Resolved{}, false
	}
	pick := -1
	if resolver != "" {
		for i, e := range cands {
			if strings.EqualFold(e.Resolver, resolver) {
				pick = i
				break
			}
		}
		if cr := catalogResolver(name); pick < 0 && cr != "" {
			for i, e := range cands {
				if strings.EqualFold(e.Resolver, cr) {
					pick = i
					break
				}
			}
		}
		if pick < 0 {
			return Resolved{}, false
		}
	} else {
		pick = 0
	}
	e := cands[pick]
	return Resolved{Name: name, CanonicalName: e.CanonicalName, Resolver: e.Resolver, ObjectType: e.ObjectType,
		Position: Position{RA: *e.RA, Dec: *e.Decl}}, true
}

func (c *Client) cachedName(name, resolver string) (Resolved, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.resolved[strings.ToLower(name)+"\x00"+resolver]
	return r, ok
}

func (c *Client) rememberName(name, resolver string, r Resolved) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.resolved) >= maxResolvedCache {
		clear(c.resolved) // crude but bounded; names are cheap to resolve again
	}
	c.resolved[strings.ToLower(name)+"\x00"+resolver] = r
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// AngularSep is the great-circle distance between two positions in degrees (haversine).
func AngularSep(a, b Position) float64 {
	const rad = math.Pi / 180
	s := math.Sin((b.Dec-a.Dec)*rad/2)*math.Sin((b.Dec-a.Dec)*rad/2) +
		math.Cos(a.Dec*rad)*math.Cos(b.Dec*rad)*math.Sin((b.RA-a.RA)*rad/2)*math.Sin((b.RA-a.RA)*rad/2)
	return 2 * math.Asin(math.Min(1, math.Sqrt(s))) / rad
}
