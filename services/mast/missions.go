package mast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/wire"
)

// MAST Search API (astroquery MastMissions, protocol section 6).

// Mission describes one mission of the Search API.
type Mission struct {
	Name                string // lower-cased, the <mission> of /search/<mission>/api/v0.1/
	DatasetKeyword      string // dataset-ID column; "" when none is known
	UsesRetrieveProduct bool   // downloads via retrieve_product (else Download/file with a mast: URI)
}

var knownMissions = map[string]Mission{
	"hst":           {"hst", "sci_data_set_name", true},
	"jwst":          {"jwst", "fileSetName", true},
	"roman":         {"roman", "fileSetName", true},
	"roman_spectra": {"roman_spectra", "", true},
	"roman_cgi":     {"roman_cgi", "", true},
	"classy":        {"classy", "Target", false},
	"ullyses":       {"ullyses", "observation_id", false},
	"iue":           {"iue", "iue_data_id", false},
}

// Search API defaults and limits.
const (
	DefaultMissionLimit     = 5000
	DefaultMissionRadiusMin = 3.0  // arcmin
	MaxMissionRadiusMin     = 30.0 // arcmin
	MaxMissionTargets       = 100
	DefaultMissionBatchSize = 1000
)

// MissionInfo returns what is known of a mission (name lower-cased; "" means hst). For
// a mission without a known dataset keyword it also returns a notice for the user.
func MissionInfo(name string) (Mission, string) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		n = "hst"
	}
	if m, ok := knownMissions[n]; ok {
		return m, ""
	}
	return Mission{Name: n}, fmt.Sprintf("The mission %q does not have a known dataset ID keyword.", n)
}

// MissionColumn is one entry of the Search API's column_list.
type MissionColumn struct {
	Name          string // column_name
	FieldName     string // human label (field_name)
	Description   string
	Type          string // qual_type (datatype when absent): string, integer, float, boolean, datetime, ...
	DefaultOutput bool
	Queryable     bool
}

func validMissionPath(m string) error {
	if m == "" {
		return errors.New("no mission given")
	}
	for i := 0; i < len(m); i++ {
		b := m[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-') {
			return fmt.Errorf("invalid mission name %q", m)
		}
	}
	return nil
}

// MissionColumns lists the columns of a mission (GET column_list, cached per mission for
// the life of the client; asked without the session's cookies).
func (c *Client) MissionColumns(ctx context.Context, mission string) ([]MissionColumn, error) {
	m, _ := MissionInfo(mission)
	if err := validMissionPath(m.Name); err != nil {
		return nil, err
	}
	c.mu.Lock()
	cols, ok := c.missCols[m.Name]
	c.mu.Unlock()
	if ok {
		return cols, nil
	}
	u := c.cfg.BaseURL + "/search/util/api/v0.1/column_list?mission=" + url.QueryEscape(m.Name)
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	raw, err := c.send(ctx, httpCall{what: "column_list " + m.Name, method: http.MethodGet, url: u, metadata: true,
		client: c.bare, maxRetries: c.cfg.MaxRetries})
	if err != nil {
		return nil, fmt.Errorf("column list of mission %q: %w", m.Name, err)
	}
	if cols, err = parseColumnList("column_list "+m.Name, raw); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.missCols == nil {
		c.missCols = map[string][]MissionColumn{}
	}
	c.missCols[m.Name] = cols
	c.mu.Unlock()
	return cols, nil
}

// parseColumnList reads column_list: a list of column objects, of which name, label,
// description, type, default_output and queryable are read.
func parseColumnList(what string, raw []byte) ([]MissionColumn, error) {
	root, err := parseAnswer(what, raw)
	if err != nil {
		return nil, err
	}
	entries, err := root.NeedList()
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("%s: the server listed no columns (unknown mission?)", what)
	}
	out := make([]MissionColumn, 0, len(entries))
	for i := range entries {
		e := root.Index(i)
		if _, err := e.NeedObject(); err != nil {
			return nil, err
		}
		text := map[string]string{}
		for _, k := range []string{"column_name", "name", "qual_type", "datatype", "field_name", "description", "default_output", "queryable"} {
			if text[k], err = e.Key(k).Text(); err != nil {
				return nil, err
			}
		}
		name := text["column_name"]
		if name == "" {
			name = text["name"]
		}
		if name == "" {
			continue
		}
		typ := text["qual_type"]
		if typ == "" {
			typ = text["datatype"]
		}
		out = append(out, MissionColumn{
			Name:          name,
			FieldName:     text["field_name"],
			Description:   text["description"],
			Type:          typ,
			DefaultOutput: yes(text["default_output"]),
			Queryable:     yes(text["queryable"]),
		})
	}
	return out, nil
}

