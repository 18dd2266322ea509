package mast

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"mastui/model"
	"mastui/services/wire"
)

// PanstarrsQuery is one query of the PanSTARRS catalog through the catalogs API
// (protocol 7). With a position (or an object name, resolved first) it is a cone search
// (query_region / query_object); without one, a criteria query, which needs at least
// one criterion.
type PanstarrsQuery struct {
	Release   string    // "dr1" or "dr2"; "" = dr2
	Table     string    // "mean", "stack", "detection" or "forced_mean"; "" = mean
	Position  *Position // cone centre
	Object    string    // object name, resolved with Resolve; exclusive with Position
	Resolver  string    // passed to Resolve: "", SIMBAD or NED
	RadiusDeg float64   // cone radius in degrees; 0 = 0.2
	Criteria  []PanstarrsCriterion
	Columns   []string        // output columns; nil = the server's default (all)
	SortBy    []PanstarrsSort // sort keys, in order
	PageSize  int             // rows per answer; 0 = not sent (the server's default)
	Page      int             // 1-based page; 0 = not sent (the first)
}

// PanstarrsPage is one answer of the catalogs API.
type PanstarrsPage struct {
	Table              *model.Table
	Release, TableName string // as queried (defaults filled in)
	Page, PageSize     int    // as asked (0: not sent)
	// HitLimit says the answer is as long as a page may be (PageSize, or the server's
	// cap PanstarrsMaxRecords): more rows may match; Warnings then says so.
	HitLimit bool
	Warnings []string  // the limit, and values that could not be read
	Resolved *Resolved // set when Object was resolved
}

// PanstarrsQueryError is an HTTP 400/500 from the catalogs API (invalid input).
type PanstarrsQueryError struct {
	StatusCode int
	Msg        string
}

func (e *PanstarrsQueryError) Error() string {
	return "the PanSTARRS catalog rejected the query: " + e.Msg + " (check column names and values against the table's columns)"
}

// QueryPanstarrs runs one PanSTARRS query: the table's columns first (cached) to check
// q, then POST <catalogs>/api/v0.1/panstarrs/<release>/<table>.json with the JSON
// body of protocol 7.2. One request, no paging loop: Page and PageSize are the
// caller's; an answer as long as a page may be comes with HitLimit and a warning.
func (c *Client) QueryPanstarrs(ctx context.Context, q PanstarrsQuery) (*PanstarrsPage, error) {
	release, table, err := panstarrsPath(q.Release, q.Table)
	if err != nil {
		return nil, err
	}
	q.Release, q.Table = release, table
	cols, err := c.PanstarrsColumns(ctx, release, table)
	if err != nil {
		return nil, err
	}
	if err := ValidatePanstarrsQuery(cols, q); err != nil {
		return nil, err
	}
	page := &PanstarrsPage{Release: release, TableName: table, Page: q.Page, PageSize: q.PageSize}
	if obj := strings.TrimSpace(q.Object); obj != "" {
		res, err := c.Resolve(ctx, []string{obj}, q.Resolver)
		if err != nil {
			return nil, err
		}
		page.Resolved = &res[0]
		q.Position = &res[0].Position
	}
	body, err := PanstarrsBody(cols, q)
	if err != nil {
		return nil, err
	}
	what := "panstarrs " + release + "/" + table
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	raw, err := c.send(ctx, httpCall{what: what, method: http.MethodPost, url: c.cfg.CatalogsURL + "/api/v0.1/panstarrs/" + release + "/" + table + ".json",
		body: body, maxRetries: c.cfg.MaxRetries, contentType: "application/json", accept: "application/json", no500Retry: true})
	if err != nil {
		var he *HTTPError
		if errors.As(err, &he) && (he.StatusCode == 400 || he.StatusCode == 500) {
			return nil, &PanstarrsQueryError{StatusCode: he.StatusCode, Msg: serverErrorText(he)}
		}
		return nil, err
	}
	t, err := decodePanstarrs(what, raw, cols, c.cfg.HugePages)
	if err != nil {
		return nil, err
	}
	page.Table = t
	limit := PanstarrsMaxRecords
	if q.PageSize > 0 {
		limit = q.PageSize
	}
	if n := t.Rows(); n >= limit || n == PanstarrsMaxRecords {
		page.HitLimit = true
		page.Warnings = append(page.Warnings, fmt.Sprintf("Maximum results returned (%d rows), may not include all sources: ask for the next page", n))
	}
	return page, nil
}

