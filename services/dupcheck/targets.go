package dupcheck

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"mastui/services/mast"
)

// Target is one planned observation of a target list (seed 004's input catalog).
type Target struct {
	Line       int    // line in the file (0 when typed in a form)
	Number     string // the list's own id ("1")
	Name       string // optional
	Aperture   Aperture
	Instrument string // optional column; the aperture's instrument_name otherwise
	Position   mast.Position
	Grating    string  // G395H
	Filter     string  // F290LP
	Exposure   float64 // seconds
}

// Label is how messages and reports name the target: "1" or "1 (WD0018)".
func (t Target) Label() string {
	if t.Name != "" {
		return t.Number + " (" + t.Name + ")"
	}
	return t.Number
}

// Columns of a target list. "filters" (the seed's key) is taken for "filter".
var targetColumns = []string{"number", "aperture", "ra", "dec", "grating", "filter", "exposure_time"}

// ReadTargetsFile reads a target list file (ParseTargets).
func ReadTargetsFile(path string, ap *Apertures) ([]Target, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("target list: %w", err)
	}
	defer f.Close()
	return ParseTargets(f, path, ap)
}

// ParseTargets reads a CSV or ECSV target list with the header
// number,aperture,ra,dec,grating,filter,exposure_time (name and instrument optional; any
// order). Coordinates are decimal degrees or sexagesimal (RA in hours), the exposure in
// seconds. Every bad cell is reported, each naming its line and column.
func ParseTargets(r io.Reader, source string, ap *Apertures) ([]Target, error) {
	rec, err := readRecords(r, source)
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	var missing []string
	for _, c := range targetColumns {
		i := rec.col(c)
		if c == "filter" {
			i = rec.col("filter", "filters")
		}
		if i < 0 {
			missing = append(missing, c)
		}
		idx[c] = i
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: the header lacks %s (it needs %s; name and instrument are optional)",
			source, strings.Join(missing, ", "), strings.Join(targetColumns, ","))
	}
	idx["name"], idx["instrument"] = rec.col("name", "target_name"), rec.col("instrument", "instrument_name")
	var targets []Target
	var errs []error
	for k, row := range rec.rows {
		cell := func(c string) string {
			if idx[c] < 0 {
				return ""
			}
			return row[idx[c]]
		}
		t, cellErrs := parseTarget(cell, ap)
		t.Line = rec.lines[k]
		for _, ce := range cellErrs {
			errs = append(errs, fmt.Errorf("%s line %d, column %q: %s", source, rec.lines[k], ce.col, ce.msg))
		}
		targets = append(targets, t)
	}
	if len(errs) > 0 {
		return nil, joinCapped(errs, 20)
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("%s: no targets (only a header)", source)
	}
	return targets, nil
}

// cellError is a bad value in one column.
type cellError struct{ col, msg string }

// ParseTarget reads one target from its cells by column name (a form's row): the errors
// name the columns.
func ParseTarget(cell func(col string) string, ap *Apertures) (Target, error) {
	t, errs := parseTarget(cell, ap)
	if len(errs) > 0 {
		var out []error
		for _, e := range errs {
			out = append(out, fmt.Errorf("%s: %s", e.col, e.msg))
		}
		return t, errors.Join(out...)
	}
	return t, nil
}

func parseTarget(cell func(col string) string, ap *Apertures) (Target, []cellError) {
	var errs []cellError
	bad := func(col, format string, a ...any) { errs = append(errs, cellError{col, fmt.Sprintf(format, a...)}) }
	t := Target{Number: cell("number"), Name: cell("name"), Grating: strings.ToUpper(cell("grating")),
		Filter: strings.ToUpper(cell("filter"))}
	if t.Number == "" {
		bad("number", "empty")
	}
	if a, ok := ap.Lookup(cell("aperture")); ok {
		t.Aperture = a
	} else if cell("aperture") == "" {
		bad("aperture", "empty (apertures: %s)", strings.Join(ap.Names(), ", "))
	} else {
		bad("aperture", "%s", ap.unknown(cell("aperture")))
	}
	t.Instrument = strings.ToUpper(cell("instrument"))
	if t.Instrument == "" {
		t.Instrument = t.Aperture.Instrument
	}
	ra, dec := cell("ra"), cell("dec")
	switch {
	case ra == "":
		bad("ra", "empty")
	case dec == "":
		bad("dec", "empty")
	case len(strings.Fields(ra)) != len(strings.Fields(dec)):
		bad("dec", "RA %q and Dec %q are not written alike (both degrees, or both sexagesimal)", ra, dec)
	default:
		p, err := mast.ParseCoordinates(ra + " " + dec)
		if err != nil {
			col := "dec"
			if strings.Contains(err.Error(), "RA") {
				col = "ra"
			}
			bad(col, "%v", err)
		}
		t.Position = p
	}
	if t.Grating == "" {
		bad("grating", "empty (e.g. G395H, PRISM)")
	}
	if t.Filter == "" {
		bad("filter", "empty (e.g. F290LP, CLEAR)")
	}
	exp := cell("exposure_time")
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(exp), "s"), 64)
	switch {
	case exp == "":
		bad("exposure_time", "empty (seconds)")
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		bad("exposure_time", "%q is not a number of seconds", exp)
	case v <= 0:
		bad("exposure_time", "%s: the exposure must be positive (seconds)", exp)
	default:
		t.Exposure = v
	}
	return t, errs
}

// joinCapped joins errors, at most max of them, saying how many more there were.
func joinCapped(errs []error, max int) error {
	if len(errs) <= max {
		return errors.Join(errs...)
	}
	return errors.Join(append(errs[:max:max], fmt.Errorf("… and %d more errors", len(errs)-max))...)
}
