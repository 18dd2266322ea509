package wire

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"mastui/model"
	"mastui/services/testmode"
)

// sameResponse reports the first difference between two decoded answers.
func sameResponse(got, want *Response) error {
	if got.Status != want.Status || got.HasStatus != want.HasStatus || got.Msg != want.Msg {
		return fmt.Errorf("status/msg: got %q %v %q, want %q %v %q",
			got.Status, got.HasStatus, got.Msg, want.Status, want.HasStatus, want.Msg)
	}
	if math.Float64bits(got.PercentComplete) != math.Float64bits(want.PercentComplete) &&
		!(math.IsNaN(got.PercentComplete) && math.IsNaN(want.PercentComplete)) {
		return fmt.Errorf("percent complete: got %v, want %v", got.PercentComplete, want.PercentComplete)
	}
	if !reflect.DeepEqual(got.Paging, want.Paging) {
		return fmt.Errorf("paging: got %+v, want %+v", got.Paging, want.Paging)
	}
	if !reflect.DeepEqual(got.Fields, want.Fields) {
		return fmt.Errorf("fields: got %q, want %q", got.Fields, want.Fields)
	}
	return sameTable(got.Table, want.Table)
}

func sameTable(got, want *model.Table) error {
	if (got == nil) != (want == nil) {
		return fmt.Errorf("table: got %v, want %v", got != nil, want != nil)
	}
	if got == nil {
		return nil
	}
	if len(got.Columns) != len(want.Columns) {
		return fmt.Errorf("columns: got %q, want %q", got.Names(), want.Names())
	}
	for ci, g := range got.Columns {
		w := want.Columns[ci]
		if g.Name != w.Name || g.Kind != w.Kind || g.Meta != w.Meta {
			return fmt.Errorf("column %d: got %q %s %+v, want %q %s %+v", ci, g.Name, g.Kind, g.Meta, w.Name, w.Kind, w.Meta)
		}
		if g.Len() != w.Len() {
			return fmt.Errorf("column %q: got %d rows, want %d", g.Name, g.Len(), w.Len())
		}
		if g.Masked != nil && len(g.Masked) != g.Len() {
			return fmt.Errorf("column %q: mask has %d entries for %d rows", g.Name, len(g.Masked), g.Len())
		}
		for r := 0; r < g.Len(); r++ {
			if g.IsMasked(r) != w.IsMasked(r) {
				return fmt.Errorf("column %q row %d: masked %v, want %v", g.Name, r, g.IsMasked(r), w.IsMasked(r))
			}
			ok := true
			switch g.Kind {
			case model.KindString:
				ok = g.Str[r] == w.Str[r]
			case model.KindFloat:
				ok = math.Float64bits(g.Float[r]) == math.Float64bits(w.Float[r]) ||
					math.IsNaN(g.Float[r]) && math.IsNaN(w.Float[r])
			case model.KindInt:
				ok = g.Int[r] == w.Int[r]
			case model.KindBool:
				ok = g.Bool[r] == w.Bool[r]
			}
			if !ok {
				return fmt.Errorf("column %q row %d: got %q, want %q (%v / %v)", g.Name, r,
					g.String(r), w.String(r), g.Value(r), w.Value(r))
			}
		}
	}
	return nil
}

// gen writes random but valid Portal answers that stress every conversion rule.
type gen struct {
	r *rand.Rand
	b strings.Builder
}

func genTypes() []string {
	return []string{"string", "char", "datetime", "date", "float", "double", "decimal",
		"int", "short", "long", "number", "boolean", "binary", "unsignedByte", "STRING", "Float",
		"LONG", "weird"}
}

func (g *gen) ws() {
	if g.r.IntN(4) == 0 {
		g.b.WriteString([]string{" ", "\n", "\t", "\r\n  "}[g.r.IntN(4)])
	}
}

func (g *gen) str() string {
	pieces := []string{"abc", "POLYGON 1.5 -2", "é", "日本", "\\n", "\\\"", "\\\\", "\\/", "\\t",
		"\\u00e9", "\\u0041", "\\ud83d\\ude00", "\\ud83d", "\\ude00x", "\\u0000", "}, {", "\\b\\f\\r",
		"😀", "\x7f", " ", "-999", "12.5", "true", "0", "], ["}
	var sb strings.Builder
	sb.WriteByte('"')
	for n := g.r.IntN(4); n > 0; n-- {
		sb.WriteString(pieces[g.r.IntN(len(pieces))])
	}
	sb.WriteByte('"')
	return sb.String()
}

