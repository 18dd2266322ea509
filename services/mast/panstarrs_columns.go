package mast

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// PanSTARRS releases and tables (protocol 7): the path of every request.
var (
	PanstarrsReleases = []string{"dr1", "dr2"}
	PanstarrsTables   = []string{"mean", "stack", "detection", "forced_mean"}
)

// Defaults of a PanSTARRS query (astroquery's).
const (
	DefaultPanstarrsRelease = "dr2"
	DefaultPanstarrsTable   = "mean"
	// PanstarrsMaxRecords is the most rows one answer of the catalogs API holds: a
	// page of that size may not be all.
	PanstarrsMaxRecords = 50000
)

// PanstarrsColumn is one column of a PanSTARRS table (GET .../metadata.json).
type PanstarrsColumn struct {
	Name        string // column_name (else name)
	DBType      string // STRING, BIGINT, INTEGER, SMALLINT, TINYINT, REAL, DOUBLE, ...
	Type        string // VOTable type: char, long, int, short, float, double, unsignedByte
	Description string
	Unit        string
}

// Numeric says whether the column holds numbers (criteria values are sent as numbers).
func (c PanstarrsColumn) Numeric() bool {
	t := strings.ToUpper(c.DBType)
	return !(t == "STRING" || t == "TEXT" || t == "DATETIME" || strings.Contains(t, "CHAR"))
}

// panstarrsPath checks release and table (lower-cased, defaults filled in) and returns
// them.
func panstarrsPath(release, table string) (string, string, error) {
	release, table = strings.ToLower(strings.TrimSpace(release)), strings.ToLower(strings.TrimSpace(table))
	if release == "" {
		release = DefaultPanstarrsRelease
	}
	if table == "" {
		table = DefaultPanstarrsTable
	}
	if !slices.Contains(PanstarrsReleases, release) {
		return "", "", fmt.Errorf("unknown PanSTARRS data release %q: use %s", release, strings.Join(PanstarrsReleases, " or "))
	}
	if !slices.Contains(PanstarrsTables, table) {
		return "", "", fmt.Errorf("unknown PanSTARRS table %q: use %s", table, strings.Join(PanstarrsTables, ", "))
	}
	return release, table, nil
}

// PanstarrsColumns lists the columns of a PanSTARRS table (protocol 7.1: GET
// <catalogs>/api/v0.1/panstarrs/<release>/<table>/metadata.json, without the session's
// cookies), cached per release and table for the life of the client. release and
// table default to dr2 and mean.
func (c *Client) PanstarrsColumns(ctx context.Context, release, table string) ([]PanstarrsColumn, error) {
	release, table, err := panstarrsPath(release, table)
	if err != nil {
		return nil, err
	}
	key := release + "/" + table
	c.mu.Lock()
	cols, ok := c.psCols[key]
	c.mu.Unlock()
	if ok {
		return cols, nil
	}
	what := "panstarrs metadata " + key
	u := c.cfg.CatalogsURL + "/api/v0.1/panstarrs/" + key + "/metadata.json"
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	raw, err := c.send(ctx, httpCall{what: what, method: http.MethodGet, url: u, metadata: true,
		client: c.bare, maxRetries: c.cfg.MaxRetries})
	if err != nil {
		return nil, fmt.Errorf("columns of PanSTARRS %s %s: %w", release, table, err)
	}
	if cols, err = parsePanstarrsMetadata(what, raw); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.psCols == nil {
		c.psCols = map[string][]PanstarrsColumn{}
	}
	c.psCols[key] = cols
	c.mu.Unlock()
	return cols, nil
}

// parsePanstarrsMetadata reads the metadata list: of each object column_name (else
// name), db_type, type, description and unit, as text; "NULL" means absent. Entries
// without a name or a db_type are skipped (astroquery does); unknown keys are ignored.
func parsePanstarrsMetadata(what string, raw []byte) ([]PanstarrsColumn, error) {
	root, err := parseAnswer(what, raw)
	if err != nil {
		return nil, err
	}
	entries, err := root.NeedList()
	if err != nil {
		return nil, err
	}
	out := make([]PanstarrsColumn, 0, len(entries))
	for i := range entries {
		e := root.Index(i)
		if _, err := e.NeedObject(); err != nil {
			return nil, err
		}
		text := map[string]string{}
		for _, k := range []string{"column_name", "name", "db_type", "type", "description", "unit"} {
			t, err := e.Key(k).Text()
			if err != nil {
				return nil, err
			}
			if t = strings.TrimSpace(t); t != "NULL" {
				text[k] = t
			}
		}
		name := text["column_name"]
		if name == "" {
			name = text["name"]
		}
		if name == "" || text["db_type"] == "" {
			continue
		}
		out = append(out, PanstarrsColumn{Name: name, DBType: text["db_type"], Type: text["type"],
			Description: text["description"], Unit: text["unit"]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: the server listed no columns", what)
	}
	return out, nil
}
