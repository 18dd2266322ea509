// Package panstarrs is the simulator's catalogs API for PanSTARRS (protocol 7):
// /api/v0.1/panstarrs/<release>/<table>[.json] (POST JSON as astroquery sends it, POST
// forms as astroquery 0.4.6 does, GET query strings) and .../metadata[.json], for
// releases dr1/dr2 and tables mean, stack, detection and forced_mean. Rows are made on
// demand from a synthetic sky (sky.go), dense around the seed targets.
package panstarrs

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"mastui/services/sim/internal/simhttp"
)

// MaxRecords is the most rows one answer holds (pagesize is capped to it).
const MaxRecords = 50000

// Service answers the PanSTARRS endpoints.
type Service struct{ env *simhttp.Env }

// New makes the service.
func New(env *simhttp.Env) *Service { return &Service{env: env} }

// Register adds the service's endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/api/v0.1/panstarrs/", s.serve)
}

// serve routes /api/v0.1/panstarrs/<release>/<table>[.json] and .../metadata[.json].
func (s *Service) serve(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/api/v0.1/panstarrs/"), "/"), "/")
	metadata := len(parts) == 3 && strings.TrimSuffix(parts[2], ".json") == "metadata"
	if len(parts) < 2 || len(parts) > 3 || len(parts) == 3 && !metadata {
		s.fail(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path+" (use /api/v0.1/panstarrs/<release>/<table>.json or .../metadata.json)")
		return
	}
	release, table := strings.ToLower(parts[0]), strings.ToLower(strings.TrimSuffix(parts[1], ".json"))
	if metadata {
		table = strings.ToLower(parts[1])
	}
	cols := tableColumns(release, table)
	if release != "dr1" && release != "dr2" || cols == nil {
		s.fail(w, http.StatusNotFound, fmt.Sprintf("unknown catalog panstarrs %s %s: releases are dr1, dr2; tables mean, stack, detection, forced_mean", release, table))
		return
	}
	if metadata {
		s.metadata(w, cols)
		return
	}
	params, err := readParams(r)
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	q, err := parseQuery(release, table, cols, params)
	if err != nil {
		s.fail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.env.Log.Debug("panstarrs", "release", release, "table", table, "params", params)
	q.run(w)
}

// fail answers an error as the catalogs API does (unverified: a JSON object with a
// message); injected HTML errors still apply.
func (s *Service) fail(w http.ResponseWriter, status int, msg string) {
	if s.env.Faults.HTMLErrors {
		s.env.Error(w, status, msg)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{"message": msg, "status": status})
	w.Write(b)
}

// metadata answers the column list (protocol 7.1): every key the real one has, with
// "NULL" for what has no value.
func (s *Service) metadata(w http.ResponseWriter, cols []column) {
	out := make([]simhttp.Ordered, len(cols))
	for i, c := range cols {
		unit := c.unit
		if unit == "" {
			unit = "NULL"
		}
		out[i] = simhttp.Ordered{{K: "name", V: c.name}, {K: "db_type", V: c.dbType}, {K: "column_name", V: c.name},
			{K: "description", V: c.desc}, {K: "unit", V: unit}, {K: "ucd", V: "NULL"}, {K: "utype", V: "NULL"},
			{K: "datatype", V: votType(c.dbType)}, {K: "size", V: "NULL"}, {K: "principal", V: boolText(i < 12)},
			{K: "indexed", V: boolText(c.name == "objID" || c.name == "objName")}, {K: "std", V: "1"},
			{K: "column_index", V: i + 1}, {K: "arraysize", V: "NULL"}, {K: "search_priority", V: "NULL"},
			{K: "default_value", V: "NULL"}, {K: "type", V: votType(c.dbType)}}
	}
	simhttp.WriteJSON(w, out)
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// param is one request parameter with its values, in the order sent.
type param struct {
	key    string
	values []string
}

// readParams reads the parameters of a POST JSON body, a POST form or a GET query
// string. JSON values may be scalars or lists; a GET list may be written "[a,b]".
func readParams(r *http.Request) ([]param, error) {
	var out []param
	add := func(k string, vs ...string) {
		for i := range out {
			if out[i].key == k {
				out[i].values = append(out[i].values, vs...)
				return
			}
		}
		out = append(out, param{k, vs})
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		body, err := simhttp.ReadBody(r)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(strings.NewReader(body))
		dec.UseNumber()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			return nil, fmt.Errorf("the request body is not a JSON object: %v", err)
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys) // order does not matter: criteria are ANDed
		for _, k := range keys {
			switch v := obj[k].(type) {
			case []any:
				for _, x := range v {
					add(k, jsonText(x))
				}
			default:
				add(k, jsonText(v))
			}
		}
		return out, nil
	}
	vals := r.URL.Query()
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("unreadable form: %v", err)
		}
		vals = r.Form
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range vals[k] {
			if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
				for _, p := range strings.Split(v[1:len(v)-1], ",") {
					add(k, strings.Trim(strings.TrimSpace(p), `"'`))
				}
				continue
			}
			add(k, v)
		}
	}
	return out, nil
}

