package grid

import (
	"math"
	"strconv"

	"mastui/model"
	"mastui/ui/common"
)

// Format is how a column's cells are drawn.
type Format uint8

const (
	FormatDefault Format = iota // strings as they are, floats to 10 significant digits
	FormatMJD                   // a Modified Julian Date as an ISO date
	FormatFixed1                // floats with one decimal (exposure times)
	FormatFixed3                // floats with three decimals (distances)
	FormatFixed6                // floats with six decimals (positions)
	FormatBytes                 // a size in bytes in human units ("117 MB")
)

// Masked is how a cell without a value reads (masked or NaN), as everywhere on screen.
const Masked = model.MaskedMark

// Column is one displayed column of a table, with its cached width.
type Column struct {
	Src    *model.Column
	Header string
	Format Format
	Right  bool // numbers are right-aligned
	Cap    int  // the widest the column may grow
	Width  int  // cached: max(header, widest measured cell), at most Cap
}

// NewColumn describes how src is shown. Numbers are right-aligned (dates are not);
// the width starts at the header's and grows as Measure sees cells.
func NewColumn(src *model.Column, header string, f Format, cap int) *Column {
	if header == "" {
		header = common.Sanitize(src.Name)
	}
	c := &Column{Src: src, Header: header, Format: f, Cap: max(1, cap)}
	c.Right = (src.Kind == model.KindFloat || src.Kind == model.KindInt) && f != FormatMJD
	c.Width = min(c.Cap, textWidth(header))
	return c
}

// Name is the name of the table column shown.
func (c *Column) Name() string { return c.Src.Name }

// Measure widens the cached width over table rows [from, to). Views call it when data
// arrives, never per frame.
func (c *Column) Measure(from, to int) {
	for r := from; r < to && c.Width < c.Cap; r++ {
		if w := textWidth(c.Text(r)); w > c.Width {
			c.Width = min(w, c.Cap)
		}
	}
}

// Text is the display text of table row r, sanitized.
func (c *Column) Text(r int) string {
	s := c.Src
	if r < 0 || r >= s.Len() || s.IsMasked(r) {
		return Masked
	}
	switch s.Kind {
	case model.KindString:
		return common.Sanitize(s.Str[r])
	case model.KindInt:
		if c.Format == FormatBytes {
			return model.FormatBytes(s.Int[r])
		}
		return strconv.FormatInt(s.Int[r], 10)
	case model.KindBool:
		return strconv.FormatBool(s.Bool[r])
	}
	f := s.Float[r]
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Masked
	}
	switch c.Format {
	case FormatMJD:
		return common.MJDDate(f)
	case FormatFixed1:
		return strconv.FormatFloat(f, 'f', 1, 64)
	case FormatFixed3:
		return strconv.FormatFloat(f, 'f', 3, 64)
	case FormatFixed6:
		return strconv.FormatFloat(f, 'f', 6, 64)
	case FormatBytes:
		return model.FormatBytes(int64(f))
	}
	return strconv.FormatFloat(f, 'g', 10, 64)
}
