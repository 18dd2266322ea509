package catalogs

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"mastui/services/sim/internal/simhttp"
	"mastui/services/sim/portal"
)

// Row is one result row: values in the catalog's field order, each a float64, int64,
// uint64, string, or nil for null (masked on MAST: null in the JSON).
type Row struct{ V []any }

// field is one catalog column: its wire type (as "fields" and columnsconfig announce
// it) and its columnsconfig metadata.
type field struct {
	name, typ, unit, desc string
}

// Wire types: float columns are ranges in criteria queries (protocol 3.8.1), the rest
// discrete. idType values are exact integers announced as typ.
const (
	tFloat  = "float"
	tDouble = "double"
	tInt    = "int"
	tString = "string"
	tChar   = "char"
	tLong   = "long" // int64 values, exact
	tIDStr  = "id"   // uint64 written as a number, announced "string" (TIC ID, DD G_source_id)
)

func f(name, typ, unit, desc string) field {
	return field{name: name, typ: typ, unit: unit, desc: desc}
}

// columns builds the portal columns of fields: column j reads Row.V[j].
func columns(fields []field) []portal.Column[Row] {
	out := make([]portal.Column[Row], len(fields))
	for j, fd := range fields {
		switch fd.typ {
		case tFloat, tDouble:
			out[j] = portal.FloatColumn(fd.name, func(r *Row) float64 {
				if v, ok := r.V[j].(float64); ok {
					return v
				}
				return math.NaN()
			}).Typed(fd.typ)
		case tInt, tLong:
			out[j] = portal.IntColumn(fd.name, func(r *Row) (int64, bool) {
				v, ok := r.V[j].(int64)
				return v, ok
			}).Typed(fd.typ)
		case tIDStr:
			out[j] = portal.IDColumn(fd.name, func(r *Row) uint64 { v, _ := r.V[j].(uint64); return v })
		default:
			out[j] = portal.StrColumn(fd.name, func(r *Row) string { v, _ := r.V[j].(string); return v }).Typed(fd.typ)
		}
	}
	return out
}

// votType is the columnsconfig vot.datatype of a wire type.
func votType(typ string) string {
	switch typ {
	case tFloat, tDouble:
		return "double"
	case tInt:
		return "int"
	case tLong, tIDStr:
		return "long"
	}
	return "char"
}

// configJSON renders a columnsconfig answer for fields, in their order.
func configJSON(fields []field) []byte {
	out := simhttp.Ordered{}
	for i, fd := range fields {
		c := simhttp.Ordered{{"text", fd.name}, {"vot.datatype", votType(fd.typ)}}
		if fd.unit != "" {
			c = append(c, simhttp.KV{"unit", fd.unit}, simhttp.KV{"vot.unit", fd.unit})
		}
		if fd.desc != "" {
			c = append(c, simhttp.KV{"vot.description", fd.desc})
		}
		c = append(c, simhttp.KV{"order", i}, simhttp.KV{"visible", true})
		out = append(out, simhttp.KV{fd.name, c})
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Sprintf("sim: catalog columnsconfig: %v", err)) // static tables; a failure is a bug
	}
	return b
}

// histogramAnswer renders a Mast.Catalogs.All.* extjs answer (protocol 3.3): at table
// level, discreteHistogram {col: {"hist": [{count, key}], <key>: {count, key}, ...}}
// and continuousHistogram {col: {"min", "max", "type": "numeric", "hist": {"hist": [bins]}}},
// counted over rows.
func histogramAnswer(fields []field, rows []Row, discrete []string) []byte {
	isDiscrete := map[string]bool{}
	for _, d := range discrete {
		isDiscrete[d] = true
	}
	disc, cont := simhttp.Ordered{}, simhttp.Ordered{}
	columns := []any{}
	fieldList := []any{}
	for j, fd := range fields {
		columns = append(columns, simhttp.Ordered{{"text", fd.name}, {"dataIndex", fd.name},
			{"ExtendedProperties", simhttp.Ordered{{"vot.datatype", votType(fd.typ)}}}})
		fieldList = append(fieldList, simhttp.Ordered{{"name", fd.name}, {"type", fd.typ}})
		switch {
		case isDiscrete[fd.name]:
			disc = append(disc, simhttp.KV{fd.name, facet(rows, j)})
		case fd.typ == tFloat || fd.typ == tDouble:
			if h, ok := binned(rows, j); ok {
				cont = append(cont, simhttp.KV{fd.name, h})
			}
		}
	}
	zero := simhttp.Ordered{{"page", 0}, {"pageSize", 0}, {"pagesFiltered", 0}, {"rows", 0}, {"rowsFiltered", 0}, {"rowsTotal", 0}}
	table := simhttp.Ordered{
		{"name", "Table"},
		{"ExtendedProperties", simhttp.Ordered{{"Paging", zero}, {"discreteHistogram", disc}, {"continuousHistogram", cont}}},
		{"Columns", columns}, {"Fields", fieldList}, {"Rows", []any{}},
	}
	out := simhttp.Ordered{{"status", "COMPLETE"}, {"msg", ""}, {"data", simhttp.Ordered{
		{"name", "NewDataSet"}, {"ExtendedProperties", simhttp.Ordered{}}, {"Tables", []any{table}},
	}}}
	b, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Sprintf("sim: catalog histograms: %v", err))
	}
	return b
}

func cellText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, x != ""
	case int64:
		return strconv.FormatInt(x, 10), true
	case uint64:
		return strconv.FormatUint(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), !math.IsNaN(x)
	}
	return "", false
}

// facet counts the values of column j, most frequent first.
func facet(rows []Row, j int) simhttp.Ordered {
	counts := map[string]int{}
	for i := range rows {
		if v, ok := cellText(rows[i].V[j]); ok {
			counts[v]++
		}
	}
	return portal.FacetHistObj(counts)
}

const histBins = 100

// binned is a numeric column's histogram; false when it has no values.
func binned(rows []Row, j int) (simhttp.Ordered, bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range rows {
		if v, ok := rows[i].V[j].(float64); ok && !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return nil, false
	}
	width := (hi - lo) / histBins
	counts := make([]int, histBins)
	for i := range rows {
		if v, ok := rows[i].V[j].(float64); ok && !math.IsNaN(v) {
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
	return simhttp.Ordered{{"min", lo}, {"max", hi}, {"type", "numeric"}, {"hist", simhttp.Ordered{{"hist", bins}}}}, true
}

// round keeps a value to d decimals, as catalogs store them.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}