// yes reads a flag sent as "yes"/"no", a bool or a number.
func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1":
		return true
	}
	return false
}

// MissionQuery is one Search API query.
type MissionQuery struct {
	Mission      string
	Coordinates  []Position
	Objects      []string // resolved with Resolve first
	Resolver     string   // passed to Resolve
	RadiusArcmin float64  // 0 → 3 arcmin; at most 30
	Criteria     []Criterion
	Limit        int // 0 → 5000
	Offset       int
	SortBy       []string
	SortDesc     []bool   // one per SortBy (may be shorter)
	SelectCols   []string // nil = server default; ["all"] or ["*"] = every column
}

// MissionPage is one answer of the Search API.
type MissionPage struct {
	Table    *model.Table
	Total    int64 // totalResults
	Limit    int
	Offset   int
	HitLimit bool     // len(results) ≥ limit: page on with Offset
	Messages []string // server messages and conversion notices
}

// MissionQueryError is an HTTP 400/500 from the Search API (invalid input).
type MissionQueryError struct {
	StatusCode int
	Msg        string
}

func (e *MissionQueryError) Error() string {
	msg := "MAST Search API rejected the query: " + e.Msg
	return msg + " (check column names and values against the mission's column list)"
}

// names allowed in sort_by besides columns: positional searches add them to each row.
var positionalCols = []string{"ang_sep", "search_pos", "search_key"}

// MissionSearch runs one Search API query (POST search). Criteria are checked against
// the mission's column_list first (exact, case-sensitive) with a "did you mean" hint.
// An answer with fewer rows than the limit although totalResults says more exist is
// completed with further requests from where it stopped (never a silent partial
// result); an answer that brings no rows then fails.
func (c *Client) MissionSearch(ctx context.Context, q MissionQuery) (*MissionPage, error) {
	m, _ := MissionInfo(q.Mission)
	if err := validMissionPath(m.Name); err != nil {
		return nil, err
	}
	cols, err := c.MissionColumns(ctx, m.Name)
	if err != nil {
		return nil, err
	}
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	page, known, limit, err := c.missionSearchOnce(ctx, m, cols, q)
	if err != nil {
		return nil, err
	}
	want := limit
	if known {
		want = min(limit, max(int(page.Total)-q.Offset, 0))
	}
	first, requests := page.Table.Rows(), 1
	for got := first; got < want; requests++ {
		more := q
		more.Offset, more.Limit = q.Offset+got, limit-got
		next, _, _, err := c.missionSearchOnce(ctx, m, cols, more)
		if err != nil {
			return nil, err
		}
		n := next.Table.Rows()
		if n == 0 {
			return nil, &IncompleteError{Service: "search " + m.Name, Got: got, Want: want, Total: int(page.Total),
				Why: fmt.Sprintf("the answer at offset %d held no rows", more.Offset)}
		}
		if got+n > want { // more than asked for
			next.Table, n = next.Table.Select(seq(0, want-got)), want-got
		}
		if err := page.Table.Append(next.Table); err != nil {
			return nil, fmt.Errorf("search %s: %w", m.Name, err)
		}
		page.Messages = append(page.Messages, next.Messages...)
		got += n
	}
	if requests > 1 {
		c.log.Warn("mast search capped", "mission", m.Name, "limit", limit, "rows", first, "requests", requests)
		page.Messages = append(page.Messages, fmt.Sprintf("The server returned fewer rows than asked (%d of %d); the rest came with %d more requests.",
			first, want, requests-1))
	}
	page.Limit, page.Offset = limit, q.Offset
	page.HitLimit = page.Table.Rows() >= limit
	return page, nil
}

