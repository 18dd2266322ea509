package observations

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/products"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

func init() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// deliver runs cmd (it must not wait on a timer) and hands its answers back to m.
func deliver(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	for _, msg := range uitest.Messages(cmd) {
		if common.ForRoot(msg) {
			continue
		}
		m.Update(msg)
	}
}

func newTab(t *testing.T) *Model {
	t.Helper()
	m := New(uitest.Common(""), &uitest.Archive{Rows: 40}, searchform.Parsers{}, 20, 0, nil)
	m.SetSize(100, 30)
	m.Focus()
	return m
}

// The form has the keys first; a search moves them to the results, / back to the form,
// and the form's esc to the results only once a search has run.
func TestPartsFollowTheSearch(t *testing.T) {
	m := newTab(t)
	if m.Part() != "form" || !m.Typing() || m.Capturing() || m.c.Keys.Form.Back.Enabled() {
		t.Fatalf("fresh: part %s typing %v back %v", m.Part(), m.Typing(), m.c.Keys.Form.Back.Enabled())
	}
	if m.Counts() != "" {
		t.Fatalf("counts before a search: %q", m.Counts())
	}
	deliver(t, m, m.Update(searchform.SubmitMsg{Search: common.Search{Query: mast.Query{Object: "M101"}, Target: "M101"}}))
	if m.Part() != "results" || m.Typing() || m.Results().Loaded() != 20 {
		t.Fatalf("after a search: part %s loaded %d", m.Part(), m.Results().Loaded())
	}
	if m.Counts() == "" || m.Hints()[0].Help().Key != m.c.Keys.Results.ShortHelp()[0].Help().Key {
		t.Fatalf("results counts %q hints %v", m.Counts(), m.Hints())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	if m.Part() != "form" || !m.c.Keys.Form.Back.Enabled() {
		t.Fatalf("/: part %s, form esc enabled %v", m.Part(), m.c.Keys.Form.Back.Enabled())
	}
	if m.HelpSections()[0].Title != "Search form" {
		t.Fatalf("form help %v", m.HelpSections())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if m.Part() != "results" {
		t.Fatalf("esc from the form: part %s", m.Part())
	}
}

// The results' intent to list products opens them; the products' back intent returns to the
// results; answers reach their part whichever has the keys.
func TestProductsAndBack(t *testing.T) {
	m := newTab(t)
	deliver(t, m, m.Update(searchform.SubmitMsg{Search: common.Search{Query: mast.Query{Object: "M101"}, Target: "M101"}}))
	deliver(t, m, m.Update(results.OpenProductsMsg{Obsids: []string{"1", "2"}, Labels: []string{"a", "b"}}))
	if m.Part() != "products" || m.Products().Rows() == 0 {
		t.Fatalf("part %s, %d products", m.Part(), m.Products().Rows())
	}
	if m.HelpSections()[0].Title != "Products" {
		t.Fatalf("products help %v", m.HelpSections())
	}
	m.Blur()
	m.Update(products.BackMsg{}) // arrives while another tab has the keys
	if m.Part() != "results" {
		t.Fatalf("back: part %s", m.Part())
	}
	id := m.Results().QueryID()
	m.Update(common.TabMsg{To: results.PageTask, Req: id + 1, Msg: results.PageLoadedMsg{Page: 2}}) // a page of no search: dropped
	if m.Results().Loaded() != 20 {
		t.Fatalf("loaded %d", m.Results().Loaded())
	}
}
