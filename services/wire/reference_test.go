package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"mastui/model"
)

// decodeReference is a straightforward encoding/json (+ RawMessage, so numbers keep their
// literal text) decoder of the same semantics; Decode must agree with it exactly.
func decodeReference(body []byte, opts Options) (*Response, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("decode MAST answer: %w", err)
	}
	r := &Response{}
	if raw, ok := top["status"]; ok {
		r.HasStatus = true
		r.Status = rawText(raw)
	}
	if raw, ok := top["msg"]; ok {
		r.Msg = rawText(raw)
	}
	if raw, ok := top["percent complete"]; ok {
		r.PercentComplete = rawFloat(raw)
	}
	if raw, ok := top["paging"]; ok && firstByte(raw) == '{' {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("decode paging: %w", err)
		}
		p := &Paging{}
		for k, dst := range map[string]*int64{"page": &p.Page, "pageSize": &p.PageSize,
			"pagesFiltered": &p.PagesFiltered, "rows": &p.Rows, "rowsFiltered": &p.RowsFiltered,
			"rowsTotal": &p.RowsTotal} {
			if v, ok := m[k]; ok {
				*dst = rawInt(v)
			}
		}
		r.Paging = p
	}
	hasFields := false
	if raw, ok := top["fields"]; ok && firstByte(raw) == '[' {
		hasFields = true
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("decode fields: %w", err)
		}
		r.Fields = []Field{}
		for _, e := range list {
			if firstByte(e) != '{' {
				continue
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(e, &m); err != nil {
				return nil, fmt.Errorf("decode field: %w", err)
			}
			r.Fields = append(r.Fields, Field{Name: rawText(m["name"]), Type: rawText(m["type"])})
		}
	}
	raw, ok := top["data"]
	if !ok || !hasFields || firstByte(raw) != '[' {
		return r, nil
	}
	var rows []json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("decode data: %w", err)
	}
	for _, row := range rows {
		if firstByte(row) != '{' {
			return r, nil
		}
	}
	specs := buildSpecs(r.Fields, opts)
	cols := make([]*model.Column, len(specs))
	for i, s := range specs {
		cols[i] = model.NewColumn(s.name, s.kind, len(rows))
		cols[i].Meta.Type = s.typeName
	}
	for ri, row := range rows {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(row, &m); err != nil {
			return nil, fmt.Errorf("decode row %d: %w", ri, err)
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
	return r, nil
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
