package mast

import (
	"encoding/json"
	"fmt"
	"testing"

	"mastui/services/testmode"
	"mastui/services/wire/shapetest"
)

// The shape rule for every decoder of MAST answers: a field the client does not use
// never fails a request; a field it uses, in a shape it cannot read, fails naming the
// service and the field. Each case below changes every field of a real answer to
// every other JSON kind, removes it, and adds unknown fields at every level.

const (
	S, N, B, Nul, Miss, O, L = shapetest.String, shapetest.Number, shapetest.Bool, shapetest.Null, shapetest.Missing, shapetest.Object, shapetest.List
)

var (
	scalarKinds = []string{S, N, B, Nul, Miss} // text fields read any scalar
	numberKinds = []string{N, Nul, Miss}
	absentOK    = []string{Nul, Miss}
)

// numericHistObj is a Mast.Caom.All answer with only a numeric column, as MAST sends
// them (protocol 3.3): nothing there is a facet, whatever happens to it.
const numericHistObj = `{"status": "COMPLETE", "msg": "", "data": {"name": "NewDataSet", "Tables": [{"name": "Table",
 "Columns": [{"text": "s_ra", "dataIndex": "s_ra", "ExtendedProperties": {"histObj": {"hist": {"hist": [{"key": 0.0, "count": 3},
 {"key": 180.0, "count": 0}]}, "min": 0.0, "max": 359.9, "type": "numeric"}, "vot.datatype": "double"}}]}]}}`

type shapeCase struct {
	name, service string
	doc           []byte
	items         int // list elements changed (the first ones)
	rules         shapetest.Rules
	decode        func([]byte) error
}

