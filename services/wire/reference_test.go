package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"mastui/model"
)

// decodeReference is a straightforward encoding/json (+ RawMessage, so numbers keep their
// literal text) decoder of the same semantics; Decode must agree with it exactly.
func decodeReference(body []byte, opts Options) (*Response, error) {
	r, err := decodeReferenceTop(body, opts)
	if se, ok := err.(*ShapeError); ok {
		se.Service = opts.Service
	}
	return r, err
}

func decodeReferenceTop(body []byte, opts Options) (*Response, error) {
	var top map[string]json.RawMessage
	if k := KindOfByte(firstByte(body)); json.Valid(body) && k != KindObject && k != KindNull {
		return nil, &ShapeError{Want: KindObject, Got: k}
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("decode MAST answer: %w", err)
	}
	r := &Response{}
	if raw, ok := top["status"]; ok {
		r.HasStatus = true
		if k := KindOfByte(firstByte(raw)); k == KindObject || k == KindList {
			return nil, &ShapeError{Field: "status", Want: KindString, Got: k}
		}
		r.Status = rawText(raw)
	}
	if raw, ok := top["msg"]; ok {
		r.Msg = rawText(raw)
	}
	if raw, ok := top["percent complete"]; ok {
		r.PercentComplete = rawFloat(raw)
	}
	if raw, ok := top["paging"]; ok && firstByte(raw) != 'n' {
		if firstByte(raw) != '{' {
			return nil, &ShapeError{Field: "paging", Want: KindObject, Got: KindOfByte(firstByte(raw))}
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("decode paging: %w", err)
		}
		p := &Paging{}
		for _, k := range []string{"rows", "rowsTotal"} { // informative: numbers or nothing
			if v, ok := m[k]; ok {
				n, _, _ := refWhole(v, "")
				*map[string]*int64{"rows": &p.Rows, "rowsTotal": &p.RowsTotal}[k] = n
			}
		}
		dsts := map[string]*int64{"page": &p.Page, "pageSize": &p.PageSize, "pagesFiltered": &p.PagesFiltered, "rowsFiltered": &p.RowsFiltered}
		for _, k := range pagingKeys {
			v, ok := m[k]
			if !ok {
				continue
			}
			n, has, se := refWhole(v, "paging."+k)
			if se != nil {
				return nil, se
			}
			*dsts[k] = n
			switch k {
			case "pagesFiltered":
				p.HasPagesFiltered = has
			case "rowsFiltered":
				p.HasRowsFiltered = has
			}
		}
		r.Paging = p
	}
	fieldsKind, dataKind := KindMissing, KindMissing
	var inner *ShapeError
	hasFields := false
	fk := opts.fieldsKey()
	if raw, ok := top[fk]; ok {
		fieldsKind = KindOfByte(firstByte(raw))
	}
	if raw, ok := top[fk]; ok && firstByte(raw) == '[' {
		hasFields = true
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("decode fields: %w", err)
		}
		r.Fields = []Field{}
		for k, e := range list {
			path := fmt.Sprintf("%s[%d]", fk, k)
			if firstByte(e) != '{' {
				if inner == nil {
					inner = &ShapeError{Field: path, Want: KindObject, Got: KindOfByte(firstByte(e))}
				}
				continue
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(e, &m); err != nil {
				return nil, fmt.Errorf("decode field: %w", err)
			}
			name, hasName := m["name"]
			nk := KindMissing
			if hasName {
				nk = KindOfByte(firstByte(name))
			}
			tk := KindOfByte(firstByte(m["type"]))
			switch {
			case inner != nil:
			case nk != KindString && nk != KindNumber && nk != KindBool:
				inner = &ShapeError{Field: path + ".name", Want: KindString, Got: nk}
			case tk == KindObject || tk == KindList:
				inner = &ShapeError{Field: path + ".type", Want: KindString, Got: tk}
			}
			r.Fields = append(r.Fields, Field{Name: refText(m["name"]), Type: refText(m["type"])})
		}
	}
	raw, ok := top["data"]
	if ok {
		dataKind = KindOfByte(firstByte(raw))
	}
	var rows []json.RawMessage
	notRows := false
	if ok && firstByte(raw) == '[' {
		if err := json.Unmarshal(raw, &rows); err != nil {
			return nil, fmt.Errorf("decode data: %w", err)
		}
		for k, row := range rows {
			if c := firstByte(row); c != '{' && !(opts.PositionalRows && c == '[') {
				notRows = true
				if inner == nil {
					inner = &ShapeError{Field: fmt.Sprintf("data[%d]", k), Want: rowWant(opts.PositionalRows), Got: KindOfByte(firstByte(row))}
				}
				break
			}
		}
	}
	if hasFields && dataKind == KindList && !notRows {
		if err := refTable(r, rows, opts); err != nil {
			return nil, err
		}
	}
	if opts.WantTable {
		switch strings.ToUpper(r.Status) {
		case "EXECUTING", "ERROR":
		default:
			switch {
			case fieldsKind != KindList:
				return nil, &ShapeError{Field: fk, Want: KindList, Got: fieldsKind}
			case dataKind != KindList:
				return nil, &ShapeError{Field: "data", Want: KindList, Got: dataKind}
			case inner != nil:
				return nil, inner
			case len(buildSpecs(r.Fields, opts)) == 0 && len(rows) > 0:
				return nil, &ShapeError{Field: fk, Want: "a list naming the columns", Got: "no columns"}
			}
		}
	}
	return r, nil
}

