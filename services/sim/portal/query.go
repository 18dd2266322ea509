package portal

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
)

// answer writes a COMPLETE Portal answer.
type answer func(w io.Writer) error

// pageReq is the paging asked for: pagesize and page (1-based).
type pageReq struct{ size, page int }

// window cuts rows [start, end) of a result of n rows, and fills the paging object.
// capRows (a fault) silently serves fewer rows than the page should hold.
func (p pageReq) window(n, capRows int) (int, int, paging) {
	pages := max(1, (n+p.size-1)/p.size)
	start := min((p.page-1)*p.size, n)
	end := min(start+p.size, n)
	if capRows > 0 {
		end = min(end, start+capRows)
	}
	return start, end, paging{page: p.page, pageSize: p.size, pagesFiltered: pages, rows: end - start, rowsFiltered: n, rowsTotal: n}
}

// caomQuery prepares Mast.Caom.Cone, Mast.Caom.Filtered and Mast.Caom.Filtered.Position.
func (s *Service) caomQuery(svc string, params map[string]json.RawMessage, pr pageReq) (answer, error) {
	positional := svc != "mast.caom.filtered"
	var ra, dec, radius float64
	var err error
	switch svc {
	case "mast.caom.cone":
		ra, dec, radius, err = coneParams(params)
	case "mast.caom.filtered.position":
		ra, dec, radius, err = positionParam(params)
	}
	if err != nil {
		return nil, err
	}
	cols := s.filtCols
	if positional {
		cols = s.posCols
	}
	var fs []filter[obsRow]
	if svc != "mast.caom.cone" {
		if fs, err = parseFilters(params[paramKey(params, "filters")], cols); err != nil {
			return nil, err
		}
	}
	count, outCols, err := selectColumns(paramString(params, "columns"), cols)
	if err != nil {
		return nil, err
	}
	a := s.env.Archive
	var idx []int32
	var dist []float64
	var row obsRow
	if positional {
		all, d := a.Cone(ra, dec, radius)
		for k, i := range all {
			row = obsRow{o: a.At(int(i)), dist: d[k]}
			if matchAll(fs, &row) {
				idx, dist = append(idx, i), append(dist, d[k])
			}
		}
	} else {
		for i := range a.Len() {
			row = obsRow{o: a.At(int(i))}
			if matchAll(fs, &row) {
				idx = append(idx, int32(i))
			}
		}
	}
	if count {
		return countAnswer(len(idx)), nil
	}
	return func(w io.Writer) error {
		start, end, pg := pr.window(len(idx), s.env.Faults.PageSizeCap)
		var r obsRow
		return writeTable(w, outCols, end-start, func(i int) *obsRow {
			r.o = a.At(int(idx[start+i]))
			if dist != nil {
				r.dist = dist[start+i]
			}
			return &r
		}, pg)
	}, nil
}

// countAnswer is MAST's answer to columns=COUNT_BIG(*): one row {"Column1": n}, the
// field typed "string" although the value is a number.
func countAnswer(n int) answer {
	cols := []Column[uint64]{{name: "Column1", jsonType: "string", kind: kindID, id: func(v *uint64) uint64 { return *v }}}
	v := uint64(n)
	return func(w io.Writer) error {
		return writeTable(w, cols, 1, func(int) *uint64 { return &v },
			paging{page: 1, pageSize: 1, pagesFiltered: 1, rows: 1, rowsFiltered: 1, rowsTotal: 1})
	}
}

// selectColumns reads the "columns" parameter: "*" (or absent) for all, COUNT_BIG(*)
// for a count, or a comma list.
func selectColumns[R any](spec string, cols []Column[R]) (bool, []Column[R], error) {
	spec = strings.TrimSpace(spec)
	compact := strings.ToUpper(strings.ReplaceAll(spec, " ", ""))
	switch {
	case spec == "" || spec == "*":
		return false, cols, nil
	case compact == "COUNT_BIG(*)" || compact == "COUNT(*)":
		return true, nil, nil
	}
	var out []Column[R]
	for _, name := range strings.Split(spec, ",") {
		i := findColumn(cols, name)
		if i < 0 {
			return false, nil, fmt.Errorf("Invalid column name '%s'.", strings.TrimSpace(name))
		}
		out = append(out, cols[i])
	}
	return false, out, nil
}

