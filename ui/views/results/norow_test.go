package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// findNothing types a find no row holds and keeps it (ctrl+f, text, enter).
func findNothing(t *testing.T, m *Model) {
	t.Helper()
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlF})
	m.Update(keyMsg("zzzq"))
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if m.grid.Len() != 0 || m.CursorRow() != -1 {
		t.Fatalf("find zzzq shows %d rows, cursor row %d", m.grid.Len(), m.CursorRow())
	}
}

const (
	noRowReason = "the find “zzzq” matches none of the 6 loaded observations"
	noRowWant   = "No row: " + noRowReason
)

// With a find that matches nothing the details pane (split or over the table) says so,
// whether opened before the find or after: it never reads row -1.
func TestDetailsOfNoRow(t *testing.T) {
	for _, size := range [][2]int{{120, 36}, {80, 16}} {
		m := fromTable(t, sortTable(), 6, size[0], size[1])
		findNothing(t, m)
		m.Update(keyMsg("d"))
		if v := ansi.Strip(m.View()); !strings.Contains(v, noRowWant) {
			t.Errorf("%v: d under an empty find:\n%s", size, v)
		}
		m = fromTable(t, sortTable(), 6, size[0], size[1])
		m.Update(keyMsg("d"))
		m.Update(keyMsg("esc")) // leaves the pane when it covers the table
		m.Update(tea.KeyMsg{Type: tea.KeyEsc})
		m.Update(tea.KeyMsg{Type: tea.KeyCtrlF})
		for _, r := range "zzzq" {
			m.Update(keyMsg(string(r)))
			_ = m.View() // the rows follow each letter
		}
		if shown, _ := m.DetailsShown(); shown {
			if v := ansi.Strip(m.View()); !strings.Contains(v, noRowWant) {
				t.Errorf("%v: typing a find with the details open:\n%s", size, v)
			}
		}
	}
}

// Every key that acts on the cursor's row says there is no row, never a panic nor a
// "this row has no position".
func TestRowKeysWithoutARow(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 36)
	findNothing(t, m)
	for _, k := range []tea.KeyMsg{keyMsg("y"), keyMsg("Y"), keyMsg("u"), keyMsg("t"), keyMsg("N"), {Type: tea.KeyEnter}, keyMsg(" ")} {
		toast, ok := cmdMsg(t, m.Update(k)).(common.ToastMsg)
		if !ok || toast.Level != common.LevelWarn || toast.Text != noRowWant {
			t.Errorf("%s: %+v, want the warning %q", k, toast, noRowWant)
		}
	}
	if m.Selected() != 0 {
		t.Errorf("space selected %d rows", m.Selected())
	}
}

// e under a find that keeps nothing warns; under one that keeps rows, "all" is the rows
// shown and only they are written.
func TestExportUnderAFind(t *testing.T) {
	m := exportModel(t)
	findNothing(t, m)
	toast, ok := cmdMsg(t, m.Update(keyMsg("e"))).(common.ToastMsg)
	if !ok || toast.Level != common.LevelWarn || toast.Text != "Nothing to export: "+noRowReason {
		t.Fatalf("e: %+v", toast)
	}
	if m.ExportOpen() {
		t.Fatal("the dialog opened over no rows")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlF})
	m.Update(keyMsg("b"))
	m.Update(tea.KeyMsg{Type: tea.KeyEnter}) // rows 0 and 5 (targets "b", "B"); row 5 is selected
	if m.grid.Len() != 2 {
		t.Fatalf("find b shows %d rows", m.grid.Len())
	}
	m.Update(keyMsg("e"))
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "selection (1)") || !strings.Contains(v, "all shown (2)") {
		t.Fatalf("the dialog under find “a”:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	m.Update(tea.KeyMsg{Type: tea.KeyRight}) // all shown
	toast = cmdMsg(t, m.Update(tea.KeyMsg{Type: tea.KeyEnter})).(common.ToastMsg)
	path := filepath.Join(m.c.ExportDir, "mastui_observations_20261205_154400.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (toast %q)", err, toast.Text)
	}
	if !strings.Contains(toast.Text, "2 observations written") || !strings.Contains(string(b), "o0") || !strings.Contains(string(b), "o5") || strings.Contains(string(b), "o1") {
		t.Errorf("toast %q, file:\n%s", toast.Text, b)
	}
}

// A search that matched nothing names every criterion; e then warns as :export does,
// and no invisible dialog takes the keys.
func TestEmptyResultNamesItsCriteriaAndExportWarns(t *testing.T) {
	m := New(uitest.Common(""), nil, 500)
	m.SetSize(120, 36)
	m.StartSearch(common.Search{Query: mast.Query{Object: "M101", Criteria: []mast.Criterion{{Name: "proposal_pi", Value: "99999"}}}, Target: "M101", Radius: "0.2 deg"})
	m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{Table: model.NewTable(model.NewColumn("obs_id", model.KindString, 0)), Page: 1}}))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "No observations match M101 within 0.2 deg · proposal_pi 99999.") {
		t.Errorf("the empty result does not name every criterion:\n%s", v)
	}
	if !m.Ready() || m.Loaded() != 0 {
		t.Fatalf("ready %v loaded %d", m.Ready(), m.Loaded())
	}
	toast, ok := cmdMsg(t, m.Update(keyMsg("e"))).(common.ToastMsg)
	if !ok || toast.Level != common.LevelWarn || toast.Text != "Nothing to export: no observations loaded" {
		t.Fatalf("e: %+v", toast)
	}
	if m.ExportOpen() || m.Capturing() {
		t.Error("an invisible dialog takes the keys")
	}
}

// The status line says what the keys do: while the find line has them, enter and esc
// for the find; with a find that keeps no row, no row action (enter products, space
// select) is offered.
func TestHintsOfTheFind(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 36)
	hints := func() string {
		var out []string
		for _, b := range m.Hints() {
			out = append(out, b.Help().Key+" "+b.Help().Desc)
		}
		return strings.Join(out, " · ")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlF})
	if h := hints(); !strings.Contains(h, "esc clear the find") || !strings.Contains(h, "enter keep it") || strings.Contains(h, "select") {
		t.Errorf("hints while typing the find: %s", h)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	findNothing(t, m)
	if h := hints(); strings.Contains(h, "products") || strings.Contains(h, "select") || !strings.Contains(h, "change the find") {
		t.Errorf("hints with no row shown: %s", h)
	}
}
