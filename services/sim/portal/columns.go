package portal

import (
	"math"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
)

// valueKind is how a column's cells are stored and written.
type valueKind uint8

const (
	kindString valueKind = iota // JSON string; "" is written as null
	kindFloat                   // JSON number; NaN is written as null
	kindInt                     // JSON number; ok=false is null
	kindID                      // uint64 written as a JSON number although "fields" says "string" (as MAST does)
	kindBool                    // JSON boolean; ok=false is null
)

// Column describes one result column over rows of type R: its wire name, the type
// announced in "fields", and the accessor matching its kind.
type Column[R any] struct {
	name     string
	jsonType string
	kind     valueKind
	str      func(*R) string
	flt      func(*R) float64
	num      func(*R) (int64, bool)
	id       func(*R) uint64
	bl       func(*R) (bool, bool)
}

func strCol[R any](name string, f func(*R) string) Column[R] {
	return Column[R]{name: name, jsonType: "string", kind: kindString, str: f}
}

func floatCol[R any](name string, f func(*R) float64) Column[R] {
	return Column[R]{name: name, jsonType: "float", kind: kindFloat, flt: f}
}

func intCol[R any](name string, f func(*R) (int64, bool)) Column[R] {
	return Column[R]{name: name, jsonType: "int", kind: kindInt, num: f}
}

func idCol[R any](name string, f func(*R) uint64) Column[R] {
	return Column[R]{name: name, jsonType: "string", kind: kindID, id: f}
}

func boolCol[R any](name string, f func(*R) (bool, bool)) Column[R] {
	return Column[R]{name: name, jsonType: "boolean", kind: kindBool, bl: f}
}

// selectedCol is MAST's "_selected_" column: boolean, always null.
func selectedCol[R any]() Column[R] {
	return boolCol("_selected_", func(*R) (bool, bool) { return false, false })
}

// isNumeric tells whether range filters compare the column as numbers.
func (c *Column[R]) isNumeric() bool { return c.kind != kindString && c.kind != kindBool }

