package results

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// wideTable builds rows × 40 columns: the CAOM key columns plus 28 more of mixed kinds.
func wideTable(rows int) *model.Table {
	cols := make([]*model.Column, 0, 40)
	str := func(name string, f func(i int) string) {
		c := model.NewColumn(name, model.KindString, rows)
		for i := 0; i < rows; i++ {
			c.Str = append(c.Str, f(i))
		}
		cols = append(cols, c)
	}
	flt := func(name string, f func(i int) float64) {
		c := model.NewColumn(name, model.KindFloat, rows)
		for i := 0; i < rows; i++ {
			c.Float = append(c.Float, f(i))
		}
		cols = append(cols, c)
	}
	names := []string{"HST", "JWST", "GALEX", "TESS", "SWIFT", "KEPLER"}
	str("obs_collection", func(i int) string { return names[i%len(names)] })
	str("instrument_name", func(i int) string { return "NIRCAM/IMAGE" })
	str("target_name", func(i int) string { return "NGC-" + names[i%6] + "-FIELD" })
	str("filters", func(i int) string { return "F277W;F444W" })
	str("dataproduct_type", func(i int) string { return "image" })
	c := model.NewColumn("calib_level", model.KindInt, rows)
	for i := 0; i < rows; i++ {
		c.Int = append(c.Int, int64(i%4))
	}
	cols = append(cols, c)
	flt("t_exptime", func(i int) float64 { return float64(i%5000) * 1.7 })
	flt("t_min", func(i int) float64 { return 50000 + float64(i)*0.37 })
	str("proposal_id", func(i int) string { return "1073" })
	str("obs_id", func(i int) string { return "jw01073-o001_t001_nircam_clear-f277w" })
	str("dataRights", func(i int) string { return "PUBLIC" })
	flt("distance", func(i int) float64 { return float64(i%100) / 7 })
	for k := 0; len(cols) < 40; k++ {
		if k%2 == 0 {
			flt(fmt.Sprintf("extra_f%02d", k), func(i int) float64 { return float64(i*k) / 3 })
		} else {
			str(fmt.Sprintf("extra_s%02d", k), func(i int) string { return "value-" + names[(i+k)%6] })
		}
	}
	return model.NewTable(cols...)
}

// loaded returns a results view showing a table of rows × 40 in a w × h area, as if
// its only page had arrived.
func loaded(tb testing.TB, rows, w, h int) *Model {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor) // styles really render, as in a terminal
	c := common.New(context.Background(), r, slog.New(slog.DiscardHandler), "bench")
	m := New(c, nil, rows)
	m.SetSize(w, h)
	m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}, Target: "M101", Radius: "0.2 deg"})
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{
		Table: wideTable(rows), Page: 1, PagesFiltered: 1, RowsFiltered: int64(rows),
	}}))
	if m.Loaded() != rows {
		tb.Fatalf("loaded %d rows", m.Loaded())
	}
	return m
}

// BenchmarkResultsKeypress measures one `j` keypress: Update plus View, on a 40-column
// table of 10,000 and 100,000 rows in a 200 × 60 terminal. It must stay flat in rows.
func BenchmarkResultsKeypress(b *testing.B) {
	j := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
	for _, rows := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			m := loaded(b, rows, 200, 58)
			m.grid.MoveTo(rows / 2)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if m.Cursor() >= rows-1 {
					m.grid.MoveTo(0)
				}
				m.Update(j)
				if len(m.View()) == 0 {
					b.Fatal("empty view")
				}
			}
		})
	}
}
