package catalogs

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/views/results"
)

// ID implements common.Tab.
func (m *Model) ID() string { return ID }

// Title implements common.Tab.
func (m *Model) Title() string { return "Catalogs" }

// Init implements common.Tab: nothing is fetched before the tab is opened.
func (m *Model) Init() tea.Cmd { return nil }

// Focus fetches the shown catalog's criteria columns the first time.
func (m *Model) Focus() tea.Cmd {
	if m.showAdvanced {
		a := m.adv()
		if a.pane == paneForm {
			m.focusAdvanced(a, a.onEditor, a.form.Focused())
		}
		return nil
	}
	s := m.st()
	if s.pane == paneForm {
		s.form.Focus()
	}
	return common.Address(s.name, 0, m.open(s))
}

// Blur implements common.Tab.
func (m *Model) Blur() {
	m.st().form.Blur()
	if m.advanced != nil {
		m.advanced.form.Blur()
		m.advanced.editor.Blur()
	}
}

// Typing implements common.Tab: the form's text rows take letters.
func (m *Model) Typing() bool {
	if m.showAdvanced {
		return m.adv().typing()
	}
	s := m.st()
	return s.pane == paneForm && s.form.Typing()
}

// Capturing implements common.Tab: an overlay of the results, matches or spectra
// (column chooser, focused details) takes every key.
func (m *Model) Capturing() bool {
	if m.showAdvanced {
		v := m.adv().view()
		return v != nil && v.Capturing()
	}
	return m.st().capturing()
}

// capturing reports whether an overlay of the catalog's shown view takes every key.
func (s *state) capturing() bool {
	v := s.view()
	return v != nil && v.Capturing()
}

// Hints implements common.Tab.
func (m *Model) Hints() []key.Binding {
	if m.showAdvanced {
		return m.advancedHints(m.adv())
	}
	k := m.c.Keys.Catalogs
	s := m.st()
	v := s.view()
	submit := key.NewBinding(key.WithKeys(k.Submit.Keys()...), key.WithHelp(k.Submit.Help().Key, "search"))
	switch {
	case v == nil && s.add != nil:
		return []key.Binding{k.Reset, k.Add, k.Next, submit} // dropped from the left when narrow
	case v == nil:
		return []key.Binding{k.Reset, k.Next, submit}
	case v.Capturing() || !v.Ready():
		return v.Hints()
	case s.pane == paneResults && s.name == "HSC":
		return []key.Binding{m.c.Keys.Results.Sort, m.c.Keys.Results.Details, m.c.Keys.Results.Around, k.Spectra, k.Matches, k.Search}
	case s.pane == paneSpectra:
		return []key.Binding{m.c.Keys.Results.Details, m.c.Keys.Results.Select, k.Queue, k.Back}
	case s.pane == paneMatches:
		return []key.Binding{m.c.Keys.Results.Columns, m.c.Keys.Results.Sort, m.c.Keys.Results.Details, k.Back}
	}
	r := m.c.Keys.Results
	return []key.Binding{r.Columns, r.Sort, r.Details, r.Around, k.Search}
}

// HelpSections implements common.Tab.
func (m *Model) HelpSections() []keymap.Section {
	own := common.Section("Catalogs", m.c.Keys.Catalogs)
	v := m.st().view()
	if m.showAdvanced {
		v = m.adv().view()
	}
	if v != nil {
		return append([]keymap.Section{own}, v.HelpSections()...)
	}
	return []keymap.Section{own}
}

// Activity is what runs, for the status bar ("" when idle).
func (m *Model) Activity() string {
	if m.advanced != nil {
		if a := m.advanced.req.Activity(); a != "" {
			return a
		}
		if r := m.advanced.results; r != nil && (m.showAdvanced || r.Activity() != "") {
			return r.Activity()
		}
	}
	s := m.st()
	if a := s.req.Activity(); a != "" {
		return a
	}
	if v := s.view(); v != nil {
		return v.Activity()
	}
	return s.results.Activity()
}

// Counts summarises the shown view for the status bar.
func (m *Model) Counts() string {
	v := m.st().view()
	if m.showAdvanced {
		v = m.adv().view()
	}
	if v != nil {
		return v.Counts()
	}
	return ""
}

// Crumbs implements common.Locator: the catalog (or the advanced view), then its search
// form, or the search's place, the HSC matches or spectra, and the results' overlays.
func (m *Model) Crumbs() []string {
	if m.showAdvanced {
		a := m.adv()
		if a.pane == paneResults && a.results != nil {
			return append([]string{"advanced", common.Sanitize(a.resultsFor)}, a.results.Crumbs()...)
		}
		return []string{"advanced"}
	}
	s := m.st()
	out := []string{s.name}
	v := s.view()
	if v == nil {
		return append(out, "search form")
	}
	out = append(out, s.results.Place())
	switch s.pane {
	case paneMatches:
		out = append(out, "matches of "+common.Sanitize(s.match))
	case paneSpectra:
		out = append(out, "spectra of "+common.Sanitize(s.match))
	}
	return append(out, v.Crumbs()...)
}

// Position implements common.Locator: the cursor's row in the shown results.
func (m *Model) Position() string {
	if m.showAdvanced {
		if a := m.adv(); a.pane == paneResults && a.results != nil {
			return a.results.Position()
		}
		return ""
	}
	if v := m.st().view(); v != nil {
		return v.Position()
	}
	return ""
}

// Click implements common.Mouse: the shown results, matches or spectra take it.
func (m *Model) Click(x, y int) tea.Cmd {
	return m.mouse(func(v *results.Model) tea.Cmd { return v.Click(x, y) })
}

// Wheel implements common.Mouse.
func (m *Model) Wheel(x, y, delta int) tea.Cmd {
	return m.mouse(func(v *results.Model) tea.Cmd { return v.Wheel(x, y, delta) })
}

// mouse gives a mouse event to the results view shown, addressed as its keys are.
func (m *Model) mouse(do func(*results.Model) tea.Cmd) tea.Cmd {
	if m.showAdvanced {
		if v := m.adv().view(); v != nil {
			return common.Address(advancedTo, 0, common.Address(toResults, 0, do(v)))
		}
		return nil
	}
	s := m.st()
	v := s.view()
	if v == nil {
		return nil
	}
	to := map[pane]string{paneResults: toResults, paneMatches: toMatches, paneSpectra: toSpectra}[s.pane]
	return common.Address(s.name, 0, common.Address(to, 0, do(v)))
}
