package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
)

// facetColumns get an ExtendedProperties.histObj in the Mast.Caom.All answer.
var facetColumns = map[string]bool{
	"obs_collection": true, "instrument_name": true, "dataproduct_type": true, "intentType": true,
	"dataRights": true, "calib_level": true, "project": true, "wavelength_region": true,
	"provenance_name": true, "filters": true, "proposal_type": true,
}

// caomAllAnswer renders Mast.Caom.All (format extjs): per column facets with counts,
// computed once because the archive never changes.
func caomAllAnswer(a *Archive, cols []column[obsRow]) []byte {
	labels := map[string]colMeta{}
	for _, m := range caomMeta {
		labels[m.name] = m
	}
	columns := []any{}
	fields := []any{}
	cont := ordered{}
	for ci := range cols {
		c := &cols[ci]
		m := labels[c.name]
		ext := ordered{{"vot.datatype", m.datatype}, {"cc.text", m.label}}
		if m.separator != "" {
			ext = append(ext, kv{"separator", m.separator})
		}
		if facetColumns[c.name] {
			ext = append(ext, kv{"histObj", facet(a, c, m.separator)})
		}
		if c.kind == kindFloat {
			if h, ok := binned(a, c); ok {
				ext = append(ext, kv{"histObj", h})
				cont = append(cont, kv{c.name, ordered{{"min", h[1].v}, {"max", h[2].v}, {"type", "numeric"}}})
			}
		}
		columns = append(columns, ordered{{"text", c.name}, {"dataIndex", c.name}, {"ExtendedProperties", ext}})
		fields = append(fields, ordered{{"name", c.name}, {"type", c.jsonType}})
	}
	zero := ordered{{"page", 0}, {"pageSize", 0}, {"pagesFiltered", 0}, {"rows", 0}, {"rowsFiltered", 0}, {"rowsTotal", 0}}
	table := ordered{
		{"name", "Table"},
		{"ExtendedProperties", ordered{{"Paging", zero}, {"discreteHistogram", ordered{}}, {"continuousHistogram", cont}}},
		{"Columns", columns}, {"Fields", fields}, {"Rows", []any{}},
	}
	out := ordered{{"status", "COMPLETE"}, {"msg", ""}, {"data", ordered{
		{"name", "NewDataSet"}, {"ExtendedProperties", ordered{}}, {"Tables", []any{table}},
	}}}
	b, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Sprintf("sim: Mast.Caom.All answer: %v", err)) // static structure; a failure is a bug
	}
	return b
}

// facet counts the values of a discrete column (each part of multi-valued cells):
// {"hist": [{"count", "key"}...], "<key>": {"count", "key"}, ...}, most frequent first.
func facet(a *Archive, c *column[obsRow], sep string) ordered {
	counts := map[string]int{}
	for i := range a.obs {
		v, ok := c.text(&obsRow{o: &a.obs[i]})
		if !ok {
			continue
		}
		parts := []string{v}
		if sep != "" {
			parts = strings.Split(v, sep)
		}
		for _, p := range parts {
			counts[p]++
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	hist := make([]any, len(keys))
	out := ordered{{"hist", nil}}
	for i, k := range keys {
		e := ordered{{"count", counts[k]}, {"key", k}}
		hist[i] = e
		out = append(out, kv{k, e})
	}
	out[0].v = hist
	return out
}

// histBins is how many bins a numeric column's histogram has (MAST: about a hundred).
const histBins = 100

// binned is the histObj MAST sends for a numeric column (protocol 3.3): a nested
// histogram, {"hist": {"hist": [{"key": <bin start>, "count": n}, ...]}, "min", "max",
// "type": "numeric"}; false when the column has no values.
func binned(a *Archive, c *column[obsRow]) (ordered, bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range a.obs {
		if v, ok := c.number(&obsRow{o: &a.obs[i]}); ok {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return nil, false
	}
	width := (hi - lo) / histBins
	counts := make([]int, histBins)
	for i := range a.obs {
		if v, ok := c.number(&obsRow{o: &a.obs[i]}); ok {
			b := histBins - 1
			if width > 0 {
				b = min(int((v-lo)/width), histBins-1)
			}
			counts[b]++
		}
	}
	bins := make([]any, histBins)
	for b := range bins {
		bins[b] = ordered{{"key", lo + float64(b)*width}, {"count", counts[b]}}
	}
	return ordered{{"hist", ordered{{"hist", bins}}}, {"min", lo}, {"max", hi}, {"type", "numeric"}}, true
}
