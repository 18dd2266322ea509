package sky

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"syscall"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/model"
	"mastui/ui/common"
)

// footprintTable is n footprints scattered within 0.3 deg of (210.8, 54.35): rotated
// squares of four vertices, every fifth a circle and every seventh two polygons (a
// two-detector camera), across six collections.
func footprintTable(n int) *model.Table {
	rng := rand.New(rand.NewPCG(1, 2))
	region := model.NewColumn("s_region", model.KindString, n)
	coll := model.NewColumn("obs_collection", model.KindString, n)
	names := []string{"HST", "JWST", "GALEX", "TESS", "SWIFT", "PS1"}
	for i := range n {
		c := model.SkyPoint{RA: 210.8 + (rng.Float64()-0.5)*0.6/0.58, Dec: 54.35 + (rng.Float64()-0.5)*0.6}
		w := 0.01 + rng.Float64()*0.05
		var s string
		switch {
		case i%5 == 0:
			s = fmt.Sprintf("CIRCLE ICRS %.6f %.6f %.4f", c.RA, c.Dec, w/2)
		default:
			s = square(c, w, rng.Float64()*360)
			if i%7 == 0 {
				s += " " + square(model.Offset(c, w, 90), w, 0)
			}
		}
		region.Str = append(region.Str, s)
		coll.Str = append(coll.Str, names[i%len(names)])
	}
	return model.NewTable(coll, region)
}

func square(c model.SkyPoint, w, pa float64) string {
	s := "POLYGON ICRS"
	for k := range 4 {
		p := model.Offset(c, w/1.41421356, pa+45+90*float64(k))
		s += fmt.Sprintf(" %.6f %.6f", p.RA, p.Dec)
	}
	return s
}

func benchSky(tb testing.TB, rows, w, h int) *Model {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor) // styles really render, as in a terminal
	c := common.New(context.Background(), r, slog.New(slog.DiscardHandler), "bench")
	m := New(c, nil)
	m.SetSize(w, h)
	m.SetSearch(&model.SkyPoint{RA: 210.8, Dec: 54.35}, 0.2)
	t := footprintTable(rows)
	sel := func(r int) bool { return r%50 == 0 }
	m.Sync(t, 17, sel)
	if m.Footprints() != rows || m.Unreadable() != 0 {
		tb.Fatalf("%d footprints, %d unreadable", m.Footprints(), m.Unreadable())
	}
	return m
}

// BenchmarkSkyFrame draws one frame of 5,000 footprints (the loaded rows of a large
// search, parsed and projected once when loaded) in a 160×48 terminal's sky panel:
// target <= 8 ms (make bench).
func BenchmarkSkyFrame(b *testing.B) {
	m := benchSky(b, 5000, 64, 46)
	b.ReportAllocs()
	b.ResetTimer()
	before := cpuTime()
	for b.Loop() {
		_ = m.View()
	}
	// The CPU the frames took, apart from the wall time: on a shared, loaded machine
	// the two differ, and this one says what the drawing costs.
	b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user+system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkSkyLoad parses and projects 5,000 s_regions (once per page loaded).
func BenchmarkSkyLoad(b *testing.B) {
	t := footprintTable(5000)
	r := lipgloss.NewRenderer(io.Discard)
	c := common.New(context.Background(), r, slog.New(slog.DiscardHandler), "bench")
	b.ReportAllocs()
	for b.Loop() {
		m := New(c, nil)
		m.SetSize(64, 46)
		m.SetSearch(&model.SkyPoint{RA: 210.8, Dec: 54.35}, 0.2)
		m.Sync(t, 0, nil)
	}
}

func TestBenchTableDraws(t *testing.T) {
	m := benchSky(t, 300, 64, 30)
	v := m.View()
	if len(v) == 0 {
		t.Fatal("empty frame")
	}
}
