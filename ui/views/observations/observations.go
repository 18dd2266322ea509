// Package observations is the Observations tab: the CAOM search form, its results and
// the products of chosen observations. The tab moves the keys between the three parts
// (enter searches, / and esc go back to the form, enter in the results lists products)
// and routes its answers to the part that asked.
package observations

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/views/products"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

// ID is the tab's registry name.
const ID = "observations"

// part is the part of the tab that has the keys.
type part int

const (
	partForm part = iota
	partResults
	partProducts
)

// Model is the Observations tab.
type Model struct {
	c          *common.Common
	form       *searchform.Model
	results    *results.Model
	products   *products.Model
	part       part
	focused    bool // the tab has the keys
	hasResults bool // a search has run: esc from the form goes back to it
	mem        remember
	width      int
	height     int
}

// New builds the tab over an archive: parsers for the form's target and radius, rows
// per results page, obsids per product request and the saved column choice of the
// results.
func New(c *common.Common, archive common.Archive, p searchform.Parsers, pageSize, productBatch int, columns []string) *Model {
	m := &Model{
		c:        c,
		form:     searchform.New(c, archive, p),
		results:  results.New(c, archive, pageSize),
		products: products.New(c, archive, productBatch),
	}
	m.results.SetColumnChoice(columns)
	return m
}

// ID implements common.Tab.
func (m *Model) ID() string { return ID }

// Title implements common.Tab.
func (m *Model) Title() string { return "Observations" }

// Init fetches the form's column metadata and facets.
func (m *Model) Init() tea.Cmd { return m.form.Init() }

// SetSize implements common.Tab.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.mem.list != nil {
		m.mem.list.SetSize(w, h)
	}
	m.form.SetSize(w, h)
	m.results.SetSize(w, h)
	m.products.SetSize(w, h)
}

// Focus gives the keys back to the part that had them.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	m.setPart(m.part)
	return nil
}

// Blur implements common.Tab.
func (m *Model) Blur() {
	m.focused = false
	m.form.Blur()
}

// setPart moves the keys to part p; the form's esc goes back to the results once a
// search has run.
func (m *Model) setPart(p part) {
	m.part = p
	m.c.Keys.Form.Back.SetEnabled(m.hasResults)
	if p == partForm && m.focused {
		m.form.Focus()
	} else {
		m.form.Blur()
	}
}

// Update routes keys to the part with focus and answers to the part they are for.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.onKey(msg)
	case searchform.SubmitMsg:
		return tea.Batch(m.record(), m.startSearch(msg.Search))
	case common.TabMsg:
		switch msg.To {
		case results.PreviewTask:
			return m.results.Update(msg)
		case results.PageTask:
			current := msg.Req == m.results.QueryID()
			cmd := m.results.Update(msg)
			if current {
				m.form.SetResolved(common.FormatResolved(m.results.Resolved()))
			}
			return cmd
		case products.BatchTask, products.RecomputeTask, products.CloudTask:
			return m.products.Update(msg)
		}
	case results.MetadataMsg:
		return m.results.Update(msg)
	case results.OpenProductsMsg:
		m.setPart(partProducts)
		return m.products.Start(msg.Obsids, msg.Labels)
	case products.BackMsg:
		if m.part == partProducts {
			m.setPart(partResults)
		}
		return nil
	}
	return m.form.Update(msg) // the form's own answers, timers and spinner frames
}

func (m *Model) startSearch(s common.Search) tea.Cmd {
	m.hasResults = true
	m.form.SetResolved("")
	m.setPart(partResults)
	return m.results.StartSearch(s)
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if m.mem.open != noOverlay {
		return m.onRememberKey(msg)
	}
	if fk := m.c.Keys.Form; m.part != partProducts && !m.results.Capturing() {
		switch {
		case key.Matches(msg, fk.History):
			return m.openHistory()
		case key.Matches(msg, fk.Open):
			return m.openSaved()
		case key.Matches(msg, fk.Save):
			return m.openSavePrompt()
		}
	}
	switch m.part {
	case partForm:
		if key.Matches(msg, m.c.Keys.Form.Back) && !m.form.TakesEsc() { // enabled once a search has run
			m.setPart(partResults)
			return nil
		}
		return m.form.Update(msg)
	case partProducts:
		return m.products.Update(msg)
	}
	rk := m.c.Keys.Results
	if !m.results.Holds(msg) && key.Matches(msg, rk.Search, rk.Back) {
		m.setPart(partForm)
		return nil
	}
	return m.results.Update(msg)
}