func shapeCases(t testing.TB) []shapeCase {
	cols := []MissionColumn{{Name: "sci_pep_id", FieldName: "Proposal ID"}}
	facetRules := shapetest.Rules{
		{Path: "data"}, {Path: "data.Tables"}, {Path: "data.Tables[]"}, {Path: "data.Tables[].Columns"},
		{Path: "data.Tables[].Columns[]"},
		{Path: "data.Tables[].Columns[].text", Accept: scalarKinds},
		{Path: "data.Tables[].Columns[].dataIndex", Accept: scalarKinds, Maybe: []string{O, L}}, // read when text is empty
		{Path: "data.Tables[].Columns[].ExtendedProperties", Accept: absentOK},
		{Path: "data.Tables[].Columns[].ExtendedProperties.histObj", Accept: absentOK},
		// An object is a numeric (binned) histogram: not a facet, not an error.
		{Path: "data.Tables[].Columns[].ExtendedProperties.histObj.hist", Accept: []string{Nul, Miss, O}},
		{Path: "data.Tables[].Columns[].ExtendedProperties.histObj.hist[]"},
		{Path: "data.Tables[].Columns[].ExtendedProperties.histObj.hist[].key", Accept: []string{S, N, B}},
		{Path: "data.Tables[].Columns[].ExtendedProperties.histObj.hist[].count", Accept: numberKinds},
	}
	resolvedRules := shapetest.Rules{
		{Path: "resolvedCoordinate", Accept: []string{Nul}},
		{Path: "resolvedCoordinate[]"},
		{Path: "resolvedCoordinate[].searchString", Accept: scalarKinds},
		{Path: "resolvedCoordinate[].resolver", Accept: scalarKinds},
		{Path: "resolvedCoordinate[].canonicalName", Accept: scalarKinds},
		{Path: "resolvedCoordinate[].objectType", Accept: scalarKinds},
		{Path: "resolvedCoordinate[].ra", Accept: numberKinds},
		{Path: "resolvedCoordinate[].decl", Accept: numberKinds},
	}
	ext := "data.Tables[].ExtendedProperties"
	catalogHistogramRules := shapetest.Rules{
		{Path: "data"}, {Path: "data.Tables"}, {Path: "data.Tables[]"}, {Path: ext},
		{Path: "status", Accept: scalarKinds, Maybe: []string{O, L}}, // read only to spot ERROR
		{Path: ext + ".discreteHistogram", Accept: absentOK},
		{Path: ext + ".discreteHistogram.state", Accept: []string{Miss}}, // a column without histogram
		{Path: ext + ".discreteHistogram.state.hist", Accept: []string{Nul, Miss, O}},
		{Path: ext + ".discreteHistogram.state.hist[]"},
		{Path: ext + ".discreteHistogram.state.hist[].key", Accept: []string{S, N, B}},
		{Path: ext + ".discreteHistogram.state.hist[].count", Accept: numberKinds},
		{Path: ext + ".discreteHistogram.state.type", Accept: scalarKinds, Maybe: []string{O, L}},
		{Path: ext + ".continuousHistogram", Accept: absentOK},
		{Path: ext + ".continuousHistogram.w1mpro", Accept: []string{Miss}},
		{Path: ext + ".continuousHistogram.w1mpro.min", Accept: numberKinds},
		{Path: ext + ".continuousHistogram.w1mpro.max", Accept: numberKinds},
	}
	columnListRules := shapetest.Rules{{Path: "[]"}}
	for _, k := range []string{"column_name", "name", "qual_type", "datatype", "field_name", "description", "default_output", "queryable"} {
		columnListRules = append(columnListRules, shapetest.Rule{Path: "[]." + k, Accept: scalarKinds})
	}
	searchRules := shapetest.Rules{
		{Path: "info"}, {Path: "info[]"},
		{Path: "info[].name", Accept: scalarKinds}, {Path: "info[].type", Accept: scalarKinds}, {Path: "info[].db_type", Accept: scalarKinds},
		{Path: "totalResults", Accept: numberKinds},
		{Path: "results"}, {Path: "results[]", Accept: []string{L}}, // rows may be arrays
	}
	psMetaRules := shapetest.Rules{{Path: "[]"}}
	for _, k := range []string{"column_name", "name", "db_type", "type", "description", "unit"} {
		psMetaRules = append(psMetaRules, shapetest.Rule{Path: "[]." + k, Accept: scalarKinds})
	}
	psQueryRules := shapetest.Rules{
		{Path: "info"}, {Path: "info[]"},
		{Path: "info[].name", Accept: []string{S, N, B}}, {Path: "info[].type", Accept: scalarKinds},
		{Path: "data"}, {Path: "data[]", Accept: []string{O}}, // rows may be objects
	}
	psCols := []PanstarrsColumn{{Name: "objID", DBType: "BIGINT", Description: "Unique object identifier."}}
	productRules := shapetest.Rules{{Path: "products"}, {Path: "products[]", Maybe: []string{L}}} // a first inner list is flattened
	nestedRules := shapetest.Rules{{Path: "products"}, {Path: "products[]", Accept: []string{O}, Maybe: []string{L}}, {Path: "products[][]"}}

	return []shapeCase{
		{"Mast.Caom.All categorical", "Mast.Caom.All", categoricalOnly(t, fixture(t, "caom_all.extjs.json")), 3, facetRules,
			func(b []byte) error { _, err := parseFacets(b); return err }},
		{"Mast.Caom.All numeric", "Mast.Caom.All", []byte(numericHistObj), 3, facetRules[:9], func(b []byte) error {
			fc, err := parseFacets(b)
			if err != nil {
				return err
			}
			for _, v := range fc.values["s_ra"] { // its bins, bounds or type as values
				switch v.Key {
				case "min", "max", "type", "hist", "0", "0.0", "180", "180.0":
					return fmt.Errorf("Mast.Caom.All: numeric histogram read as facet values %+v", fc.values)
				}
			}
			return nil
		}},
		{"columnsconfig", "columnsconfig Mast.Caom.Cone", []byte(fixture(t, "columnsconfig_caom_cone.json")), 2,
			columnsConfigRules(t, fixture(t, "columnsconfig_caom_cone.json")),
			func(b []byte) error {
				_, _, _, err := parseColumnsConfig("columnsconfig Mast.Caom.Cone", b)
				return err
			}},
		{"Mast.Catalogs.All.DiskDetective", "Mast.Catalogs.All.DiskDetective", []byte(fixture(t, "catalogs_all_dd.extjs.json")), 2,
			catalogHistogramRules, func(b []byte) error {
				_, err := parseCatalogHistograms("Mast.Catalogs.All.DiskDetective", b)
				return err
			}},
		{"SANTA", "SANTA resolver", []byte(fixture(t, "santa.json")), 2, resolvedRules,
			func(b []byte) error { _, err := parseResolved("SANTA resolver", b); return err }},
		{"Mast.Name.Lookup", "Mast.Name.Lookup", []byte(fixture(t, "name_lookup.json")), 2, resolvedRules,
			func(b []byte) error { _, err := parseResolved("Mast.Name.Lookup", b); return err }},
		{"column_list", "column_list hst", []byte(fixture(t, "missions/column_list_hst.json")), 2, columnListRules,
			func(b []byte) error { _, err := parseColumnList("column_list hst", b); return err }},
		{"search", "search hst", []byte(fixture(t, "missions/search_hst.json")), 2, searchRules,
			func(b []byte) error { _, _, err := decodeMissionResults("search hst", b, cols, 3); return err }},
		{"panstarrs metadata", "panstarrs metadata dr2/mean", []byte(fixture(t, "panstarrs/metadata_dr2_mean.json")), 2, psMetaRules,
			func(b []byte) error { _, err := parsePanstarrsMetadata("panstarrs metadata dr2/mean", b); return err }},
		{"panstarrs query", "panstarrs dr2/mean", []byte(fixture(t, "panstarrs/query_dr2_mean.json")), 2, psQueryRules,
			func(b []byte) error { _, err := decodePanstarrs("panstarrs dr2/mean", b, psCols, false); return err }},
		{"post_list_products", "post_list_products hst", []byte(fixture(t, "missions/products_hst.json")), 2, productRules,
			func(b []byte) error { _, err := parseMissionProducts("post_list_products hst", b); return err }},
		{"post_list_products nested", "post_list_products hst", []byte(fixture(t, "missions/products_nested.json")), 2, nestedRules,
			func(b []byte) error { _, err := parseMissionProducts("post_list_products hst", b); return err }},
	}
}

