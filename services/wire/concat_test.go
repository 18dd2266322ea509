package wire

import (
	"math/rand/v2"
	"testing"

	"mastui/model"
)

// TestConcatEqualsAppend: pages with the same columns stack exactly as Table.Append
// stacks them (values, masks, metadata); pages whose columns differ are left to Append.
func TestConcatEqualsAppend(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(9, 10))}
	for it := 0; it < 300; it++ {
		body, opts := g.page(1 + g.r.IntN(30))
		opts.WantTable = false
		r, err := Decode(body, opts)
		if err != nil || r.Table == nil || len(r.Table.Columns) == 0 {
			continue
		}
		// Pages: row ranges of the one decoded table (some empty).
		var pages []*model.Table
		for from := 0; from < r.Table.Rows(); {
			n := g.r.IntN(r.Table.Rows() - from + 1)
			rows := make([]int, n)
			for k := range rows {
				rows[k] = from + k
			}
			pages = append(pages, r.Table.Select(rows))
			from += n
		}
		if len(pages) == 0 {
			continue
		}
		got := Concat(pages, it%2 == 0)
		want := &model.Table{}
		for _, p := range pages {
			if err := want.Append(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := sameTable(got, want); err != nil {
			t.Fatalf("iteration %d (%d pages): %v", it, len(pages), err)
		}
		for i, c := range got.Columns {
			if c.Meta != want.Columns[i].Meta || (c.Masked == nil) != (want.Columns[i].Masked == nil) {
				t.Fatalf("iteration %d: column %s: meta or mask differs", it, c.Name)
			}
		}
	}
	a := model.NewTable(&model.Column{Name: "a", Kind: model.KindInt, Int: []int64{1}})
	b := model.NewTable(&model.Column{Name: "a", Kind: model.KindFloat, Float: []float64{1}})
	c := model.NewTable(&model.Column{Name: "b", Kind: model.KindInt, Int: []int64{1}})
	if Concat([]*model.Table{a, b}, true) != nil || Concat([]*model.Table{a, c}, false) != nil {
		t.Error("tables with other columns were stacked")
	}
}

// BenchmarkConcat stacks three pages, 110,000 CAOM rows.
func BenchmarkConcat(b *testing.B) {
	r, err := Decode(caomPage(50000), caomOpts())
	if err != nil {
		b.Fatal(err)
	}
	pages := []*model.Table{r.Table, r.Table, r.Table.Select(seqRows(10000))}
	b.ReportAllocs()
	for b.Loop() {
		if t := Concat(pages, true); t.Rows() != 110000 {
			b.Fatal(t.Rows())
		}
	}
}

func seqRows(n int) []int {
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return rows
}
