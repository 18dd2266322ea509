package mast

import (
	"context"
	"fmt"
	"strings"

	"mastui/model"
	"mastui/services/wire"
)

// ProductOptions tunes Products.
type ProductOptions struct {
	BatchSize int                             // obsids per request, default 500 (astroquery)
	Progress  func(done, total int, rows int) // after each batch: obsids done, obsids total, rows so far
}

const productsConfigID = "Mast.Caom.Products"

// Products lists the data products of observations (Mast.Caom.Products, one logical
// query per batch of obsids). Unlike astroquery, which keeps only page 1 of each batch,
// every page of every batch is read. Blank ids are dropped; "a,b" entries are split.
func (c *Client) Products(ctx context.Context, obsids []string, opts ProductOptions) (*model.Table, error) {
	var ids []string
	for _, s := range obsids {
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("products: the observation list is empty (give obsids, the numeric obsid column)")
	}
	batch := opts.BatchSize
	if batch <= 0 {
		batch = 500
	}
	cc, err := c.obsConfig(ctx, productsConfigID)
	if err != nil {
		return nil, fmt.Errorf("products: %w", err)
	}
	var batches [][]answer
	var pages []*model.Table // of every batch, in order
	rows := 0
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids))
		req := InvokeRequest{Service: "Mast.Caom.Products",
			Params:       Object{{"obsid", strings.Join(ids[start:end], ",")}},
			IgnoreValues: cc.ignoreValues()}
		ans, err := c.invoke(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("products (obsids %d-%d of %d): %w", start+1, end, len(ids), err)
		}
		batches = append(batches, ans)
		for _, a := range ans {
			if a.resp.Table != nil {
				pages = append(pages, a.resp.Table)
				rows += a.resp.Table.Rows()
			}
		}
		if opts.Progress != nil {
			opts.Progress(end, len(ids), rows)
		}
	}
	out := wire.Concat(pages, c.cfg.HugePages) // every page in one copy
	if out == nil {                            // pages with other columns: page by page, batch by batch
		var tables []*model.Table
		for _, ans := range batches {
			t, err := concat("Mast.Caom.Products", ans, c.cfg.HugePages)
			if err != nil {
				return nil, err
			}
			if len(t.Columns) > 0 {
				tables = append(tables, t)
			}
		}
		if out, err = stack(tables, c.cfg.HugePages, func(_ int, err error) error { return fmt.Errorf("products: %w", err) }); err != nil {
			return nil, err
		}
	}
	cc.applyMeta(out)
	return out, nil
}

// UniqueProducts keeps the first row of each dataURI (productFilename when the dataURI
// is empty), in order, like get_unique_product_list; it also returns how many rows were
// dropped. Rows with neither key are all kept.
func UniqueProducts(t *model.Table) (unique *model.Table, duplicates int) {
	if t == nil {
		return t, 0
	}
	uri, file := t.Col("dataURI"), t.Col("productFilename")
	if uri == nil && file == nil {
		return t, 0
	}
	seen := make(map[string]bool, t.Rows())
	keep := make([]int, 0, t.Rows())
	for i := 0; i < t.Rows(); i++ {
		key := ""
		if uri != nil {
			key = uri.String(i)
		}
		if key == "" && file != nil {
			if f := file.String(i); f != "" {
				key = "file:" + f // distinct namespace from URIs
			}
		}
		if key == "" {
			keep = append(keep, i)
			continue
		}
		if seen[key] {
			duplicates++
			continue
		}
		seen[key] = true
		keep = append(keep, i)
	}
	if duplicates == 0 {
		return t, 0
	}
	return t.Select(keep), duplicates
}
