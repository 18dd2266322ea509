// Package searchapi is the simulator's MAST Search API (/search/<mission>/api/v0.1/:
// search, post_list_products, retrieve_product; /search/util/api/v0.1/column_list).
package searchapi

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/downloads"
	"mastui/services/sim/internal/simhttp"
)

// searchRequest is the JSON body of POST /search/<mission>/api/v0.1/search.
type searchRequest struct {
	Limit       *int             `json:"limit"`
	Offset      int              `json:"offset"`
	SelectCols  []string         `json:"select_cols"`
	Target      []string         `json:"target"`
	Radius      *float64         `json:"radius"`
	RadiusUnits string           `json:"radius_units"`
	Conditions  []map[string]any `json:"conditions"`
	SortBy      any              `json:"sort_by"`
	SortDesc    any              `json:"sort_desc"`
	SearchKey   any              `json:"search_key"`
	SkipCount   bool             `json:"skip_count"`
	UserFields  any              `json:"user_fields"`
}

type searchInfo struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type searchAnswer struct {
	Messages     []string         `json:"messages"`
	Info         []searchInfo     `json:"info"`
	SearchParams map[string]any   `json:"search_params"`
	TotalResults int              `json:"totalResults"`
	Results      []map[string]any `json:"results"`
}

func searchJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func searchFail(w http.ResponseWriter, msg string) {
	searchJSON(w, http.StatusBadRequest, map[string]string{"error": msg})
}

// Service answers the Search API (/search/<mission>/api/v0.1/...) over env's archive.
type Service struct {
	env   *simhttp.Env
	files *downloads.Service
}

// New makes the Search API; files serves its retrieve_product.
func New(env *simhttp.Env, files *downloads.Service) *Service {
	return &Service{env: env, files: files}
}

// Register adds the service's endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/search/", s.searchAPI)
}