// categoricalOnly drops the numeric columns of a Mast.Caom.All answer, whose histObj
// follows other rules (the numeric case covers them).
func categoricalOnly(t testing.TB, doc string) []byte {
	var v map[string]any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	table := v["data"].(map[string]any)["Tables"].([]any)[0].(map[string]any)
	var keep []any
	for _, c := range table["Columns"].([]any) {
		h, _ := c.(map[string]any)["ExtendedProperties"].(map[string]any)["histObj"].(map[string]any)
		if h["type"] != "numeric" {
			keep = append(keep, c)
		}
	}
	table["Columns"] = keep
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// columnsConfigRules: every column must be an object (null drops it), and the
// properties the client reads must be scalars.
func columnsConfigRules(t testing.TB, doc string) shapetest.Rules {
	var cfg map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &cfg); err != nil {
		t.Fatal(err)
	}
	// A null, empty or list answer parses as an empty configuration, which the client
	// then refuses (ErrEmptyColumnsConfig).
	rs := shapetest.Rules{{Path: "", Accept: []string{L, Nul}}}
	for col := range cfg {
		rs = append(rs, shapetest.Rule{Path: col, Accept: absentOK})
		for _, p := range usedProps {
			rs = append(rs, shapetest.Rule{Path: col + "." + p, Accept: scalarKinds})
		}
	}
	return rs
}

func TestDecoderShapesSweep(t *testing.T) {
	testmode.Sweep(t)
	for _, c := range shapeCases(t) {
		t.Run(c.name, func(t *testing.T) {
			n := shapetest.Run(t, c.service, c.doc, c.items, c.rules, c.decode)
			t.Logf("%d mutations", n)
		})
	}
}

func FuzzDecoderShapes(f *testing.F) {
	cases := shapeCases(f)
	for i := range cases {
		for pick, v := range []string{"", "{}", "[]", `"x"`, "7", "true", "null", `"12.5"`, `[{"a": 1}]`, `{"hist": {"hist": []}}`} {
			f.Add(uint8(i), pick*13+i, v)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, pick int, value string) {
		c := cases[int(which)%len(cases)]
		shapetest.Fuzz(t, c.service, c.doc, pick, value, c.rules, c.decode)
	})
}
