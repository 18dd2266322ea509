package mast

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"mastui/services/registry"
)

// MissionColumn is one entry of the Search API's column_list.
type MissionColumn struct {
	Name          string // column_name
	FieldName     string // human label (field_name)
	Description   string
	Type          string // qual_type (datatype when absent): string, integer, float, boolean, datetime, ...
	DefaultOutput bool
	Queryable     bool
}

// MissionColumns lists the columns of a mission (GET column_list, cached per mission for
// the life of the client; asked without the session's cookies).
func (c *Client) MissionColumns(ctx context.Context, mission string) ([]MissionColumn, error) {
	m, _ := MissionInfo(mission)
	if err := registry.CheckMissionName(m.Name); err != nil {
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
