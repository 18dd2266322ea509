package wire

import (
	"errors"
	"fmt"
	"testing"

	"mastui/services/wire/shapetest"
)

// Text fields read any scalar; a container there is a shape error.
var scalars = []string{shapetest.String, shapetest.Number, shapetest.Bool, shapetest.Null, shapetest.Missing}

// envelopeRules are what every Portal answer is read for: status and paging.
var envelopeRules = shapetest.Rules{
	{Path: "", Maybe: []string{shapetest.Null}},
	{Path: "status", Accept: scalars},
	{Path: "paging", Accept: []string{shapetest.Null, shapetest.Missing}},
	{Path: "paging.page", Accept: []string{shapetest.Number, shapetest.Null, shapetest.Missing}},
	{Path: "paging.pageSize", Accept: []string{shapetest.Number, shapetest.Null, shapetest.Missing}},
	{Path: "paging.pagesFiltered", Accept: []string{shapetest.Number, shapetest.Null, shapetest.Missing}},
	{Path: "paging.rowsFiltered", Accept: []string{shapetest.Number, shapetest.Null, shapetest.Missing}},
}

// tableRules add what a table answer (WantTable) is read for. Cells take any shape
// (masked like astroquery does); unknown keys anywhere are ignored.
var tableRules = append(shapetest.Rules{
	{Path: "fields"},
	{Path: "fields[]"},
	{Path: "fields[].name", Accept: []string{shapetest.String, shapetest.Number, shapetest.Bool}},
	{Path: "fields[].type", Accept: scalars},
	{Path: "data"},
	{Path: "data[]"},
}, envelopeRules...)

// shapeCases are the fixtures decoded with the options a client uses for them.
var shapeCases = []struct {
	file  string
	want  bool // WantTable
	rules shapetest.Rules
}{
	{"caom_page.json", true, tableRules},
	{"products_page.json", true, tableRules},
	{"count.json", true, tableRules},
	// Not COMPLETE: the table is not read, unless the status changes.
	{"executing.json", true, maybeStatus(envelopeRules)},
	{"error.json", true, maybeStatus(envelopeRules)},
	// extjs and Name.Lookup answers: only the envelope is read.
	{"extjs_caom_all.json", false, envelopeRules},
	{"name_lookup.json", false, envelopeRules},
}

// maybeStatus lets another status make the answer one that must carry a table.
func maybeStatus(rs shapetest.Rules) shapetest.Rules {
	out := append(shapetest.Rules(nil), rs...)
	for i, r := range out {
		if r.Path == "status" || r.Path == "" {
			out[i] = shapetest.Rule{Path: r.Path, Maybe: scalars}
		}
	}
	return out
}

// shapeDecode decodes with both decoders, which must agree, splitting rows between
// goroutines too.
func shapeDecode(want bool) func([]byte) error {
	return func(doc []byte) error {
		opts := Options{Service: "Mast.Caom.Cone", WantTable: want}
		got, err := decode(doc, opts, tuning{chunks: 3, minChunk: 16})
		ref, rerr := decodeReference(doc, opts)
		if fmt.Sprint(err) != fmt.Sprint(rerr) {
			return fmt.Errorf("decoders disagree: %v, reference %v", err, rerr)
		}
		if err == nil {
			if d := sameResponse(got, ref); d != nil {
				return fmt.Errorf("decoders disagree: %v", d)
			}
		}
		return err
	}
}

// TestDecodeShapes changes every field of real answers to every other JSON kind,
// removes it, and adds unknown fields at every level: unused fields never fail, used
// ones fail naming the service and the field.
func TestDecodeShapes(t *testing.T) {
	for _, c := range shapeCases {
		t.Run(c.file, func(t *testing.T) {
			n := shapetest.Run(t, "Mast.Caom.Cone", fixture(t, c.file), 2, c.rules, shapeDecode(c.want))
			t.Logf("%d mutations", n)
		})
	}
}

// TestDecodeEmptyAnswers: answers that parse but carry no table are errors naming the
// service, while a COMPLETE answer with fields and no rows is a legitimate empty table.
func TestDecodeEmptyAnswers(t *testing.T) {
	for body, field := range map[string]string{
		`{"status": "COMPLETE"}`: "fields",
		`{"status": "COMPLETE", "msg": "", "data": {"a": 1}, "fields": [{"name": "a", "type": "int"}]}`: "data",
		`{"status": "COMPLETE", "data": [{"a": 1}]}`:                                                    "fields",
		`{"status": "COMPLETE", "data": [{"a": 1}], "fields": []}`:                                      "fields",
		`{"status": "COMPLETE", "data": [{"a": 1}, 5], "fields": [{"name": "a"}]}`:                      "data[1]",
		`{"status": "COMPLETE", "data": [], "fields": [{"type": "int"}]}`:                               "fields[0].name",
		`{"fields": [{"name": "a"}], "data": null}`:                                                     "data",
		`{"status": "", "fields": [{"name": "a"}]}`:                                                     "data",
	} {
		_, err := Decode([]byte(body), Options{Service: "Mast.Caom.Cone", WantTable: true})
		var se *ShapeError
		if !errors.As(err, &se) || se.Field != field || se.Service != "Mast.Caom.Cone" {
			t.Errorf("%s: err %v, want a shape error of Mast.Caom.Cone naming %q", body, err, field)
		}
	}
	r, err := Decode([]byte(`{"status": "COMPLETE", "msg": "", "data": [], "fields": [{"name": "a", "type": "int"}], "paging": {"rowsFiltered": 0}}`),
		Options{WantTable: true})
	if err != nil || r.Table == nil || r.Table.Rows() != 0 || len(r.Table.Columns) != 1 {
		t.Errorf("COMPLETE with fields and no rows: %+v, %v", r, err)
	}
}

// FuzzDecodeShapes puts fuzzer-chosen JSON values at fuzzer-chosen fields of real
// answers.
func FuzzDecodeShapes(f *testing.F) {
	for i := range shapeCases {
		for pick, v := range []string{"", "{}", "[]", `"x"`, "7", "true", "null", `"12"`, "-1", `[{"a": 1}]`, `{"hist": []}`} {
			f.Add(uint8(i), pick*7+i, v)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, pick int, value string) {
		c := shapeCases[int(which)%len(shapeCases)]
		shapetest.Fuzz(t, "Mast.Caom.Cone", fixture(t, c.file), pick, value, c.rules, shapeDecode(c.want))
	})
}
