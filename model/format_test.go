package model

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func sampleTable() *Table {
	return NewTable(
		strCol("obs_id", "u9o40504m", "jw\"01"),
		&Column{Name: "obsid", Kind: KindInt, Int: []int64{9007199254740993, -999}, Masked: []bool{false, true}},
		&Column{Name: "s_ra", Kind: KindFloat, Float: []float64{210.802429, math.NaN()}},
		&Column{Name: "flag", Kind: KindBool, Bool: []bool{true, false}},
	)
}

func TestWriteJSONKeepsOrderExactIntsAndNulls(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sampleTable()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `{"obs_id": "u9o40504m", "obsid": 9007199254740993, "s_ra": 210.802429, "flag": true}`) {
		t.Errorf("row 0 not in column order with exact int:\n%s", out)
	}
	if !strings.Contains(out, `"obsid": null, "s_ra": null`) {
		t.Errorf("masked/NaN not null:\n%s", out)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("not valid JSON: %v\n%s", err, out)
	}
	if rows[0]["obsid"].(json.Number).String() != "9007199254740993" || rows[1]["obs_id"] != `jw"01` {
		t.Errorf("round trip: %v", rows)
	}
}

func TestWriteCSVMasksAsEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sampleTable()); err != nil {
		t.Fatal(err)
	}
	want := "obs_id,obsid,s_ra,flag\nu9o40504m,9007199254740993,210.802429,true\n\"jw\"\"01\",,,false\n"
	if b.String() != want {
		t.Errorf("csv =\n%q\nwant\n%q", b.String(), want)
	}
}

func TestWriteTextAlignsAndSanitizes(t *testing.T) {
	tb := NewTable(strCol("name", "a\x1b[31mred\x1b[0m", "bb"), &Column{Name: "n", Kind: KindInt, Int: []int64{5, 12345}})
	var b bytes.Buffer
	if err := WriteText(&b, tb); err != nil {
		t.Fatal(err)
	}
	want := "name     n\n---- -----\nared     5\nbb   12345\n"
	if b.String() != want {
		t.Errorf("text =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteTableUnknownFormat(t *testing.T) {
	err := WriteTable(&bytes.Buffer{}, sampleTable(), "xml")
	if err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Fatalf("err = %v", err)
	}
}

// Markdown: a pipe table, numeric columns right-aligned, "|" and "\" escaped so a cell
// cannot end early, nulls as "--", terminal controls dropped.
func TestWriteMarkdown(t *testing.T) {
	name := NewColumn("name", KindString, 2)
	name.Str = append(name.Str, "a|b\\c", "x\x1b[31my\nz")
	n := NewColumn("n", KindFloat, 2)
	n.Float = append(n.Float, 1.5, math.NaN())
	var b strings.Builder
	if err := WriteTable(&b, NewTable(name, n), FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	want := "| name | n |\n| --- | --: |\n| a\\|b\\\\c | 1.5 |\n| xy z | -- |\n"
	if b.String() != want {
		t.Fatalf("got\n%q\nwant\n%q", b.String(), want)
	}
}