// text renders a cell as the SQL server would compare it in LIKE and equality
// tests; ok=false for null.
func (c *Column[R]) text(r *R) (string, bool) {
	switch c.kind {
	case kindString:
		s := c.str(r)
		return s, s != ""
	case kindFloat:
		f := c.flt(r)
		if math.IsNaN(f) {
			return "", false
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	case kindInt:
		n, ok := c.num(r)
		return strconv.FormatInt(n, 10), ok
	case kindID:
		return strconv.FormatUint(c.id(r), 10), true
	default:
		b, ok := c.bl(r)
		return strconv.FormatBool(b), ok
	}
}

// number returns a numeric cell; ok=false for null or non-numeric columns.
func (c *Column[R]) number(r *R) (float64, bool) {
	switch c.kind {
	case kindFloat:
		f := c.flt(r)
		return f, !math.IsNaN(f)
	case kindInt:
		n, ok := c.num(r)
		return float64(n), ok
	case kindID:
		return float64(c.id(r)), true
	default:
		return 0, false
	}
}

// findColumn looks a column up case-insensitively, as MAST does for paramName.
func findColumn[R any](cols []Column[R], name string) int {
	name = strings.TrimSpace(name)
	for i := range cols {
		if strings.EqualFold(cols[i].name, name) {
			return i
		}
	}
	return -1
}

// obsRow is one observation as a result row; dist is the distance from the search
// position in arcsec (position queries only).
type obsRow struct {
	o    *archive.Obs
	dist float64
}

func nullableInt(n int) (int64, bool) { return int64(n), n >= 0 }

// obsColumns are the CAOM columns in MAST's order (Mast.Caom.Cone / Filtered answers).
func obsColumns() []Column[obsRow] {
	return []Column[obsRow]{
		strCol("intentType", func(r *obsRow) string { return r.o.IntentType }),
		strCol("obs_collection", func(r *obsRow) string { return r.o.Collection }),
		strCol("provenance_name", func(r *obsRow) string { return r.o.Provenance }),
		strCol("instrument_name", func(r *obsRow) string { return r.o.Instrument }),
		strCol("project", func(r *obsRow) string { return r.o.Project }),
		strCol("filters", func(r *obsRow) string { return r.o.Filters }),
		strCol("wavelength_region", func(r *obsRow) string { return r.o.Waveband }),
		strCol("target_name", func(r *obsRow) string { return r.o.Target }),
		strCol("target_classification", func(r *obsRow) string { return r.o.TargetClass }),
		strCol("obs_id", func(r *obsRow) string { return r.o.ObsID }),
		floatCol("s_ra", func(r *obsRow) float64 { return r.o.RA }),
		floatCol("s_dec", func(r *obsRow) float64 { return r.o.Dec }),
		strCol("dataproduct_type", func(r *obsRow) string { return r.o.ProductType }),
		strCol("proposal_pi", func(r *obsRow) string { return r.o.PI }),
		intCol("calib_level", func(r *obsRow) (int64, bool) {
			if r.o.Planned {
				return -1, true // CAOM's level of a planned observation
			}
			return nullableInt(r.o.CalibLevel)
		}),
		floatCol("t_min", func(r *obsRow) float64 { return r.o.TMin }),
		floatCol("t_max", func(r *obsRow) float64 { return r.o.TMax }),
		floatCol("t_exptime", func(r *obsRow) float64 { return r.o.TExptime }),
		floatCol("em_min", func(r *obsRow) float64 { return r.o.EmMin }),
		floatCol("em_max", func(r *obsRow) float64 { return r.o.EmMax }),
		strCol("obs_title", func(r *obsRow) string { return r.o.Title }),
		floatCol("t_obs_release", func(r *obsRow) float64 { return r.o.TRelease }),
		strCol("proposal_id", func(r *obsRow) string { return r.o.ProposalID }),
		strCol("proposal_type", func(r *obsRow) string { return r.o.ProposalType }),
		intCol("sequence_number", func(r *obsRow) (int64, bool) { return nullableInt(r.o.SeqNum) }),
		strCol("s_region", func(r *obsRow) string { return r.o.Region }),
		strCol("jpegURL", func(r *obsRow) string { return r.o.JpegURL }),
		strCol("dataURL", func(r *obsRow) string { return r.o.DataURL }),
		strCol("dataRights", func(r *obsRow) string { return r.o.DataRights }),
		boolCol("mtFlag", func(r *obsRow) (bool, bool) { return r.o.MtFlag, true }),
		floatCol("srcDen", func(r *obsRow) float64 { return r.o.SrcDen }),
		idCol("obsid", func(r *obsRow) uint64 { return r.o.Obsid }),
		idCol("objID", func(r *obsRow) uint64 { return r.o.ObjID }),
	}
}

// distanceColumn is appended to positional answers, as MAST does.
func distanceColumn() Column[obsRow] {
	return floatCol("distance", func(r *obsRow) float64 { return r.dist })
}

// productColumns are the Mast.Caom.Products columns in MAST's order.
func productColumns() []Column[archive.Product] {
	return []Column[archive.Product]{
		idCol("obsID", func(p *archive.Product) uint64 { return p.ObsID }),
		strCol("obs_collection", func(p *archive.Product) string { return p.Collection }),
		strCol("dataproduct_type", func(p *archive.Product) string { return p.DataproductType }),
		strCol("obs_id", func(p *archive.Product) string { return p.ObsIDStr }),
		strCol("description", func(p *archive.Product) string { return p.Description }),
		strCol("type", func(p *archive.Product) string { return p.Type }),
		strCol("dataURI", func(p *archive.Product) string { return p.DataURI }),
		strCol("productType", func(p *archive.Product) string { return p.ProductType }),
		strCol("productGroupDescription", func(p *archive.Product) string { return p.GroupDescription }),
		strCol("productSubGroupDescription", func(p *archive.Product) string { return p.SubGroup }),
		strCol("productDocumentationURL", func(p *archive.Product) string { return p.DocURL }),
		strCol("project", func(p *archive.Product) string { return p.Project }),
		strCol("prvversion", func(p *archive.Product) string { return p.PrvVersion }),
		strCol("proposal_id", func(p *archive.Product) string { return p.ProposalID }),
		strCol("productFilename", func(p *archive.Product) string { return p.Filename }),
		intCol("size", func(p *archive.Product) (int64, bool) { return p.Size, true }),
		idCol("parent_obsid", func(p *archive.Product) uint64 { return p.ParentObsID }),
		strCol("dataRights", func(p *archive.Product) string { return p.DataRights }),
		intCol("calib_level", func(p *archive.Product) (int64, bool) { return nullableInt(p.CalibLevel) }),
		strCol("filters", func(p *archive.Product) string { return p.Filters }),
		selectedCol[archive.Product](),
	}
}
