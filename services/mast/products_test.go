package mast

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"mastui/model"
)

// productsFake returns, per obsid, two products (one shared by every observation), in
// pages of pageSize rows.
func productsFake(t *testing.T, pageSize int) func(c invokeCall, n int) reply {
	return func(c invokeCall, n int) reply {
		if c.Service != "Mast.Caom.Products" {
			t.Errorf("service %s", c.Service)
		}
		ids := strings.Split(c.params()["obsid"].(string), ",")
		var rows []map[string]any
		for _, id := range ids {
			rows = append(rows,
				map[string]any{"obsID": json.Number(id), "obs_id": "o" + id, "dataURI": "mast:X/product/" + id + ".fits", "productFilename": id + ".fits", "size": 100, "_selected_": nil},
				map[string]any{"obsID": json.Number(id), "obs_id": "o" + id, "dataURI": "mast:X/product/shared.fits", "productFilename": "shared.fits", "size": nil})
		}
		pages := (len(rows) + pageSize - 1) / pageSize
		p := c.Page
		lo, hi := (p-1)*pageSize, min(p*pageSize, len(rows))
		b, _ := json.Marshal(map[string]any{
			"status": "COMPLETE", "msg": "", "data": rows[lo:hi],
			"fields": []map[string]string{{"name": "obsID", "type": "string"}, {"name": "obs_id", "type": "string"},
				{"name": "dataURI", "type": "string"}, {"name": "productFilename", "type": "string"}, {"name": "size", "type": "int"}, {"name": "_selected_", "type": "boolean"}},
			"paging": map[string]any{"page": p, "pageSize": pageSize, "pagesFiltered": pages, "rows": hi - lo, "rowsFiltered": len(rows), "rowsTotal": len(rows)},
		})
		return reply{body: string(b)}
	}
}

func TestProductsBatchesAndPages(t *testing.T) {
	f := newFake(t)
	f.onInvoke = productsFake(t, 600) // a 500-obsid batch has 1000 rows: 2 pages
	c := f.client(nil)
	var ids []string
	for i := 0; i < 1001; i++ {
		ids = append(ids, fmt.Sprint(3000000000+i))
	}
	ids = append(ids, "  ", "")
	var progress []string
	tab, err := c.Products(context.Background(), ids, ProductOptions{Progress: func(done, total, rows int) {
		progress = append(progress, fmt.Sprintf("%d/%d:%d", done, total, rows))
	}})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows() != 2002 {
		t.Fatalf("rows %d, want 2002 (every page of every batch)", tab.Rows())
	}
	calls := f.calls()
	var shape []string
	for _, cl := range calls {
		shape = append(shape, fmt.Sprintf("%d@%d", len(strings.Split(cl.params()["obsid"].(string), ",")), cl.Page))
	}
	if got := strings.Join(shape, " "); got != "500@1 500@2 500@1 500@2 1@1" {
		t.Errorf("requests %s", got)
	}
	if calls[0].Breaker != calls[1].Breaker || calls[1].Breaker == calls[2].Breaker {
		t.Error("each batch is one logical query: same cacheBreaker within, new between")
	}
	if got := strings.Join(progress, " "); got != "500/1001:1000 1000/1001:2000 1001/1001:2002" {
		t.Errorf("progress %s", got)
	}
	obs := tab.Col("obsID")
	if obs.String(0) != "3000000000" || obs.String(2001) != "3000001000" {
		t.Errorf("order: %s .. %s", obs.String(0), obs.String(2001))
	}
	if !tab.Col("size").IsMasked(1) || tab.Col("size").Meta.Unit != "bytes" {
		t.Errorf("size column: masked=%v meta=%+v", tab.Col("size").IsMasked(1), tab.Col("size").Meta)
	}
	u, dups := UniqueProducts(tab)
	if dups != 1000 || u.Rows() != 1002 {
		t.Errorf("unique: %d rows, %d dups", u.Rows(), dups)
	}
	if u.Col("dataURI").String(1) != "mast:X/product/shared.fits" || u.Col("dataURI").String(2) != "mast:X/product/3000000001.fits" {
		t.Error("UniqueProducts must keep the first occurrence, in order")
	}
}

func TestProductsEmpty(t *testing.T) {
	c := New(Config{BaseURL: "http://127.0.0.1:1"})
	if _, err := c.Products(context.Background(), []string{" ", ""}, ProductOptions{}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("err %v", err)
	}
}

func TestUniqueProductsFallbackToFilename(t *testing.T) {
	uri := model.NewColumn("dataURI", model.KindString, 5)
	uri.Str = append(uri.Str, "a", "", "a", "", "")
	uri.SetMasked(1)
	uri.SetMasked(3)
	uri.SetMasked(4)
	fn := model.NewColumn("productFilename", model.KindString, 5)
	fn.Str = append(fn.Str, "a.fits", "x.fits", "a.fits", "x.fits", "")
	fn.SetMasked(4)
	tab := model.NewTable(uri, fn)
	u, dups := UniqueProducts(tab)
	if dups != 2 || u.Rows() != 3 {
		t.Errorf("rows %d dups %d, want 3 and 2", u.Rows(), dups)
	}
	if same, d := UniqueProducts(model.NewTable(model.NewColumn("x", model.KindInt, 0))); d != 0 || same == nil {
		t.Error("table without keys")
	}
}

// TestProductsPagesWithOtherColumns: pages whose columns differ (a later batch without
// size, one more column) are still stacked, the missing cells masked.
func TestProductsPagesWithOtherColumns(t *testing.T) {
	f := newFake(t)
	f.onInvoke = func(c invokeCall, n int) reply {
		ids := strings.Split(c.params()["obsid"].(string), ",")
		fields := []map[string]string{{"name": "obsID", "type": "string"}, {"name": "size", "type": "int"}}
		if n > 0 {
			fields = []map[string]string{{"name": "obsID", "type": "string"}, {"name": "extra", "type": "string"}}
		}
		var rows []map[string]any
		for _, id := range ids {
			rows = append(rows, map[string]any{"obsID": json.Number(id), "size": 7, "extra": "x"})
		}
		b, _ := json.Marshal(map[string]any{"status": "COMPLETE", "msg": "", "data": rows, "fields": fields,
			"paging": map[string]any{"page": 1, "pageSize": 50000, "pagesFiltered": 1, "rows": len(rows), "rowsFiltered": len(rows), "rowsTotal": len(rows)}})
		return reply{body: string(b)}
	}
	tab, err := f.client(nil).Products(context.Background(), []string{"1", "2", "3"}, ProductOptions{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	size, extra := tab.Col("size"), tab.Col("extra")
	if tab.Rows() != 3 || size == nil || extra == nil {
		t.Fatalf("%d rows, columns %v", tab.Rows(), tab.Names())
	}
	if size.String(1) != "7" || !size.IsMasked(2) || !extra.IsMasked(0) || extra.String(2) != "x" {
		t.Errorf("size %v %v, extra %v %v", size.Int, size.Masked, extra.Str, extra.Masked)
	}
}
