package duplicates

import (
	"fmt"
	"path/filepath"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// ID implements common.Tab.
func (m *Model) ID() string { return ID }

// Title implements common.Tab: with the progress of a running check.
func (m *Model) Title() string {
	if r := m.run; r != nil && r.done < len(r.targets) {
		return fmt.Sprintf("Duplicates (%d/%d)", r.done, len(r.targets))
	}
	return "Duplicates"
}

// Init implements common.Tab: nothing is asked before a check runs.
func (m *Model) Init() tea.Cmd { return nil }

// Focus implements common.Tab.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	m.setPane(m.pane)
	return nil
}

// Blur implements common.Tab.
func (m *Model) Blur() {
	m.focused = false
	m.form.Blur()
}

// Typing implements common.Tab: letters go into the form's text fields and the
// products' text filter.
func (m *Model) Typing() bool {
	switch m.pane {
	case paneForm:
		return m.form.Typing()
	case paneProducts:
		return m.products.Capturing()
	}
	return false
}

// Capturing implements common.Tab: the products' text filter takes every key.
func (m *Model) Capturing() bool { return m.pane == paneProducts && m.products.Capturing() }

// Activity implements common.Tab.
func (m *Model) Activity() string {
	if a := m.req.Activity(); a != "" {
		return a
	}
	return m.products.Activity()
}

// Counts implements common.Tab: the targets checked and the potential duplicates.
func (m *Model) Counts() string {
	if m.pane == paneProducts {
		return m.products.Counts()
	}
	r := m.run
	if r == nil || m.pane == paneForm {
		return ""
	}
	n := 0
	for _, res := range r.results {
		if res != nil {
			n += len(res.Matches)
		}
	}
	return fmt.Sprintf("%d of %d targets · %s potential duplicates", r.done, len(r.targets), common.Commas(int64(n)))
}

// Hints implements common.Tab.
func (m *Model) Hints() []key.Binding {
	k := m.c.Keys.Duplicates
	switch m.pane {
	case paneResults:
		return []key.Binding{k.Details, k.Open, k.Export, k.Back}
	case paneDetails:
		return []key.Binding{k.Back, m.c.Keys.Details.Down}
	case paneProducts:
		return m.products.Hints()
	}
	if m.form.Current().Kind == form.Choice { // ←/→ move the text cursor elsewhere
		return []key.Binding{k.Reset, k.Cycle, k.Next, k.Submit} // dropped from the left when narrow
	}
	return []key.Binding{k.Reset, k.Next, k.Submit}
}

// Crumbs implements common.Locator: the form, or the list checked (its file's name or
// "typed"), then the details or the products.
func (m *Model) Crumbs() []string {
	if m.pane == paneForm || m.run == nil {
		return []string{"form"}
	}
	out := []string{common.Sanitize(filepath.Base(m.run.source))}
	switch m.pane {
	case paneDetails:
		out = append(out, "details")
	case paneProducts:
		out = append(out, m.products.Crumbs()...)
	}
	return out
}

// Position implements common.Locator: the cursor's row among the targets and their
// matches, or in the products.
func (m *Model) Position() string {
	switch {
	case m.pane == paneProducts:
		return m.products.Position()
	case m.pane == paneForm || m.run == nil:
		return ""
	}
	return common.RowPosition(m.cursor, int64(len(m.run.items())))
}

// HelpSections implements common.Tab.
func (m *Model) HelpSections() []keymap.Section {
	k := m.c.Keys.Duplicates
	own := keymap.Section{Title: "Duplicates form", Bindings: k.FormHelp()}
	list := keymap.Section{Title: "Duplicates results", Bindings: append(k.Rows(), k.ResultsHelp()...)}
	switch m.pane {
	case paneResults:
		return []keymap.Section{list, own}
	case paneDetails:
		return []keymap.Section{{Title: "Duplicate details", Bindings: append(m.c.Keys.Details.Scroll.Bindings(), k.Back)}, list}
	case paneProducts:
		return m.products.HelpSections()
	}
	return []keymap.Section{own, list}
}

// setPane gives the keys to pane p: only the form shows a cursor, only while it has them.
func (m *Model) setPane(p pane) {
	m.pane = p
	if p == paneForm && m.focused {
		m.form.Focus()
	} else {
		m.form.Blur()
	}
	m.details.SetFocused(p == paneDetails)
}

var (
	_ common.Tab     = (*Model)(nil)
	_ common.Locator = (*Model)(nil)
)
