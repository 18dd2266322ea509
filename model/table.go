// Package model holds the typed, column-oriented result table every view, the CLI and
// the decoders share. Columns are typed slices so 100k-row tables stay compact and fast.
package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kind is the storage type of a column.
type Kind uint8

const (
	KindString Kind = iota
	KindFloat
	KindInt
	KindBool
)

func (k Kind) String() string {
	switch k {
	case KindFloat:
		return "float"
	case KindInt:
		return "int"
	case KindBool:
		return "bool"
	default:
		return "string"
	}
}

// ColumnMeta describes a column for humans (from MAST's columnsconfig / column_list).
type ColumnMeta struct {
	Label       string
	Unit        string
	Description string
	Type        string // the server's type name, e.g. "float", "char", "long"
}

// Column is one typed column. Exactly one of the value slices is used, chosen by Kind.
// Masked, when non-nil, has one entry per row; true means "no value" (astropy's mask).
type Column struct {
	Name   string
	Kind   Kind
	Str    []string
	Float  []float64
	Int    []int64
	Bool   []bool
	Masked []bool
	Meta   ColumnMeta
}

// NewColumn makes an empty column of the given kind with room for n rows.
func NewColumn(name string, kind Kind, n int) *Column {
	c := &Column{Name: name, Kind: kind}
	switch kind {
	case KindString:
		c.Str = make([]string, 0, n)
	case KindFloat:
		c.Float = make([]float64, 0, n)
	case KindInt:
		c.Int = make([]int64, 0, n)
	case KindBool:
		c.Bool = make([]bool, 0, n)
	}
	return c
}

// Len is the number of rows stored in the column.
func (c *Column) Len() int {
	switch c.Kind {
	case KindFloat:
		return len(c.Float)
	case KindInt:
		return len(c.Int)
	case KindBool:
		return len(c.Bool)
	default:
		return len(c.Str)
	}
}

// IsMasked reports whether row i holds no value.
func (c *Column) IsMasked(i int) bool { return c.Masked != nil && c.Masked[i] }

// MaskedMark is how a value-less cell reads on screen (astropy prints masked values as
// "--"); CSV leaves such cells empty and JSON writes null.
const MaskedMark = "--"

// IsNull reports whether row i has no value to show: masked, or a float NaN (what MAST's
// null becomes in a float column).
func (c *Column) IsNull(i int) bool {
	return c.IsMasked(i) || c.Kind == KindFloat && math.IsNaN(c.Float[i])
}

// SetMasked marks row i as masked, allocating the mask lazily.
func (c *Column) SetMasked(i int) {
	if c.Masked == nil {
		c.Masked = make([]bool, c.Len(), cap(c.Str)+cap(c.Float)+cap(c.Int)+cap(c.Bool))
	}
	for len(c.Masked) <= i {
		c.Masked = append(c.Masked, false)
	}
	c.Masked[i] = true
}

// String renders row i as text: masked -> "", NaN -> "nan", floats in the shortest exact
// form, ints exactly. Server text is returned raw: outputs sanitize it (SanitizeText) and
// show nulls their own way (IsNull).
func (c *Column) String(i int) string {
	if c.IsMasked(i) {
		return ""
	}
	switch c.Kind {
	case KindFloat:
		return FormatFloat(c.Float[i])
	case KindInt:
		return strconv.FormatInt(c.Int[i], 10)
	case KindBool:
		return strconv.FormatBool(c.Bool[i])
	default:
		return c.Str[i]
	}
}

// Int64 reads row i as an integer (a size, a level): ints as they are, finite floats
// truncated, strings parsed; false when masked, NaN or not a number.
func (c *Column) Int64(i int) (int64, bool) {
	if c == nil || c.IsMasked(i) {
		return 0, false
	}
	switch c.Kind {
	case KindInt:
		return c.Int[i], true
	case KindFloat:
		if f := c.Float[i]; !math.IsNaN(f) && !math.IsInf(f, 0) {
			return int64(f), true
		}
	case KindString:
		if v, err := strconv.ParseInt(strings.TrimSpace(c.Str[i]), 10, 64); err == nil {
			return v, true
		}
	}
	return 0, false
}

// Value returns row i as a Go value for JSON output: nil when masked or NaN.
func (c *Column) Value(i int) any {
	if c.IsMasked(i) {
		return nil
	}
	switch c.Kind {
	case KindFloat:
		if math.IsNaN(c.Float[i]) || math.IsInf(c.Float[i], 0) {
			return nil
		}
		return c.Float[i]
	case KindInt:
		return c.Int[i]
	case KindBool:
		return c.Bool[i]
	default:
		return c.Str[i]
	}
}