// refWhole reads a whole number sent as a number or a numeric string; null is absent.
func refWhole(raw json.RawMessage, path string) (int64, bool, *ShapeError) {
	k := KindOfByte(firstByte(raw))
	if k == KindNull {
		return 0, false, nil
	}
	t := rawText(raw)
	if k == KindNumber || k == KindString && isDecimal(t) {
		if v, ok := intFromText(t); ok {
			return v, true, nil
		}
	}
	return 0, false, &ShapeError{Field: path, Want: "a whole number", Got: k}
}

// refText is rawText for field names and types: objects and lists read as "".
func refText(raw json.RawMessage) string {
	switch firstByte(raw) {
	case '{', '[':
		return ""
	}
	return rawText(raw)
}

// refTable converts the rows, objects (or lists of values in the fields' order, with
// positional rows), with the fields of r.
func refTable(r *Response, rows []json.RawMessage, opts Options) error {
	specs := buildSpecs(r.Fields, opts)
	fieldAt := map[string]int{} // a column's position in a list row: its first field
	for k := len(r.Fields) - 1; k >= 0; k-- {
		fieldAt[r.Fields[k].Name] = k
	}
	cols := make([]*model.Column, len(specs))
	for i, s := range specs {
		cols[i] = model.NewColumn(s.name, s.kind, len(rows))
		cols[i].Meta.Type = s.typeName
	}
	for ri, row := range rows {
		var m map[string]json.RawMessage
		if firstByte(row) == '[' {
			var list []json.RawMessage
			if err := json.Unmarshal(row, &list); err != nil {
				return fmt.Errorf("decode row %d: %w", ri, err)
			}
			m = map[string]json.RawMessage{}
			for _, s := range specs {
				if k := fieldAt[s.name]; k < len(list) {
					m[s.name] = list[k]
				}
			}
		} else if err := json.Unmarshal(row, &m); err != nil {
			return fmt.Errorf("decode row %d: %w", ri, err)
		}
		for ci, s := range specs {
			v, present := m[s.name]
			if !present {
				v = json.RawMessage("null")
			}
			refAppendValue(cols[ci], &s, v)
		}
	}
	for _, c := range cols {
		for c.Masked != nil && len(c.Masked) < c.Len() {
			c.Masked = append(c.Masked, false)
		}
	}
	r.Table = model.NewTable(cols...)
	return nil
}

// appendValue converts one raw JSON value following protocol 3.6.
func refAppendValue(c *model.Column, s *colSpec, raw json.RawMessage) {
	i := c.Len()
	b := firstByte(raw)
	isNum := b == '-' || (b >= '0' && b <= '9')
	var str string
	if b == '"' {
		_ = json.Unmarshal(raw, &str)
	}
	masked := false
	switch s.kind {
	case model.KindString:
		var v string
		switch {
		case b == '"':
			v = str
		case b == 'n':
			if s.hasIgn {
				v = s.sentStr
			}
		default: // numbers, booleans, nested values: their literal text
			v = string(raw)
		}
		c.Str = append(c.Str, v)
		masked = v == s.sentStr
	case model.KindFloat:
		v, ok := s.sentF, true
		switch {
		case isNum:
			v, ok = floatFromText(string(raw))
		case b == '"':
			v, ok = floatFromText(str)
		case b == 't':
			v = 1
		case b == 'f':
			v = 0
		case b == 'n':
			masked = s.hasIgn
		default:
			ok = false
		}
		if !ok {
			v, masked = math.NaN(), true
		}
		if s.hasIgn && v == s.sentF {
			masked = true
		}
		c.Float = append(c.Float, v)
	case model.KindInt:
		v, ok := s.sentI, true
		switch {
		case isNum:
			v, ok = intFromText(string(raw))
		case b == '"':
			v, ok = intFromText(str)
		case b == 't':
			v = 1
		case b == 'f':
			v = 0
		case b == 'n':
		default:
			ok = false
		}
		if !ok {
			v = s.sentI
		}
		masked = v == s.sentI
		c.Int = append(c.Int, v)
	case model.KindBool:
		v, ok := false, true
		switch {
		case b == 't':
			v = true
		case b == 'f':
		case isNum:
			f, _ := floatFromText(string(raw))
			v = f != 0
		case b == '"':
			v, ok = boolFromText(str)
		default:
			ok = false
		}
		if !ok {
			v, masked = false, true
		}
		c.Bool = append(c.Bool, v)
	}
	if masked {
		c.SetMasked(i)
	}
}

func firstByte(raw []byte) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

// rawText renders a scalar for Status/Msg/field names: strings unquoted, null as "".
func rawText(raw json.RawMessage) string {
	switch firstByte(raw) {
	case 0, 'n':
		return ""
	case '"':
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	}
	return string(raw)
}

func rawFloat(raw json.RawMessage) float64 {
	s := rawText(raw)
	v, _ := floatFromText(s)
	return v
}

func rawInt(raw json.RawMessage) int64 {
	v, _ := intFromText(rawText(raw))
	return v
}
