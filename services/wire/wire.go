// Package wire decodes MAST Portal ("Mashup") format=json answers into the typed table
// model. Portal pages reach ~50 MB, so Decode is a hand-rolled, zero-copy scanner: strings
// without escapes alias the body (which the table therefore keeps alive).
package wire

import (
	"math"
	"strconv"
	"strings"

	"mastui/model"
)

// Field is one entry of the answer's `fields` list, as sent.
type Field struct{ Name, Type string }

// Paging is the answer's `paging` object (protocol 3.2). The client reads page,
// pageSize, pagesFiltered and rowsFiltered (a wrong shape there fails); rows and
// rowsTotal are informative only (read when they are numbers).
type Paging struct {
	Page, PageSize, PagesFiltered, Rows, RowsFiltered, RowsTotal int64
	// HasPagesFiltered and HasRowsFiltered say the keys were sent (with a number).
	HasPagesFiltered, HasRowsFiltered bool
}

// Response is a decoded Portal answer.
type Response struct {
	Status          string  // "EXECUTING", "COMPLETE", "ERROR", "" (Name.Lookup), or "" when absent
	HasStatus       bool    // whether the key was present at all (columnsconfig dicts have none)
	Msg             string  // human text; the error text on ERROR
	PercentComplete float64 // the "percent complete" key (with a space) while EXECUTING
	Paging          *Paging // nil when absent
	Fields          []Field // as sent, including _selected_
	// Table is nil when `data` is not an array of row objects (extjs, Name.Lookup) or
	// fields are absent; with Options.WantTable such an answer is an error instead.
	Table *model.Table
}

// Options tune the conversion of values to columns.
type Options struct {
	// IgnoreValues maps a column name to its columnsconfig ignoreValue literal (e.g. "0",
	// "-9999"): that value replaces nulls and is the mask sentinel instead of the default.
	// Bool columns have no sentinel and ignore it.
	IgnoreValues map[string]string
	// Service names the answer in errors.
	Service string
	// HugePages puts a big table's columns (and a body joined from segments) on huge
	// pages (bigmem): for processes that exit once they printed it.
	HugePages bool
	// WantTable is set when the caller reads a table (format=json queries): an answer
	// that is neither EXECUTING nor ERROR must then carry a `fields` list and a `data`
	// list of row objects, or Decode fails with a ShapeError. Without it, fields and
	// data are not the caller's business and never fail.
	WantTable bool

	// FieldsKey names the top-level list describing the columns ({"name", "type"}
	// objects): "fields" (the Portal) when empty; the catalogs API (PanSTARRS) sends
	// "info" (protocol 7.2).
	FieldsKey string
	// PositionalRows lets a row also be a list of values in the order of the fields
	// (the catalogs API's flattened rows, protocol 7.2); otherwise only row objects
	// are rows.
	PositionalRows bool
	// NumericIgnoreValue is the ignoreValue of every int and float column without an
	// IgnoreValues entry: "-999" for the catalogs API and the Search API (protocol 6.3:
	// nulls become -999, and -999 is masked).
	NumericIgnoreValue string
}

// fieldsKey is the top-level key of the column list.
func (o Options) fieldsKey() string {
	if o.FieldsKey == "" {
		return "fields"
	}
	return o.FieldsKey
}

// colSpec is the conversion rule of one output column (protocol 3.6).
// Rows given as lists (Options.PositionalRows) are read with positional: the spec index
// of each field in order, -1 for a field that is no column (_selected_, a repeat).
type colSpec struct {
	name     string
	kind     model.Kind
	hasIgn   bool // an ignoreValue applies: nulls become the sentinel and are masked
	sentStr  string
	sentF    float64
	sentI    int64
	typeName string
}

// kindOf maps a MAST type name to a column kind; unknown types become strings rather than
// crashing as astroquery would.
func kindOf(t string) model.Kind {
	switch strings.ToLower(t) {
	case "double", "float", "decimal":
		return model.KindFloat
	case "int", "short", "long", "number", "unsignedbyte":
		return model.KindInt
	case "boolean", "binary":
		return model.KindBool
	default:
		return model.KindString
	}
}

// buildSpecs turns `fields` into column specs, skipping _selected_ and repeated names.
func buildSpecs(fields []Field, opts Options) []colSpec {
	specs, _ := buildSpecsAt(fields, opts)
	return specs
}

// buildSpecsAt is buildSpecs with the spec index of every field (-1 when skipped), for
// positional rows.
func buildSpecsAt(fields []Field, opts Options) ([]colSpec, []int) {
	specs := make([]colSpec, 0, len(fields))
	at := make([]int, len(fields))
	seen := make(map[string]bool, len(fields))
	for k, f := range fields {
		at[k] = -1
		if f.Name == "_selected_" || seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		at[k] = len(specs)
		s := colSpec{name: f.Name, kind: kindOf(f.Type), typeName: f.Type, sentF: math.NaN(), sentI: -999}
		iv, ok := opts.IgnoreValues[f.Name]
		if !ok && opts.NumericIgnoreValue != "" && (s.kind == model.KindFloat || s.kind == model.KindInt) {
			iv, ok = opts.NumericIgnoreValue, true
		}
		if ok {
			switch s.kind {
			case model.KindString:
				s.sentStr, s.hasIgn = iv, true
			case model.KindFloat:
				if v, ok := floatFromText(iv); ok {
					s.sentF, s.hasIgn = v, true
				}
			case model.KindInt:
				if v, ok := intFromText(iv); ok {
					s.sentI, s.hasIgn = v, true
				}
			}
		}
		specs = append(specs, s)
	}
	return specs, at
}

// floatFromText parses a float the way Python's float() would for MAST's values: overflow
// gives ±Inf rather than failing.
func floatFromText(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return v, true
		}
		return 0, false
	}
	return v, true
}

// intFromText parses an integer, accepting integral float spellings ("3.0", "1e3") that
// fit in an int64.
func intFromText(s string) (int64, bool) {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return floatToInt(f)
}

func floatToInt(f float64) (int64, bool) {
	// 2^63 is exact in float64; every integral float below it converts exactly.
	if f != f || f < -9223372036854775808 || f >= 9223372036854775808 || f != float64(int64(f)) {
		return 0, false
	}
	return int64(f), true
}

// boolFromText reads a string sent in a bool column.
func boolFromText(s string) (bool, bool) {
	v, err := strconv.ParseBool(s)
	return v, err == nil
}
