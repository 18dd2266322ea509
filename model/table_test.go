package model

import (
	"math"
	"testing"
)

func strCol(name string, vals ...string) *Column {
	c := NewColumn(name, KindString, len(vals))
	c.Str = append(c.Str, vals...)
	return c
}

func TestAppendStacksByNameAndMasksMissingColumns(t *testing.T) {
	a := NewTable(strCol("obs_id", "a1", "a2"), &Column{Name: "size", Kind: KindInt, Int: []int64{1, 2}})
	b := NewTable(&Column{Name: "SIZE", Kind: KindInt, Int: []int64{3}}, strCol("extra", "x"))
	if err := a.Append(b); err != nil {
		t.Fatal(err)
	}
	if a.Rows() != 3 {
		t.Fatalf("rows = %d, want 3", a.Rows())
	}
	if got := a.Col("size").Int; got[2] != 3 {
		t.Errorf("size = %v", got)
	}
	if !a.Col("obs_id").IsMasked(2) || a.Col("obs_id").IsMasked(0) {
		t.Errorf("obs_id mask = %v, want only row 2 masked", a.Col("obs_id").Masked)
	}
	extra := a.Col("extra")
	if extra == nil || !extra.IsMasked(0) || !extra.IsMasked(1) || extra.IsMasked(2) || extra.Str[2] != "x" {
		t.Errorf("extra column = %+v", extra)
	}
}

func TestAppendRejectsKindMismatch(t *testing.T) {
	a := NewTable(strCol("x", "1"))
	b := NewTable(&Column{Name: "x", Kind: KindFloat, Float: []float64{1}})
	if err := a.Append(b); err == nil {
		t.Fatal("want an error for string vs float")
	}
}

func TestSelectKeepsOrderAndMasks(t *testing.T) {
	c := &Column{Name: "f", Kind: KindFloat, Float: []float64{1, 2, 3}, Masked: []bool{false, true, false}}
	s := NewTable(c).Select([]int{2, 1})
	if got := s.Columns[0]; got.Float[0] != 3 || !got.IsMasked(1) || got.IsMasked(0) {
		t.Errorf("select = %+v", got)
	}
}

func TestColumnStringAndValue(t *testing.T) {
	c := &Column{Name: "f", Kind: KindFloat, Float: []float64{210.802429, math.NaN()}}
	if c.String(0) != "210.802429" || c.String(1) != "nan" || c.Value(1) != nil {
		t.Errorf("got %q %q %v", c.String(0), c.String(1), c.Value(1))
	}
	i := &Column{Name: "i", Kind: KindInt, Int: []int64{-999}, Masked: []bool{true}}
	if i.String(0) != "" || i.Value(0) != nil {
		t.Errorf("masked int: %q %v", i.String(0), i.Value(0))
	}
}

func TestColumnInt64(t *testing.T) {
	i := NewColumn("size", KindInt, 2)
	i.Int = append(i.Int, 42, 7)
	i.SetMasked(1)
	f := NewColumn("size", KindFloat, 2)
	f.Float = append(f.Float, 1e3+0.9, math.NaN())
	s := NewColumn("size", KindString, 2)
	s.Str = append(s.Str, " 17 ", "big")
	var none *Column
	for _, c := range []struct {
		c    *Column
		r    int
		want int64
		ok   bool
	}{{i, 0, 42, true}, {i, 1, 0, false}, {f, 0, 1000, true}, {f, 1, 0, false}, {s, 0, 17, true}, {s, 1, 0, false}, {none, 0, 0, false}} {
		if v, ok := c.c.Int64(c.r); v != c.want || ok != c.ok {
			t.Errorf("%v row %d: %d %v, want %d %v", c.c, c.r, v, ok, c.want, c.ok)
		}
	}
}
