package mast

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/wire"
)

// Decoding of Search API results into a table (protocol 6.3).

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
