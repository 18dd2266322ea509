package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/toast"
	"mastui/ui/views/missions"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

// Update implements tea.Model. It never blocks: archive calls run in Cmds.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		cmd = m.prepareAfterFirstFrame()
		m.c.Width, m.c.Height, m.sized = msg.Width, msg.Height, true
		m.layout()
	case tea.KeyMsg:
		cmd = m.onKeys(msg)
	case searchform.SubmitMsg:
		cmd = m.startSearch(msg.Search)
	case searchform.Msg: // the form's own answers, timers and spinner frames
		cmd = m.form.Update(msg)
	case results.PageLoadedMsg:
		if m.missions.Owns(msg.View) {
			cmd = m.missions.Update(msg)
			break
		}
		cmd = m.results.Update(msg)
		if msg.QueryID == m.results.QueryID() {
			m.form.SetResolved(common.FormatResolved(m.results.Resolved()))
		}
	case missions.ColumnsMsg, missions.LiveTickMsg, missions.LiveCountMsg:
		cmd = m.missions.Update(msg)
	case common.ToastMsg:
		if msg.Level != common.LevelInfo {
			m.messages.Add(msg.Level, msg.Text)
		}
		cmd = m.toast.Show(msg.Level, msg.Text)
		m.layout()
	case common.NoteMsg:
		m.messages.Add(msg.Level, msg.Text)
	case toast.ExpiredMsg:
		m.toast.Update(msg)
		m.layout()
	case PreparedMsg:
		cmd = m.prepared(msg)
	case spinner.TickMsg:
		if m.busy() {
			m.spin, cmd = m.spin.Update(msg)
		} else {
			m.spinning = false // let the tick chain end while idle
		}
	default:
		var ok bool
		if cmd, ok = m.updateQueue(msg); !ok {
			cmd = m.updateBrowse(msg) // results and products answers and intents
		}
	}
	m.syncKeys()
	m.refreshHeader()
	return m, tea.Batch(cmd, m.ensureSpinner())
}

// busy reports whether a request runs.
func (m *Model) busy() bool { return m.activity() != "" }

// ensureSpinner starts the spinner's tick chain when work runs and none is pending.
func (m *Model) ensureSpinner() tea.Cmd {
	if m.spinning || !m.busy() {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) startSearch(s common.Search) tea.Cmd {
	m.hasResults = true
	m.form.SetResolved("")
	m.setFocus(focusResults)
	return m.results.StartSearch(s)
}

// onKeys splits a burst of typed runes ("jjjj" read at once from a fast or remote
// terminal) into single keys, except where a text field takes them all.
func (m *Model) onKeys(msg tea.KeyMsg) tea.Cmd {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return m.onKey(msg)
	}
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if m.typing() && !m.showHelp && !m.showMsgs && !m.tooSmall() {
			rest := msg
			rest.Runes = msg.Runes[i:]
			return tea.Batch(append(cmds, m.onKey(rest))...)
		}
		one := msg
		one.Runes = []rune{r}
		cmds = append(cmds, m.onKey(one))
	}
	return tea.Batch(cmds...)
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	g := m.c.Keys.Global
	if key.Matches(msg, g.ForceQuit) { // asks like q while downloads run; twice insists
		if m.confirm {
			m.confirm = false
			return tea.Quit
		}
		return m.quit()
	}
	if m.toast.Visible() { // any other key clears the toast
		m.toast.Dismiss()
		m.layout()
	}
	if m.confirm {
		return m.onConfirmKey(msg)
	}
	if key.Matches(msg, g.NextTab) && !m.tooSmall() {
		m.showHelp, m.showMsgs = false, false
		return m.nextTab()
	}
	if key.Matches(msg, g.Messages) && !m.tooSmall() { // from anywhere, text fields too
		m.showMsgs, m.showHelp = !m.showMsgs, false
		return nil
	}
	if m.capturing() { // a text filter takes every key
		if m.focus == focusMissions {
			return m.missions.Update(msg)
		}
		return m.products.Update(msg)
	}
	switch {
	case m.tooSmall():
		if key.Matches(msg, g.Quit) {
			return m.quit()
		}
		return nil
	case m.showHelp:
		if key.Matches(msg, g.Help) || msg.Type == tea.KeyEsc {
			m.showHelp = false
		} else if key.Matches(msg, g.Quit) {
			return m.quit()
		}
		return nil
	case m.showMsgs:
		if msg.Type == tea.KeyEsc {
			m.showMsgs = false
		} else if key.Matches(msg, g.Quit) {
			return m.quit()
		}
		return nil
	case key.Matches(msg, g.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, g.Quit): // disabled while the form has focus
		return m.quit()
	case key.Matches(msg, g.Queue): // disabled while the form has focus
		m.toggleQueue()
		return nil
	case key.Matches(msg, g.Missions): // disabled in text fields
		m.setFocus(focusMissions)
		return m.missions.Open()
	case m.focus != focusForm && key.Matches(msg, m.c.Keys.Missions.Observe): // disabled in text fields
		m.setFocus(m.obsFocus)
		return nil
	}
	if m.focus == focusMissions {
		return m.missions.Update(msg)
	}
	if m.focus == focusForm {
		if key.Matches(msg, m.c.Keys.Form.Back) && !m.form.TakesEsc() { // enabled once a search has run
			m.setFocus(focusResults)
			return nil
		}
		return m.form.Update(msg)
	}
	return m.onBrowseKey(msg)
}
