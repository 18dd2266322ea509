package export

import (
	"strings"

	"mastui/model"
	"mastui/services/mast"
)

// ObservationsArgs are the `mastui` arguments (without the program name) of a CAOM
// observation search: `query object`, `query region` or `query criteria`, as the CLI
// parses them back into the same query.
func ObservationsArgs(q mast.Query) []string {
	var args []string
	switch {
	case len(q.Criteria) > 0:
		args = []string{"query", "criteria"}
		for _, cr := range q.Criteria {
			args = append(args, cr.Name+"="+cr.Value)
		}
		if q.Object != "" {
			args = append(args, "--object", q.Object)
		} else if q.Position != nil {
			args = append(args, "--coordinates", position(*q.Position))
		}
	case q.Object != "":
		args = []string{"query", "object", q.Object}
	case q.Position != nil:
		args = []string{"query", "region", position(*q.Position)}
	default:
		return nil
	}
	if q.RadiusDeg != 0 && (q.Object != "" || q.Position != nil) {
		args = append(args, "--radius", model.FormatFloat(q.RadiusDeg)) // a bare number is degrees
	}
	if q.Resolver != "" && q.Object != "" {
		args = append(args, "--resolver", q.Resolver)
	}
	return args
}

// MissionArgs are the `mastui mission search` arguments of a Search API query (its
// first page: the CLI's --limit and --offset page on from there).
func MissionArgs(q mast.MissionQuery) []string {
	args := []string{"mission", "search", "--mission", q.Mission}
	for _, cr := range q.Criteria {
		args = append(args, cr.Name+"="+cr.Value)
	}
	if len(q.Objects) > 0 {
		args = append(args, "--object", strings.Join(q.Objects, ","))
	}
	for _, p := range q.Coordinates {
		args = append(args, "--coordinates", position(p))
	}
	if q.RadiusArcmin != 0 {
		args = append(args, "--radius", model.FormatFloat(q.RadiusArcmin)) // a bare number is arcminutes
	}
	if q.Resolver != "" && len(q.Objects) > 0 {
		args = append(args, "--resolver", q.Resolver)
	}
	for i, col := range q.SortBy {
		if i < len(q.SortDesc) && q.SortDesc[i] {
			col += ":desc"
		}
		args = append(args, "--sort", col)
	}
	if len(q.SelectCols) > 0 {
		args = append(args, "--select", strings.Join(q.SelectCols, ","))
	}
	return args
}

// CommandLine is a `mastui` command line of args, quoted for a POSIX shell; extra
// global flags (such as --demo) go at the end. "" when args is empty.
func CommandLine(args []string, extra ...string) string {
	if len(args) == 0 {
		return ""
	}
	return "mastui " + shellLine(append(append([]string(nil), args...), extra...)...)
}

// position is "RA DEC" in decimal degrees, exactly.
func position(p mast.Position) string {
	return model.FormatFloat(p.RA) + " " + model.FormatFloat(p.Dec)
}
