package ui_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/model/history"
	"mastui/ui"
	"mastui/ui/uitest"
)

// historyApp is the app on a fake archive with its history in a temporary directory
// holding searches (oldest first).
func historyApp(t *testing.T, searches ...history.Search) (*ui.Model, *history.Store) {
	t.Helper()
	store := history.Open(t.TempDir())
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for i, s := range searches {
		if err := store.Add(s, at.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{History: store})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 36})
	settle(t, m, m.Init())
	return m, store
}

// targetLine is the screen line of the Target field.
func targetLine(m *ui.Model) string {
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.Contains(l, "Target") && !strings.Contains(l, "Target name") {
			return l
		}
	}
	return ""
}

// ↑ in the Target field walks back through the tab's searches as a shell does (the
// whole search comes back: target, radius, criteria), ↓ walks forward, and past the
// newest what was being typed comes back. A search that runs joins the history file.
func TestHistoryRecallThroughTheRoot(t *testing.T) {
	m4 := history.Search{Tab: "observations", Target: "M4", Radius: "3 arcmin", Criteria: []history.Criterion{{Name: "instrument_name", Value: "WFC3/UVIS"}}}
	m101 := history.Search{Tab: "observations", Target: "M101", Radius: "0.2 deg"}
	other := history.Search{Tab: "missions.hst", Target: "NGC 104"}
	m, store := historyApp(t, m4, m101, other)
	send(t, m, typeText("NGC")...)
	up, down := tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyDown}

	send(t, m, up)
	if l := targetLine(m); !strings.Contains(l, "[M101 ") || strings.Contains(l, "[NGC") {
		t.Fatalf("first ↑: %q\n%s", l, m.View())
	}
	send(t, m, up)
	if v := m.View(); !strings.Contains(targetLine(m), "[M4 ") || !strings.Contains(v, "3 arcmin") || !strings.Contains(v, "WFC3/UVIS") {
		t.Fatalf("second ↑ did not bring back the M4 search:\n%s", v)
	}
	send(t, m, up) // the oldest of this tab (NGC 104 is another tab's): stays
	if !strings.Contains(targetLine(m), "[M4 ") {
		t.Fatalf("↑ past the oldest: %q", targetLine(m))
	}
	send(t, m, down)
	if v := m.View(); !strings.Contains(targetLine(m), "[M101 ") || strings.Contains(v, "WFC3/UVIS") {
		t.Fatalf("↓: %q\n%s", targetLine(m), v)
	}
	send(t, m, down)
	if l := targetLine(m); !strings.Contains(l, "[NGC ") {
		t.Fatalf("↓ past the newest did not bring back the draft: %q", l)
	}

	send(t, m, tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyUp}) // M4 again
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	got, _, err := store.History("observations")
	if err != nil || len(got) != 2 || !got[1].Same(m4) {
		t.Fatalf("after running M4 again the history is %+v (%v), want M101 then M4", got, err)
	}
}

// ctrl+s saves the form's search under a name (saved.json); ctrl+o lists the saved
// searches, and enter puts the one picked in the form and runs it.
func TestSaveAndOpenThroughTheRoot(t *testing.T) {
	m, store := historyApp(t)
	send(t, m, typeText("M101")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlS})
	if !strings.Contains(m.View(), "Save search") {
		t.Fatalf("ctrl+s:\n%s", m.View())
	}
	send(t, m, typeText("bad name")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(m.View(), "use 1-64 letters") {
		t.Fatalf("a bad name was not refused on screen:\n%s", m.View())
	}
	for range len("bad name") {
		send(t, m, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	send(t, m, typeText("m101-all")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	s, err := store.Get("m101-all")
	if err != nil || s.Target != "M101" || s.Radius != "0.2 deg" {
		t.Fatalf("saved %+v, %v", s, err)
	}

	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlR}) // reset the form
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlO})
	if v := m.View(); !strings.Contains(v, "Saved searches") || !strings.Contains(v, "m101-all") {
		t.Fatalf("ctrl+o:\n%s", v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); strings.Contains(v, "Saved searches") || !strings.Contains(v, "M101") {
		t.Fatalf("enter on a saved search:\n%s", v)
	}
	if got, _, _ := store.History("observations"); len(got) != 1 || got[0].Target != "M101" {
		t.Fatalf("the saved search ran but the history holds %+v", got)
	}
}

