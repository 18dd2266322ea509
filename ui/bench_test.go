package ui_test

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/uitest"
	"mastui/ui/views/results"
)

// BenchmarkAppKeypress is one `j` through the whole root model (routing, header, the
// results window, status line) with every row loaded in one page.
func BenchmarkAppKeypress(b *testing.B) {
	for _, rows := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			a := &uitest.Archive{Rows: rows}
			m := newApp(a, rows)
			send(b, m, tea.WindowSizeMsg{Width: 200, Height: 60})
			send(b, m, typeText("M101")...)
			send(b, m, tea.KeyMsg{Type: tea.KeyEnter})
			if m.Results().Loaded() == 0 { // building the big page outlasted settle's wait
				p, err := a.SearchPage(context.Background(), mast.Query{Object: "M101"}, 1, rows)
				if err != nil {
					b.Fatal(err)
				}
				send(b, m, pageAnswer(m.Results().QueryID(), results.PageLoadedMsg{Page: 1, Result: p}))
			}
			if m.Results().Loaded() != rows {
				b.Fatalf("loaded %d", m.Results().Loaded())
			}
			j := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.Update(j)
				_ = m.View()
			}
		})
	}
}
