// Package uitest has test helpers for the TUI: a deterministic fake Archive and a
// renderer without colours, so screens can be compared with golden files.
package uitest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// Archive is a fake archive over a deterministic table of Rows observations.
type Archive struct {
	Rows int
	// Fail, when set, is returned for every call.
	Fail error
	// Gate, when set, is received from before answering (to hold a request in flight).
	Gate chan struct{}
	// Unresolved names have no position: Resolve, SearchPage and Count fail on them
	// with a *mast.NotResolvedError. Every other name is M101's position.
	Unresolved []string

	mu    sync.Mutex
	calls []Call
}

// Call is one SearchPage call the fake received.
type Call struct {
	Query    mast.Query
	Page     int
	PageSize int
}

// SearchPage implements common.Archive.
func (a *Archive) SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error) {
	a.mu.Lock()
	a.calls = append(a.calls, Call{Query: q, Page: page, PageSize: pageSize})
	a.mu.Unlock()
	if a.Gate != nil {
		select {
		case <-a.Gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if a.Fail != nil {
		return nil, a.Fail
	}
	if err := a.notResolved(q); err != nil {
		return nil, err
	}
	if pageSize <= 0 || page <= 0 {
		return nil, errors.New("bad page request")
	}
	from := min((page-1)*pageSize, a.Rows)
	to := min(from+pageSize, a.Rows)
	p := &mast.Page{
		Table:         Observations(from, to),
		Page:          page,
		PageSize:      pageSize,
		PagesFiltered: (a.Rows + pageSize - 1) / pageSize,
		RowsFiltered:  int64(a.Rows),
		RowsTotal:     int64(a.Rows),
	}
	if q.Object != "" {
		r := resolved(q.Object)
		p.Resolved = &r
	}
	return p, nil
}

// Resolve implements common.Archive: every name but the Unresolved ones is M101.
func (a *Archive) Resolve(ctx context.Context, names []string, resolver string) ([]mast.Resolved, error) {
	if a.Fail != nil {
		return nil, a.Fail
	}
	out := make([]mast.Resolved, len(names))
	for i, n := range names {
		if err := a.notResolved(mast.Query{Object: n, Resolver: resolver}); err != nil {
			return nil, err
		}
		out[i] = resolved(n)
	}
	return out, nil
}

// notResolved is the error of a query whose object is one of the Unresolved names.
func (a *Archive) notResolved(q mast.Query) error {
	for _, n := range a.Unresolved {
		if q.Object != "" && strings.EqualFold(strings.TrimSpace(q.Object), n) {
			return &mast.NotResolvedError{Name: n, Resolver: q.Resolver}
		}
	}
	return nil
}

func resolved(name string) mast.Resolved {
	return mast.Resolved{Name: name, CanonicalName: strings.ToUpper(name),
		Resolver: "SIMBAD", Position: mast.Position{RA: 210.802429, Dec: 54.34875}}
}

// Calls returns the calls received so far.
func (a *Archive) Calls() []Call {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Call(nil), a.calls...)
}

// Pages lists the page numbers requested so far.
func (a *Archive) Pages() []int {
	var out []int
	for _, c := range a.Calls() {
		out = append(out, c.Page)
	}
	return out
}

var _ common.Archive = (*Archive)(nil)

// Observations builds rows [from, to) of the deterministic observation table. Row 1 has
// a long target name (truncated on screen), row 2 a masked exposure time, row 3 a target
// name with an escape sequence (stripped on screen).
func Observations(from, to int) *model.Table {
	n := max(0, to-from)
	str := func(name string, f func(i int) string) *model.Column {
		c := model.NewColumn(name, model.KindString, n)
		for i := from; i < to; i++ {
			c.Str = append(c.Str, f(i))
		}
		return c
	}
	flt := func(name string, f func(i int) float64) *model.Column {
		c := model.NewColumn(name, model.KindFloat, n)
		for i := from; i < to; i++ {
			c.Float = append(c.Float, f(i))
		}
		return c
	}
	collections := []string{"HST", "JWST", "GALEX", "SWIFT", "TESS"}
	instruments := []string{"ACS/WFC", "NIRCAM/IMAGE", "GALEX", "UVOT", "Photometer"}
	filters := []string{"F606W", "F277W", "NUV", "UVW1", "TESS"}
	exptime := flt("t_exptime", func(i int) float64 { return 100 + float64(i%97)*13.5 })
	for i := from; i < to; i++ {
		if i%400 == 2 {
			exptime.SetMasked(i - from)
		}
	}
	calib := model.NewColumn("calib_level", model.KindInt, n)
	for i := from; i < to; i++ {
		calib.Int = append(calib.Int, int64(1+i%3))
	}
	return model.NewTable(
		str("obs_collection", func(i int) string { return collections[i%5] }),
		str("instrument_name", func(i int) string { return instruments[i%5] }),
		str("target_name", func(i int) string {
			switch i % 400 {
			case 1:
				return "M101-A-VERY-LONG-TARGET-NAME-FROM-A-PROPOSAL-THAT-NEVER-ENDS"
			case 3:
				return "M101\x1b[31m-RED\x1b[0m"
			}
			return fmt.Sprintf("M101-FIELD%d", i%7)
		}),
		str("filters", func(i int) string { return filters[i%5] }),
		str("dataproduct_type", func(i int) string { return []string{"image", "spectrum"}[i%2] }),
		calib,
		exptime,
		flt("t_min", func(i int) float64 { return 53000 + float64(i)*3.25 }),
		str("proposal_id", func(i int) string { return fmt.Sprint(1000 + i%50) }),
		str("obs_id", func(i int) string { return fmt.Sprintf("obs%05d_%s", i, strings.ToLower(filters[i%5])) }),
		str("dataRights", func(i int) string { return []string{"PUBLIC", "PUBLIC", "EXCLUSIVE_ACCESS"}[i%3] }),
		flt("s_ra", func(i int) float64 { return 210.8 + float64(i%100)*0.001 }),
		flt("s_dec", func(i int) float64 { return 54.3 + float64(i%100)*0.001 }),
		flt("distance", func(i int) float64 { return float64(i%60) * 0.1 }),
	)
}

// Renderer is a renderer without colours (termenv.Ascii) on a dark background.
func Renderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard, termenv.WithProfile(termenv.Ascii))
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// Common is a session Common for tests: plain renderer, discarded logs.
// Its Clipboard is a *Clipboard that records copies.
func Common(label string) *common.Common {
	c := common.New(context.Background(), Renderer(), slog.New(slog.DiscardHandler), label)
	c.Clipboard = &Clipboard{}
	return c
}
