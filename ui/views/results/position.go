package results

import (
	"math"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/mast"
)

// positionColumns are the (RA, Dec) column pairs a row's position is read from, in
// order of preference: CAOM, the Search API missions, and the catalogs (TIC, Gaia,
// HSC, PanSTARRS, PLATO, SkyMapper). Names match case-blind.
func positionColumns() [][2]string {
	return [][2]string{
		{"s_ra", "s_dec"}, {"ra", "dec"}, {"targ_ra", "targ_dec"}, {"sci_ra", "sci_dec"},
		{"MatchRA", "MatchDec"}, {"raMean", "decMean"}, {"raStack", "decStack"}, {"RAdeg", "DEdeg"},
		{"raj2000", "dej2000"}, {"SourceRA", "SourceDec"}, {"ra_obj", "dec_obj"},
	}
}

// columnFold finds a column by name, case-blind (nil when none).
func columnFold(t *model.Table, name string) *model.Column {
	if c := t.Col(name); c != nil {
		return c
	}
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// PositionOf is the sky position of table row r, from the first pair of position
// columns the table has with values there.
func PositionOf(t *model.Table, r int) (mast.Position, bool) {
	if t == nil || r < 0 || r >= t.Rows() {
		return mast.Position{}, false
	}
	for _, pair := range positionColumns() {
		ra, dec := columnFold(t, pair[0]), columnFold(t, pair[1])
		if ra == nil || dec == nil {
			continue
		}
		a, okA := numberAt(ra, r)
		d, okD := numberAt(dec, r)
		if okA && okD && a >= 0 && a <= 360 && d >= -90 && d <= 90 {
			return mast.Position{RA: a, Dec: d}, true
		}
	}
	return mast.Position{}, false
}

// numberAt reads a numeric cell (a number sent as text too).
func numberAt(c *model.Column, r int) (float64, bool) {
	if c.IsNull(r) {
		return 0, false
	}
	switch c.Kind {
	case model.KindFloat:
		return c.Float[r], !math.IsNaN(c.Float[r])
	case model.KindInt:
		return float64(c.Int[r]), true
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(c.String(r)), 64)
	return f, err == nil && !math.IsNaN(f)
}
