package mast

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"mastui/model"
)

// ServiceRequest is astroquery's Mast.service_request (protocol 3.7 "Generic access"):
// any Portal service, its params passed through untouched.
type ServiceRequest struct {
	Service string
	// Params is the JSON object sent as "params", byte for byte apart from
	// insignificant whitespace; empty means {}.
	Params   json.RawMessage
	Page     int            // 0 = every page; N = only page N
	PageSize int            // 0 = Config.PageSize
	Extra    map[string]any // other top-level request keys (timeout, removenullcolumns, ...)
}

// ServiceResult is a generic answer as a table.
type ServiceResult struct {
	Table               *model.Table
	Page, PagesFiltered int
	RowsFiltered        int64
}

// checkParams requires a JSON object, so a typo fails here with a clear message
// rather than as a server error.
func checkParams(service string, p json.RawMessage) (json.RawMessage, error) {
	t := bytes.TrimSpace(p)
	if len(t) == 0 {
		return json.RawMessage("{}"), nil
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		if err == nil {
			err = fmt.Errorf("got null")
		}
		return nil, fmt.Errorf("%s: params must be a JSON object: %v", service, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: params must be one JSON object (there is text after it)", service)
	}
	return t, nil
}

// Service runs a generic request and returns its rows, labelled from the service's
// own columnsconfig when MAST has one.
func (c *Client) Service(ctx context.Context, r ServiceRequest) (*ServiceResult, error) {
	service := strings.TrimSpace(r.Service)
	if service == "" {
		return nil, fmt.Errorf("service request: no service name given")
	}
	params, err := checkParams(service, r.Params)
	if err != nil {
		return nil, err
	}
	cc, err := c.columnsConfig(ctx, service)
	if err != nil {
		cc = nil // many services have no columnsconfig; it only labels columns
	}
	ans, err := c.invoke(ctx, InvokeRequest{Service: service, Params: params, Page: r.Page, PageSize: r.PageSize,
		Extra: r.Extra, IgnoreValues: cc.ignoreValues()})
	if err != nil {
		return nil, err
	}
	t, err := concat(service, ans, c.cfg.HugePages)
	if err != nil {
		return nil, err
	}
	cc.applyMeta(t)
	out := &ServiceResult{Table: t, Page: 1, PagesFiltered: 1, RowsFiltered: int64(t.Rows())}
	if len(ans) > 0 {
		if pg := ans[len(ans)-1].resp.Paging; pg != nil {
			out.Page, out.PagesFiltered, out.RowsFiltered = int(pg.Page), int(pg.PagesFiltered), pg.RowsFiltered
		}
	}
	return out, nil
}

// ServiceCount counts a filtered service's rows: its params with "columns" set to
// COUNT_BIG(*) (the JWST/HST/CAOM Filtered services, the TIC/CTL count services).
func (c *Client) ServiceCount(ctx context.Context, r ServiceRequest) (int64, error) {
	service := strings.TrimSpace(r.Service)
	params, err := checkParams(service, r.Params)
	if err != nil {
		return 0, err
	}
	if strings.HasSuffix(strings.ToLower(service), ".rows") {
		return 0, fmt.Errorf("%s cannot count (MAST answers \"Incorrect syntax near '*'\"): count with the service without .Rows", service)
	}
	obj, err := orderedObject(params)
	if err != nil {
		return 0, fmt.Errorf("%s: params: %w", service, err)
	}
	set := false
	for i := range obj {
		if strings.EqualFold(obj[i].Key, "columns") {
			obj[i].Value, set = "COUNT_BIG(*)", true
		}
	}
	if !set {
		obj = append(obj, KV{"columns", "COUNT_BIG(*)"})
	}
	return c.countOf(ctx, InvokeRequest{Service: service, Params: obj, Extra: r.Extra})
}

// MastQueryParams builds the params of astroquery's Mast.mast_query for a
// "*.Filtered.*" service (protocol 3.8.2): every filter becomes {"paramName", "values"}
// with no columnsconfig interpretation (values keep their JSON types; a range is
// {"min", "max"}), columns defaults to "*", position keys (ra, dec, radius, position)
// are copied as given. No filters is an error, as in astroquery.
func MastQueryParams(service string, columns []string, position map[string]any, filters []MastFilter) (Object, error) {
	if !strings.Contains(strings.ToLower(service), "filtered") {
		return nil, fmt.Errorf("%s is not a filtered service: pass its params as JSON", service)
	}
	if len(filters) == 0 {
		return nil, fmt.Errorf("%s: please provide at least one filter", service)
	}
	cols := "*"
	if len(columns) > 0 {
		cols = strings.Join(columns, ",")
	}
	params := Object{{"columns", cols}}
	fs := make([]any, 0, len(filters))
	for _, f := range filters {
		if strings.TrimSpace(f.Name) == "" {
			return nil, fmt.Errorf("%s: a filter has no column name", service)
		}
		values := f.Values
		if f.Range != nil {
			values = []any{Object{{"min", f.Range[0]}, {"max", f.Range[1]}}}
		}
		if len(values) == 0 {
			return nil, fmt.Errorf("%s: filter %s has no values", service, f.Name)
		}
		fs = append(fs, Object{{"paramName", f.Name}, {"values", values}})
	}
	params = append(params, KV{"filters", fs})
	keys := make([]string, 0, len(position))
	for k := range position {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch strings.ToLower(k) {
		case "ra", "dec", "radius", "position":
			params = append(params, KV{k, position[k]})
		default:
			return nil, fmt.Errorf("%s: %q is not a position key (ra, dec, radius, position)", service, k)
		}
	}
	return params, nil
}

// MastFilter is one mast_query filter: Values (any JSON scalars, ORed) or a Range.
type MastFilter struct {
	Name   string
	Values []any
	Range  *[2]any // {"min": Range[0], "max": Range[1]}
}

// ParseMastFilter reads a CLI "name=value" filter for MastQueryParams: "a,b" lists,
// "lo..hi" ranges; numbers stay numbers.
func ParseMastFilter(s string) (MastFilter, error) {
	cr, err := ParseCriterion(s)
	if err != nil {
		return MastFilter{}, err
	}
	f := MastFilter{Name: cr.Name}
	if lo, hi, ok := strings.Cut(cr.Value, ".."); ok && !strings.Contains(cr.Value, ",") {
		a, b := jsonScalar(strings.TrimSpace(lo)), jsonScalar(strings.TrimSpace(hi))
		f.Range = &[2]any{a, b}
		return f, nil
	}
	items, err := splitValues(cr.Value)
	if err != nil {
		return MastFilter{}, fmt.Errorf("filter %s: %w", s, err)
	}
	for _, it := range items {
		f.Values = append(f.Values, jsonScalar(it))
	}
	return f, nil
}

// jsonScalar keeps a number as a JSON number (exact text), else a string. Text JSON
// would not read as a number stays a string: "01180" is a JWST program keyword, and as
// a number it would make the request invalid JSON.
func jsonScalar(s string) any {
	if _, ok := parseDecimal(s); ok && json.Valid([]byte(s)) {
		return json.Number(s)
	}
	return s
}

// orderedObject reads a JSON object keeping its key order, values raw.
func orderedObject(raw json.RawMessage) (Object, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object")
	}
	var out Object
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, KV{tok.(string), v})
	}
	return out, nil
}
