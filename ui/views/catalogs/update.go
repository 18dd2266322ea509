package catalogs

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/views/results"
)

// Addresses of a catalog's results views inside its state (each has its own PageTask).
const (
	toResults = "results"
	toMatches = "matches"
	toSpectra = "spectra"
)

// Update handles keys (while the tab is focused) and the answers of the catalogs' forms
// and views, each addressed to the catalog that asked (TabMsg.To is its name).
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		if msg.To == advancedTo {
			return common.Address(advancedTo, 0, m.advancedAnswer(msg.Msg))
		}
		s := m.states[msg.To]
		if s == nil {
			m.c.Logger.Warn("catalogs: answer for an unknown catalog", "to", msg.To)
			return nil
		}
		return common.Address(s.name, 0, m.answer(s, msg.Msg))
	case tea.KeyMsg:
		if m.showAdvanced {
			return common.Address(advancedTo, 0, m.advancedKey(m.adv(), msg))
		}
		if key.Matches(msg, m.c.Keys.Catalogs.Advanced) && !m.st().capturing() {
			return m.openAdvanced()
		}
		cmd := m.key(m.st(), msg)
		// The picker may have moved to another catalog: what the key started is its.
		return common.Address(m.st().name, 0, cmd)
	}
	return nil
}

// answer handles an answer for catalog s.
func (m *Model) answer(s *state, msg tea.Msg) tea.Cmd {
	env, ok := msg.(common.TabMsg)
	if !ok {
		return nil
	}
	switch env.To {
	case toResults, toMatches, toSpectra:
		v := map[string]*results.Model{toResults: s.results, toMatches: s.matches, toSpectra: s.spectra}[env.To]
		if v == nil {
			return nil
		}
		return common.Address(env.To, 0, v.Update(env.Msg))
	}
	inner, ok := s.req.Take(env) // the form's requests: only the newest is taken
	if !ok {
		return nil
	}
	switch inner := inner.(type) {
	case ColumnsMsg:
		return m.onColumns(s, inner)
	case PauseMsg:
		return m.onPause(s)
	case ResolvedMsg:
		return m.onResolved(s, inner)
	case form.CountMsg:
		m.onCount(s, inner)
	}
	return nil
}

// key handles a key for the catalog shown.
func (m *Model) key(s *state, msg tea.KeyMsg) tea.Cmd {
	if v := s.view(); v != nil {
		return m.viewKey(s, v, msg)
	}
	return m.formKey(s, msg)
}

// viewKey handles a key in the results, matches or spectra.
func (m *Model) viewKey(s *state, v *results.Model, msg tea.KeyMsg) tea.Cmd {
	k, rk := m.c.Keys.Catalogs, m.c.Keys.Results
	to := map[pane]string{paneResults: toResults, paneMatches: toMatches, paneSpectra: toSpectra}[s.pane]
	if v.Holds(msg) {
		return common.Address(to, 0, v.Update(msg))
	}
	switch {
	case key.Matches(msg, k.Back, rk.Back) && s.pane != paneResults:
		s.pane = paneResults
		return nil
	case key.Matches(msg, k.Search, k.Back, rk.Search, rk.Back):
		s.pane = paneForm
		s.form.Focus()
		return nil
	case s.pane == paneResults && s.name == "HSC" && key.Matches(msg, k.Matches):
		return m.openMatches(s)
	case s.pane == paneResults && s.name == "HSC" && key.Matches(msg, k.Spectra):
		return m.openSpectra(s)
	case s.pane == paneSpectra && key.Matches(msg, k.Queue):
		return m.queueSpectra(s)
	case key.Matches(msg, rk.Open): // rows have no products: enter shows a row whole
		return common.Address(to, 0, v.ToggleDetails())
	}
	return common.Address(to, 0, v.Update(msg))
}