// searchAPI routes /search/util/api/v0.1/column_list and /search/<mission>/api/v0.1/<op>.
func (s *Service) searchAPI(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 5 || parts[2] != "api" || parts[3] != "v0.1" {
		s.env.Error(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
		return
	}
	if parts[1] == "util" && parts[4] == "column_list" {
		m := archive.LookupSearchMission(strings.ToLower(r.URL.Query().Get("mission")))
		if m == nil {
			searchFail(w, fmt.Sprintf("unknown mission %q", r.URL.Query().Get("mission")))
			return
		}
		out := make([]map[string]string, 0, len(m.Cols))
		yes := map[bool]string{true: "yes", false: "no"}
		for _, c := range m.Cols {
			out = append(out, map[string]string{"field_name": c.Field, "description": c.Desc, "column_name": c.Name,
				"queryable": "yes", "qual_type": c.Qual, "default_output": yes[c.Default],
				"indexed": yes[c.Name == m.DatasetKey || c.Qual == "ra" || c.Qual == "dec"], "datatype": c.Datatype})
		}
		searchJSON(w, http.StatusOK, out)
		return
	}
	m := archive.LookupSearchMission(strings.ToLower(parts[1]))
	if m == nil {
		searchFail(w, fmt.Sprintf("unknown mission %q", parts[1]))
		return
	}
	switch parts[4] {
	case "search":
		s.searchQuery(w, r, m)
	case "post_list_products":
		s.searchProductList(w, r, m)
	case "retrieve_product":
		s.files.Retrieve(w, r, m)
	default:
		s.env.Error(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	}
}

func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

func boolList(v any) []bool {
	switch x := v.(type) {
	case bool:
		return []bool{x}
	case []any:
		out := make([]bool, 0, len(x))
		for _, e := range x {
			b, _ := e.(bool)
			out = append(out, b)
		}
		return out
	}
	return nil
}

func parseTarget(t string) (float64, float64, error) {
	f := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("invalid target %q: want \"ra dec\" in degrees", t)
	}
	ra, err1 := strconv.ParseFloat(f[0], 64)
	dec, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || dec < -90 || dec > 90 {
		return 0, 0, fmt.Errorf("invalid target %q: want \"ra dec\" in degrees", t)
	}
	return ra, dec, nil
}

func (s *Service) searchQuery(w http.ResponseWriter, r *http.Request, m *archive.SearchMission) {
	if r.Method != http.MethodPost {
		searchJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST"})
		return
	}
	var req searchRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		searchFail(w, "invalid JSON body: "+err.Error())
		return
	}
	limit := 5000
	if req.Limit != nil {
		limit = *req.Limit
	}
	if limit < 0 || req.Offset < 0 {
		searchFail(w, "limit and offset must not be negative")
		return
	}
	var conds []condition
	for _, c := range req.Conditions {
		for k, v := range c {
			col, ok := m.Col(k)
			if !ok && k == "pass_id" {
				col, ok = m.Col("pass") // astroquery's alias of Roman's pass column
			}
			if !ok {
				searchFail(w, fmt.Sprintf("unknown column %q for mission %s", k, m.Name))
				return
			}
			cc, err := compileCondition(col, v)
			if err != nil {
				searchFail(w, err.Error())
				return
			}
			conds = append(conds, cc)
		}
	}
	positional := len(req.Target) > 0
	radius := 180.0 // arcsec
	if req.Radius != nil {
		radius = *req.Radius
		switch strings.ToLower(req.RadiusUnits) {
		case "arcminutes", "arcmin":
			radius *= 60
		case "degrees", "deg":
			radius *= 3600
		}
	}
	if positional && (radius <= 0 || radius > 1800 || math.IsNaN(radius)) {
		searchFail(w, fmt.Sprintf("radius %g arcsec out of range (0, 1800]", radius))
		return
	}
	// Output columns.
	var cols []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			cols = append(cols, n)
		}
	}
	if positional {
		add("search_pos")
	}
	add(m.DatasetKey)
	if req.SelectCols == nil {
		for _, c := range m.Cols {
			if c.Default {
				add(c.Name)
			}
		}
	} else {
		for _, n := range req.SelectCols {
			if _, ok := m.Col(n); !ok {
				searchFail(w, fmt.Sprintf("unknown column %q in select_cols", n))
				return
			}
			add(n)
		}
	}
	if positional {
		add("ang_sep")
		add("search_key")
	}
	// Rows.
	a := s.env.Archive
	var rows []archive.SearchRow
	keep := func(sr archive.SearchRow) bool {
		for _, c := range conds {
			if !c.match(sr.Vals[c.col.Name]) {
				return false
			}
		}
		return true
	}
	extra := m.ExtraRows(a)
	if positional {
		for _, t := range req.Target {
			ra, dec, err := parseTarget(t)
			if err != nil {
				searchFail(w, err.Error())
				return
			}
			pos := strings.TrimSpace(t)
			hit := func(sr archive.SearchRow, sepArcsec float64) {
				// A row's own copy: the same dataset can match several targets, and the
				// dedicated rows are shared by every request.
				sr.Vals = maps.Clone(sr.Vals)
				sr.Vals["search_pos"] = pos
				sr.Vals["ang_sep"] = sepArcsec / 60
				sr.Vals["search_key"] = pos + sr.ID
				if keep(sr) {
					rows = append(rows, sr)
				}
			}
			idx, dist := a.Cone(ra, dec, radius/3600)
			for k, i := range idx {
				if o := a.At(int(i)); m.Searchable(o) {
					hit(m.Row(o), dist[k])
				}
			}
			for _, sr := range extra {
				if d := archive.AngDist(ra, dec, sr.RA, sr.Dec) * 3600; d <= radius {
					hit(sr, d)
				}
			}
		}
	} else {
		for i := 0; i < a.Len(); i++ {
			if o := a.At(i); m.Searchable(o) {
				if sr := m.Row(o); keep(sr) {
					rows = append(rows, sr)
				}
			}
		}
		for _, sr := range extra {
			if keep(sr) {
				rows = append(rows, sr)
			}
		}
	}
	// Sort.
	sortBy, sortDesc := stringList(req.SortBy), boolList(req.SortDesc)
	if len(sortBy) == 0 {
		sortBy = []string{m.TargetKey, m.DatasetKey}
		if positional {
			sortBy = append([]string{"ang_sep"}, sortBy...)
		}
		sortDesc = nil
	}
	for _, k := range sortBy {
		if _, ok := m.Col(k); !ok {
			searchFail(w, fmt.Sprintf("unknown sort column %q", k))
			return
		}
	}
	for len(sortDesc) < len(sortBy) {
		sortDesc = append(sortDesc, false)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		for k, key := range sortBy {
			c := compareSearch(rows[i].Vals[key], rows[j].Vals[key])
			if c != 0 {
				return (c < 0) != sortDesc[k]
			}
		}
		return false
	})
	total := len(rows)
	lo, hi := min(req.Offset, total), min(req.Offset+limit, total)
	if c := s.env.Faults.PageSizeCap; c > 0 {
		hi = min(hi, lo+c) // a fault: fewer rows than limit promises, totalResults unchanged
	}
	ans := searchAnswer{Messages: []string{}, TotalResults: total, Results: make([]map[string]any, 0, hi-lo)}
	for _, n := range cols {
		c, _ := m.Col(n)
		ans.Info = append(ans.Info, searchInfo{n, c.DBType()})
	}
	for _, sr := range rows[lo:hi] {
		out := make(map[string]any, len(cols))
		for _, n := range cols {
			out[n] = sr.Vals[n]
		}
		ans.Results = append(ans.Results, out)
	}
	params := map[string]any{"offset": req.Offset, "limit": limit, "sort_by": sortBy, "sort_desc": sortDesc,
		"skip_count": req.SkipCount, "select_cols": req.SelectCols, "conditions": req.Conditions,
		"search_key": orEmpty(req.SearchKey), "user_fields": orEmpty(req.UserFields)}
	if params["conditions"] == nil {
		params["conditions"] = []any{}
	}
	if positional {
		params["target"], params["radius"], params["radius_units"] = req.Target, radius/60, "arcminutes"
	}
	ans.SearchParams = params
	searchJSON(w, http.StatusOK, ans)
}

