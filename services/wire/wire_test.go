package wire

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"mastui/model"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "wire", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeFixture(t *testing.T, name string, opts Options) *Response {
	t.Helper()
	body := fixture(t, name)
	r, err := Decode(body, opts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	// Every fixture must also agree with the reference decoder.
	want, err := decodeReference(body, opts)
	if err != nil {
		t.Fatalf("%s: reference: %v", name, err)
	}
	if err := sameResponse(r, want); err != nil {
		t.Fatalf("%s: differs from reference: %v", name, err)
	}
	return r
}

func col(t *testing.T, tbl *model.Table, name string, kind model.Kind) *model.Column {
	t.Helper()
	c := tbl.Col(name)
	if c == nil {
		t.Fatalf("no column %q in %q", name, tbl.Names())
	}
	if c.Kind != kind {
		t.Fatalf("column %q is %s, want %s", name, c.Kind, kind)
	}
	return c
}

func checkMask(t *testing.T, c *model.Column, masked []bool) {
	t.Helper()
	for i, m := range masked {
		if c.IsMasked(i) != m {
			t.Errorf("%s[%d]: masked = %v, want %v", c.Name, i, c.IsMasked(i), m)
		}
	}
}

func wantStr(t *testing.T, tbl *model.Table, name string, vals []string, masked []bool) {
	t.Helper()
	c := col(t, tbl, name, model.KindString)
	if len(c.Str) != len(vals) {
		t.Fatalf("%s: %d rows, want %d", name, len(c.Str), len(vals))
	}
	for i, v := range vals {
		if c.Str[i] != v {
			t.Errorf("%s[%d] = %q, want %q", name, i, c.Str[i], v)
		}
	}
	checkMask(t, c, masked)
}

func wantFloat(t *testing.T, tbl *model.Table, name string, vals []float64, masked []bool) {
	t.Helper()
	c := col(t, tbl, name, model.KindFloat)
	if len(c.Float) != len(vals) {
		t.Fatalf("%s: %d rows, want %d", name, len(c.Float), len(vals))
	}
	for i, v := range vals {
		if got := c.Float[i]; math.Float64bits(got) != math.Float64bits(v) && !(math.IsNaN(got) && math.IsNaN(v)) {
			t.Errorf("%s[%d] = %v, want %v", name, i, got, v)
		}
	}
	checkMask(t, c, masked)
}

func wantInt(t *testing.T, tbl *model.Table, name string, vals []int64, masked []bool) {
	t.Helper()
	c := col(t, tbl, name, model.KindInt)
	if len(c.Int) != len(vals) {
		t.Fatalf("%s: %d rows, want %d", name, len(c.Int), len(vals))
	}
	for i, v := range vals {
		if c.Int[i] != v {
			t.Errorf("%s[%d] = %d, want %d", name, i, c.Int[i], v)
		}
	}
	checkMask(t, c, masked)
}

func wantBool(t *testing.T, tbl *model.Table, name string, vals []bool, masked []bool) {
	t.Helper()
	c := col(t, tbl, name, model.KindBool)
	if len(c.Bool) != len(vals) {
		t.Fatalf("%s: %d rows, want %d", name, len(c.Bool), len(vals))
	}
	for i, v := range vals {
		if c.Bool[i] != v {
			t.Errorf("%s[%d] = %v, want %v", name, i, c.Bool[i], v)
		}
	}
	checkMask(t, c, masked)
}

func TestDecodeCAOMPage(t *testing.T) {
	opts := Options{IgnoreValues: map[string]string{"s_fov": "0", "em_resolution": "-9999"}}
	r := decodeFixture(t, "caom_page.json", opts)
	if r.Status != "COMPLETE" || !r.HasStatus || r.Msg != "" {
		t.Errorf("status = %q %v %q", r.Status, r.HasStatus, r.Msg)
	}
	if want := (Paging{Page: 1, PageSize: 4, PagesFiltered: 3, Rows: 4, RowsFiltered: 11, RowsTotal: 11, HasPagesFiltered: true, HasRowsFiltered: true}); r.Paging == nil || *r.Paging != want {
		t.Errorf("paging = %+v, want %+v", r.Paging, want)
	}
	if len(r.Fields) != 19 || r.Fields[18] != (Field{"_selected_", "boolean"}) || r.Fields[9] != (Field{"em_min", "Double"}) {
		t.Errorf("fields = %v", r.Fields)
	}
	tbl := r.Table
	wantNames := "intentType obs_collection obs_id s_ra s_dec calib_level t_exptime s_fov em_resolution em_min " +
		"sequence_number target_name obs_title mtFlag obsid objID srcDen"
	if got := strings.Join(tbl.Names(), " "); got != wantNames {
		t.Fatalf("columns = %s\nwant      %s", got, wantNames)
	}
	if tbl.Rows() != 4 {
		t.Fatalf("rows = %d", tbl.Rows())
	}
	if m := tbl.Col("em_min").Meta.Type; m != "Double" {
		t.Errorf("em_min Meta.Type = %q", m)
	}
	nan := math.NaN()
	F, T := false, true
	wantStr(t, tbl, "intentType", []string{"science", "science", "calibration", "science"}, []bool{F, F, F, F})
	wantStr(t, tbl, "obs_collection", []string{"HST", "JWST", "", "GALEX"}, []bool{F, F, T, F})
	wantStr(t, tbl, "obs_id", []string{"u27xcs01t", "jw01234-o001", "tess2019-s0001", "6381787619005890560"}, []bool{F, F, F, F})
	wantFloat(t, tbl, "s_ra", []float64{23.118, nan, 12.5, 150}, []bool{F, F, F, F})
	wantFloat(t, tbl, "s_dec", []float64{60.658, math.Copysign(0, -1), -12.5, -89.999999999}, []bool{F, F, F, F})
	wantInt(t, tbl, "calib_level", []int64{3, -999, 2, 1}, []bool{F, T, F, F})
	wantFloat(t, tbl, "t_exptime", []float64{1200.5, nan, 0, 1000}, []bool{F, F, F, F})
	// ignoreValue 0: a null becomes 0 and is masked, and so is a real 0.
	wantFloat(t, tbl, "s_fov", []float64{0.05, 0, 0, 1.2}, []bool{F, T, T, F})
	wantFloat(t, tbl, "em_resolution", []float64{1500, -9999, 7.25, -9999}, []bool{F, T, F, T})
	wantFloat(t, tbl, "em_min", []float64{2.5e-07, nan, nan, 1.35e-07}, []bool{F, F, F, F})
	wantInt(t, tbl, "sequence_number", []int64{7, -999, -999, 12}, []bool{F, T, T, F})
	wantStr(t, tbl, "target_name", []string{"NGC 598", "", "", "AIS_1_Ångström"}, []bool{F, T, T, F})
	wantStr(t, tbl, "obs_title", []string{"Café survey 😀 of \"M33\"", "", "", "line\nbreak\ttab back\\slash / solidus"}, []bool{F, T, T, F})
	wantBool(t, tbl, "mtFlag", []bool{false, false, true, false}, []bool{F, T, F, F})
	// Ids declared "string" but sent as numbers keep every digit, even past 2^53.
	wantStr(t, tbl, "obsid", []string{"2003585980", "9007199254740993", "2003738726", "not-a-number"}, []bool{F, F, F, F})
	wantStr(t, tbl, "objID", []string{"4365646553433558144", "4365646553433558145", "", "6381787619005890560"}, []bool{F, F, T, F})
	wantFloat(t, tbl, "srcDen", []float64{5885, nan, nan, nan}, []bool{F, F, F, T})
}

func TestDecodeAliasesBody(t *testing.T) {
	body := fixture(t, "caom_page.json")
	r, err := Decode(body, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(body)))
	for _, s := range []string{r.Table.Col("obs_id").Str[0], r.Table.Col("objID").Str[0]} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p < lo || p >= lo+uintptr(len(body)) {
			t.Errorf("%q was copied; escape-free strings should alias the body", s)
		}
	}
}

