package mast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"mastui/model"
	"mastui/services/wire"
)

// ErrEmptyColumnsConfig is wrapped when columnsconfig answers {} or null (protocol 3.4,
// quirk 17): astroquery stores the empty dict silently; we report it instead.
var ErrEmptyColumnsConfig = errors.New("MAST returned an empty column configuration")

// colConfig is one columnsconfig answer with its key order kept (get_metadata lists
// columns in server order).
type colConfig struct {
	order []string
	cols  map[string]map[string]any
	// values are the discrete histograms merged into a catalog criteria configuration
	// (catalogs_criteria.go), by column.
	values map[string][]FacetValue
}

// ColumnsConfig returns the column configuration of a Portal service (E2), cached per
// id. Numbers are json.Number. The maps are copies the caller may keep.
func (c *Client) ColumnsConfig(ctx context.Context, colConfigID string) (map[string]map[string]any, error) {
	cc, err := c.columnsConfig(ctx, colConfigID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]any, len(cc.cols))
	for k, v := range cc.cols {
		m := make(map[string]any, len(v))
		for pk, pv := range v {
			m[pk] = pv
		}
		out[k] = m
	}
	return out, nil
}

func (c *Client) columnsConfig(ctx context.Context, id string) (*colConfig, error) {
	c.mu.Lock()
	cc := c.colConfig[id]
	c.mu.Unlock()
	if cc != nil {
		return cc, nil
	}
	cc, err := c.fetchColumnsConfig(ctx, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.colConfig[id] = cc
	c.mu.Unlock()
	return cc, nil
}

// fetchColumnsConfig posts the raw body "colConfigId=<id>" (not URL-encoded, as
// astroquery does) and goes through the poll loop like any Portal answer.
func (c *Client) fetchColumnsConfig(ctx context.Context, id string) (*colConfig, error) {
	what := "columnsconfig " + id
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	delay := c.cfg.PollInterval
	for {
		raw, err := c.send(ctx, httpCall{what: what, method: "POST", url: c.columnsConfigURL(), body: "colConfigId=" + id,
			maxRetries: c.cfg.MaxRetries, metadata: true})
		if err != nil {
			return nil, err
		}
		cc, status, msg, err := parseColumnsConfig(what, raw)
		if err != nil {
			return nil, err
		}
		switch strings.ToUpper(status) {
		case "EXECUTING":
			if err := sleep(ctx, delay); err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
			delay = min(delay*3/2, maxPollInterval)
			continue
		case "ERROR":
			return nil, fmt.Errorf("%s: %w", what, &RemoteError{Service: what, Msg: msg})
		}
		if len(cc.cols) == 0 {
			return nil, fmt.Errorf("%s: %w", what, ErrEmptyColumnsConfig)
		}
		return cc, nil
	}
}

// usedProps are the columnsconfig properties the client reads (labels, units, types,
// null sentinels, filter encoding): each must be a scalar. Others are not read.
var usedProps = []string{"text", "unit", "vot.unit", "vot.description", "type", "vot.datatype", "example",
	"remove", "treatNumeric", "isMjd", "isDate", "min", "max", "ignoreValue", "separator"}

// parseColumnsConfig reads {column: {property: value}} keeping column order. A string
// "status"/"msg" at the top is the Portal envelope, not a column. what names the
// service in errors.
func parseColumnsConfig(what string, raw []byte) (cc *colConfig, status, msg string, err error) {
	cc = &colConfig{cols: map[string]map[string]any{}}
	if isEmptyBody(raw) {
		return cc, "", "", nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, "", "", fmt.Errorf("%s: decode: %w (body starts %q)", what, err, bodySnippet(raw))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		var v any
		if json.Unmarshal(raw, &v) == nil {
			return nil, "", "", &wire.ShapeError{Service: what, Want: wire.KindObject, Got: wire.KindOf(v)}
		}
		return nil, "", "", fmt.Errorf("%s: decode: expected a JSON object, body starts %q", what, bodySnippet(raw))
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, "", "", fmt.Errorf("%s: decode: %w", what, err)
		}
		key, _ := kt.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, "", "", fmt.Errorf("%s: decode %q: %w", what, key, err)
		}
		val := wire.Root(what, map[string]any{key: v}).Key(key)
		switch x := v.(type) {
		case map[string]any:
			for _, p := range usedProps {
				if _, err := val.Key(p).Text(); err != nil {
					return nil, "", "", err
				}
			}
			if _, dup := cc.cols[key]; !dup {
				cc.order = append(cc.order, key)
			}
			cc.cols[key] = x
		case nil:
		default:
			switch key {
			case "status":
				if status, err = val.Text(); err != nil {
					return nil, "", "", err
				}
			case "msg":
				msg = propText(x)
			default:
				return nil, "", "", val.Fail(wire.KindObject)
			}
		}
	}
	if _, err := dec.Token(); err != nil && !errors.Is(err, io.EOF) {
		return nil, "", "", fmt.Errorf("%s: decode: %w", what, err)
	}
	return cc, status, msg, nil
}

