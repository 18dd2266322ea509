// Package mast is the client for MAST's Portal ("Mashup") API and the SANTA name
// resolver. It speaks the wire format astroquery speaks (see README "Protocol notes").
package mast

import "mastui/model"

// Position is an ICRS sky position in decimal degrees.
type Position struct {
	RA  float64
	Dec float64
}

// Resolved is one object name resolved to a sky position.
type Resolved struct {
	Name          string // the name as the user typed it
	CanonicalName string // e.g. "M 101"
	Resolver      string // SIMBAD, NED, TIC, ...
	ObjectType    string
	Position
}

// Criterion is one KEY=VALUE search criterion. Value uses the shared value syntax of the
// CLI and the TUI: comma lists (OR), "!x" negation, "a..b" ranges, ">x" "<x" ">=x" "<=x"
// open ranges, "*" wildcards.
type Criterion struct {
	Name  string
	Value string
}

// DefaultRadiusDeg is the Portal's default cone radius (astroquery: 0.2 deg).
const DefaultRadiusDeg = 0.2

// Query is one logical CAOM observation search.
//   - no criteria, a position or object: Mast.Caom.Cone (query_region / query_object)
//   - criteria without position:         Mast.Caom.Filtered
//   - criteria with position or object:  Mast.Caom.Filtered.Position
type Query struct {
	Object    string    // object name, resolved first; exclusive with Position
	Position  *Position // explicit position
	RadiusDeg float64   // cone radius in degrees; 0 means DefaultRadiusDeg
	Resolver  string    // "" (first answer), "SIMBAD" or "NED"
	Criteria  []Criterion
}

// Page is one page of a paged Portal answer.
type Page struct {
	Table         *model.Table
	Page          int // 1-based page actually served
	PageSize      int
	PagesFiltered int   // total number of pages
	RowsFiltered  int64 // rows matching the query
	RowsTotal     int64
	Resolved      *Resolved // set when the query's Object was resolved
	Notices       []string  // what the server (or decoding) says about the answer
}

// FieldMeta is the metadata of one column (from columnsconfig), as get_metadata lists it.
type FieldMeta struct {
	Name        string
	Label       string
	Type        string // normalised: string, float, int, bool
	Unit        string
	Description string
	Examples    string
}

// Histogram is a numeric column's distribution over the archive, from Mast.Caom.All
// (protocol 3.3): Counts are its bins in order, equal widths from Min to Max.
type Histogram struct {
	Min, Max float64
	Counts   []int64
}

// FacetValue is one value of a discrete column with its observation count (Mast.Caom.All).
type FacetValue struct {
	Key   string
	Count int64
}
