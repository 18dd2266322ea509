package portal

import (
	"encoding/json"
	"io"
	"strings"
)

// Extension answers Portal services this package does not know itself (the catalogs of
// services/sim/catalogs), through the same /api/v0/invoke and columnsconfig endpoints,
// so they get the same EXECUTING polls, errors and case-insensitive names.
type Extension interface {
	// Invoke prepares the answer of req.Service; ok=false when it is not the
	// extension's service.
	Invoke(req Request) (ans Answer, ok bool, err error)
	// ColumnsConfig is the columnsconfig answer of a lower-cased colConfigId.
	ColumnsConfig(id string) ([]byte, bool)
	// Services names what the extension answers, for the unknown-service error.
	Services() string
}

// Request is one MashupRequest as an extension sees it.
type Request struct {
	Service string // lower-cased, trimmed
	Sent    string // as the client sent it
	Params  map[string]json.RawMessage
	Format  string
	Page    PageReq
	// PageSizeCap is the silent page cap fault (0 = none).
	PageSizeCap int
}

// Answer writes a COMPLETE Portal answer.
type Answer = answer

// PageReq is the paging asked for.
type PageReq = pageReq

// Extend adds an extension; call before serving.
func (s *Service) Extend(e Extension) { s.extensions = append(s.extensions, e) }

// StrColumn, FloatColumn, IntColumn, IDColumn and BoolColumn make columns (see the
// unexported constructors); IDColumn values are written as exact JSON integers.
func StrColumn[R any](name string, f func(*R) string) Column[R]        { return strCol(name, f) }
func FloatColumn[R any](name string, f func(*R) float64) Column[R]     { return floatCol(name, f) }
func IntColumn[R any](name string, f func(*R) (int64, bool)) Column[R] { return intCol(name, f) }
func IDColumn[R any](name string, f func(*R) uint64) Column[R]         { return idCol(name, f) }
func BoolColumn[R any](name string, f func(*R) (bool, bool)) Column[R] { return boolCol(name, f) }

// Typed returns the column announced with another type in "fields" (MAST sends
// "double", "long", "char", ... for some services).
func (c Column[R]) Typed(jsonType string) Column[R] { c.jsonType = jsonType; return c }

// Name is the column's wire name.
func (c *Column[R]) Name() string { return c.name }

// JSONType is the type announced in "fields".
func (c *Column[R]) JSONType() string { return c.jsonType }

// Text renders a cell as the server compares it; ok=false for null.
func (c *Column[R]) Text(r *R) (string, bool) { return c.text(r) }

// Number reads a numeric cell; ok=false for null or text.
func (c *Column[R]) Number(r *R) (float64, bool) { return c.number(r) }

// Selected is MAST's always-null "_selected_" column.
func Selected[R any]() Column[R] { return selectedCol[R]() }

// TableAnswer answers a query over rows: the "filters" parameter (AND of filters),
// "columns" ("*", a list, or COUNT_BIG(*)) and the paging of req. keep, when not nil,
// is applied before the filters (a cone cut, say).
func TableAnswer[R any](req Request, cols []Column[R], rows []R, filters bool) (Answer, error) {
	var fs []filter[R]
	var err error
	if filters {
		if fs, err = parseFilters(req.Params[ParamKey(req.Params, "filters")], cols); err != nil {
			return nil, err
		}
	}
	count, out, err := selectColumns(ParamString(req.Params, "columns"), cols)
	if err != nil {
		return nil, err
	}
	idx := make([]int, 0, len(rows))
	for i := range rows {
		if matchAll(fs, &rows[i]) {
			idx = append(idx, i)
		}
	}
	if count {
		return countAnswer(len(idx)), nil
	}
	return func(w io.Writer) error {
		start, end, pg := req.Page.window(len(idx), req.PageSizeCap)
		return writeTable(w, out, end-start, func(i int) *R { return &rows[idx[start+i]] }, pg)
	}, nil
}

// CountAnswer is the answer to COUNT_BIG(*).
func CountAnswer(n int) Answer { return countAnswer(n) }

// IsCount reports a "columns" parameter asking for COUNT_BIG(*).
func IsCount(params map[string]json.RawMessage) bool {
	c := strings.ToUpper(strings.ReplaceAll(ParamString(params, "columns"), " ", ""))
	return c == "COUNT_BIG(*)" || c == "COUNT(*)"
}

// ConeParams reads ra, dec and radius (degrees, radius 0.2 by default).
func ConeParams(p map[string]json.RawMessage) (ra, dec, radius float64, err error) {
	return coneParams(p)
}

// ParamKey finds a parameter name case-insensitively.
func ParamKey(p map[string]json.RawMessage, name string) string { return paramKey(p, name) }

// ParamString reads a scalar parameter as text ("" when absent).
func ParamString(p map[string]json.RawMessage, name string) string { return paramString(p, name) }

// ParamFloat reads a numeric parameter.
func ParamFloat(p map[string]json.RawMessage, name string) (float64, error) {
	return paramFloat(p, name)
}

// HasParam reports a parameter given (not null).
func HasParam(p map[string]json.RawMessage, name string) bool {
	_, ok := scalarText(p[paramKey(p, name)])
	return ok
}

// ParamInt reads an integer parameter, def when absent or not a number.
func ParamInt(p map[string]json.RawMessage, name string, def int) int {
	return intOr(p[paramKey(p, name)], def)
}
