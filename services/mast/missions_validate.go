package mast

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"mastui/model"
)

// ValidateMissionQuery checks q against the mission's column list without a request:
// criteria, output and sort columns (exact and case-sensitive, as the server is, with a
// "did you mean"), paging, the number of targets and the radius. MissionSearch runs it
// first; a form can run it on every edit.
func ValidateMissionQuery(mission string, cols []MissionColumn, q MissionQuery) error {
	m, _ := MissionInfo(mission)
	names := make([]string, len(cols))
	known := make(map[string]bool, len(cols))
	for i, col := range cols {
		names[i] = col.Name
		known[col.Name] = true
	}
	unknown := func(what, name string, extra []string, index int) error {
		msg := fmt.Sprintf("%s '%s' does not exist for mission %q.", what, name, m.Name)
		if hint := model.Closest(name, append(append([]string(nil), names...), extra...)); hint != "" {
			msg += fmt.Sprintf(" Did you mean '%s'?", hint)
		}
		return &CriterionError{Index: index, Name: name, Err: errors.New(msg)}
	}
	if q.Limit < 0 || q.Offset < 0 {
		return fmt.Errorf("limit and offset must not be negative (got %d, %d)", q.Limit, q.Offset)
	}
	for i, cr := range q.Criteria {
		name := strings.TrimSpace(cr.Name)
		if !known[name] && !(name == "pass_id" && known["pass"]) {
			return unknown("Filter", name, nil, i)
		}
	}
	if items := selectItems(q.SelectCols); !selectsAll(items) {
		for _, it := range items {
			if !known[it] {
				return unknown("Column", it, nil, -1)
			}
		}
	}
	if len(q.SortDesc) > len(q.SortBy) {
		return fmt.Errorf("%d sort directions for %d sort columns", len(q.SortDesc), len(q.SortBy))
	}
	for _, s := range q.SortBy {
		if !known[s] && !contains(positionalCols, s) {
			return unknown("Sort column", s, positionalCols, -1)
		}
	}
	if len(q.Coordinates)+len(q.Objects) > MaxMissionTargets {
		return fmt.Errorf("too many targets: at most %d per query, got %d", MaxMissionTargets, len(q.Coordinates)+len(q.Objects))
	}
	radius := q.RadiusArcmin
	if radius == 0 {
		radius = DefaultMissionRadiusMin
	}
	return checkMissionRadius(radius, pyFloat(radius)+" arcmin")
}

// ParseMissionSort reads one sort key, "COLUMN" or "COLUMN:desc" (or ":asc").
func ParseMissionSort(spec string) (col string, desc bool, err error) {
	col, dir, _ := strings.Cut(spec, ":")
	col, dir = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(dir))
	if col == "" || dir != "" && dir != "desc" && dir != "asc" {
		return "", false, fmt.Errorf("sort %q: use COLUMN or COLUMN:desc", spec)
	}
	return col, dir == "desc", nil
}

// selectItems splits select_cols (a list, each may be a comma string) into names.
func selectItems(cols []string) []string {
	var items []string
	for _, s := range cols {
		for _, it := range strings.Split(s, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
	}
	return items
}

// selectsAll reports whether select_cols asks for every column ("all" or "*").
func selectsAll(items []string) bool {
	return len(items) == 1 && (strings.EqualFold(items[0], "all") || items[0] == "*")
}

func checkMissionRadius(arcmin float64, given string) error {
	if math.IsNaN(arcmin) || arcmin <= 0 {
		return fmt.Errorf("radius must be positive, got %s", given)
	}
	if arcmin > MaxMissionRadiusMin*(1+1e-12) {
		return fmt.Errorf("query radius too large: must be ≤ 30 arcmin, got %s", given)
	}
	return nil
}

// ParseMissionRadius reads a Search API radius in arcminutes. A bare number is
// ARCMINUTES (as astroquery's code treats it, although its docs say degrees); angle
// strings such as "3 arcmin", "0.05 deg" or "30 arcsec" are converted. At most 30 arcmin.
func ParseMissionRadius(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty radius: expected e.g. 3 (arcmin; a bare number is arcminutes), 0.05 deg or 30 arcsec")
	}
	var arcmin float64
	if v, ok := parseDecimal(t); ok {
		arcmin = v
	} else {
		deg, err := ParseRadius(t)
		if err != nil {
			return 0, fmt.Errorf("%w (for mission searches a bare number is arcminutes)", err)
		}
		arcmin = deg * 60
	}
	if err := checkMissionRadius(arcmin, strconv.Quote(t)); err != nil {
		return 0, err
	}
	return arcmin, nil
}