// View implements common.Tab.
func (m *Model) View() string {
	if m.mem.open != noOverlay {
		return m.rememberView()
	}
	switch m.part {
	case partForm:
		return m.form.View()
	case partProducts:
		return m.products.View()
	}
	return m.results.View()
}

// Hints implements common.Tab.
func (m *Model) Hints() []key.Binding {
	if fk := m.c.Keys.Form; m.mem.open != noOverlay {
		if m.mem.open == savePrompt {
			return nil // the prompt says enter saves, esc cancels
		}
		return []key.Binding{fk.Submit, fk.Up, fk.Down} // enter runs the one picked
	}
	switch m.part {
	case partForm:
		return m.c.Keys.Form.ShortHelp()
	case partProducts:
		return m.products.Hints()
	}
	return m.results.Hints()
}

// HelpSections implements common.Tab.
func (m *Model) HelpSections() []keymap.Section {
	switch m.part {
	case partForm:
		return []keymap.Section{common.Section("Search form", m.c.Keys.Form)}
	case partProducts:
		return m.products.HelpSections()
	}
	return m.results.HelpSections()
}

// Activity is the products' work while they have the keys, else the search's, else the
// products'.
func (m *Model) Activity() string {
	if m.part == partProducts {
		if a := m.products.Activity(); a != "" {
			return a
		}
	}
	if a := m.results.Activity(); a != "" {
		return a
	}
	return m.products.Activity()
}

// Counts implements common.Tab: the products', or the results' once a search has run.
func (m *Model) Counts() string {
	switch {
	case m.part == partProducts:
		return m.products.Counts()
	case m.hasResults:
		return m.results.Counts()
	}
	return ""
}

// Typing implements common.Tab: the form's fields and the products' text filter.
func (m *Model) Typing() bool {
	return m.part == partForm || m.part == partProducts && m.products.Capturing() || m.part == partResults && m.results.Typing()
}

// Capturing implements common.Tab: the products' text filter, or an overlay of the
// results (column chooser, focused details), takes every key.
func (m *Model) Capturing() bool {
	if m.mem.open != noOverlay {
		return true
	}
	switch m.part {
	case partProducts:
		return m.products.Capturing()
	case partResults:
		return m.results.Capturing()
	}
	return false
}

// Crumbs implements common.Locator: the search form, or the search's place, then the
// products and their filters, or the results' chooser or details.
func (m *Model) Crumbs() []string {
	if m.part == partForm {
		return []string{"search form"}
	}
	out := []string{m.results.Place()}
	if m.part == partProducts {
		return append(out, m.products.Crumbs()...)
	}
	return append(out, m.results.Crumbs()...)
}

// Position implements common.Locator: the cursor's row in the results or products.
func (m *Model) Position() string {
	switch m.part {
	case partResults:
		return m.results.Position()
	case partProducts:
		return m.products.Position()
	}
	return ""
}

// Part is the part with the keys: "form", "results" or "products" (for tests).
func (m *Model) Part() string {
	switch m.part {
	case partForm:
		return "form"
	case partProducts:
		return "products"
	}
	return "results"
}

// Form is the search form.
func (m *Model) Form() *searchform.Model { return m.form }

// Results is the results view.
func (m *Model) Results() *results.Model { return m.results }

// Products is the products view.
func (m *Model) Products() *products.Model { return m.products }

// Click implements common.Mouse: the results or products take it (the form takes none).
func (m *Model) Click(x, y int) tea.Cmd {
	switch m.part {
	case partResults:
		return m.results.Click(x, y)
	case partProducts:
		return m.products.Click(x, y)
	}
	return nil
}

// Wheel implements common.Mouse.
func (m *Model) Wheel(x, y, delta int) tea.Cmd {
	switch m.part {
	case partResults:
		return m.results.Wheel(x, y, delta)
	case partProducts:
		return m.products.Wheel(x, y, delta)
	}
	return nil
}
