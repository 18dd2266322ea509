package portal

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// facetColumns get an ExtendedProperties.histObj in the Mast.Caom.All answer.
var facetColumns = map[string]bool{
	"obs_collection": true, "instrument_name": true, "dataproduct_type": true, "intentType": true,
	"dataRights": true, "calib_level": true, "project": true, "wavelength_region": true,
	"provenance_name": true, "filters": true, "proposal_type": true,
}

// caomAll returns the Mast.Caom.All (extjs) answer, rendered once per archive: it is
// the same bytes for every server of the archive.
func (s *Service) caomAll() []byte {
	a := s.env.Archive
	return a.Memo("portal: Mast.Caom.All", func() any { return caomAllAnswer(a, obsColumns()) }).([]byte)
}

// caomAllAnswer renders Mast.Caom.All (format extjs): per column facets with counts,
// computed once because the archive never changes.
func caomAllAnswer(a *archive.Archive, cols []Column[obsRow]) []byte {
	labels := map[string]colMeta{}
	for _, m := range caomMeta {
		labels[m.name] = m
	}
	columns := []any{}
	fields := []any{}
	cont := simhttp.Ordered{}
	for ci := range cols {
		c := &cols[ci]
		m := labels[c.name]
		ext := simhttp.Ordered{{"vot.datatype", m.datatype}, {"cc.text", m.label}}
		if m.separator != "" {
			ext = append(ext, simhttp.KV{"separator", m.separator})
		}
		if facetColumns[c.name] {
			ext = append(ext, simhttp.KV{"histObj", facet(a, c, m.separator)})
		}
		if c.kind == kindFloat {
			if h, ok := binned(a, c); ok {
				ext = append(ext, simhttp.KV{"histObj", h})
				cont = append(cont, simhttp.KV{c.name, simhttp.Ordered{{"min", h[1].V}, {"max", h[2].V}, {"type", "numeric"}}})
			}
		}
		columns = append(columns, simhttp.Ordered{{"text", c.name}, {"dataIndex", c.name}, {"ExtendedProperties", ext}})
		fields = append(fields, simhttp.Ordered{{"name", c.name}, {"type", c.jsonType}})
	}
	zero := simhttp.Ordered{{"page", 0}, {"pageSize", 0}, {"pagesFiltered", 0}, {"rows", 0}, {"rowsFiltered", 0}, {"rowsTotal", 0}}
	table := simhttp.Ordered{
		{"name", "Table"},
		{"ExtendedProperties", simhttp.Ordered{{"Paging", zero}, {"discreteHistogram", simhttp.Ordered{}}, {"continuousHistogram", cont}}},
		{"Columns", columns}, {"Fields", fields}, {"Rows", []any{}},
	}
	out := simhttp.Ordered{{"status", "COMPLETE"}, {"msg", ""}, {"data", simhttp.Ordered{
		{"name", "NewDataSet"}, {"ExtendedProperties", simhttp.Ordered{}}, {"Tables", []any{table}},
	}}}
	b, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Sprintf("sim: Mast.Caom.All answer: %v", err)) // static structure; a failure is a bug
	}
	return b
}

// facet counts the values of a discrete column (each part of multi-valued cells):
// {"hist": [{"count", "key"}...], "<key>": {"count", "key"}, ...}, most frequent first.
func facet(a *archive.Archive, c *Column[obsRow], sep string) simhttp.Ordered {
	counts := map[string]int{}
	for i := range a.Len() {
		v, ok := c.text(&obsRow{o: a.At(int(i))})
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
	return FacetHistObj(counts)
}

// FacetHistObj is a discrete column's histObj from its value counts:
// {"hist": [{"count", "key"}...], "<key>": {"count", "key"}, ...}, most frequent first.
func FacetHistObj(counts map[string]int) simhttp.Ordered {
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
	out := simhttp.Ordered{{"hist", nil}}
	for i, k := range keys {
		e := simhttp.Ordered{{"count", counts[k]}, {"key", k}}
		hist[i] = e
		out = append(out, simhttp.KV{k, e})
	}
	out[0].V = hist
	return out
}

// histBins is how many bins a numeric column's histogram has (MAST: about a hundred).
const histBins = 100

// binned is the histObj MAST sends for a numeric column (protocol 3.3): a nested
// histogram, {"hist": {"hist": [{"key": <bin start>, "count": n}, ...]}, "min", "max",
// "type": "numeric"}; false when the column has no values.
func binned(a *archive.Archive, c *Column[obsRow]) (simhttp.Ordered, bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range a.Len() {
		if v, ok := c.number(&obsRow{o: a.At(int(i))}); ok {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return nil, false
	}
	width := (hi - lo) / histBins
	counts := make([]int, histBins)
	for i := range a.Len() {
		if v, ok := c.number(&obsRow{o: a.At(int(i))}); ok {
			b := histBins - 1
			if width > 0 {
				b = min(int((v-lo)/width), histBins-1)
			}
			counts[b]++
		}
	}
	bins := make([]any, histBins)
	for b := range bins {
		bins[b] = simhttp.Ordered{{"key", lo + float64(b)*width}, {"count", counts[b]}}
	}
	return simhttp.Ordered{{"hist", simhttp.Ordered{{"hist", bins}}}, {"min", lo}, {"max", hi}, {"type", "numeric"}}, true
}
