package duplicates

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/dupcheck"
	"mastui/ui/uitest"
)

func newTab(t *testing.T, width int) *Model {
	t.Helper()
	m := New(uitest.Common(""), nil, Config{})
	m.SetSize(width, 30)
	m.Focus()
	return m
}

// The intro before any check shows whole at 120 columns (it was cut in "…Poli"), and a
// shorter one at 80.
func TestIntroFitsTheWidth(t *testing.T) {
	for width, want := range map[int]string{
		120: "No check yet. APT's duplication checker is the authority (JWST Duplicate Observations Policy).",
		80:  "No check yet. APT's duplication checker is the authority.",
	} {
		if v := newTab(t, width).View(); !strings.Contains(v, want) {
			t.Errorf("%d columns: no %q:\n%s", width, want, v)
		}
	}
}

// The hint to change the export format shows only on the format row: on Targets, ←/→
// move the text cursor and space is typed.
func TestCycleHintOnlyOnTheFormatRow(t *testing.T) {
	m := newTab(t, 120)
	shows := func() bool {
		for _, b := range m.Hints() {
			if key.Matches(tea.KeyMsg{Type: tea.KeyLeft}, b) {
				return true
			}
		}
		return false
	}
	if shows() {
		t.Error("the format hint shows on Targets")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyDown})
	m.Update(tea.KeyMsg{Type: tea.KeyDown})
	if m.form.Focused() != rowExport || !shows() {
		t.Errorf("on row %d the format hint is missing: %v", m.form.Focused(), m.Hints())
	}
}

// The breadcrumbs name the form, or the list checked (its file's name, or "typed") and
// the details; the position is the cursor's row among targets and matches.
func TestCrumbsNameTheListAndTheRow(t *testing.T) {
	m := newTab(t, 120)
	if c, p := m.Crumbs(), m.Position(); strings.Join(c, "/") != "form" || p != "" {
		t.Errorf("form: %v %q", c, p)
	}
	res := &dupcheck.Result{Matches: []dupcheck.Candidate{{ObsID: "a"}, {ObsID: "b"}}}
	m.run = &run{source: "/data/proposal/targets.csv", targets: make([]dupcheck.Target, 2), results: []*dupcheck.Result{res, nil}}
	m.setPane(paneResults)
	m.cursor = 2
	if c, p := m.Crumbs(), m.Position(); strings.Join(c, "/") != "targets.csv" || p != "row 3 of 4" {
		t.Errorf("results: %v %q", c, p)
	}
	m.setPane(paneDetails)
	if c := m.Crumbs(); strings.Join(c, "/") != "targets.csv/details" {
		t.Errorf("details: %v", c)
	}
	m.run.source = "typed"
	m.setPane(paneForm)
	if c := m.Crumbs(); strings.Join(c, "/") != "form" {
		t.Errorf("back on the form: %v", c)
	}
}