func (g *gen) num() string {
	switch g.r.IntN(12) {
	case 0:
		return strconv.FormatInt(g.r.Int64(), 10)
	case 1:
		return strconv.FormatInt(-g.r.Int64N(1000), 10)
	case 2:
		return "-999"
	case 3:
		return []string{"0", "-0", "0.0", "-0.0", "1e400", "-1e400", "1e-400", "9223372036854775807",
			"9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
			"123456789012345678901234567890", "3.0", "1e3", "1E+2", "2.5e-3", "-9999", "4365646553433558144",
			"9007199254740993", "0.1", "1.7976931348623157e308", "5e-324", "0.30000000000000004"}[g.r.IntN(24)]
	case 4:
		return strconv.FormatFloat(g.r.NormFloat64()*1000, 'f', g.r.IntN(12), 64)
	case 5:
		return strconv.FormatFloat(g.r.Float64()*math.Pow(10, float64(g.r.IntN(60)-30)), 'e', g.r.IntN(20), 64)
	case 6:
		return strconv.FormatFloat(g.r.NormFloat64(), 'g', -1, 64)
	default:
		return strconv.FormatFloat(g.r.Float64()*360, 'f', g.r.IntN(10), 64)
	}
}

func (g *gen) value(typ string) string {
	switch g.r.IntN(10) {
	case 0:
		return "null"
	case 1:
		return []string{"true", "false", `{"a": [1, "}, {", {}]}`, "[]", `[{"x": null}, {"y": 2}]`, `[[1], [2, "], ["]]`, `""`, `"nan"`, `"-999"`, `"12.5"`, `"true"`, `"0"`}[g.r.IntN(12)]
	case 2:
		return g.str()
	case 3:
		return g.num()
	}
	switch kindOf(typ) {
	case model.KindFloat, model.KindInt:
		return g.num()
	case model.KindBool:
		return []string{"true", "false", "null"}[g.r.IntN(3)]
	default:
		return g.str()
	}
}

func (g *gen) page(rows int) ([]byte, Options) {
	g.b.Reset()
	type fd struct{ name, typ string }
	var fields []fd
	nf := 1 + g.r.IntN(12)
	for k := 0; k < nf; k++ {
		name := fmt.Sprintf("c%d", k)
		switch g.r.IntN(12) {
		case 0:
			name = "_selected_"
		case 1:
			if k > 0 {
				name = fields[g.r.IntN(k)].name // duplicate name
			}
		case 2:
			name = "fields"
		}
		types := genTypes()
		fields = append(fields, fd{name, types[g.r.IntN(len(types))]})
	}
	opts := Options{IgnoreValues: map[string]string{}, Service: "Mast.Test", WantTable: g.r.IntN(2) == 0}
	if g.r.IntN(3) == 0 { // the catalogs API: info first, rows as lists, -999
		opts.FieldsKey, opts.PositionalRows, opts.NumericIgnoreValue = "info", true, "-999"
	}
	for _, f := range fields {
		if g.r.IntN(4) == 0 {
			opts.IgnoreValues[f.name] = []string{"0", "-9999", "", "abc", "NaN", "true"}[g.r.IntN(6)]
		}
	}
	writeFields := func() {
		g.b.WriteString(strconv.Quote(opts.fieldsKey()))
		g.ws()
		g.b.WriteString(":")
		g.ws()
		g.b.WriteString("[")
		for k, f := range fields {
			if k > 0 {
				g.b.WriteString(", ")
			}
			fmt.Fprintf(&g.b, `{"name": %q, "type": %q, "extra": [1]}`, f.name, f.typ)
		}
		g.b.WriteString("]")
	}
	writeData := func() {
		g.b.WriteString(`"data": [`)
		for r := 0; r < rows; r++ {
			if r > 0 {
				g.b.WriteString(",")
				g.ws()
			}
			if opts.PositionalRows && g.r.IntN(8) > 0 {
				g.b.WriteString("[")
				n := len(fields) + g.r.IntN(3) - 1 // one short, complete or one too many
				for k := 0; k < n; k++ {
					if k > 0 {
						g.b.WriteString(",")
						g.ws()
					}
					typ := "string"
					if k < len(fields) {
						typ = fields[k].typ
					}
					g.b.WriteString(g.value(typ))
				}
				g.b.WriteString("]")
				continue
			}
			g.b.WriteString("{")
			perm := g.r.Perm(len(fields))
			if g.r.IntN(5) > 0 { // mostly the same key order, as MAST sends
				for k := range perm {
					perm[k] = k
				}
			}
			first := true
			for _, k := range perm {
				if g.r.IntN(10) == 0 {
					continue // missing key
				}
				if !first {
					g.b.WriteString(",")
					g.ws()
				}
				first = false
				key := strconv.Quote(fields[k].name)
				if g.r.IntN(50) == 0 {
					key = `"extra\u0041"` // not a field
				}
				g.b.WriteString(key)
				g.ws()
				g.b.WriteString(":")
				g.ws()
				g.b.WriteString(g.value(fields[k].typ))
			}
			g.b.WriteString("}")
		}
		g.b.WriteString("]")
	}
	parts := []func(){
		func() {
			fmt.Fprintf(&g.b, `"status": %s`, []string{`"COMPLETE"`, `"EXECUTING"`, `""`, "null", "3"}[g.r.IntN(5)])
		},
		func() { fmt.Fprintf(&g.b, `"msg": %s`, g.str()) },
		writeData,
		writeFields,
		func() {
			page := []string{strconv.Itoa(g.r.IntN(9)), `"3"`, "null", "2.0", "1e1"}[g.r.IntN(5)]
			if g.r.IntN(30) == 0 { // a shape the client cannot read
				page = []string{"{}", `"abc"`, "true", "[1]", "1.5"}[g.r.IntN(5)]
			}
			fmt.Fprintf(&g.b, `"paging": {"page": %s, "pageSize": 50000, "pagesFiltered": %d, "rows": %s, "rowsFiltered": "7", "rowsTotal": 1e3, "x": {}}`,
				page, g.r.IntN(5), []string{strconv.Itoa(rows), g.num()}[g.r.IntN(2)])
		},
		func() { fmt.Fprintf(&g.b, `"percent complete": %s`, g.num()) },
	}
	if g.r.IntN(3) > 0 { // MAST's order: status, msg, data, fields, paging
		g.r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	}
	if g.r.IntN(10) == 0 {
		parts = append(parts, writeFields) // a repeated key: the last one wins
		fields = fields[:len(fields)/2+1]
	}
	g.b.WriteString("{")
	for k, p := range parts {
		if k > 0 {
			g.b.WriteString(",")
			g.ws()
		}
		p()
	}
	g.b.WriteString("}")
	return []byte(g.b.String()), opts
}

