package ui_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/results"
)

// catalogApp is the app on the simulator opened on the Catalogs tab, for teatest.
func catalogApp(t *testing.T, w, h int) *teatest.TestModel {
	t.Helper()
	m := ui.NewModel(uitest.Common(""), uitest.SimArchive(t), ui.Options{PageSize: 400, ServerLabel: "demo", StartTab: "catalogs"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	waitText(t, tm, "Catalog")
	return tm
}

// waitAll waits until every text has been drawn.
func waitAll(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// ticForm fills the TIC form (M10, r 0.02, and a Tmag criterion when given) and waits
// for the name's position and the count of the form as filled.
func ticForm(t *testing.T, tm *teatest.TestModel, tmag, count string) {
	t.Helper()
	for range 3 {
		tm.Send(tea.KeyMsg{Type: tea.KeyRight})
	}
	waitAll(t, tm, "[TIC]", "105 columns, tab completes")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("M10")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("0.02")
	if tmag != "" {
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlN})
		tm.Type("Tmag")
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		tm.Type(tmag)
	}
	waitAll(t, tm, "→ 254.287710 -4.100310 (SIMBAD)", "≈ "+count+" rows match")
}

func TestCatalogFormScreen(t *testing.T) {
	tm := catalogApp(t, 120, 30)
	ticForm(t, tm, "<14", "10")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestCatalogResultsScreen(t *testing.T) {
	tm := catalogApp(t, 120, 30)
	ticForm(t, tm, "", "476")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "ID · col 1 of")
	tm.Type("lllo")
	waitText(t, tm, "sorted by Tmag")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestCatalogDetailsScreen(t *testing.T) {
	tm := catalogApp(t, 120, 34)
	ticForm(t, tm, "", "476")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "ID · col 1 of")
	tm.Type("d")
	waitText(t, tm, "TESS Input Catalog identifier")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestCatalogErrorScreen(t *testing.T) {
	tm := catalogApp(t, 100, 24)
	tm.Send(tea.KeyMsg{Type: tea.KeyLeft}) // the picker wraps round to the advanced view,
	waitText(t, tm, "Params")
	tm.Send(tea.KeyMsg{Type: tea.KeyLeft}) // then "other"
	waitText(t, tm, "[other]")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("NoSuchCatalog")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("M10")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	// The failed view and the toast (a message of its own): one wait, as a first wait
	// could consume the other's output.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("r retries")) && bytes.Contains(b, []byte("✗ Search failed"))
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// N on an observation row runs a catalog cone search at its position in the Catalogs
// tab, which gets the keys.
func TestCatalogSearchAroundAnObservationRow(t *testing.T) {
	m := ui.NewModel(clocked(), uitest.SimArchive(t), ui.Options{PageSize: 500, ServerLabel: "demo"})
	sendSim(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	settle(t, m, m.Init())
	sendSim(t, m, typeText("M10")...)
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	obs := m.Results()
	if !obs.Ready() || obs.Loaded() == 0 {
		t.Fatalf("no observations of M10:\n%s", m.View())
	}
	pos, ok := results.PositionOf(obs.Table(), obs.CursorRow())
	if !ok {
		t.Fatal("the observation has no position")
	}
	sendSim(t, m, key("N"))
	c := m.Catalogs()
	if m.Tab() != "catalogs" || c.Pane() != "results" || !c.Results().Ready() || c.Results().Loaded() == 0 {
		t.Fatalf("tab %s, pane %s:\n%s", m.Tab(), c.Pane(), m.View())
	}
	want := "HSC v3 around " + common.FormatPosition(pos) + " r 0.2 deg"
	if h := strings.SplitN(m.View(), "\n", 3)[1]; !strings.Contains(h, want) {
		t.Fatalf("header %q, want %q", h, want)
	}
	// From a catalog row too: the row's own position.
	sendSim(t, m, key("j"), key("N"))
	if got := c.Results().Search().Summary; strings.Contains(got, common.FormatPosition(pos)) || !strings.Contains(got, "HSC v3 around") {
		t.Fatalf("N on the second catalog row searched the same place: %s", got)
	}
}

// The advanced view: seed 004's Mast.Jwst.Filtered.Nirspec completed from its start,
// its example params in the editor, counted.
func TestCatalogAdvancedScreen(t *testing.T) {
	tm := catalogApp(t, 120, 30)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitText(t, tm, "Params")
	tm.Type("Mast.Jwst.Filtered.Nirs")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitText(t, tm, "NRS_MSASPEC")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlO})
	waitText(t, tm, "rows match")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}
