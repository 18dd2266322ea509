package mast

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"mastui/model"
)

// ValueHint is a value of a categorical criterion that no observation holds, with the
// nearest values that some do ("HTS" → HST).
type ValueHint struct {
	Column  string
	Value   string
	Nearest []string
}

// String is `obs_collection "HTS" matches nothing; did you mean HST?`.
func (h ValueHint) String() string {
	s := fmt.Sprintf("%s %s matches nothing", h.Column, strconv.Quote(h.Value))
	switch len(h.Nearest) {
	case 0:
	case 1:
		s += "; did you mean " + h.Nearest[0] + "?"
	default:
		s += "; did you mean " + strings.Join(h.Nearest[:len(h.Nearest)-1], ", ") + " or " + h.Nearest[len(h.Nearest)-1] + "?"
	}
	return s
}

// maxNearest is how many nearest values a hint offers.
const maxNearest = 3

// ValueHints checks the values of criteria on categorical columns (those with a facet:
// obs_collection, instrument_name, filters, ...) against the facets' values, case-blind
// and part by part for multi-valued cells ("F170LP;G235M" holds F170LP): each value no
// observation holds gets a hint with the nearest known values. Negations ("!X"),
// wildcards, ranges ("2..3", ">1") and columns without a facet are not checked.
func ValueHints(facets map[string][]FacetValue, criteria []Criterion) []ValueHint {
	byCol := make(map[string][]FacetValue, len(facets))
	for col, vals := range facets {
		byCol[strings.ToLower(col)] = vals
	}
	var out []ValueHint
	for _, cr := range criteria {
		vals, ok := byCol[strings.ToLower(strings.TrimSpace(cr.Name))]
		if !ok || len(vals) == 0 {
			continue
		}
		known := map[string]bool{}
		var keys []string
		for _, v := range vals {
			keys = append(keys, v.Key)
			known[strings.ToLower(v.Key)] = true
			for _, part := range strings.Split(v.Key, ";") {
				known[strings.ToLower(strings.TrimSpace(part))] = true
			}
		}
		for _, v := range strings.Split(cr.Value, ",") {
			v = strings.TrimSpace(v)
			if v == "" || strings.ContainsAny(v[:1], "!<>=") || strings.ContainsAny(v, "*%") || strings.Contains(v, "..") || known[strings.ToLower(v)] {
				continue
			}
			out = append(out, ValueHint{Column: cr.Name, Value: v, Nearest: model.Nearest(v, keys, maxNearest)})
		}
	}
	return out
}

// ValueHints checks criteria against the archive's facets (Mast.Caom.All, cached).
func (c *Client) ValueHints(ctx context.Context, criteria []Criterion) ([]ValueHint, error) {
	facets, err := c.Facets(ctx)
	if err != nil {
		return nil, err
	}
	return ValueHints(facets, criteria), nil
}
