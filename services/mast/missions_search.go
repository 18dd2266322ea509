package mast

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/registry"
)

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
	if err := registry.CheckMissionName(m.Name); err != nil {
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
	return &MissionQueryError{StatusCode: he.StatusCode, Msg: serverMessage(he)}
}

// serverMessage is the text of a service API's error answer: the message field of a JSON
// body, else the body, else the status.
func serverMessage(he *HTTPError) string {
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
	return msg
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