func orEmpty(v any) any {
	if v == nil {
		return []any{}
	}
	return v
}

// compareSearch orders values: numbers numerically, strings case-insensitively, nulls last.
func compareSearch(a, b any) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return 1
		}
		return -1
	}
	fa, aok := toFloat(a)
	fb, bok := toFloat(b)
	if aok && bok {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return strings.Compare(strings.ToLower(fmt.Sprint(a)), strings.ToLower(fmt.Sprint(b)))
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

func productCategory(p archive.Product) string {
	name := strings.ToLower(p.Filename)
	switch {
	case p.ProductType == "AUXILIARY" || strings.HasSuffix(name, "_spt.fits") || strings.HasSuffix(name, "_trl.fits") ||
		strings.HasSuffix(name, "_jif.fits") || strings.HasSuffix(name, "_jit.fits"):
		return "AUX"
	case p.ProductType == "INFO" || strings.HasSuffix(name, "_asn.fits") || strings.HasSuffix(name, ".json"):
		return "OTHER"
	case p.ProductType == "PREVIEW" || p.ProductType == "THUMBNAIL":
		return "PREVIEW"
	case strings.HasSuffix(name, "_raw.fits") || strings.HasSuffix(name, "_uncal.fits") || strings.HasSuffix(name, "_d0m.fits") ||
		strings.HasSuffix(name, "_uncal.asdf") || strings.HasSuffix(name, ".raw.gz"):
		return "UNCALIBRATED"
	}
	return "CALIBRATED"
}

func (s *Service) searchProductList(w http.ResponseWriter, r *http.Request, m *archive.SearchMission) {
	if r.Method != http.MethodPost {
		searchJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST"})
		return
	}
	var req struct {
		DatasetIDs []string `json:"dataset_ids"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		searchFail(w, "invalid JSON body: "+err.Error())
		return
	}
	if len(req.DatasetIDs) == 0 {
		searchFail(w, "dataset_ids is empty")
		return
	}
	key := "dataset"
	if m.Name != "hst" {
		key = "fileset"
	}
	products := []map[string]any{}
	for _, id := range req.DatasetIDs {
		id = strings.TrimSpace(id)
		for _, p := range s.env.Archive.SearchProducts(m, id) {
			ds := id
			if m.Name == "hst" {
				ds = strings.ToUpper(id)
			}
			base := path.Base(p.Filename)
			suffix := strings.TrimSuffix(base, path.Ext(base))
			if i := strings.LastIndex(suffix, "_"); i >= 0 {
				suffix = suffix[i+1:]
			}
			uri := ds + "/" + base
			if archive.MastURIMission(m.Name) {
				uri = p.DataURI
			}
			if m.Name != "hst" && m.Name != "jwst" {
				suffix = archive.FileSuffix(base)
			}
			access := "PUBLIC"
			if p.Exclusive() {
				access = "PROPRIETARY"
			}
			inst := p.Instrument()
			if inst == "" {
				if o, ok := s.env.Archive.ObservationByObsID(id); ok {
					inst = o.Instrument
				}
			}
			products = append(products, map[string]any{
				"product_key": ds + "_" + base, "access": access, key: ds, "instrument_name": inst,
				"filters": p.Filters, "filename": base, "uri": uri,
				"authz_primary_identifier": ds, "authz_secondary_identifier": p.ProposalID,
				"file_suffix": suffix, "category": productCategory(p), "size": p.Size,
				"type": strings.ToLower(map[string]string{"S": "science", "D": "auxiliary", "C": "calibration"}[p.Type]),
			})
		}
	}
	searchJSON(w, http.StatusOK, map[string]any{"products": products})
}
