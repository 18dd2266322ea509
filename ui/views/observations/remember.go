package observations

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model/history"
	"mastui/ui/common"
	"mastui/ui/components/picklist"
	"mastui/ui/components/textfield"
	"mastui/ui/views/searchform"
)

// overlay is what covers the form: the history list, the saved list or the name prompt.
type overlay int

const (
	noOverlay overlay = iota
	historyList
	savedList
	savePrompt
)

// remember is the tab's history and saved searches: the list open, its searches (in
// the list's order) and the name being typed.
type remember struct {
	open     overlay
	list     *picklist.Model
	searches []history.Search
	name     textinput.Model
	saveErr  string
}

// SaveSearch keeps the form's search under name (":save NAME"). Writing the file runs
// off the UI goroutine; a toast says how it went.
func (m *Model) SaveSearch(name string) tea.Cmd {
	store, s := m.c.History, m.form.Snapshot()
	if store == nil {
		return common.Toast(common.LevelWarn, "Searches cannot be saved in this session")
	}
	if err := history.CheckName(name); err != nil {
		return common.Toast(common.LevelError, err.Error())
	}
	now := m.c.Clock.Now()
	return func() tea.Msg {
		replaced, err := store.Save(name, s, now)
		switch {
		case err != nil:
			return common.ToastMsg{Level: common.LevelError, Text: "Not saved: " + err.Error()}
		case replaced:
			return common.ToastMsg{Level: common.LevelInfo, Text: "saved " + name + " (replaced the search saved under that name)"}
		}
		return common.ToastMsg{Level: common.LevelInfo, Text: "saved " + name + " · mastui query --saved " + name}
	}
}

// OpenSaved puts the search saved as name in the form and runs it (":open NAME").
func (m *Model) OpenSaved(name string) tea.Cmd {
	if m.c.History == nil {
		return common.Toast(common.LevelWarn, "No saved searches in this session")
	}
	s, err := m.c.History.Get(name)
	if err != nil {
		return common.Toast(common.LevelError, history.ExplainNotFound(err, m.howToSave()).Error())
	}
	return m.rerun(s.Search)
}

// howToSave says how to save a search here, with the user's key.
func (m *Model) howToSave() string {
	return m.c.Keys.Form.Save.Help().Key + " saves the form's search"
}

// rerun puts s in the form and searches, as enter would.
func (m *Model) rerun(s history.Search) tea.Cmd {
	m.mem = remember{}
	m.setPart(partForm)
	return tea.Batch(m.form.Apply(s), m.form.Update(tea.KeyMsg{Type: tea.KeyEnter}))
}

// record adds a search that starts to the history, off the UI goroutine.
func (m *Model) record() tea.Cmd {
	store, s := m.c.History, m.form.Snapshot()
	if store == nil || s.Empty() {
		return nil
	}
	now := m.c.Clock.Now()
	return func() tea.Msg {
		if err := store.Add(s, now); err != nil {
			return common.NoteMsg{Level: common.LevelWarn, Text: "Search not kept in the history: " + err.Error()}
		}
		return nil
	}
}

// openHistory opens the list of this tab's searches, newest first.
func (m *Model) openHistory() tea.Cmd {
	if m.c.History == nil {
		return common.Toast(common.LevelWarn, "No search history in this session")
	}
	entries, bad, err := m.c.History.History(searchform.Tab)
	if err != nil {
		return common.Toast(common.LevelError, err.Error())
	}
	var items []picklist.Item
	var searches []history.Search
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		items = append(items, picklist.Item{Title: e.Search.String(), Detail: e.At.UTC().Format("2006-01-02 15:04 UTC")})
		searches = append(searches, e.Search)
	}
	m.openList(historyList, picklist.New(m.c.Styles, "Search history", "no search yet: searches you run are kept here", items), searches)
	if bad > 0 {
		return common.Note(common.LevelWarn, "search history: some lines did not parse and were skipped")
	}
	return nil
}

// openSaved opens the list of saved searches.
func (m *Model) openSaved() tea.Cmd {
	if m.c.History == nil {
		return common.Toast(common.LevelWarn, "No saved searches in this session")
	}
	all, err := m.c.History.SavedList()
	if err != nil {
		return common.Toast(common.LevelError, err.Error())
	}
	var items []picklist.Item
	var searches []history.Search
	for _, s := range all {
		if s.Tab != searchform.Tab {
			continue
		}
		items = append(items, picklist.Item{Title: s.Name, Detail: s.Search.String()})
		searches = append(searches, s.Search)
	}
	m.openList(savedList, picklist.New(m.c.Styles, "Saved searches", "nothing saved yet: "+m.howToSave(), items), searches)
	return nil
}

func (m *Model) openList(o overlay, l *picklist.Model, searches []history.Search) {
	l.SetSize(m.width, m.height)
	m.mem = remember{open: o, list: l, searches: searches}
	m.form.Blur()
}

// openSavePrompt asks for the name to save the form's search under.
func (m *Model) openSavePrompt() tea.Cmd {
	if s := m.form.Snapshot(); s.Empty() {
		return common.Toast(common.LevelWarn, "Nothing to save: type a target or a criterion first")
	}
	in := textfield.New(m.c.Styles, "m101-jwst", 64)
	in.Focus()
	m.mem = remember{open: savePrompt, name: in}
	m.form.Blur()
	return nil
}

// onRememberKey handles the keys while a list or the prompt is open.
func (m *Model) onRememberKey(msg tea.KeyMsg) tea.Cmd {
	nav := m.c.Keys.Form.FormNav
	if m.mem.open == savePrompt {
		switch {
		case msg.Type == tea.KeyEsc:
			m.closeRemember()
			return nil
		case key.Matches(msg, nav.Submit):
			name := strings.TrimSpace(m.mem.name.Value())
			if err := history.CheckName(name); err != nil {
				m.mem.saveErr = err.Error()
				return nil
			}
			m.closeRemember()
			return m.SaveSearch(name)
		}
		var cmd tea.Cmd
		m.mem.name, cmd = m.mem.name.Update(msg)
		m.mem.saveErr = ""
		return cmd
	}
	res, cmd := m.mem.list.Update(msg, nav)
	switch res {
	case picklist.Closed:
		m.closeRemember()
	case picklist.Picked:
		return m.rerun(m.mem.searches[m.mem.list.Current()])
	}
	return cmd
}

func (m *Model) closeRemember() {
	m.mem = remember{}
	m.setPart(m.part)
}

// rememberView draws the open list or prompt.
func (m *Model) rememberView() string {
	st := m.c.Styles
	if m.mem.open == savePrompt {
		out := " " + st.FormTitle.Render("Save search") + "  " + st.FormHint.Render(common.Truncate(m.form.Snapshot().String(), max(10, m.width-16))) + "\n" +
			" " + st.FormLabel.Render("name ") + textfield.Boxed(m.mem.name, 40) + "  " + st.FormHint.Render("enter saves · esc cancels")
		if m.mem.saveErr != "" {
			out += "\n " + st.FormError.Render(st.Glyphs.Error+" "+common.Truncate(m.mem.saveErr, max(10, m.width-4)))
		}
		return out
	}
	return m.mem.list.View()
}

// Remembering reports which overlay is open: "history", "saved", "save" or "".
func (m *Model) Remembering() string {
	return [...]string{"", "history", "saved", "save"}[m.mem.open]
}