func TestDecodeProductsPage(t *testing.T) {
	r := decodeFixture(t, "products_page.json", Options{})
	tbl := r.Table
	want := "obsID obs_collection dataproduct_type obs_id description type dataURI productType " +
		"productGroupDescription productSubGroupDescription productDocumentationURL project prvversion " +
		"productFilename size parent_obsid"
	if got := strings.Join(tbl.Names(), " "); got != want {
		t.Fatalf("columns = %s", got)
	}
	F, T := false, true
	wantStr(t, tbl, "obsID", []string{"2003520267", "2003520267", "87603128"}, []bool{F, F, F})
	wantStr(t, tbl, "parent_obsid", []string{"2003520267", "2003520267", "87603128"}, []bool{F, F, F})
	wantStr(t, tbl, "productGroupDescription", []string{"Minimum Recommended Products", "", "Minimum Recommended Products"}, []bool{F, T, F})
	wantStr(t, tbl, "productDocumentationURL", []string{"", "", ""}, []bool{T, T, T})
	wantStr(t, tbl, "prvversion", []string{"", "3.6.1", ""}, []bool{T, F, T})
	wantStr(t, tbl, "dataURI", []string{"mast:HST/product/u24r0101t_c0f.fits", "mast:HST/product/u24r0101t_drz.jpg",
		"mast:TESS/product/tess2018206045859-s0001-0000000025155310-0120-s_lc.fits"}, []bool{F, F, F})
	wantInt(t, tbl, "size", []int64{2880000, 191544, -999}, []bool{F, F, T})
	if r.Paging == nil || r.Paging.PagesFiltered != 1 || r.Paging.Rows != 3 {
		t.Errorf("paging = %+v", r.Paging)
	}
}

