package mast

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// FacetRowLimit is the most observations QueryFacets counts: one page of the facet
// columns. A search matching more is counted archive-wide instead (Partial).
const FacetRowLimit = 50000

// QueryFacets are the values of the categorical columns among the observations one
// search matches.
type QueryFacets struct {
	Values map[string][]FacetValue // column -> values, most frequent first
	Rows   int64                   // the observations the search matches
	// Partial: the search matches more than FacetRowLimit observations, so Values is
	// empty (counting a first page would mislead).
	Partial bool
}

// QueryFacets counts the values of columns among the observations q matches. MAST's
// Portal sends histograms (histObj) only with Mast.Caom.All, for the whole archive
// (protocol 3.3); for one search it documents Mast.Caom.Filtered[.Position] with a
// comma list of columns (3.7), so that is asked, one page of at most FacetRowLimit
// rows of just these columns, and the values are counted here: each part of a
// multi-valued cell ("F170LP;G235M", the columnsconfig separator) counts once,
// values differing only in case count together under the first spelling seen.
func (c *Client) QueryFacets(ctx context.Context, q Query, columns []string) (*QueryFacets, error) {
	if len(columns) == 0 {
		return &QueryFacets{Values: map[string][]FacetValue{}}, nil
	}
	req, _, err := c.searchRequest(ctx, q, true) // Filtered[.Position], even without criteria
	if err != nil {
		return nil, err
	}
	cc, err := c.obsConfig(ctx, obsConfigID)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(columns))
	seps := map[string]string{}
	for _, col := range columns {
		name, entry, ok := cc.lookup(col)
		if !ok {
			return nil, fmt.Errorf("facets: unknown column %q", col)
		}
		names = append(names, name)
		if s, ok := entry["separator"].(string); ok && s != "" {
			seps[name] = s
		}
	}
	params, _ := req.Params.(Object)
	for i, kv := range params {
		if kv.Key == "columns" {
			params[i].Value = strings.Join(names, ",")
		}
	}
	req.Page, req.PageSize = 1, FacetRowLimit
	ans, err := c.invoke(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	if len(ans) == 0 {
		return nil, fmt.Errorf("facets: %s: no answer", req.Service)
	}
	t, err := concat(req.Service, ans, false)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	out := &QueryFacets{Values: map[string][]FacetValue{}, Rows: int64(t.Rows())}
	if pg := ans[len(ans)-1].resp.Paging; pg != nil && pg.RowsFiltered > out.Rows {
		out.Rows, out.Partial = pg.RowsFiltered, true
		return out, nil
	}
	for _, name := range names {
		col := t.Col(name)
		if col == nil {
			continue
		}
		counts := map[string]int64{}
		label := map[string]string{}
		for r := 0; r < col.Len(); r++ {
			if col.IsMasked(r) {
				continue
			}
			v := col.String(r)
			parts := []string{v}
			if s := seps[name]; s != "" {
				parts = strings.Split(v, s)
			}
			for _, p := range parts {
				if p = strings.TrimSpace(p); p == "" {
					continue
				}
				k := strings.ToLower(p)
				if _, ok := label[k]; !ok {
					label[k] = p
				}
				counts[k]++
			}
		}
		vals := make([]FacetValue, 0, len(counts))
		for k, n := range counts {
			vals = append(vals, FacetValue{Key: label[k], Count: n})
		}
		sort.Slice(vals, func(i, j int) bool {
			if vals[i].Count != vals[j].Count {
				return vals[i].Count > vals[j].Count
			}
			return vals[i].Key < vals[j].Key
		})
		out.Values[name] = vals
	}
	return out, nil
}