func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// condition is one criterion on one column: plain values are ORed, each decorated key
// is a condition of its own (so gte and lte make a range); the conditions are ANDed.
type condition struct {
	col       column
	decorator string
	values    []string
	like      []*regexp.Regexp
}

// query is a parsed request.
type query struct {
	release, table string
	cols           []column // the table's
	out            []column // the answer's columns
	cone           bool
	ra, dec, rad   float64
	conds          []condition
	sortBy         []column
	sortDesc       []bool
	pageSize, page int
}

var decorators = []string{"gte", "gt", "lte", "lt", "min", "max", "like", "contains"}

// ignored are parameters the API takes that change nothing here.
var ignored = []string{"format", "flatten_response", "include_info", "table", "data_release"}

func parseQuery(release, table string, cols []column, params []param) (*query, error) {
	q := &query{release: release, table: table, cols: cols, pageSize: MaxRecords, page: 1}
	byName := map[string]column{}
	for _, c := range cols {
		byName[strings.ToLower(c.name)] = c
	}
	lookup := func(what, name string) (column, error) {
		if c, ok := byName[strings.ToLower(strings.TrimSpace(name))]; ok {
			return c, nil
		}
		if q.cone && strings.EqualFold(strings.TrimSpace(name), "distance") {
			return distanceCol, nil
		}
		return column{}, fmt.Errorf("%s '%s' is not a column of panstarrs %s %s", what, name, release, table)
	}
	get := func(k string) (string, bool, error) {
		for _, p := range params {
			if p.key == k {
				if len(p.values) != 1 {
					return "", true, fmt.Errorf("%s takes one value, got %d", k, len(p.values))
				}
				return p.values[0], true, nil
			}
		}
		return "", false, nil
	}
	num := func(k string) (float64, bool, error) {
		s, ok, err := get(k)
		if !ok || err != nil {
			return 0, ok, err
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return 0, true, fmt.Errorf("%s must be a number, got %q", k, s)
		}
		return v, true, nil
	}
	ra, hasRA, err := num("ra")
	if err != nil {
		return nil, err
	}
	dec, hasDec, err := num("dec")
	if err != nil {
		return nil, err
	}
	rad, hasRad, err := num("radius")
	if err != nil {
		return nil, err
	}
	switch {
	case hasRA != hasDec:
		return nil, fmt.Errorf("a cone needs both ra and dec")
	case hasRad && !hasRA:
		return nil, fmt.Errorf("radius needs ra and dec")
	case hasRA && (ra < 0 || ra >= 360 || dec < -90 || dec > 90):
		return nil, fmt.Errorf("position out of range: ra %v dec %v", ra, dec)
	case hasRA && hasRad && (rad <= 0 || rad > MaxRadius):
		return nil, fmt.Errorf("radius must be in (0, %v] degrees, got %v", MaxRadius, rad)
	}
	if hasRA {
		q.cone, q.ra, q.dec, q.rad = true, ra, dec, 0.2
		if hasRad {
			q.rad = rad
		}
	}
	for _, k := range []string{"pagesize", "page_size", "page"} {
		v, ok, err := num(k)
		if err != nil {
			return nil, err
		}
		if ok && (v < 1 || v != float64(int(v))) {
			return nil, fmt.Errorf("%s must be a whole number from 1, got %v", k, v)
		}
		if ok && k == "page" {
			q.page = int(v)
		} else if ok {
			q.pageSize = min(int(v), MaxRecords)
		}
	}
	for _, p := range params {
		switch {
		case slices.Contains([]string{"ra", "dec", "radius", "pagesize", "page_size", "page"}, p.key) || slices.Contains(ignored, p.key):
		case p.key == "columns":
			for _, name := range p.values {
				c, err := lookup("Column", name)
				if err != nil {
					return nil, err
				}
				q.out = append(q.out, c)
			}
		case p.key == "sort_by":
			for _, v := range p.values {
				name, desc := v, false
				if n, d, ok := strings.Cut(v, "."); ok {
					switch strings.ToLower(d) {
					case "desc":
						name, desc = n, true
					case "asc":
						name = n
					default:
						return nil, fmt.Errorf("sort_by %q: the direction is asc or desc", v)
					}
				}
				c, err := lookup("Sort column", name)
				if err != nil {
					return nil, err
				}
				q.sortBy, q.sortDesc = append(q.sortBy, c), append(q.sortDesc, desc)
			}
		default:
			name, d, _ := strings.Cut(p.key, ".")
			d = strings.ToLower(d)
			if d != "" && !slices.Contains(decorators, d) {
				return nil, fmt.Errorf("unknown decorator '%s' in '%s': use %s", d, p.key, strings.Join(decorators, ", "))
			}
			c, err := lookup("Filter", name)
			if err != nil {
				return nil, err
			}
			cond := condition{col: c, decorator: d, values: p.values}
			if err := cond.check(); err != nil {
				return nil, err
			}
			q.conds = append(q.conds, cond)
		}
	}
	if !q.cone && len(q.conds) == 0 {
		return nil, fmt.Errorf("a query needs a position (ra, dec) or at least one column criterion")
	}
	if q.out == nil {
		q.out = cols
		if q.cone {
			q.out = append(cols[:len(cols):len(cols)], distanceCol)
		}
	}
	return q, nil
}

