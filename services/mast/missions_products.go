package mast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"mastui/model"
	"mastui/services/registry"
	"mastui/services/wire"
)

// Products of Search API datasets (protocol 6.4) and unique product lists.

// MissionProducts lists the products of datasets (POST post_list_products, batchSize ids
// per request, default 1000). Blank ids are dropped, "a,b" entries split, duplicates
// removed keeping the first (order kept, unlike astroquery's set).
func (c *Client) MissionProducts(ctx context.Context, mission string, datasets []string, batchSize int) (*model.Table, error) {
	m, _ := MissionInfo(mission)
	if err := registry.CheckMissionName(m.Name); err != nil {
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
