package sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
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

// searchAPI routes /search/util/api/v0.1/column_list and /search/<mission>/api/v0.1/<op>.
func (s *Server) searchAPI(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 5 || parts[2] != "api" || parts[3] != "v0.1" {
		s.httpError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
		return
	}
	if parts[1] == "util" && parts[4] == "column_list" {
		m := searchMissions[strings.ToLower(r.URL.Query().Get("mission"))]
		if m == nil {
			searchFail(w, fmt.Sprintf("unknown mission %q", r.URL.Query().Get("mission")))
			return
		}
		out := make([]map[string]string, 0, len(m.cols))
		yes := map[bool]string{true: "yes", false: "no"}
		for _, c := range m.cols {
			out = append(out, map[string]string{"field_name": c.Field, "description": c.Desc, "column_name": c.Name,
				"queryable": "yes", "qual_type": c.Qual, "default_output": yes[c.Default],
				"indexed": yes[c.Name == m.datasetKey || c.Qual == "ra" || c.Qual == "dec"], "datatype": c.Datatype})
		}
		searchJSON(w, http.StatusOK, out)
		return
	}
	m := searchMissions[strings.ToLower(parts[1])]
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
		s.searchRetrieve(w, r, m)
	default:
		s.httpError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
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

func (s *Server) searchQuery(w http.ResponseWriter, r *http.Request, m *searchMission) {
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
			col, ok := m.col(k)
			if !ok && k == "pass_id" {
				col, ok = m.col("pass") // astroquery's alias of Roman's pass column
			}
			if !ok {
				searchFail(w, fmt.Sprintf("unknown column %q for mission %s", k, m.name))
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
	add(m.datasetKey)
	if req.SelectCols == nil {
		for _, c := range m.cols {
			if c.Default {
				add(c.Name)
			}
		}
	} else {
		for _, n := range req.SelectCols {
			if _, ok := m.col(n); !ok {
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
	a := s.archive
	var rows []searchRow
	keep := func(sr searchRow) bool {
		for _, c := range conds {
			if !c.match(sr.vals[c.col.Name]) {
				return false
			}
		}
		return true
	}
	extra := m.extraRows(a)
	if positional {
		for _, t := range req.Target {
			ra, dec, err := parseTarget(t)
			if err != nil {
				searchFail(w, err.Error())
				return
			}
			pos := strings.TrimSpace(t)
			hit := func(sr searchRow, sepArcsec float64) {
				// A row's own copy: the same dataset can match several targets, and the
				// dedicated rows are shared by every request.
				sr.vals = maps.Clone(sr.vals)
				sr.vals["search_pos"] = pos
				sr.vals["ang_sep"] = sepArcsec / 60
				sr.vals["search_key"] = pos + sr.id
				if keep(sr) {
					rows = append(rows, sr)
				}
			}
			idx, dist := a.Cone(ra, dec, radius/3600)
			for k, i := range idx {
				if o := a.At(int(i)); m.searchable(o) {
					hit(m.row(o), dist[k])
				}
			}
			for _, sr := range extra {
				if d := angDist(ra, dec, sr.ra, sr.dec) * 3600; d <= radius {
					hit(sr, d)
				}
			}
		}
	} else {
		for i := 0; i < a.Len(); i++ {
			if o := a.At(i); m.searchable(o) {
				if sr := m.row(o); keep(sr) {
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
		sortBy = []string{m.targetKey, m.datasetKey}
		if positional {
			sortBy = append([]string{"ang_sep"}, sortBy...)
		}
		sortDesc = nil
	}
	for _, k := range sortBy {
		if _, ok := m.col(k); !ok {
			searchFail(w, fmt.Sprintf("unknown sort column %q", k))
			return
		}
	}
	for len(sortDesc) < len(sortBy) {
		sortDesc = append(sortDesc, false)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		for k, key := range sortBy {
			c := compareSearch(rows[i].vals[key], rows[j].vals[key])
			if c != 0 {
				return (c < 0) != sortDesc[k]
			}
		}
		return false
	})
	total := len(rows)
	lo, hi := min(req.Offset, total), min(req.Offset+limit, total)
	if c := s.opts.Faults.PageSizeCap; c > 0 {
		hi = min(hi, lo+c) // a fault: fewer rows than limit promises, totalResults unchanged
	}
	ans := searchAnswer{Messages: []string{}, TotalResults: total, Results: make([]map[string]any, 0, hi-lo)}
	for _, n := range cols {
		c, _ := m.col(n)
		ans.Info = append(ans.Info, searchInfo{n, c.dbType()})
	}
	for _, sr := range rows[lo:hi] {
		out := make(map[string]any, len(cols))
		for _, n := range cols {
			out[n] = sr.vals[n]
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

func productCategory(p Product) string {
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

func (s *Server) searchProductList(w http.ResponseWriter, r *http.Request, m *searchMission) {
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
	if m.name != "hst" {
		key = "fileset"
	}
	products := []map[string]any{}
	for _, id := range req.DatasetIDs {
		id = strings.TrimSpace(id)
		for _, p := range s.archive.searchProducts(m, id) {
			ds := id
			if m.name == "hst" {
				ds = strings.ToUpper(id)
			}
			base := path.Base(p.Filename)
			suffix := strings.TrimSuffix(base, path.Ext(base))
			if i := strings.LastIndex(suffix, "_"); i >= 0 {
				suffix = suffix[i+1:]
			}
			uri := ds + "/" + base
			if mastURIMission(m.name) {
				uri = p.DataURI
			}
			if m.name != "hst" && m.name != "jwst" {
				suffix = fileSuffix(base)
			}
			access := "PUBLIC"
			if p.Exclusive() {
				access = "PROPRIETARY"
			}
			inst := p.instrument
			if inst == "" {
				if o, ok := s.archive.ObservationByObsID(id); ok {
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

func (s *Server) searchRetrieve(w http.ResponseWriter, r *http.Request, m *searchMission) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.httpError(w, http.StatusMethodNotAllowed, "use GET or HEAD")
		return
	}
	name := r.URL.Query().Get("product_name")
	for i := 0; i < 2 && strings.Contains(name, "%"); i++ {
		if v, err := urlUnescape(name); err == nil {
			name = v
		}
	}
	name = strings.TrimSpace(name)
	if name == "" {
		s.httpError(w, http.StatusBadRequest, "missing product_name parameter")
		return
	}
	dir, base := path.Split(name)
	uri := "mast:" + strings.ToUpper(m.name) + "/product/" + base
	f, err := s.archive.File(uri)
	if errors.Is(err, ErrNotFound) && dir != "" {
		for _, p := range s.archive.searchProducts(m, strings.Trim(dir, "/")) {
			if p.Filename == base {
				f, err = s.archive.newFile(p), nil
			}
		}
	}
	if err != nil {
		s.httpError(w, http.StatusNotFound, fmt.Sprintf("product not found: %s", name))
		return
	}
	s.serveFile(w, r, f, uri)
}

func urlUnescape(s string) (string, error) { return url.PathUnescape(s) }
