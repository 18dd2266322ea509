package mast

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// facetCache holds the parsed Mast.Caom.All histograms.
type facetCache struct {
	at     time.Time
	values map[string][]FacetValue // column -> values, hist order first
	keys   map[string][]string     // column -> every histObj key except "hist", byte-sorted
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
	fc, err = parseFacets(raws[0])
	if err != nil {
		return nil, fmt.Errorf("Mast.Caom.All: %w", err)
	}
	c.mu.Lock()
	c.facets = fc
	c.mu.Unlock()
	return fc, nil
}

type histEntry struct {
	Key   any         `json:"key"`
	Count json.Number `json:"count"`
}

// parseFacets reads data.Tables[0].Columns[].ExtendedProperties.histObj of an extjs
// answer (protocol 3.3).
func parseFacets(raw []byte) (*facetCache, error) {
	var body struct {
		Data struct {
			Tables []struct {
				Columns []struct {
					Text      string `json:"text"`
					DataIndex string `json:"dataIndex"`
					Ext       struct {
						HistObj map[string]json.RawMessage `json:"histObj"`
					} `json:"ExtendedProperties"`
				} `json:"Columns"`
			} `json:"Tables"`
		} `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return nil, fmt.Errorf("decode extjs answer: %w", err)
	}
	if len(body.Data.Tables) == 0 {
		return nil, fmt.Errorf("extjs answer has no table")
	}
	fc := &facetCache{at: time.Now(), values: map[string][]FacetValue{}, keys: map[string][]string{}}
	for _, col := range body.Data.Tables[0].Columns {
		if col.Ext.HistObj == nil {
			continue
		}
		name := col.Text
		if name == "" {
			name = col.DataIndex
		}
		vals, keys, err := parseHistObj(col.Ext.HistObj)
		if err != nil {
			return nil, fmt.Errorf("histogram of %s: %w", name, err)
		}
		fc.values[name], fc.keys[name] = vals, keys
	}
	return fc, nil
}

// parseHistObj returns the values in "hist" order (then any other keys, sorted) and the
// sorted key list.
func parseHistObj(h map[string]json.RawMessage) ([]FacetValue, []string, error) {
	keys := make([]string, 0, len(h))
	for k := range h {
		if k != "hist" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var hist []histEntry
	if raw, ok := h["hist"]; ok {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&hist); err != nil {
			return nil, nil, fmt.Errorf("hist list: %w", err)
		}
	}
	seen := map[string]bool{}
	var vals []FacetValue
	for _, e := range hist {
		k := propText(e.Key)
		if seen[k] {
			continue
		}
		seen[k] = true
		vals = append(vals, FacetValue{Key: k, Count: countOf(e.Count)})
	}
	for _, k := range keys {
		if seen[k] {
			continue
		}
		var e histEntry
		dec := json.NewDecoder(bytes.NewReader(h[k]))
		dec.UseNumber()
		_ = dec.Decode(&e) // a malformed entry still names a value; its count stays 0
		vals = append(vals, FacetValue{Key: k, Count: countOf(e.Count)})
	}
	return vals, keys, nil
}

func countOf(n json.Number) int64 {
	if v, err := n.Int64(); err == nil {
		return v
	}
	if f, err := strconv.ParseFloat(string(n), 64); err == nil {
		return int64(f)
	}
	return 0
}
