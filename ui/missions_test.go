package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/ui/uitest"
	"mastui/ui/views/missions"
	"mastui/ui/views/results"
)

// toMissions runs an observation search (M types into the form) and presses M.
func toMissions(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	search(t, tm, "M101")
	tm.Send(key("M"))
	waitText(t, tm, "queryable hst columns")
}

func TestMissionFormScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, newApp(uitest.SimArchive(t), 400), teatest.WithInitialTermSize(110, 30))
	toMissions(t, tm)
	for range 3 {
		tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	}
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestMissionResultsScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, newApp(uitest.SimArchive(t), 400), teatest.WithInitialTermSize(110, 30))
	toMissions(t, tm)
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("M101")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "datasets")
	tm.Send(key("j"))
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A page answer of an older search, or for a page no longer awaited, is dropped; the
// Observations results never see mission pages.
func TestMissionStalePageDropped(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	m := started(t, a, 100, 30)
	obsLoaded := m.Results().Loaded()
	send(t, m, typeText("M")...)
	if m.Focus() != "missions" {
		t.Fatalf("focus %s after M", m.Focus())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyTab})
	send(t, m, typeText("M101")...)
	mv := m.Missions()
	// Submit without settling: hold the first answer, then search again.
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	old := findPage(run(cmd))
	if old == nil {
		t.Fatal("no page answer")
	}
	if old.View != "missions.hst" {
		t.Fatalf("page view %q", old.View)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc}) // back to the form
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	r := mv.Results()
	if got := r.Loaded(); got != missions.PageSize {
		t.Fatalf("loaded %d, want %d", got, missions.PageSize)
	}
	id := r.QueryID()
	send(t, m, *old) // the first search's answer
	if r.Loaded() != missions.PageSize || r.QueryID() != id || old.QueryID == id {
		t.Fatalf("stale page applied: loaded %d", r.Loaded())
	}
	// A page nobody waits for is dropped too.
	stale := *old
	stale.QueryID = id
	stale.Page = 2
	send(t, m, stale)
	if r.Loaded() != missions.PageSize {
		t.Fatalf("unexpected page applied: loaded %d", r.Loaded())
	}
	if m.Results().Loaded() != obsLoaded {
		t.Fatalf("observation results changed by a mission page: %d → %d", obsLoaded, m.Results().Loaded())
	}
	// Paging: G nears the end, the next offset loads.
	send(t, m, typeText("G")...)
	if r.Loaded() != 2*missions.PageSize {
		t.Fatalf("after G loaded %d", r.Loaded())
	}
	if v := m.View(); !strings.Contains(v, "1,200 datasets (1,000 loaded)") {
		t.Fatalf("title:\n%s", v)
	}
	send(t, m, typeText("O")...)
	if m.Focus() != "results" {
		t.Fatalf("focus %s after O", m.Focus())
	}
}

func findPage(msgs []tea.Msg) *results.PageLoadedMsg {
	for _, msg := range msgs {
		if p, ok := msg.(results.PageLoadedMsg); ok {
			return &p
		}
	}
	return nil
}
