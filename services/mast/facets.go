package mast

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"mastui/services/wire"
)

// facetCache holds the parsed Mast.Caom.All histograms.
type facetCache struct {
	at     time.Time
	values map[string][]FacetValue // column -> values, hist order first
	keys   map[string][]string     // column -> every histObj key except "hist", byte-sorted
	hists  map[string]Histogram    // numeric column -> its binned distribution
}

// Collections lists the obs_collection values like list_missions: the histObj keys of
// Mast.Caom.All, byte-order sorted, "hist" removed.
func (c *Client) Collections(ctx context.Context) ([]string, error) {
	fc, err := c.facetCache(ctx)
	if err != nil {
		return nil, fmt.Errorf("collections: %w", err)
	}
	keys, ok := fc.keys["obs_collection"]
	if !ok {
		return nil, fmt.Errorf("collections: Mast.Caom.All has no obs_collection histogram")
	}
	return append([]string(nil), keys...), nil
}

// Histograms returns the binned distributions of the numeric columns of Mast.Caom.All
// (t_min, t_exptime, …; cached with the facets).
func (c *Client) Histograms(ctx context.Context) (map[string]Histogram, error) {
	fc, err := c.facetCache(ctx)
	if err != nil {
		return nil, fmt.Errorf("histograms: %w", err)
	}
	out := make(map[string]Histogram, len(fc.hists))
	for k, h := range fc.hists {
		out[k] = Histogram{Min: h.Min, Max: h.Max, Counts: append([]int64(nil), h.Counts...)}
	}
	return out, nil
}

// Facets returns every column histogram of Mast.Caom.All (cached for an hour).
func (c *Client) Facets(ctx context.Context) (map[string][]FacetValue, error) {
	fc, err := c.facetCache(ctx)
	if err != nil {
		return nil, fmt.Errorf("facets: %w", err)
	}
	out := make(map[string][]FacetValue, len(fc.values))
	for k, v := range fc.values {
		out[k] = append([]FacetValue(nil), v...)
	}
	return out, nil
}

func (c *Client) facetCache(ctx context.Context) (*facetCache, error) {
	c.mu.Lock()
	fc := c.facets
	c.mu.Unlock()
	if fc != nil && time.Since(fc.at) < facetTTL {
		return fc, nil
	}
	raws, err := c.InvokeRaw(ctx, InvokeRequest{Service: "Mast.Caom.All", Params: Object{}, Format: "extjs"})
	if err != nil {
		return nil, err
	}
	if len(raws) == 0 {
		return nil, fmt.Errorf("Mast.Caom.All: no answer")
	}
	if fc, err = parseFacets(raws[0]); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.facets = fc
	c.mu.Unlock()
	return fc, nil
}