// decodePanstarrs turns an answer ({"info": [...], "data": [[...], ...]}) into a table
// with the 6.3 rules on the fast path: columns from info (type key `type`), rows as
// lists in info's order (objects accepted too), long ids sent as strings read exactly,
// -999 masked. Descriptions and units come from the metadata.
func decodePanstarrs(what string, raw []byte, cols []PanstarrsColumn, huge bool) (*model.Table, error) {
	r, err := wire.Decode(raw, wire.Options{Service: what, WantTable: true, FieldsKey: "info", PositionalRows: true,
		NumericIgnoreValue: "-999", HugePages: huge})
	if err != nil {
		return nil, wire.WithService(err, what)
	}
	meta := newPanstarrsNames("", "", cols)
	for _, col := range r.Table.Columns {
		if m, ok := meta.cols[strings.ToLower(col.Name)]; ok {
			col.Meta.Description, col.Meta.Unit = m.Description, m.Unit
		}
	}
	return r.Table, nil
}

// PanstarrsBody writes the JSON body of q (protocol 7.2), keys in astroquery's order:
// page, pagesize, ra, dec, radius, the criteria, columns, sort_by. A key with one value
// is sent as a scalar, with several as a list (columns too); sort_by is always a list.
// Criterion values are numbers for numeric columns. cols are the table's columns; q
// must have passed ValidatePanstarrsQuery and its Object been resolved into Position.
func PanstarrsBody(cols []PanstarrsColumn, q PanstarrsQuery) (string, error) {
	n := newPanstarrsNames(q.Release, q.Table, cols)
	var body Object
	if q.Page > 0 {
		body = append(body, KV{"page", q.Page})
	}
	if q.PageSize > 0 {
		body = append(body, KV{"pagesize", q.PageSize})
	}
	var extra []PanstarrsColumn
	if q.Position != nil {
		radius := q.RadiusDeg
		if radius == 0 {
			radius = DefaultRadiusDeg
		}
		body = append(body, KV{"ra", q.Position.RA}, KV{"dec", q.Position.Dec}, KV{"radius", radius})
		extra = append(extra, distanceColumn)
	}
	// Values grouped per key, keys in the order they first appear.
	var keys []string
	values := map[string][]any{}
	for _, cr := range q.Criteria {
		c, err := n.lookup("Filter", cr.Column, extra...)
		if err != nil {
			return "", err
		}
		for _, v := range cr.Values {
			key := c.Name
			if v.Decorator != "" {
				key += "." + v.Decorator
			}
			var val any = strings.TrimSpace(v.Value)
			if c.Numeric() && v.Decorator != "like" && v.Decorator != "contains" {
				num, ok := panstarrsNumber(v.Value)
				if !ok {
					return "", fmt.Errorf("criterion %s: %q is not a number", c.Name, v.Value)
				}
				val = json.Number(num)
			}
			if _, seen := values[key]; !seen {
				keys = append(keys, key)
			}
			values[key] = append(values[key], val)
		}
	}
	for _, k := range keys {
		body = append(body, KV{k, scalarOrList(values[k])})
	}
	if len(q.Columns) > 0 {
		names := make([]any, len(q.Columns))
		for i, name := range q.Columns {
			c, err := n.lookup("Column", name, extra...)
			if err != nil {
				return "", err
			}
			names[i] = c.Name
		}
		body = append(body, KV{"columns", scalarOrList(names)})
	}
	if len(q.SortBy) > 0 {
		keys := make([]any, len(q.SortBy))
		for i, s := range q.SortBy {
			c, err := n.lookup("Sort column", s.Column, extra...)
			if err != nil {
				return "", err
			}
			keys[i] = c.Name
			if s.Desc {
				keys[i] = c.Name + ".desc"
			}
		}
		body = append(body, KV{"sort_by", keys})
	}
	return pyJSON(body)
}

// scalarOrList is astroquery's unwrapping: one value alone, several as a list.
func scalarOrList(vs []any) any {
	if len(vs) == 1 {
		return vs[0]
	}
	return vs
}