func (m *Model) formKey(s *state, msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Catalogs
	f := s.form.Current()
	if !key.Matches(msg, k.Next, k.Down, k.Up) {
		s.comp.Stop()
	}
	switch {
	case key.Matches(msg, k.Submit) && f == s.add && s.add.Trimmed() != "":
		return m.addCriterion(s)
	case key.Matches(msg, k.Submit):
		return m.submit(s)
	case key.Matches(msg, k.Back):
		if s.results.QueryID() > 0 { // a search has run
			s.pane = paneResults
			s.form.Blur()
		}
		return nil
	case key.Matches(msg, k.Add) && s.add != nil:
		s.form.FocusName(fAdd)
		return m.open(s)
	case key.Matches(msg, k.Remove):
		return m.removeCriterion(s)
	case key.Matches(msg, k.Reset):
		s.form.Clear()
		s.crit = nil
		s.form.SetFields(m.rows(s)...)
		s.form.FocusIndex(0)
		s.formErr, s.resolved, s.res = "", "", resolution{}
		s.live.Reset()
		return nil
	case key.Matches(msg, k.Next) && m.complete(s):
		return m.edited(s)
	case key.Matches(msg, k.Down) && m.pickSuggestion(s, 1),
		key.Matches(msg, k.Up) && m.pickSuggestion(s, -1):
		return nil
	case s.form.Navigate(msg, k.FormNav):
		return nil
	}
	if f != nil && f.Kind == form.Choice {
		if !key.Matches(msg, k.Cycle) {
			return nil
		}
		step := 1
		if msg.Type == tea.KeyLeft {
			step = -1
		}
		if f.Name == fCatalog {
			return m.pick(step)
		}
		f.Cycle(step)
		s.res = resolution{}
		if f.Name == fRelease || f.Name == fTable {
			m.describeCriteria(s)
			return tea.Batch(m.open(s), m.edited(s))
		}
		return m.edited(s)
	}
	changed, cmd := s.form.Type(msg)
	if !changed {
		return cmd
	}
	s.formErr = ""
	if f == s.add {
		f.ClearErrs()
		return cmd
	}
	return tea.Batch(cmd, m.edited(s))
}

// pick moves the picker step entries on and shows that catalog's form, or the
// advanced view after the last catalog.
func (m *Model) pick(step int) tea.Cmd {
	n := len(Names()) + 1
	at := m.cur
	if m.showAdvanced {
		at = n - 1
	}
	at = ((at+step)%n + n) % n
	if at == n-1 {
		m.st().form.Blur()
		a := m.adv()
		a.pane = paneForm
		m.openAdvanced()
		m.focusAdvanced(a, false, 0)
		return nil
	}
	m.showAdvanced = false
	if m.advanced != nil {
		m.advanced.form.Blur()
		m.advanced.editor.Blur()
	}
	m.cur = at
	ns := m.st()
	ns.form.FocusIndex(0)
	ns.pane = paneForm
	ns.form.Focus()
	return m.open(ns)
}

// submit runs the form's search in the catalog's results view.
func (m *Model) submit(s *state) tea.Cmd {
	q, err := m.query(s)
	if err != nil {
		s.formErr = "Not searched: " + err.Error()
		return nil
	}
	for i, f := range s.crit {
		if e := f.Err(); e != "" { // the server's verdict on a value, from the live check
			s.formErr = "Not searched: " + e
			s.form.FocusIndex(len(s.fixed) + i)
			return nil
		}
	}
	if s.live.Unresolved && s.res.name == objectName(s) {
		s.formErr = "Not searched: " + s.form.ByName(fTarget).Err()
		s.form.FocusName(fTarget)
		return nil
	}
	s.formErr = ""
	s.pane = paneResults
	s.form.Blur()
	m.c.Logger.Info("catalog search", "catalog", s.name, "search", q.summary)
	return common.Address(toResults, 0, s.results.StartSearch(m.search(q)))
}

// CatalogHere implements common.CatalogSearcher: the shown catalog is searched around
// the position (its criteria kept).
func (m *Model) CatalogHere(msg common.CatalogHereMsg) tea.Cmd {
	if m.showAdvanced {
		m.closeAdvanced()
	}
	s := m.st()
	s.form.ByName(fTarget).SetValue(common.FormatPosition(msg.Position))
	s.form.ByName(fTarget).ClearErrs()
	s.resolved, s.res = "", resolution{}
	s.live.Reset()
	m.c.Logger.Info("catalog search around a row", "catalog", s.name, "row", msg.Label)
	cmd := tea.Batch(m.open(s), m.submit(s))
	if s.pane == paneForm { // the form says what is missing (another catalog's name, say)
		s.form.Focus()
	}
	return common.Address(s.name, 0, cmd)
}