// The history list (ctrl+g): the tab's searches newest first with when they ran, the
// newest under the cursor; typing filters them.
func TestGoldenHistoryList(t *testing.T) {
	store := history.Open(t.TempDir())
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for i, s := range []history.Search{
		{Tab: "observations", Target: "M4", Radius: "3 arcmin", Criteria: []history.Criterion{{Name: "instrument_name", Value: "WFC3/UVIS"}}},
		{Tab: "missions.hst", Target: "NGC 104"},
		{Tab: "observations", Target: "210.8 54.35", Radius: "0.2 deg", Resolver: "NED"},
		{Tab: "observations", Criteria: []history.Criterion{{Name: "obs_collection", Value: "JWST"}, {Name: "calib_level", Value: "3"}}},
		{Tab: "observations", Target: "M101", Radius: "0.2 deg", Criteria: []history.Criterion{{Name: "obs_collection", Value: "HST,JWST"}}},
	} {
		if err := store.Add(s, at.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	m := ui.NewModel(uitest.Common(""), &uitest.Archive{Rows: 100}, ui.Options{ServerLabel: "demo", History: store})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 20))
	waitText(t, tm, "Collection   any")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlG})
	waitText(t, tm, "Search history")
	tm.Type("m")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	waitText(t, tm, "filter [m")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A walk through the history ends when the form loses the keys (a list, the save
// prompt): ↓ afterwards moves the focus instead of bringing back the form as it was
// before the walk.
func TestHistoryWalkEndsWhenTheFormLosesTheKeys(t *testing.T) {
	m, _ := historyApp(t, history.Search{Tab: "observations", Target: "M101", Radius: "0.2 deg"})
	send(t, m, tea.KeyMsg{Type: tea.KeyUp})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlG})
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	send(t, m, tea.KeyMsg{Type: tea.KeyDown})
	if l := targetLine(m); !strings.Contains(l, "[M101 ") {
		t.Fatalf("↓ after the list brought back the draft: %q", l)
	}
}

// The Missions tab keeps a history per mission: ↑ in Targets brings back that
// mission's last search (not another mission's, nor an observation search), and a
// search that runs joins it.
func TestMissionHistoryThroughTheRoot(t *testing.T) {
	store := history.Open(t.TempDir())
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for i, s := range []history.Search{
		{Tab: "missions.hst", Target: "NGC 104", Radius: "5"},
		{Tab: "missions.jwst", Target: "NGC 628"},
		{Tab: "observations", Target: "M101"},
	} {
		if err := store.Add(s, at.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{History: store, StartTab: "missions"})
	send(t, m, tea.WindowSizeMsg{Width: 110, Height: 36})
	settle(t, m, m.Init())
	send(t, m, tea.KeyMsg{Type: tea.KeyDown}) // the mission picker → Targets
	send(t, m, tea.KeyMsg{Type: tea.KeyUp})
	v := m.View()
	if !strings.Contains(v, "[NGC 104 ") || !strings.Contains(v, "[5 ") {
		t.Fatalf("↑ in hst's Targets:\n%s", v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	got, _, err := store.History("missions.hst")
	if err != nil || len(got) != 1 || got[0].Target != "NGC 104" || got[0].Radius != "5" {
		t.Fatalf("hst history after the search: %+v %v", got, err)
	}
	if all, _, _ := store.History(""); len(all) != 3 || all[2].Tab != "missions.hst" {
		t.Fatalf("the search did not move to the end: %+v", all)
	}
}