// lookup finds a column case-insensitively (exact spelling first).
func (cc *colConfig) lookup(name string) (string, map[string]any, bool) {
	if e, ok := cc.cols[name]; ok {
		return name, e, true
	}
	for _, k := range cc.order {
		if strings.EqualFold(k, name) {
			return k, cc.cols[k], true
		}
	}
	return "", nil, false
}

// ignoreValues lists the columns' null sentinels for wire.Decode.
func (cc *colConfig) ignoreValues() map[string]string {
	if cc == nil {
		return nil
	}
	out := map[string]string{}
	for name, e := range cc.cols {
		if v, ok := e["ignoreValue"]; ok && v != nil {
			out[name] = propText(v)
		}
	}
	return out
}

// applyMeta copies label, unit and description onto the table's columns.
func (cc *colConfig) applyMeta(t *model.Table) {
	if cc == nil || t == nil {
		return
	}
	for _, col := range t.Columns {
		_, e, ok := cc.lookup(col.Name)
		if !ok {
			continue
		}
		col.Meta.Label = prop(e, "text")
		col.Meta.Unit = firstProp(e, "unit", "vot.unit")
		col.Meta.Description = prop(e, "vot.description")
		if col.Meta.Type == "" {
			col.Meta.Type = firstProp(e, "type", "vot.datatype")
		}
	}
}

// prop reads a property as text ("" when absent).
func prop(e map[string]any, key string) string {
	v, ok := e[key]
	if !ok || v == nil {
		return ""
	}
	return propText(v)
}

func firstProp(e map[string]any, keys ...string) string {
	for _, k := range keys {
		if v := prop(e, k); v != "" {
			return v
		}
	}
	return ""
}

func propText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case nil:
		return ""
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// propBool reads flags sent as true, "true" or 1.
func propBool(e map[string]any, key string) bool {
	switch x := e[key].(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	case json.Number:
		return x.String() != "0"
	}
	return false
}

// Metadata lists the columns of "observations" (columnsconfig of Mast.Caom.Cone) or
// "products" (Mast.Caom.Products) like get_metadata: server order, without _selected_
// and entries marked remove.
func (c *Client) Metadata(ctx context.Context, which string) ([]FieldMeta, error) {
	var id string
	switch strings.ToLower(strings.TrimSpace(which)) {
	case "observations":
		id = "Mast.Caom.Cone"
	case "products":
		id = "Mast.Caom.Products"
	default:
		return nil, fmt.Errorf("unknown metadata kind %q: use observations or products", which)
	}
	cc, err := c.columnsConfig(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("metadata %s: %w", which, err)
	}
	out := make([]FieldMeta, 0, len(cc.order))
	for _, name := range cc.order {
		e := cc.cols[name]
		if name == "_selected_" || propBool(e, "remove") {
			continue
		}
		label := prop(e, "text")
		if label == "" {
			label = name
		}
		out = append(out, FieldMeta{
			Name:        name,
			Label:       label,
			Type:        normaliseType(firstProp(e, "type", "vot.datatype")),
			Unit:        firstProp(e, "unit", "vot.unit"),
			Description: prop(e, "vot.description"),
			Examples:    prop(e, "example"),
		})
	}
	return out, nil
}

// normaliseType maps MAST type names onto string, float, int and bool.
func normaliseType(t string) string {
	switch strings.ToLower(t) {
	case "char", "string", "datetime", "date":
		return "string"
	case "double", "float", "decimal":
		return "float"
	case "int", "short", "long", "number":
		return "int"
	case "boolean", "binary":
		return "bool"
	}
	return strings.ToLower(t)
}
