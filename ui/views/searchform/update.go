package searchform

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// Update handles keys while the form has focus and the form's own messages (Msg). A
// valid enter returns a Cmd yielding SubmitMsg (after the archive has checked the
// criteria); an invalid one marks the fields and sends nothing.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		cmd := m.onKey(msg)
		m.follow()
		return cmd
	case MetadataMsg:
		return m.onMetadata(msg)
	case FacetsMsg:
		return m.onFacets(msg)
	case common.TabMsg: // an answer of a request: only the newest of its task is taken
		answer, ok := m.req.Take(msg)
		if !ok {
			return nil
		}
		return m.onAnswer(answer)
	case spinMsg:
		return m.onSpin(msg)
	}
	return nil
}

// onAnswer handles the answer of the newest request of a task.
func (m *Model) onAnswer(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case ValidatedMsg:
		cmd = m.onValidated(msg)
	case livePauseMsg:
		cmd = m.onPause()
	case form.CountMsg:
		return m.onCount(msg)
	case HereFacetsMsg:
		return m.onHereFacets(msg)
	case ResolvedMsg:
		cmd = m.onResolved(msg)
	}
	m.follow()
	return cmd
}

func (m *Model) onKey(km tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys.Form
	f := m.fields[m.form.Focused()]
	if !key.Matches(km, keys.Next, keys.Down, keys.Up) {
		m.comp.Active = false
	}
	if !key.Matches(km, keys.Down, keys.Up) {
		m.recall.Stop() // an edit (or a move) ends the walk through the history
	}
	switch {
	case key.Matches(km, keys.Submit):
		return m.onEnter()
	case key.Matches(km, keys.Reset):
		m.Reset()
		return nil
	case key.Matches(km, keys.Add):
		m.setFocus(m.addIndex())
		return nil
	case key.Matches(km, keys.Remove) && f.added:
		return m.remove(m.form.Focused())
	case key.Matches(km, keys.Next):
		before := f.Input.Value()
		if m.complete() {
			return m.changed(f, before)
		}
		if f.kind == kindAdd && m.knownColumn(f.value()) {
			m.addCriterion(f.value()) // moving on from a complete name goes into its row
			return nil
		}
		m.setFocus(m.form.Focused() + 1)
		return nil
	case key.Matches(km, keys.Prev):
		m.setFocus(m.form.Focused() - 1)
		return nil
	case key.Matches(km, keys.Down, keys.Up):
		dir := 1
		if key.Matches(km, keys.Up) {
			dir = -1
		}
		if ok, cmd := m.recallStep(dir); ok {
			return cmd
		}
		before := f.Input.Value()
		switch {
		case f.kind == kindCollection && dir > 0 && m.coll.Down(), f.kind == kindCollection && dir < 0 && m.coll.Up():
		case m.pickSuggestion(dir):
			return m.changed(f, before)
		default:
			m.setFocus(m.below(m.form.Focused(), dir))
		}
		return nil
	}
	switch f.kind {
	case kindResolver:
		return m.onResolverKey(km)
	case kindCollection:
		return m.onCollectionKey(km)
	}
	before := f.Input.Value()
	var cmd tea.Cmd
	f.Input, cmd = f.Input.Update(km)
	return tea.Batch(cmd, m.changed(f, before))
}

// changed reacts to a field's text having changed from before: its errors go, and a
// criterion or the target re-arms validation and the count (the add row does not).
func (m *Model) changed(f *field, before string) tea.Cmd {
	if f.Input.Value() == before {
		return nil
	}
	if f.ClearErrs() || f.suggest != "" {
		f.suggest = ""
		m.relayout()
	}
	switch {
	case f.kind == kindAdd:
		return nil
	case f == m.fields[FieldTarget]:
		m.resolved = "" // it was where the previous target resolved
	}
	return m.edited()
}

func (m *Model) onResolverKey(km tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys.Form
	step := 0
	switch {
	case key.Matches(km, keys.Toggle):
		step = 1
	case key.Matches(km, keys.Cycle):
		step = 1
		if km.Type == tea.KeyLeft {
			step = numResolvers - 1
		}
	}
	if step == 0 {
		return nil
	}
	m.resolver = (m.resolver + step) % numResolvers
	if t := m.fields[FieldTarget]; t.ErrFrom(form.Unresolved) != "" || m.resolved != "" {
		t.SetErrFrom(form.Unresolved, "") // another resolver may answer otherwise
		m.resolved = ""
		m.relayout()
	}
	if m.fields[FieldTarget].value() == "" {
		return nil // nothing to resolve: the count does not change
	}
	return m.edited()
}

// onCollectionKey: space chooses the collection under the cursor, ←/→ move across the
// grid's columns, typing filters the list, backspace and ctrl+u edit the filter.
func (m *Model) onCollectionKey(km tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(km, m.c.Keys.Form.Cycle):
		if km.Type == tea.KeyLeft {
			m.coll.Left()
		} else {
			m.coll.Right()
		}
	case key.Matches(km, m.c.Keys.Form.Toggle) || km.Type == tea.KeyRunes && strings.TrimSpace(string(km.Runes)) == "" && len(km.Runes) > 0:
		if m.coll.Toggle() {
			return m.edited()
		}
	case km.Type == tea.KeyRunes:
		m.coll.SetFilter(m.coll.Filter() + strings.TrimSpace(string(km.Runes)))
	case km.Type == tea.KeyBackspace:
		if r := []rune(m.coll.Filter()); len(r) > 0 {
			m.coll.SetFilter(string(r[:len(r)-1]))
		}
	case km.Type == tea.KeyCtrlU || km.Type == tea.KeyEsc:
		m.coll.SetFilter("")
	}
	return nil
}

// knownColumn reports whether name is a column of the metadata.
func (m *Model) knownColumn(name string) bool {
	_, ok := m.meta[strings.ToLower(name)]
	return name != "" && ok
}

// addCriterion adds a row for column name (or focuses the field it already has).
func (m *Model) addCriterion(name string) {
	add := m.fields[m.addIndex()]
	canon := name
	if m.meta != nil {
		fm, ok := m.meta[strings.ToLower(name)]
		if !ok {
			msg := fmt.Sprintf("unknown column %q", name)
			if s := model.Closest(name, m.metaCols); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			}
			add.SetErr(msg)
			m.relayout()
			return
		}
		canon = fm.Name
	} else if strings.ContainsAny(name, " =,") {
		add.SetErr(fmt.Sprintf("%q is not a column name", name))
		m.relayout()
		return
	}
	add.SetErr("")
	add.Input.SetValue("")
	for i, f := range m.fields {
		if strings.EqualFold(f.col, canon) {
			m.setFocus(i)
			return
		}
	}
	f := m.newField(spec{col: canon, label: canon, kind: kindText})
	f.added = true
	at := m.addIndex()
	m.fields = append(m.fields[:at], f, m.fields[at])
	m.syncForm()
	m.relayout()
	m.setFocus(at)
}

// remove drops added criterion i; focus stays on the row that takes its place.
func (m *Model) remove(i int) tea.Cmd {
	had := m.fields[i].value() != ""
	m.fields = append(m.fields[:i], m.fields[i+1:]...)
	m.syncForm()
	m.relayout()
	m.setFocus(i)
	if had {
		return m.edited()
	}
	return nil
}
