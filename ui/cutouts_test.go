package ui_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/results"
)

// t on an observations row opens the Cutouts tab at the row's position, its TESS sectors
// listed; T opens the tab as it is; esc there goes back to the form.
func TestCutoutsKeyFromAResultsRow(t *testing.T) {
	m := ui.NewModel(clocked(), uitest.SimArchive(t), ui.Options{PageSize: 400})
	sendSim(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	sendSim(t, m, typeText("M101")...)
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if m.Focus() != "results" || m.Results().Loaded() == 0 {
		t.Fatalf("focus %s, %d rows:\n%s", m.Focus(), m.Results().Loaded(), m.View())
	}
	pos, ok := results.PositionOf(m.Results().Table(), 0)
	if !ok {
		t.Fatal("the first row has no position")
	}
	sendSim(t, m, key("t"))
	if m.Tab() != "cutouts" || m.Cutouts().Pane() != "list" || m.Cutouts().Target() != common.FormatPosition(pos) {
		t.Fatalf("after t: tab %s, pane %s, target %q, want %q", m.Tab(), m.Cutouts().Pane(), m.Cutouts().Target(), common.FormatPosition(pos))
	}
	if v := m.View(); !strings.Contains(v, "sectors · ") && !strings.Contains(v, "TESScut: ") {
		t.Fatalf("no sectors listed:\n%s", v)
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc}, key("O")) // back to the form; O is typed there, not a tab key
	if m.Tab() != "cutouts" {
		t.Fatalf("O left the Cutouts form for %s", m.Tab())
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}, tea.KeyMsg{Type: tea.KeyCtrlT}, tea.KeyMsg{Type: tea.KeyCtrlT}) // round to Missions
	sendSim(t, m, key("T"))
	if m.Tab() != "cutouts" || m.Cutouts().Pane() != "form" {
		t.Fatalf("T: tab %s, pane %s", m.Tab(), m.Cutouts().Pane())
	}
}

// A row without a position says so; the tab stays.
func TestCutoutsKeyWithoutAPosition(t *testing.T) {
	m := started(t, noPosition{&uitest.Archive{Rows: 10}}, 100, 30)
	send(t, m, key("t"))
	if m.Tab() != "observations" || !strings.Contains(m.Toast(), "no position") {
		t.Fatalf("tab %s, toast %q", m.Tab(), m.Toast())
	}
}

// astroquery's guard: products with TESS full-frame images are held until the user says
// y; n (or any other key) queues nothing. Other products are queued at once.
func TestTESSFFIsAskFirst(t *testing.T) {
	q := &sink{}
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{Queue: q})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	ffi := func(n string) model.ProductRef {
		return model.ProductRef{URI: "mast:TESS/product/" + n, Filename: n, ObsCollection: "TESS", ObsID: "tess-s0001-1-1", SubGroup: "FFIC", Size: 34_500_000}
	}
	ps := []model.ProductRef{ffi("tess2018206045859-s0001-1-1-0120-s_ffic.fits"), ffi("tess2018206052859-s0001-1-1-0120-s_ffic.fits"),
		{URI: "mast:TESS/product/x_lc.fits", Filename: "x_lc.fits", ObsCollection: "TESS", SubGroup: "LC", Size: 2_000_000}}
	send(t, m, common.QueueProductsMsg{Products: ps})
	if len(q.got) != 0 {
		t.Fatal("full-frame images queued without asking")
	}
	v := m.View()
	for _, want := range []string{"2 of the 3 files are TESS full-frame images (69.0 MB)", "Cutouts tab", "Queue 2 TESS full-frame images (69.0 MB) anyway? y/n"} {
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Fatalf("the screen lacks %q:\n%s", want, v)
		}
	}
	send(t, m, key("n"))
	if len(q.got) != 0 || !strings.Contains(m.Toast(), "Not queued: 3 files") || strings.Contains(m.View(), "anyway?") {
		t.Fatalf("n: %d batches, toast %q", len(q.got), m.Toast())
	}
	send(t, m, common.QueueProductsMsg{Products: ps}, key("y"))
	if len(q.got) != 1 || len(q.got[0]) != 3 || !strings.Contains(m.Toast(), "3 files") {
		t.Fatalf("y: %d batches, toast %q", len(q.got), m.Toast())
	}
	send(t, m, common.QueueProductsMsg{Products: ps[2:]})
	if len(q.got) != 2 || !slices.Equal(q.got[1], ps[2:]) {
		t.Fatalf("a light curve alone was not queued at once: %d batches", len(q.got))
	}
}

// noPosition drops the position columns from the fake's pages.
type noPosition struct{ *uitest.Archive }

func (a noPosition) SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error) {
	p, err := a.Archive.SearchPage(ctx, q, page, pageSize)
	if err != nil || p.Table == nil {
		return p, err
	}
	p.Table.Columns = slices.DeleteFunc(p.Table.Columns, func(c *model.Column) bool { return c.Name == "s_ra" || c.Name == "s_dec" })
	return p, nil
}
