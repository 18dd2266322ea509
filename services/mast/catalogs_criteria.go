package mast

import (
	"context"
	"fmt"
	"sort"
	"time"

	"mastui/services/wire"
)

// criteriaConfig is the configuration criteria of a catalog are checked against
// (protocol 3.5): the columnsconfig of Mast.Catalogs.Tess.Cone / Mast.Catalogs.Dd.Cone
// with each entry named in the Mast.Catalogs.All.* histograms replaced (not merged) by
// that histogram minus its "hist" key, so continuous columns become
// {"type": "numeric", "min", "max"} and discrete ones carry their values. Cached per
// client like every columnsconfig.
func (c *Client) criteriaConfig(ctx context.Context, cat Catalog) (*colConfig, error) {
	key := "criteria " + cat.colCfgID + " + " + cat.hist
	c.mu.Lock()
	cc := c.colConfig[key]
	c.mu.Unlock()
	if cc != nil {
		return cc, nil
	}
	base, err := c.columnsConfig(ctx, cat.colCfgID)
	if err != nil {
		return nil, err
	}
	raws, err := c.InvokeRaw(ctx, InvokeRequest{Service: cat.hist, Params: Object{}, Format: "extjs", OmitPaging: true})
	if err != nil {
		return nil, err
	}
	if len(raws) == 0 {
		return nil, fmt.Errorf("%s: no answer", cat.hist)
	}
	h, err := parseCatalogHistograms(cat.hist, raws[0])
	if err != nil {
		return nil, err
	}
	cc = mergeHistograms(base, h)
	c.mu.Lock()
	c.colConfig[key] = cc
	c.mu.Unlock()
	return cc, nil
}

// catalogHistograms are the table-level histograms of a Mast.Catalogs.All.* answer.
type catalogHistograms struct {
	order      []string                // columns in answer order (discrete first)
	discrete   map[string][]FacetValue // values in hist order
	continuous map[string][2]float64   // min, max
}

// parseCatalogHistograms reads data.Tables[0].ExtendedProperties.discreteHistogram
// ({col: {"hist": [{key, count}], <value>: {key, count}, ...}}) and
// .continuousHistogram ({col: {"min", "max", "type", "hist": {...}}}), protocol 3.3.
// Keys it does not read never fail it; one it reads in another shape fails naming it.
func parseCatalogHistograms(service string, raw []byte) (*catalogHistograms, error) {
	root, err := parseAnswer(service, raw)
	if err != nil {
		return nil, err
	}
	if _, err := root.NeedObject(); err != nil {
		return nil, err
	}
	if status, _ := root.Key("status").Text(); status == "ERROR" {
		msg, _ := root.Key("msg").Text()
		return nil, fmt.Errorf("%s: %w", service, &RemoteError{Service: service, Msg: msg})
	}
	if _, err := root.Key("data").NeedObject(); err != nil {
		return nil, err
	}
	tables := root.Key("data").Key("Tables")
	list, err := tables.NeedList()
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, &wire.ShapeError{Service: service, Field: tables.Path, Want: "a list with a table", Got: "an empty list"}
	}
	if _, err := tables.Index(0).NeedObject(); err != nil {
		return nil, err
	}
	ext := tables.Index(0).Key("ExtendedProperties")
	if _, err := ext.NeedObject(); err != nil {
		return nil, err
	}
	h := &catalogHistograms{discrete: map[string][]FacetValue{}, continuous: map[string][2]float64{}}
	disc := ext.Key("discreteHistogram")
	dobj, err := disc.Object()
	if err != nil {
		return nil, err
	}
	for _, col := range sortedKeys(dobj) {
		v := disc.Key(col)
		obj, err := v.NeedObject()
		if err != nil {
			return nil, err
		}
		vals, _, err := parseHistObj(v, obj)
		if err != nil {
			return nil, err
		}
		h.order, h.discrete[col] = append(h.order, col), vals
	}
	cont := ext.Key("continuousHistogram")
	cobj, err := cont.Object()
	if err != nil {
		return nil, err
	}
	for _, col := range sortedKeys(cobj) {
		v := cont.Key(col)
		if _, err := v.NeedObject(); err != nil {
			return nil, err
		}
		lo, okLo, err := v.Key("min").Number()
		if err != nil {
			return nil, err
		}
		hi, okHi, err := v.Key("max").Number()
		if err != nil {
			return nil, err
		}
		if !okLo || !okHi {
			continue // a range without bounds says nothing
		}
		h.order, h.continuous[col] = append(h.order, col), [2]float64{lo, hi}
	}
	return h, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// mergeHistograms replaces the entries of base named in h, as astroquery does
// (dict.update): a continuous column becomes {"type": "numeric", "min", "max"}, a
// discrete one {<value>: {"key", "count"}, ...}, losing text, unit and separator. Columns
// only in the histograms are added at the end.
func mergeHistograms(base *colConfig, h *catalogHistograms) *colConfig {
	out := &colConfig{cols: make(map[string]map[string]any, len(base.cols)), order: append([]string(nil), base.order...),
		values: map[string][]FacetValue{}}
	for k, v := range base.cols {
		out.cols[k] = v
	}
	for _, col := range h.order {
		if _, ok := out.cols[col]; !ok {
			out.order = append(out.order, col)
		}
		if r, ok := h.continuous[col]; ok {
			out.cols[col] = map[string]any{"type": "numeric", "min": numberProp(r[0]), "max": numberProp(r[1])}
			continue
		}
		e := map[string]any{}
		for _, v := range h.discrete[col] {
			e[v.Key] = map[string]any{"key": v.Key, "count": v.Count}
		}
		out.cols[col] = e
		out.values[col] = h.discrete[col]
	}
	return out
}

// catalogFilters encodes criteria against the catalog's merged configuration
// (protocol 3.8.1); negations take their value lists from the histograms.
func (c *Client) catalogFilters(ctx context.Context, cat Catalog, criteria []Criterion) ([]any, error) {
	out := []any{}
	if len(criteria) == 0 {
		return out, nil
	}
	cc, err := c.criteriaConfig(ctx, cat)
	if err != nil {
		return nil, fmt.Errorf("criteria: %w", err)
	}
	fc := &facetCache{at: time.Now(), values: cc.values}
	enc := &filterEncoder{cc: cc, facets: func() (*facetCache, error) { return fc, nil }}
	for _, cr := range criteria {
		f, err := enc.encode(cr)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
