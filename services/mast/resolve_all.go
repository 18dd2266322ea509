package mast

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ResolverAnswers is every resolver's answer for one name (astroquery's
// resolve_object(..., resolve_all=True)).
type ResolverAnswers struct {
	Name    string     // as typed
	Answers []Resolved // in SANTA's order (its preferred resolver first); none when unresolved
}

// ResolveAll asks SANTA for every resolver's answer (resolveAll=True, no resolver
// chosen) about each name, in batches of 30 names per request (protocol 4.1). The
// result has one entry per name, in order; a name no resolver knows has no answers (it
// is not an error). When SANTA itself fails, each name of the batch is asked of the
// Portal's Mast.Name.Lookup, whose answers are kept as they come. err is for what
// concerns every name: none given, an empty one, the resolvers unreachable.
func (c *Client) ResolveAll(ctx context.Context, names ...string) ([]ResolverAnswers, error) {
	if len(names) == 0 {
		return nil, errors.New("resolve: no object name given")
	}
	// SANTA matches names lower-cased, so "M101" and "m101" are one question (asking
	// both would give each the other's answers too).
	clean := make([]string, len(names))
	var todo []string
	for i, n := range names {
		if clean[i] = strings.ToLower(strings.TrimSpace(n)); clean[i] == "" {
			return nil, errors.New("resolve: empty object name")
		}
		if !contains(todo, clean[i]) {
			todo = append(todo, clean[i])
		}
	}
	found := map[string][]Resolved{}
	for start := 0; start < len(todo); start += santaBatch {
		batch := todo[start:min(start+santaBatch, len(todo))]
		if err := c.resolveAllBatch(ctx, batch, found); err != nil {
			return nil, err
		}
	}
	out := make([]ResolverAnswers, len(names))
	for i, n := range names {
		out[i].Name = n
		for _, r := range found[clean[i]] {
			r.Name = n
			out[i].Answers = append(out[i].Answers, r)
		}
	}
	return out, nil
}

// resolveAllBatch asks SANTA about a batch, falling back to Mast.Name.Lookup per name.
func (c *Client) resolveAllBatch(ctx context.Context, names []string, found map[string][]Resolved) error {
	entries, santaErr := c.santaQuery(ctx, names, "", true)
	if santaErr == nil {
		for _, n := range names {
			found[n] = answersFor(n, entries, true)
		}
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("resolve: %w", context.Cause(ctx))
	}
	c.log.Warn("mast SANTA failed, falling back to Mast.Name.Lookup", "err", santaErr)
	for _, n := range names {
		e, err := c.nameLookup(ctx, n)
		if err != nil {
			return bothFailed(n, santaErr, err)
		}
		found[n] = answersFor(n, e, false)
	}
	return nil
}

// answersFor is every entry with a position for name (matched on the lower-cased
// searchString when bySearchString), in the order sent.
func answersFor(name string, entries []santaEntry, bySearchString bool) []Resolved {
	var out []Resolved
	for _, e := range entries {
		if e.RA == nil || e.Decl == nil || bySearchString && strings.ToLower(e.SearchString) != strings.ToLower(name) {
			continue
		}
		out = append(out, Resolved{Name: name, CanonicalName: e.CanonicalName, Resolver: e.Resolver,
			ObjectType: e.ObjectType, Position: Position{RA: *e.RA, Dec: *e.Decl}})
	}
	return out
}
