package mast

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"mastui/download"
	"mastui/model"
)

// HSCMatches lists every measurement of an HSC match (Mast.HscMatches.Db.v3, or .v2
// for version "2"), the MatchID sent as a string as astroquery does.
func (c *Client) HSCMatches(ctx context.Context, matchID, version string) (*model.Table, error) {
	id := strings.TrimSpace(matchID)
	if _, err := strconv.ParseUint(id, 10, 64); err != nil {
		return nil, fmt.Errorf("HSC MatchID %q: want an integer", matchID)
	}
	hsc, _ := LookupCatalog("HSC")
	v, err := hsc.Version(version)
	if err != nil {
		return nil, fmt.Errorf("catalog HSC: %w", err)
	}
	return c.catalogTable(ctx, "Mast.HscMatches.Db.v"+v, Object{{"input", id}})
}

// HSCSpectra lists every HSC spectrum (Mast.HscSpectra.Db.All, no parameters).
func (c *Client) HSCSpectra(ctx context.Context) (*model.Table, error) {
	return c.catalogTable(ctx, "Mast.HscSpectra.Db.All", Object{})
}

// catalogTable runs a Portal table service with its own columnsconfig, every page.
func (c *Client) catalogTable(ctx context.Context, service string, params Object) (*model.Table, error) {
	cc, err := c.obsConfig(ctx, service)
	if err != nil {
		return nil, err
	}
	ans, err := c.invoke(ctx, InvokeRequest{Service: service, Params: params, IgnoreValues: cc.ignoreValues()})
	if err != nil {
		return nil, err
	}
	t, err := concat(service, ans, c.cfg.HugePages)
	if err != nil {
		return nil, err
	}
	cc.applyMeta(t)
	return t, nil
}

// HSCSpectrumURL is where HLA serves a spectrum (protocol 9.5): getdata.cgi for
// SpectrumType < 2, ecfproxy otherwise, under Config.HLAURL.
func (c *Client) HSCSpectrumURL(datasetName string, spectrumType int64) string {
	base := strings.TrimRight(download.StripCredentials(c.cfg.HLAURL), "/")
	if spectrumType < 2 {
		return base + "/cgi-bin/getdata.cgi?config=ops&dataset=" + url.QueryEscape(datasetName)
	}
	return base + "/cgi-bin/ecfproxy?file_id=" + url.QueryEscape(datasetName+".fits")
}

// HSCSpectrumItems turns rows of an HSCSpectra table into download items saved as
// astroquery does: <dir>/mastDownload/HSC/<DatasetName>.fits (flat: <dir>/<name>.fits).
func (c *Client) HSCSpectrumItems(t *model.Table, rows []int, dir string, flat bool) ([]download.Item, error) {
	names, types := t.Col("DatasetName"), t.Col("SpectrumType")
	if names == nil || types == nil {
		return nil, fmt.Errorf("HSC spectra: the table has no DatasetName and SpectrumType columns (list them with HSCSpectra)")
	}
	var items []download.Item
	for _, r := range rows {
		if r < 0 || r >= t.Rows() {
			return nil, fmt.Errorf("HSC spectra: no row %d", r)
		}
		name := names.String(r)
		typ, ok := types.Int64(r)
		if name == "" || !ok {
			return nil, fmt.Errorf("HSC spectra: row %d has no DatasetName or SpectrumType", r)
		}
		file := download.SanitizeName(name + ".fits")
		if file == "" {
			return nil, fmt.Errorf("HSC spectra: unusable dataset name %q", name)
		}
		dest := filepath.Join(dir, "mastDownload", "HSC", file)
		if flat {
			dest = filepath.Join(dir, file)
		}
		items = append(items, download.Item{URL: c.HSCSpectrumURL(name, typ), Dest: dest, Root: dir, URI: "hla:" + name,
			Filename: file, Collection: "HSC", ObsID: name, ProductType: "spectrum"})
	}
	return items, nil
}
