package products

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// productTable builds n product rows with the columns the panel groups on.
func productTable(n int) *model.Table {
	str := func(name string, f func(i int) string) *model.Column {
		c := model.NewColumn(name, model.KindString, n)
		for i := 0; i < n; i++ {
			c.Str = append(c.Str, f(i))
		}
		return c
	}
	types := []string{"SCIENCE", "AUXILIARY", "PREVIEW", "INFO", "THUMBNAIL", "CALIBRATION"}
	subs := []string{"UNCAL", "RATE", "CAL", "I2D", "ASN", "PREVIEW", "THUMBNAIL", "TRAPSFILLED"}
	exts := []string{"fits", "fits", "fits", "jpg", "json", "ecsv"}
	size := model.NewColumn("size", model.KindInt, n)
	level := model.NewColumn("calib_level", model.KindInt, n)
	for i := 0; i < n; i++ {
		size.Int = append(size.Int, int64(1000+i*37%9_000_000))
		level.Int = append(level.Int, int64(1+i%3))
	}
	return model.NewTable(
		str("obsID", func(i int) string { return fmt.Sprint(1000 + i/40) }),
		str("obs_id", func(i int) string { return fmt.Sprintf("jw%05d", i/40) }),
		str("productFilename", func(i int) string {
			gs := ""
			if i%9 == 0 {
				gs = "_gs-fg"
			}
			return fmt.Sprintf("jw%05d%s_%d_%s.%s", i/40, gs, i%40, subs[i%8], exts[i%6])
		}),
		str("dataURI", func(i int) string { return fmt.Sprintf("mast:JWST/product/f%d", i%(n*3/4+1)) }),
		str("productType", func(i int) string { return types[i%6] }),
		str("productSubGroupDescription", func(i int) string { return subs[i%8] }),
		str("productGroupDescription", func(i int) string {
			if i%5 == 0 {
				return "Minimum Recommended Products"
			}
			return ""
		}),
		level, size,
	)
}

// BenchmarkProductsToggle is one filter toggle on 100,000 products: the rows kept,
// every toggle's count, and the view.
func BenchmarkProductsToggle(b *testing.B) {
	for _, rows := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			m := New(uitest.Common(""), nil, 500)
			m.SetSize(200, 60)
			m.Start([]string{"1"}, nil)
			loadBench(b, m, rows)
			m.Update(tea.KeyMsg{Type: tea.KeyTab})
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
				m.recompute() // what the debounce tick does
				_ = m.View()
			}
		})
	}
}

// BenchmarkProductsKeypress is one `j` in the product table of 100,000 rows.
func BenchmarkProductsKeypress(b *testing.B) {
	m := New(uitest.Common(""), nil, 500)
	m.SetSize(200, 60)
	m.Start([]string{"1"}, nil)
	loadBench(b, m, 100_000)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("U")})
	j := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.Grid().Cursor() >= m.Grid().Len()-1 {
			m.Grid().MoveTo(0)
		}
		m.Update(j)
		_ = m.View()
	}
}

// loadBench answers m's fetch in flight with a table of rows products (as the batch's
// request would), failing if the view did not take it: a benchmark of an empty table
// measures nothing.
func loadBench(b *testing.B, m *Model, rows int) {
	b.Helper()
	m.Update(common.TabMsg{To: BatchTask, Req: m.FetchID(), Msg: BatchMsg{Batch: 0, Table: productTable(rows)}})
	if m.Rows() != rows {
		b.Fatalf("the batch was not taken: %d rows, want %d", m.Rows(), rows)
	}
}
