package catalogs

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// advancedOn opens the advanced view with ctrl+s and types a service name.
func advancedOn(t *testing.T, service string) *Model {
	t.Helper()
	m := newTab(t)
	press(t, m, tea.KeyCtrlS)
	if m.Pane() != "advanced" || !m.Typing() {
		t.Fatalf("ctrl+s: pane %s, typing %v", m.Pane(), m.Typing())
	}
	press(t, m, service)
	return m
}

// Seed 004: Mast.Jwst.Filtered.Nirspec with the exp_type filter. Typing the name puts
// its example (that filter) in the editor; ctrl+g lists the files, filename first, every
// one an NRS_MSASPEC exposure.
func TestAdvancedNirspecRequest(t *testing.T) {
	m := advancedOn(t, "Mast.Jwst.Filtered.Nirspec")
	if v := m.View(); !strings.Contains(v, `"paramName": "exp_type"`) || !strings.Contains(v, "NRS_MSASPEC") || !strings.Contains(v, "✓ one JSON object") {
		t.Fatalf("no example params:\n%s", v)
	}
	press(t, m, tea.KeyCtrlG)
	r := m.AdvancedResults()
	if m.Pane() != "advanced results" || r == nil || !r.Ready() || r.Loaded() == 0 {
		t.Fatalf("no rows:\n%s", m.View())
	}
	tab := r.Table()
	fn, exp := tab.Col("filename"), tab.Col("exp_type")
	if fn == nil || exp == nil {
		t.Fatalf("columns %v", tab.Names())
	}
	for i := range tab.Rows() {
		if !strings.HasPrefix(fn.String(i), "jw") || exp.String(i) != "NRS_MSASPEC" {
			t.Fatalf("row %d: filename %q, exp_type %q", i, fn.String(i), exp.String(i))
		}
	}
	if got := r.Grid().Current().Name(); got != "filename" {
		t.Errorf("first column %s, want filename", got)
	}
	if v := m.View(); !strings.Contains(strings.SplitN(v, "\n", 2)[0], "Mast.Jwst.Filtered.Nirspec") {
		t.Errorf("header without the service:\n%s", v)
	}
	// esc goes back to the editor, the params as they were.
	press(t, m, tea.KeyEsc)
	if m.Pane() != "advanced" || !strings.Contains(m.View(), "NRS_MSASPEC") {
		t.Fatalf("esc: pane %s\n%s", m.Pane(), m.View())
	}
}

// Params that are not one JSON object show what is wrong, at which line and column,
// under the editor; ctrl+g and ctrl+o then send nothing.
func TestAdvancedBadParamsKeepRunOff(t *testing.T) {
	m := advancedOn(t, "Mast.Jwst.Filtered.Nirspec")
	press(t, m, tea.KeyEnter) // to the editor
	press(t, m, tea.KeyCtrlE, ",")
	if v := m.View(); !strings.Contains(v, "line 4, column 2: text after the object") {
		t.Fatalf("no error under the editor:\n%s", v)
	}
	a := m.adv()
	if a.paramErr == "" {
		t.Fatalf("params %q accepted", a.editor.Value())
	}
	if intents := press(t, m, tea.KeyCtrlG); len(intents) != 0 || m.AdvancedResults() != nil || m.Pane() != "advanced" {
		t.Fatalf("ran with bad params: %v, pane %s", intents, m.Pane())
	}
	if v := m.View(); !strings.Contains(v, "Not run: params: line 4, column 2") {
		t.Fatalf("no refusal:\n%s", v)
	}
	press(t, m, tea.KeyCtrlO)
	if a.counted != "" || !strings.Contains(m.View(), "Not counted: params: line ") {
		t.Fatalf("counted with bad params:\n%s", m.View())
	}
	// Fixed, it runs.
	press(t, m, tea.KeyBackspace)
	if a.paramErr != "" || !strings.Contains(m.View(), "✓ one JSON object") {
		t.Fatalf("still wrong: %s", a.paramErr)
	}
}

// ctrl+o counts (COUNT_BIG(*)): the number is the rows ctrl+g then lists; a .Rows
// service cannot count, and says so.
func TestAdvancedCount(t *testing.T) {
	m := advancedOn(t, "Mast.Jwst.Filtered.Nirspec")
	press(t, m, tea.KeyCtrlO)
	a := m.adv()
	if a.countErr != "" || a.count == 0 || !strings.Contains(m.View(), " rows match") {
		t.Fatalf("count %d, %q:\n%s", a.count, a.countErr, m.View())
	}
	press(t, m, tea.KeyCtrlG)
	if got := m.AdvancedResults().Total(); got != a.count {
		t.Fatalf("listed %d rows, counted %d", got, a.count)
	}

	m = advancedOn(t, "Mast.Catalogs.Filtered.Tic.Rows")
	intents := press(t, m, tea.KeyCtrlO)
	if v := m.View(); !strings.Contains(v, "cannot count") {
		t.Fatalf("a .Rows service counted:\n%s", v)
	}
	if len(intents) != 1 {
		t.Fatalf("intents %v", intents)
	}
	if toast, ok := intents[0].(common.ToastMsg); !ok || toast.Level != common.LevelError || !strings.Contains(toast.Text, "Count failed") {
		t.Fatalf("no error toast: %#v", intents[0])
	}
}

// The picker's last entry is the advanced view: ← from the first catalog goes there,
// → from it comes back round to the first; ctrl+s goes back to the catalog shown.
func TestAdvancedInThePicker(t *testing.T) {
	m := newTab(t)
	first := m.Catalog()
	press(t, m, tea.KeyLeft)
	if m.Pane() != "advanced" || m.Typing() { // the focus on its picker row
		t.Fatalf("← on the first catalog: pane %s, typing %v", m.Pane(), m.Typing())
	}
	if v := m.View(); !strings.Contains(v, "[advanced (any service)]") {
		t.Fatalf("picker:\n%s", v)
	}
	press(t, m, tea.KeyRight)
	if m.Pane() != "form" || m.Catalog() != first {
		t.Fatalf("→ from advanced: pane %s, catalog %s", m.Pane(), m.Catalog())
	}
	press(t, m, tea.KeyCtrlS, tea.KeyCtrlS)
	if m.Pane() != "form" {
		t.Fatalf("ctrl+s twice: pane %s", m.Pane())
	}
}

// Completion: tab completes a known service; ↓ picks among several.
func TestAdvancedServiceCompletion(t *testing.T) {
	m := advancedOn(t, "mast.jwst.filtered.ni")
	press(t, m, tea.KeyTab)
	a := m.adv()
	if got := a.service(); got != "Mast.Jwst.Filtered.Nircam" {
		t.Fatalf("tab completed to %q", got)
	}
	press(t, m, tea.KeyDown)
	if got := a.service(); got != "Mast.Jwst.Filtered.Niriss" {
		t.Fatalf("↓ picked %q", got)
	}
	if !strings.Contains(a.editor.Value(), "NIS_IMAGE") {
		t.Fatalf("the example follows the service: %s", a.editor.Value())
	}
}