// FormatFloat prints the shortest representation that round-trips.
func FormatFloat(f float64) string {
	if math.IsNaN(f) {
		return "nan"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// Table is an ordered set of equally long columns.
type Table struct {
	Columns []*Column
}

// NewTable builds a table from columns; they must all have the same length.
func NewTable(cols ...*Column) *Table { return &Table{Columns: cols} }

// Rows is the number of rows.
func (t *Table) Rows() int {
	if t == nil || len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// ColIndex finds a column by name: exact match first, then case-insensitive; -1 if absent.
func (t *Table) ColIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// Col returns the named column or nil.
func (t *Table) Col(name string) *Column {
	if i := t.ColIndex(name); i >= 0 {
		return t.Columns[i]
	}
	return nil
}

// Names lists column names in order.
func (t *Table) Names() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Append adds the rows of o (a vstack by column name). Columns of t missing from o are
// masked for the new rows; columns only in o are added, masked for the old rows.
// A column present in both with different kinds is an error.
func (t *Table) Append(o *Table) error {
	if o == nil || o.Rows() == 0 && len(o.Columns) == 0 {
		return nil
	}
	if len(t.Columns) == 0 {
		for _, c := range o.Columns {
			t.Columns = append(t.Columns, c.clone())
		}
		return nil
	}
	old, add := t.Rows(), o.Rows()
	for _, oc := range o.Columns {
		if t.ColIndex(oc.Name) < 0 {
			nc := NewColumn(oc.Name, oc.Kind, old+add)
			nc.Meta = oc.Meta
			for i := 0; i < old; i++ {
				nc.appendZero()
				nc.SetMasked(i)
			}
			t.Columns = append(t.Columns, nc)
		}
	}
	for _, c := range t.Columns {
		oc := o.Col(c.Name)
		if oc == nil {
			for i := 0; i < add; i++ {
				c.appendZero()
				c.SetMasked(old + i)
			}
			continue
		}
		if oc.Kind != c.Kind {
			return fmt.Errorf("append: column %q is %s in one page and %s in another", c.Name, c.Kind, oc.Kind)
		}
		switch c.Kind {
		case KindString:
			c.Str = append(c.Str, oc.Str...)
		case KindFloat:
			c.Float = append(c.Float, oc.Float...)
		case KindInt:
			c.Int = append(c.Int, oc.Int...)
		case KindBool:
			c.Bool = append(c.Bool, oc.Bool...)
		}
		if oc.Masked != nil || c.Masked != nil {
			if c.Masked == nil {
				c.Masked = make([]bool, old, old+add)
			}
			c.Masked = c.Masked[:old]
			if oc.Masked != nil {
				c.Masked = append(c.Masked, oc.Masked[:add]...)
			} else {
				c.Masked = append(c.Masked, make([]bool, add)...)
			}
		}
	}
	return nil
}

// Select returns a new table with the given rows, in that order.
func (t *Table) Select(rows []int) *Table {
	out := &Table{Columns: make([]*Column, len(t.Columns))}
	for ci, c := range t.Columns {
		nc := NewColumn(c.Name, c.Kind, len(rows))
		nc.Meta = c.Meta
		for _, r := range rows {
			switch c.Kind {
			case KindString:
				nc.Str = append(nc.Str, c.Str[r])
			case KindFloat:
				nc.Float = append(nc.Float, c.Float[r])
			case KindInt:
				nc.Int = append(nc.Int, c.Int[r])
			case KindBool:
				nc.Bool = append(nc.Bool, c.Bool[r])
			}
		}
		if c.Masked != nil {
			nc.Masked = make([]bool, len(rows))
			for i, r := range rows {
				nc.Masked[i] = c.Masked[r]
			}
		}
		out.Columns[ci] = nc
	}
	return out
}

func (c *Column) appendZero() {
	switch c.Kind {
	case KindString:
		c.Str = append(c.Str, "")
	case KindFloat:
		c.Float = append(c.Float, math.NaN())
	case KindInt:
		c.Int = append(c.Int, 0)
	case KindBool:
		c.Bool = append(c.Bool, false)
	}
}

func (c *Column) clone() *Column {
	nc := *c
	nc.Str = append([]string(nil), c.Str...)
	nc.Float = append([]float64(nil), c.Float...)
	nc.Int = append([]int64(nil), c.Int...)
	nc.Bool = append([]bool(nil), c.Bool...)
	if c.Masked != nil {
		nc.Masked = append([]bool(nil), c.Masked...)
	}
	return &nc
}