// check validates the values and compiles like patterns.
func (c *condition) check() error {
	for _, v := range c.values {
		switch {
		case c.decorator == "like" || c.decorator == "contains":
			if c.col.numeric() {
				return fmt.Errorf("%s on column '%s' (%s): like and contains need a text column", c.decorator, c.col.name, c.col.dbType)
			}
			pat := regexp.QuoteMeta(strings.ToLower(v))
			if c.decorator == "like" {
				pat = "^" + strings.NewReplacer(`\*`, ".*", "%", ".*", "_", ".").Replace(pat) + "$"
			}
			c.like = append(c.like, regexp.MustCompile(pat))
		case c.col.numeric():
			if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil {
				return fmt.Errorf("column '%s' (%s) takes numbers, got %q", c.col.name, c.col.dbType, v)
			}
		}
	}
	return nil
}

// match says whether a row's value meets the condition (any of its values).
func (c *condition) match(v value) bool {
	for k, want := range c.values {
		if c.like != nil {
			if c.like[k].MatchString(strings.ToLower(v.s)) {
				return true
			}
			continue
		}
		cmp := compareTo(c.col, v, want)
		switch c.decorator {
		case "":
			if cmp == 0 {
				return true
			}
		case "gte", "min":
			if cmp >= 0 {
				return true
			}
		case "gt":
			if cmp > 0 {
				return true
			}
		case "lte", "max":
			if cmp <= 0 {
				return true
			}
		case "lt":
			if cmp < 0 {
				return true
			}
		}
	}
	return false
}

// compareTo compares a row's value with a criterion's: ints exactly (ids above 2^53),
// other numbers as floats, text case-insensitively.
func compareTo(c column, v value, want string) int {
	want = strings.TrimSpace(want)
	if !c.numeric() {
		return strings.Compare(strings.ToLower(v.s), strings.ToLower(want))
	}
	if n, err := strconv.ParseInt(want, 10, 64); err == nil && v.kind == 'i' {
		return compareInt(v.i, n)
	}
	w, _ := strconv.ParseFloat(want, 64)
	return compareFloat(v.num(), w)
}

func compareInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// row is one answer row before its columns are written.
type row struct {
	t    truth
	d    det
	dist float64
	keys []value // sort keys
}

func (q *query) value(r *row, c column) value { return r.t.value(c, r.d, r.dist, q.release) }

// run finds the rows, sorts and pages them, and writes the answer.
func (q *query) run(w http.ResponseWriter) {
	var rows []row
	add := func(s source, dist float64) {
		t := newTruth(s)
		dets := []det{{}}
		if q.table == "detection" {
			dets = t.detections()
		}
		for _, d := range dets {
			r := row{t: t, d: d, dist: dist}
			ok := true
			for i := range q.conds {
				if !q.conds[i].match(q.value(&r, q.conds[i].col)) {
					ok = false
					break
				}
			}
			if ok {
				rows = append(rows, r)
			}
		}
	}
	if q.cone {
		cone(q.ra, q.dec, q.rad, add)
	} else {
		allFieldSources(func(s source) { add(s, 0) })
	}
	sortBy, desc := q.sortBy, q.sortDesc
	if len(sortBy) == 0 { // the API's order: by name (RA), detections by time
		if q.table == "detection" {
			sortBy, desc = []column{byNameOf(q.cols, "objID"), byNameOf(q.cols, "obsTime")}, []bool{false, false}
		} else {
			sortBy, desc = []column{byNameOf(q.cols, "objName")}, []bool{false}
		}
	}
	for i := range rows {
		rows[i].keys = make([]value, len(sortBy))
		for k, c := range sortBy {
			rows[i].keys[k] = q.value(&rows[i], c)
		}
	}
	sort.SliceStable(rows, func(a, b int) bool {
		for k := range sortBy {
			x, y := rows[a].keys[k], rows[b].keys[k]
			var cmp int
			switch {
			case x.kind == 's':
				cmp = strings.Compare(x.s, y.s)
			case x.kind == 'i' && y.kind == 'i':
				cmp = compareInt(x.i, y.i)
			default:
				cmp = compareFloat(x.num(), y.num())
			}
			if desc[k] {
				cmp = -cmp
			}
			if cmp != 0 {
				return cmp < 0
			}
		}
		return false
	})
	from := min((q.page-1)*q.pageSize, len(rows))
	rows = rows[from:min(from+q.pageSize, len(rows))]
	q.write(w, rows)
}

func byNameOf(cols []column, name string) column {
	for _, c := range cols {
		if c.name == name {
			return c
		}
	}
	return cols[0]
}

// write sends {"info": [...], "data": [[...], ...]}: rows as lists in info's order,
// BIGINT ids as strings, floats as Python writes them (REAL as float32 text).
func (q *query) write(w http.ResponseWriter, rows []row) {
	var b strings.Builder
	b.Grow(64 + len(rows)*len(q.out)*10)
	b.WriteString(`{"info": [`)
	for i, c := range q.out {
		if i > 0 {
			b.WriteString(", ")
		}
		desc, _ := json.Marshal(c.desc)
		fmt.Fprintf(&b, `{"name": %q, "type": %q, "db_type": %q, "description": %s}`, c.name, votType(c.dbType), c.dbType, desc)
	}
	b.WriteString(`], "data": [`)
	for ri := range rows {
		if ri > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('[')
		for ci, c := range q.out {
			if ci > 0 {
				b.WriteString(", ")
			}
			writeValue(&b, c, q.value(&rows[ri], c))
		}
		b.WriteByte(']')
	}
	b.WriteString("]}")
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(b.String()))
}

func writeValue(b *strings.Builder, c column, v value) {
	switch {
	case v.kind == 's':
		s, _ := json.Marshal(v.s)
		b.Write(s)
	case c.dbType == "BIGINT":
		b.WriteString(`"` + strconv.FormatInt(v.i, 10) + `"`)
	case v.kind == 'i':
		b.WriteString(strconv.FormatInt(v.i, 10))
	default:
		bits := 64
		if c.dbType == "REAL" {
			bits = 32
		}
		s := strconv.FormatFloat(v.f, 'g', -1, bits)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		b.WriteString(s)
	}
}