// missionSearchOnce sends one POST search and decodes its answer.
func (c *Client) missionSearchOnce(ctx context.Context, m Mission, cols []MissionColumn, q MissionQuery) (*MissionPage, bool, int, error) {
	body, limit, err := c.missionBody(ctx, m, cols, q)
	if err != nil {
		return nil, false, 0, err
	}
	u := c.cfg.BaseURL + "/search/" + m.Name + "/api/v0.1/search"
	raw, err := c.send(ctx, httpCall{what: "search " + m.Name, method: http.MethodPost, url: u, body: body,
		maxRetries: c.cfg.MaxRetries, contentType: "application/json", accept: "application/json", no500Retry: true})
	if err != nil {
		return nil, false, 0, searchAPIError(err)
	}
	page, known, err := decodeMissionResults("search "+m.Name, raw, cols, limit)
	return page, known, limit, err
}

// searchAPIError turns HTTP 400/500 into a MissionQueryError carrying the server's text.
func searchAPIError(err error) error {
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 400 && he.StatusCode != 500 {
		return err
	}
	msg := strings.TrimSpace(he.Body)
	var obj map[string]any
	if json.Unmarshal([]byte(msg), &obj) == nil {
		for _, k := range []string{"message", "error", "detail", "msg", "messages", "errors"} {
			if t := textOf(obj[k]); t != "" {
				msg = t
				break
			}
		}
	}
	msg = model.Snippet([]byte(msg), 300)
	if msg == "" {
		msg = fmt.Sprintf("HTTP %d", he.StatusCode)
	}
	return &MissionQueryError{StatusCode: he.StatusCode, Msg: msg}
}

func textOf(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []any:
		var parts []string
		for _, x := range t {
			if s := textOf(x); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	default:
		b, _ := json.Marshal(t)
		return string(b)
	}
}

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

// missionBody validates q, resolves its object names and writes the JSON body, keys in
// astroquery's order.
func (c *Client) missionBody(ctx context.Context, m Mission, cols []MissionColumn, q MissionQuery) (string, int, error) {
	if err := ValidateMissionQuery(m.Name, cols, q); err != nil {
		return "", 0, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultMissionLimit
	}
	var conds []string
	for _, cr := range q.Criteria {
		conds = append(conds, "{"+jsonStr(strings.TrimSpace(cr.Name))+": "+jsonStr(cr.Value)+"}")
	}
	selectJSON := "null"
	if q.SelectCols != nil {
		var sel []string
		seen := map[string]bool{}
		add := func(s string) {
			if s != "" && !seen[s] {
				seen[s] = true
				sel = append(sel, s)
			}
		}
		items := selectItems(q.SelectCols)
		if selectsAll(items) {
			for _, col := range cols {
				add(col.Name)
			}
		} else {
			for _, it := range items {
				add(it)
			}
		}
		add(m.DatasetKeyword)
		parts := make([]string, len(sel))
		for i, s := range sel {
			parts[i] = jsonStr(s)
		}
		selectJSON = "[" + strings.Join(parts, ", ") + "]"
	}
	targets := append([]Position(nil), q.Coordinates...)
	if len(q.Objects) > 0 {
		res, err := c.Resolve(ctx, q.Objects, q.Resolver)
		if err != nil {
			return "", 0, err
		}
		for _, r := range res {
			targets = append(targets, r.Position)
		}
	}
	radius := q.RadiusArcmin
	if radius == 0 {
		radius = DefaultMissionRadiusMin
	}

	var b strings.Builder
	fmt.Fprintf(&b, `{"limit": %d, "offset": %d, "select_cols": %s`, limit, q.Offset, selectJSON)
	if len(targets) > 0 {
		ts := make([]string, len(targets))
		for i, p := range targets {
			if math.IsNaN(p.RA) || math.IsNaN(p.Dec) || math.IsInf(p.RA, 0) || math.IsInf(p.Dec, 0) {
				return "", 0, fmt.Errorf("invalid target position %v", p)
			}
			ts[i] = jsonStr(pyFloat(p.RA) + " " + pyFloat(p.Dec))
		}
		fmt.Fprintf(&b, `, "target": [%s], "radius": %s, "radius_units": "arcseconds"`,
			strings.Join(ts, ", "), pyFloat(radius*60))
	}
	fmt.Fprintf(&b, `, "conditions": [%s]`, strings.Join(conds, ", "))
	if len(q.SortBy) > 0 {
		sb := make([]string, len(q.SortBy))
		for i, s := range q.SortBy {
			sb[i] = jsonStr(s)
		}
		fmt.Fprintf(&b, `, "sort_by": [%s]`, strings.Join(sb, ", "))
		if len(q.SortDesc) > 0 {
			sd := make([]string, len(q.SortDesc))
			for i, d := range q.SortDesc {
				sd[i] = strconv.FormatBool(d)
			}
			fmt.Fprintf(&b, `, "sort_desc": [%s]`, strings.Join(sd, ", "))
		}
	}
	b.WriteByte('}')
	return b.String(), limit, nil
}

