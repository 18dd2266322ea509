package model

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// astropyPython is a python3 that imports astropy (Debian's python3-astropy lives in
// /usr/bin/python3 when another python3 comes first on PATH); the test is skipped
// without one.
func astropyPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import astropy.table, astropy.io.votable").Run() == nil {
			return py
		}
	}
	t.Skip("no python3 with astropy (Debian: python3-astropy)")
	return ""
}

// exportTable has what a reader gets wrong: an int beyond 2^53, masked ints, NaN, bools,
// text with quotes, commas, markup, non-ASCII and an escape sequence.
func exportTable() *Table {
	name := strCol("target_name", `M "101", core`, "<b>&amp;</b> x", "Ω Cen\x1b[31m")
	name.Meta = ColumnMeta{Description: `target "name" <as given>`}
	id := &Column{Name: "obsid", Kind: KindInt, Int: []int64{9007199254740993, -5, 0}, Masked: []bool{false, false, true}}
	ra := &Column{Name: "s_ra", Kind: KindFloat, Float: []float64{210.802429, math.NaN(), -1e-300}, Meta: ColumnMeta{Unit: "deg"}}
	ok := &Column{Name: "flag", Kind: KindBool, Bool: []bool{true, false, true}}
	exp := &Column{Name: "t_exptime", Kind: KindFloat, Float: []float64{1.5, 2, 3}, Meta: ColumnMeta{Unit: "sec"}}
	return NewTable(name, id, ra, ok, exp)
}

type readColumn struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Unit        string `json:"unit"`
	Description string `json:"description"`
	Values      []any  `json:"values"`
}

// TestExportFormatsReadByAstropy: ECSV and VOTable files open in astropy with their
// types (int64 exact, float, bool, text), units, descriptions and nulls; CSV keeps the
// values (astropy guesses its types).
func TestExportFormatsReadByAstropy(t *testing.T) {
	py := astropyPython(t)
	wantText := []any{`M "101", core`, "<b>&amp;</b> x", "Ω Cen"}
	want := []readColumn{
		{Name: "target_name", Kind: "U", Description: `target "name" <as given>`, Values: wantText},
		{Name: "obsid", Kind: "i", Values: []any{"9007199254740993", "-5", nil}},
		{Name: "s_ra", Kind: "f", Unit: "deg", Values: []any{210.802429, nil, -1e-300}},
		{Name: "flag", Kind: "b", Values: []any{true, false, true}},
		{Name: "t_exptime", Kind: "f", Unit: "sec", Values: []any{1.5, 2.0, 3.0}},
	}
	for _, format := range []string{FormatECSV, FormatVOTable, FormatCSV} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteTable(&b, exportTable(), format); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "t"+FormatExtension(format))
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, "testdata/readback.py", format, path).CombinedOutput()
			if err != nil {
				t.Fatalf("astropy cannot read it: %v\n%s\n--- file:\n%s", err, out, b.String())
			}
			var got []readColumn
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			w := want
			if format == FormatVOTable { // VOUnit spelling
				w = append(append([]readColumn(nil), want[:4]...), want[4])
				w[4].Unit = "s"
			}
			if format == FormatCSV { // no header metadata: astropy guesses the types
				w = nil
				for _, c := range want {
					c.Unit, c.Description = "", ""
					if c.Kind == "b" {
						c.Kind, c.Values = "U", []any{"true", "false", "true"}
					}
					w = append(w, c)
				}
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("astropy read\n%+v\nwant\n%+v\n--- file:\n%s", got, w, b.String())
			}
		})
	}
}