// coneParams reads ra, dec and radius (degrees; radius defaults to 0.2 as on MAST).
func coneParams(p map[string]json.RawMessage) (float64, float64, float64, error) {
	ra, err := paramFloat(p, "ra")
	if err != nil {
		return 0, 0, 0, err
	}
	dec, err := paramFloat(p, "dec")
	if err != nil {
		return 0, 0, 0, err
	}
	radius := 0.2
	if _, ok := p[paramKey(p, "radius")]; ok {
		if radius, err = paramFloat(p, "radius"); err != nil {
			return 0, 0, 0, err
		}
	}
	return checkPosition(ra, dec, radius)
}

// positionParam reads "position": "ra, dec, radius" (or ra/dec/radius parameters).
func positionParam(p map[string]json.RawMessage) (float64, float64, float64, error) {
	pos := paramString(p, "position")
	if pos == "" {
		if _, ok := p[paramKey(p, "ra")]; ok {
			return coneParams(p)
		}
		return 0, 0, 0, fmt.Errorf("position is required for Mast.Caom.Filtered.Position (\"ra, dec, radius\" in degrees)")
	}
	f := strings.FieldsFunc(pos, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(f) < 2 || len(f) > 3 {
		return 0, 0, 0, fmt.Errorf("position %q: want \"ra, dec, radius\" in degrees", pos)
	}
	v := make([]float64, 3)
	v[2] = 0.2
	for i, s := range f {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("position %q: %q is not a number", pos, s)
		}
		v[i] = x
	}
	return checkPosition(v[0], v[1], v[2])
}

func checkPosition(ra, dec, radius float64) (float64, float64, float64, error) {
	switch {
	case math.IsNaN(ra) || math.IsInf(ra, 0):
		return 0, 0, 0, fmt.Errorf("ra %v is not a valid right ascension", ra)
	case dec < -90 || dec > 90 || math.IsNaN(dec):
		return 0, 0, 0, fmt.Errorf("dec %v is outside -90..90", dec)
	case radius < 0 || math.IsNaN(radius):
		return 0, 0, 0, fmt.Errorf("radius %v must not be negative", radius)
	}
	return archive.NormRA(ra), dec, math.Min(radius, 180), nil
}

// paramKey finds a parameter name case-insensitively.
func paramKey(p map[string]json.RawMessage, name string) string {
	if _, ok := p[name]; ok {
		return name
	}
	for k := range p {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return name
}

func paramString(p map[string]json.RawMessage, name string) string {
	s, _ := scalarText(p[paramKey(p, name)])
	return s
}

func paramFloat(p map[string]json.RawMessage, name string) (float64, error) {
	s, ok := scalarText(p[paramKey(p, name)])
	if !ok {
		return 0, fmt.Errorf("parameter %q is required", name)
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("parameter %q: %q is not a number", name, s)
	}
	return x, nil
}

// productsQuery prepares Mast.Caom.Products: params obsid is a comma-joined string
// (astroquery), a number or a list. Unknown obsids contribute nothing.
func (s *Service) productsQuery(params map[string]json.RawMessage, pr pageReq) (answer, error) {
	ids, err := obsidList(params[paramKey(params, "obsid")])
	if err != nil {
		return nil, err
	}
	var rows []archive.Product
	for _, id := range ids {
		rows = append(rows, s.env.Archive.Products(id)...)
	}
	return func(w io.Writer) error {
		start, end, pg := pr.window(len(rows), s.env.Faults.PageSizeCap)
		return writeTable(w, s.prodCols, end-start, func(i int) *archive.Product { return &rows[start+i] }, pg)
	}, nil
}

func obsidList(raw json.RawMessage) ([]uint64, error) {
	var items []json.RawMessage
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, fmt.Errorf("obsid: %v", err)
		}
	} else {
		items = []json.RawMessage{raw}
	}
	var out []uint64
	for _, it := range items {
		s, ok := scalarText(it)
		if !ok {
			continue
		}
		for _, part := range strings.Split(s, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			id, err := strconv.ParseUint(strings.TrimSuffix(part, ".0"), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("obsid %q is not a Product Group ID (an integer obsid)", part)
			}
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("parameter \"obsid\" is required")
	}
	return out, nil
}