func jsonStr(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
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

// --- result decoding ---

func missionKind(typ string) model.Kind {
	t := strings.ToLower(strings.TrimSpace(typ))
	switch {
	case strings.Contains(t, "varchar"):
		return model.KindString
	case t == "boolean" || t == "binary" || t == "bool":
		return model.KindBool
	case t == "int" || t == "short" || t == "long" || t == "number" || t == "integer" || t == "unsignedbyte" || t == "bigint" || t == "smallint":
		return model.KindInt
	case t == "double" || t == "float" || t == "decimal" || t == "real":
		return model.KindFloat
	}
	return model.KindString // char, string, null, datetime, unknown
}

// decodeMissionResults builds the table from info (columns only from info, in order).
// Read: messages (any shape, as text), info (a list of {name, type, db_type}),
// totalResults (a number) and results (a list of row objects or arrays; cells of any
// shape, masked when they cannot be converted). totalKnown says totalResults was sent.
func decodeMissionResults(what string, raw []byte, cols []MissionColumn, limit int) (page *MissionPage, totalKnown bool, err error) {
	root, err := parseAnswer(what, raw)
	if err != nil {
		return nil, false, err
	}
	if _, err := root.NeedObject(); err != nil {
		return nil, false, err
	}
	page = &MissionPage{}
	msgs := root.Key("messages")
	list, isList := msgs.V.([]any)
	if !isList && !msgs.Absent() {
		list = []any{msgs.V}
	}
	for _, m := range list {
		if s := model.SanitizeText(textOf(m)); s != "" {
			page.Messages = append(page.Messages, s)
		}
	}
	infoV := root.Key("info")
	infos, err := infoV.NeedList()
	if err != nil {
		return nil, false, err
	}
	type info struct{ name, typ, dbType string }
	inf := make([]info, len(infos))
	for i := range infos {
		e := infoV.Index(i)
		if _, err := e.NeedObject(); err != nil {
			return nil, false, err
		}
		for _, f := range []struct {
			key string
			dst *string
		}{{"name", &inf[i].name}, {"type", &inf[i].typ}, {"db_type", &inf[i].dbType}} {
			if *f.dst, err = e.Key(f.key).Text(); err != nil {
				return nil, false, err
			}
		}
	}
	resV := root.Key("results")
	rows, err := resV.NeedList()
	if err != nil {
		return nil, false, err
	}
	for r := range rows {
		if k := wire.KindOf(rows[r]); k != wire.KindObject && k != wire.KindList {
			return nil, false, resV.Index(r).Fail(wire.KindObject)
		}
	}
	total, totalKnown, err := root.Key("totalResults").Number()
	if err != nil {
		return nil, false, err
	}
	useDB := len(inf) > 0 && inf[0].typ == ""
	meta := make(map[string]MissionColumn, len(cols))
	for _, c := range cols {
		meta[c.Name] = c
	}
	t := &model.Table{}
	seenCol := map[string]bool{}
	for idx, in := range inf {
		if in.name == "" || seenCol[in.name] {
			continue
		}
		typ := in.typ
		if useDB {
			typ = in.dbType
		}
		get := func(r int) (any, bool) {
			switch row := rows[r].(type) {
			case map[string]any:
				v, ok := row[in.name]
				return v, ok
			case []any:
				if idx < len(row) {
					return row[idx], true
				}
			}
			return nil, false
		}
		present := len(rows) == 0
		for r := range rows {
			if _, ok := get(r); ok {
				present = true
				break
			}
		}
		if !present {
			continue // an info column missing from the rows is skipped
		}
		seenCol[in.name] = true
		col := model.NewColumn(in.name, missionKind(typ), len(rows))
		col.Meta.Type = typ
		if m, ok := meta[in.name]; ok {
			col.Meta.Label, col.Meta.Description = m.FieldName, m.Description
		}
		bad := 0
		for r := range rows {
			v, _ := get(r)
			if !appendMissionValue(col, r, v) {
				bad++
			}
		}
		if bad > 0 {
			page.Messages = append(page.Messages, fmt.Sprintf("Column '%s': %d values could not be coerced to %s and were masked.", in.name, bad, col.Kind))
		}
		padMask(col)
		t.Columns = append(t.Columns, col)
	}
	if len(t.Columns) == 0 && len(rows) > 0 {
		return nil, false, &wire.ShapeError{Service: what, Field: "info", Want: "a list naming the columns", Got: "no columns of the results"}
	}
	page.Table = t
	page.HitLimit = limit > 0 && len(rows) >= limit
	page.Total = int64(len(rows))
	if totalKnown {
		page.Total = int64(total)
	}
	return page, totalKnown, nil
}

// appendMissionValue appends v as row r of col; false when it could not be converted
// (the row is then masked).
func appendMissionValue(col *model.Column, r int, v any) bool {
	ok := true
	switch col.Kind {
	case model.KindString:
		s := ""
		switch t := v.(type) {
		case nil:
		case string:
			s = t
		case json.Number:
			s = t.String()
		case bool:
			s = strconv.FormatBool(t)
		default:
			b, _ := json.Marshal(t)
			s = string(b)
		}
		col.Str = append(col.Str, s)
		if s == "" {
			col.SetMasked(r)
		}
	case model.KindInt:
		n, good := int64(-999), true
		switch t := v.(type) {
		case nil:
		case json.Number:
			n, good = parseIntish(t.String())
		case string:
			if strings.TrimSpace(t) != "" {
				n, good = parseIntish(strings.TrimSpace(t))
			}
		case bool:
			n = map[bool]int64{false: 0, true: 1}[t]
		default:
			good = false
		}
		if !good {
			n, ok = -999, false
		}
		col.Int = append(col.Int, n)
		if n == -999 {
			col.SetMasked(r)
		}
	case model.KindFloat:
		f, good := -999.0, true
		switch t := v.(type) {
		case nil:
		case json.Number:
			var err error
			f, err = strconv.ParseFloat(t.String(), 64)
			good = err == nil
		case string:
			if s := strings.TrimSpace(t); s != "" {
				var err error
				f, err = strconv.ParseFloat(s, 64)
				good = err == nil
			}
		default:
			good = false
		}
		if !good {
			f, ok = -999, false
		}
		col.Float = append(col.Float, f)
		if f == -999 {
			col.SetMasked(r)
		}
	case model.KindBool:
		b, masked := false, false
		switch t := v.(type) {
		case bool:
			b = t
		case nil:
			masked = true
		case json.Number:
			b = t.String() != "0"
		case string:
			switch strings.ToLower(strings.TrimSpace(t)) {
			case "true", "t", "1", "yes":
				b = true
			case "false", "f", "0", "no":
			case "":
				masked = true
			default:
				masked, ok = true, false
			}
		default:
			masked, ok = true, false
		}
		col.Bool = append(col.Bool, b)
		if masked {
			col.SetMasked(r)
		}
	}
	return ok
}

// parseIntish reads an exact integer; "12.0" (integral float text) is accepted too.
func parseIntish(s string) (int64, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// --- products ---

// MissionProducts lists the products of datasets (POST post_list_products, batchSize ids
// per request, default 1000). Blank ids are dropped, "a,b" entries split, duplicates
// removed keeping the first (order kept, unlike astroquery's set).
func (c *Client) MissionProducts(ctx context.Context, mission string, datasets []string, batchSize int) (*model.Table, error) {
	m, _ := MissionInfo(mission)
	if err := validMissionPath(m.Name); err != nil {
		return nil, err
	}
	if batchSize <= 0 {
		batchSize = DefaultMissionBatchSize
	}
	var ids []string
	seen := map[string]bool{}
	for _, s := range datasets {
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil, errors.New("dataset list is empty, no associated products")
	}
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	u := c.cfg.BaseURL + "/search/" + m.Name + "/api/v0.1/post_list_products"
	var objs []Object
	for start := 0; start < len(ids); start += batchSize {
		end := min(start+batchSize, len(ids))
		body, err := json.Marshal(map[string][]string{"dataset_ids": ids[start:end]})
		if err != nil {
			return nil, err
		}
		raw, err := c.send(ctx, httpCall{what: "post_list_products " + m.Name, method: http.MethodPost, url: u,
			body: string(body), maxRetries: c.cfg.MaxRetries, contentType: "application/json",
			accept: "application/json", no500Retry: true})
		if err != nil {
			return nil, searchAPIError(err)
		}
		batch, err := parseMissionProducts("post_list_products "+m.Name, raw)
		if err != nil {
			return nil, err
		}
		objs = append(objs, batch...)
	}
	return objectsTable(objs), nil
}

// parseMissionProducts reads {"products": [...]} or {"products": [[...]]}, keeping key
// order. Products are objects; their fields become columns whatever their shape.
func parseMissionProducts(what string, raw []byte) ([]Object, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		return nil, fmt.Errorf("%s: unreadable answer (%s): %w", what, bodySnippet(raw), err)
	}
	top, ok := v.(Object)
	if !ok {
		return nil, &wire.ShapeError{Service: what, Want: wire.KindObject, Got: wire.KindOf(v)}
	}
	var list any
	found := false
	for _, kv := range top {
		if kv.Key == "products" {
			found, list = true, kv.Value
		}
	}
	field := "products"
	items, isList := list.([]any)
	if !found || !isList {
		got := wire.KindOf(list)
		if !found {
			got = wire.KindMissing
		}
		return nil, &wire.ShapeError{Service: what, Field: field, Want: wire.KindList, Got: got}
	}
	if len(items) > 0 {
		if inner, ok := items[0].([]any); ok {
			items, field = inner, "products[0]"
		}
	}
	out := make([]Object, 0, len(items))
	for i, it := range items {
		o, ok := it.(Object)
		if !ok {
			return nil, &wire.ShapeError{Service: what, Field: fmt.Sprintf("%s[%d]", field, i), Want: wire.KindObject, Got: wire.KindOf(it)}
		}
		out = append(out, o)
	}
	return out, nil
}

// objectsTable builds a table from JSON objects: columns in first-seen key order; a
// column is int when every value is an integer number, float when every value is a
// number, bool when every value is a bool, otherwise string (numbers keep their literal
// text). nulls and missing keys are masked.
func objectsTable(objs []Object) *model.Table {
	var order []string
	idx := map[string]int{}
	for _, o := range objs {
		for _, kv := range o {
			if _, ok := idx[kv.Key]; !ok {
				idx[kv.Key] = len(order)
				order = append(order, kv.Key)
			}
		}
	}
	vals := make([][]any, len(order))
	for i := range vals {
		vals[i] = make([]any, len(objs))
	}
	for r, o := range objs {
		for _, kv := range o {
			vals[idx[kv.Key]][r] = kv.Value
		}
	}
	t := &model.Table{}
	for i, name := range order {
		kind := inferKind(vals[i])
		col := model.NewColumn(name, kind, len(objs))
		for r, v := range vals[i] {
			if v == nil {
				switch kind {
				case model.KindString:
					col.Str = append(col.Str, "")
				case model.KindInt:
					col.Int = append(col.Int, 0)
				case model.KindFloat:
					col.Float = append(col.Float, 0)
				case model.KindBool:
					col.Bool = append(col.Bool, false)
				}
				col.SetMasked(r)
				continue
			}
			switch kind {
			case model.KindInt:
				n, _ := strconv.ParseInt(v.(json.Number).String(), 10, 64)
				col.Int = append(col.Int, n)
			case model.KindFloat:
				f, _ := strconv.ParseFloat(v.(json.Number).String(), 64)
				col.Float = append(col.Float, f)
			case model.KindBool:
				col.Bool = append(col.Bool, v.(bool))
			default:
				col.Str = append(col.Str, textOf(plainJSON(v)))
			}
		}
		padMask(col)
		t.Columns = append(t.Columns, col)
	}
	return t
}

// padMask makes a lazily allocated mask as long as the column.
func padMask(c *model.Column) {
	if c.Masked != nil && len(c.Masked) < c.Len() {
		c.Masked = append(c.Masked, make([]bool, c.Len()-len(c.Masked))...)
	}
}

// plainJSON turns ordered values back into something json.Marshal writes in order.
func plainJSON(v any) any {
	switch t := v.(type) {
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	case Object, []any:
		var b strings.Builder
		if err := writePy(&b, t); err == nil {
			return json.RawMessage(b.String())
		}
	}
	return v
}

func inferKind(vals []any) model.Kind {
	allInt, allNum, allBool, some := true, true, true, false
	for _, v := range vals {
		if v == nil {
			continue
		}
		some = true
		switch t := v.(type) {
		case json.Number:
			allBool = false
			if _, err := strconv.ParseInt(t.String(), 10, 64); err != nil {
				allInt = false
				if _, err := strconv.ParseFloat(t.String(), 64); err != nil {
					allNum = false
				}
			}
		case bool:
			allInt, allNum = false, false
		default:
			allInt, allNum, allBool = false, false, false
		}
	}
	switch {
	case !some:
		return model.KindString
	case allInt:
		return model.KindInt
	case allNum:
		return model.KindFloat
	case allBool:
		return model.KindBool
	}
	return model.KindString
}

// UniqueMissionProducts keeps the first row of each filename, in order
// (get_unique_product_list), and returns how many were dropped. Rows without a filename
// are all kept.
func UniqueMissionProducts(t *model.Table) (*model.Table, int) {
	if t == nil {
		return t, 0
	}
	file := t.Col("filename")
	if file == nil {
		return t, 0
	}
	seen := make(map[string]bool, t.Rows())
	keep := make([]int, 0, t.Rows())
	dups := 0
	for i := 0; i < t.Rows(); i++ {
		f := file.String(i)
		if f == "" {
			keep = append(keep, i)
			continue
		}
		if seen[f] {
			dups++
			continue
		}
		seen[f] = true
		keep = append(keep, i)
	}
	if dups == 0 {
		return t, 0
	}
	return t.Select(keep), dups
}

// MissionDownloadURL is where a product of a mission is downloaded from: retrieve_product
// for hst, jwst and roman*, else Download/file, which needs a full "mast:" URI.
func MissionDownloadURL(base, mission, uri string) (string, error) {
	base = strings.TrimRight(base, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	m, _ := MissionInfo(mission)
	if err := validMissionPath(m.Name); err != nil {
		return "", err
	}
	if strings.TrimSpace(uri) == "" {
		return "", errors.New("no product URI given")
	}
	if m.UsesRetrieveProduct {
		return base + "/search/" + m.Name + "/api/v0.1/retrieve_product?product_name=" + fullEscape(uri), nil
	}
	if !strings.HasPrefix(uri, "mast:") {
		return "", fmt.Errorf("for mission %q, a full MAST URI (mast:...) is required for downloading, got %q", m.Name, uri)
	}
	return base + "/api/v0.1/Download/file?uri=" + fullEscape(uri), nil
}

// fullEscape percent-encodes everything but unreserved characters ("/" → %2F, ":" → %3A,
// " " → %20).
func fullEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