// parseFacets reads data.Tables[0].Columns[].ExtendedProperties.histObj of an extjs
// answer (protocol 3.3). Categorical columns carry a "hist" list of {key, count} and
// one entry per value; numeric ones a binned histogram ("hist" is an object, "type" is
// "numeric"), which is not a facet and is skipped, as is every key this does not read.
func parseFacets(raw []byte) (*facetCache, error) {
	const service = "Mast.Caom.All"
	root, err := parseAnswer(service, raw)
	if err != nil {
		return nil, err
	}
	if _, err := root.NeedObject(); err != nil {
		return nil, err
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
	columns := tables.Index(0).Key("Columns")
	cols, err := columns.NeedList()
	if err != nil {
		return nil, err
	}
	fc := &facetCache{at: time.Now(), values: map[string][]FacetValue{}, keys: map[string][]string{}, hists: map[string]Histogram{}}
	for i := range cols {
		col := columns.Index(i)
		if _, err := col.NeedObject(); err != nil {
			return nil, err
		}
		name, err := col.Key("text").Text()
		if err != nil {
			return nil, err
		}
		if name == "" {
			if name, err = col.Key("dataIndex").Text(); err != nil {
				return nil, err
			}
		}
		if _, err := col.Key("ExtendedProperties").Object(); err != nil {
			return nil, err
		}
		h := col.Key("ExtendedProperties").Key("histObj")
		obj, err := h.Object()
		if err != nil || obj == nil || name == "" {
			if err != nil {
				return nil, err
			}
			continue
		}
		if h.Key("hist").Kind() == wire.KindObject { // a numeric column's bins: not a facet
			if hist, ok := parseBinned(h); ok {
				fc.hists[name] = hist
			}
			continue
		}
		vals, keys, err := parseHistObj(h, obj)
		if err != nil {
			return nil, err
		}
		if vals != nil {
			fc.values[name], fc.keys[name] = vals, keys
		}
	}
	return fc, nil
}

// parseHistObj reads a categorical histogram: the values in "hist" order, then any
// other keyed {key, count} entries, sorted, and the sorted keys (list_missions). A
// numeric histogram gives nil. Keyed entries of values the hist list has are not read.
func parseHistObj(h wire.Val, obj map[string]any) ([]FacetValue, []string, error) {
	hist := h.Key("hist")
	if t, _ := h.Key("type").Text(); strings.EqualFold(t, "numeric") || hist.Kind() == wire.KindObject {
		return nil, nil, nil
	}
	list, err := hist.List()
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	vals := []FacetValue{}
	for i := range list {
		e := hist.Index(i)
		key, count, err := histEntry(e)
		if err != nil {
			return nil, nil, err
		}
		if !seen[key] {
			seen[key] = true
			vals = append(vals, FacetValue{Key: key, Count: count})
		}
	}
	// The keys are the values: those of the hist list and the keyed value entries.
	// "hist" and members that are not objects ("type", "min", ...) are not values.
	keys := make([]string, 0, len(obj))
	for _, v := range vals {
		keys = append(keys, v.Key)
	}
	var extra []string
	for k := range obj {
		if _, isObj := obj[k].(map[string]any); k != "hist" && isObj && !seen[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	keys = append(keys, extra...)
	sort.Strings(keys)
	for _, k := range extra {
		_, count, err := histCount(h.Key(k))
		if err != nil {
			return nil, nil, err
		}
		vals = append(vals, FacetValue{Key: k, Count: count})
	}
	return vals, keys, nil
}

// parseBinned reads a numeric column's histObj (protocol 3.3): {"hist": {"hist": [{key:
// bin start, count}, ...]}, "min", "max", "type": "numeric"}, bins put in key order. A
// histogram in a shape it cannot read is left out (ok false), not an error: it only
// decorates the form, and failing would lose the facets of the same answer.
func parseBinned(h wire.Val) (Histogram, bool) {
	bins := h.Key("hist").Key("hist")
	list, err := bins.List()
	if err != nil || len(list) == 0 {
		return Histogram{}, false
	}
	type bin struct {
		start float64
		count int64
	}
	bs := make([]bin, 0, len(list))
	for i := range list {
		e := bins.Index(i)
		if obj, err := e.Object(); err != nil || obj == nil {
			return Histogram{}, false
		}
		start, ok, err := e.Key("key").Number()
		if err != nil || !ok {
			return Histogram{}, false
		}
		n, _, err := e.Key("count").Number()
		if err != nil {
			return Histogram{}, false
		}
		bs = append(bs, bin{start, int64(n)})
	}
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].start < bs[j].start })
	out := Histogram{Counts: make([]int64, len(bs)), Min: bs[0].start, Max: bs[len(bs)-1].start}
	for i, b := range bs {
		out.Counts[i] = b.count
	}
	// The range sent, when it is one; else the first and last bins' starts bound it.
	lo, okLo, errLo := h.Key("min").Number()
	hi, okHi, errHi := h.Key("max").Number()
	if errLo == nil && errHi == nil && okLo && okHi && lo <= hi {
		out.Min, out.Max = lo, hi
	}
	return out, true
}

// histEntry reads one {key, count} of a hist list; the key may be a number.
func histEntry(e wire.Val) (string, int64, error) {
	if _, err := e.NeedObject(); err != nil {
		return "", 0, err
	}
	key, err := e.Key("key").Text()
	if err != nil {
		return "", 0, err
	}
	if e.Key("key").Absent() {
		return "", 0, e.Key("key").Fail(wire.KindString)
	}
	_, count, err := histCount(e)
	return key, count, err
}

// histCount reads the count of a value entry (absent counts 0).
func histCount(e wire.Val) (bool, int64, error) {
	n, ok, err := e.Key("count").Number()
	return ok, int64(n), err
}