func TestDecodeCount(t *testing.T) {
	r := decodeFixture(t, "count.json", Options{})
	wantInt(t, r.Table, "Column1", []int64{1027}, []bool{false})
}

func TestDecodeExecuting(t *testing.T) {
	r := decodeFixture(t, "executing.json", Options{})
	if r.Status != "EXECUTING" || !r.HasStatus || r.PercentComplete != 42.5 {
		t.Errorf("got %q %v %v", r.Status, r.HasStatus, r.PercentComplete)
	}
	if r.Table == nil || r.Table.Rows() != 0 || len(r.Table.Columns) != 0 {
		t.Errorf("table = %+v", r.Table)
	}
	if r.Paging == nil || *r.Paging != (Paging{HasPagesFiltered: true, HasRowsFiltered: true}) {
		t.Errorf("paging = %+v", r.Paging)
	}
}

func TestDecodeError(t *testing.T) {
	r := decodeFixture(t, "error.json", Options{})
	if r.Status != "ERROR" || r.Msg != "Must be logged in as an authorized user to access this service." {
		t.Errorf("got %q %q", r.Status, r.Msg)
	}
	if r.Table != nil || r.Paging != nil || r.Fields != nil {
		t.Errorf("unexpected table/paging/fields: %+v", r)
	}
}

func TestDecodeExtjs(t *testing.T) {
	r := decodeFixture(t, "extjs_caom_all.json", Options{})
	if r.Status != "COMPLETE" || !r.HasStatus || r.Table != nil || r.Paging != nil || r.Fields != nil {
		t.Errorf("got %+v", r)
	}
}