// TestDifferential compares Decode with the encoding/json reference on random pages,
// with data split between goroutines at every size: 200 pages under the race detector,
// 2,000 more (other seeds) in the sweep.
func TestDifferential(t *testing.T) { differential(t, 1, 200) }

func TestDifferentialSweep(t *testing.T) {
	testmode.Sweep(t)
	differential(t, 3, 2000)
}

func differential(t *testing.T, seed uint64, pages int) {
	g := &gen{r: rand.New(rand.NewPCG(seed, 2))}
	for it := 0; it < pages; it++ {
		body, opts := g.page(g.r.IntN(40))
		want, werr := decodeReference(body, opts)
		var se *ShapeError
		if werr != nil && !errors.As(werr, &se) {
			t.Fatalf("reference rejects generated page: %v\n%s", werr, body)
		}
		for _, tn := range []tuning{{chunks: 1, minChunk: 1 << 20}, {chunks: 4, minChunk: 1 + g.r.IntN(400)}} {
			got, err := decode(body, opts, tn)
			if werr != nil || err != nil {
				if fmt.Sprint(err) != fmt.Sprint(werr) {
					t.Fatalf("iteration %d %+v: error %v, reference %v\n%s", it, tn, err, werr, body)
				}
				continue
			}
			if err := sameResponse(got, want); err != nil {
				t.Fatalf("iteration %d %+v: %v\n%s", it, tn, err, body)
			}
		}
	}
}

// TestDifferentialLarge uses pages big enough for Decode's own split into goroutines.
func TestDifferentialLargeSweep(t *testing.T) {
	testmode.Sweep(t)
	g := &gen{r: rand.New(rand.NewPCG(3, 4))}
	done := map[bool]int{} // pages decoded, by positional rows
	for done[false] < 2 || done[true] < 2 {
		body, opts := g.page(20000)
		opts.WantTable = false
		want, err := decodeReference(body, opts)
		if _, bad := err.(*ShapeError); bad || done[opts.PositionalRows] == 2 {
			continue // an envelope the client cannot read, or enough of this kind
		}
		if err != nil {
			t.Fatal(err)
		}
		done[opts.PositionalRows]++
		got, err := Decode(body, opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameResponse(got, want); err != nil {
			t.Fatalf("%d-byte page: %v", len(body), err)
		}
	}
}