func TestDecodeNoStatus(t *testing.T) {
	r := decodeFixture(t, "name_lookup.json", Options{})
	if r.Status != "" || !r.HasStatus || r.Table != nil {
		t.Errorf("Name.Lookup: got %+v", r)
	}
	r = decodeFixture(t, "columnsconfig.json", Options{})
	if r.HasStatus || r.Table != nil {
		t.Errorf("columnsconfig: got %+v", r)
	}
	for _, body := range []string{"{}", "null", " \n{ }\t", " null "} {
		r, err := Decode([]byte(body), Options{})
		if err != nil || r.HasStatus || r.Status != "" || r.Table != nil {
			t.Errorf("%q: got %+v, %v", body, r, err)
		}
	}
}

func TestDecodeIgnoreValues(t *testing.T) {
	body := []byte(`{"fields": [{"name": "n", "type": "int"}, {"name": "s", "type": "char"}, {"name": "b", "type": "boolean"},
		{"name": "u", "type": "unsignedByte"}, {"name": "x", "type": "mystery"}],
		"data": [{"n": null, "s": null, "b": null, "u": null, "x": null}, {"n": -999, "s": "", "b": true, "u": 255, "x": 3.5},
		{"n": -9999, "s": "N/A", "b": 0, "u": -999, "x": [1, {"a": "b"}]}]}`)
	opts := Options{IgnoreValues: map[string]string{"n": "-9999", "s": "N/A", "b": "true"}}
	r, err := Decode(body, opts)
	if err != nil {
		t.Fatal(err)
	}
	F, T := false, true
	wantInt(t, r.Table, "n", []int64{-9999, -999, -9999}, []bool{T, F, T})
	wantStr(t, r.Table, "s", []string{"N/A", "", "N/A"}, []bool{T, F, T})
	wantBool(t, r.Table, "b", []bool{false, true, false}, []bool{T, F, F})
	wantInt(t, r.Table, "u", []int64{-999, 255, -999}, []bool{T, F, T})
	wantStr(t, r.Table, "x", []string{"", "3.5", `[1, {"a": "b"}]`}, []bool{T, F, F})
	want, err := decodeReference(body, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameResponse(r, want); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeNotRows(t *testing.T) {
	for _, body := range []string{
		`{"data": [[1, 2]], "fields": [{"name": "a", "type": "int"}]}`,
		`{"data": [{"a": 1}, 5], "fields": [{"name": "a", "type": "int"}]}`,
		`{"data": {"a": 1}, "fields": [{"name": "a", "type": "int"}]}`,
		`{"data": [{"a": 1}]}`,
		`{"data": [{"a": 1}], "fields": null}`,
	} {
		r, err := Decode([]byte(body), Options{})
		if err != nil || r.Table != nil {
			t.Errorf("%s: got table %v, err %v; want no table, no error", body, r != nil && r.Table != nil, err)
		}
	}
}

func TestDecodeMalformed(t *testing.T) {
	for _, body := range []string{
		``, ` `, `nul`, `[1, 2`, `"str`, `{`, `{"status"`, `{"status": "COMPLETE",}`, `{"status" "x"}`,
		`{"status": "x"} x`, `{"status": "x\u12"}`, `{"status": "x\q"}`, "{\"status\": \"a\x01b\"}",
		`{"msg": "abc`, `{"a": 01}`, `{"a": 1.}`, `{"a": -}`, `{"a": 1e}`, `{"a": .5}`, `{"a": +1}`,
		`{"a": [1, 2,]}`, `{"a": {"b": 1,}}`, `{"a": {"b"}}`, `{"a": tru}`, `{"a": nulll}`,
		`{"data": [{"a": 1,]}], "fields": [{"name": "a", "type": "int"}]}`,
		`{"data": [{"a": tru}], "fields": [{"name": "a", "type": "boolean"}]}`,
		`{"data": [{"a": 1} {"a": 2}], "fields": [{"name": "a", "type": "int"}]}`,
		`{"data": [{"a": 1}] "fields": []}`,
		`{"data": [{"a": "x}], "fields": [{"name": "a", "type": "string"}]}`,
		`{"data": [{"a": [1, 2}], "fields": [{"name": "a", "type": "string"}]}`,
		`{"fields": [{"name": "a", "type": "int"}], "data": [{"a": 1}, {"a": 2]}`,
		strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
		`{"a": ` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
	} {
		_, err := Decode([]byte(body), Options{})
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%.60q: err = %v, want a *SyntaxError", body, err)
			continue
		}
		if se.Offset < 0 || se.Offset > int64(len(body)) || !strings.Contains(err.Error(), "byte offset") {
			t.Errorf("%.60q: bad error %v", body, err)
		}
	}
	// Well-formed answers that are not objects have the wrong shape.
	for _, body := range []string{`[1, 2]`, `"str"`, ` 5 `, `true`} {
		_, err := Decode([]byte(body), Options{Service: "Mast.Caom.Cone"})
		var se *ShapeError
		if !errors.As(err, &se) || se.Field != "" || !strings.Contains(err.Error(), "Mast.Caom.Cone: answer: want an object") {
			t.Errorf("%s: err = %v, want a shape error", body, err)
		}
	}
	// The offset points at the culprit.
	body := `{"status": "COMPLETE", "msg": "",}`
	_, err := Decode([]byte(body), Options{})
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != int64(strings.LastIndex(body, "}")) {
		t.Errorf("err = %v, want offset %d", err, strings.LastIndex(body, "}"))
	}
}

// TestDecodeErrorInParallelPart corrupts a row far into a page decoded by several
// goroutines: the error must name that byte.
func TestDecodeErrorInParallelPart(t *testing.T) {
	body := caomPage(3000)
	pos := bytes.Index(body[len(body)*3/4:], []byte(`"s_dec": `)) + len(body)*3/4 + len(`"s_dec": `)
	bad := bytes.Clone(body)
	bad[pos] = 'x'
	_, err := decode(bad, caomOpts(), tuning{chunks: 4, minChunk: 1000})
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != int64(pos) {
		t.Fatalf("err = %v, want offset %d", err, pos)
	}
}

func TestDecodeTruncated(t *testing.T) {
	for _, name := range []string{"caom_page.json", "products_page.json", "executing.json", "extjs_caom_all.json", "error.json"} {
		body := bytes.TrimSpace(fixture(t, name))
		for n := 0; n < len(body); n++ {
			for _, tn := range []tuning{{chunks: 1, minChunk: 1}, {chunks: 3, minChunk: 50}} {
				if _, err := decode(body[:n:n], Options{}, tn); err == nil {
					t.Fatalf("%s cut at %d: no error", name, n)
				}
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"caom_page.json", "products_page.json", "executing.json", "error.json",
		"extjs_caom_all.json", "name_lookup.json", "columnsconfig.json", "count.json"} {
		f.Add(fixture(f, name), false)
	}
	f.Add([]byte(`{"fields": [{"name": "a", "type": "float"}], "data": [{"a": "1e5"}, {"a": 1}]}`), true)
	f.Fuzz(func(t *testing.T, body []byte, split bool) {
		opts := Options{IgnoreValues: map[string]string{"s_fov": "0", "a": "1", "size": "-1"}}
		tn := tuning{chunks: 1, minChunk: 1 << 20}
		if split {
			tn = tuning{chunks: 3, minChunk: 16}
		}
		got, err := decode(body, opts, tn)
		want, werr := decodeReference(body, opts)
		if (err != nil) != (werr != nil) {
			t.Fatalf("error mismatch: got %v, reference %v", err, werr)
		}
		// Read in blocks, the same body decodes the same.
		if sg, serr := decodeSegments(cutBlocks(body, 16), opts, tn); fmt.Sprint(serr) != fmt.Sprint(err) {
			t.Fatalf("in blocks: error %v, whole %v", serr, err)
		} else if err == nil {
			if err := sameResponse(sg, got); err != nil {
				t.Fatalf("in blocks: %v", err)
			}
		}
		if err != nil {
			return
		}
		if err := sameResponse(got, want); err != nil {
			t.Fatal(err)
		}
	})
}
