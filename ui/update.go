package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/login"
	"mastui/ui/components/toast"
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
	case tea.MouseMsg:
		cmd = m.onMouse(msg)
	case common.TabMsg:
		if msg.To == login.Task {
			cmd = m.account.Update(msg)
		} else {
			cmd = m.route(msg)
		}
	case common.OpenLoginMsg:
		cmd = m.openLogin()
	case common.ToastMsg:
		if msg.Level != common.LevelInfo {
			m.messages.Add(msg.Level, msg.Text)
		}
		cmd = m.toast.Show(msg.Level, msg.Text)
		m.layout()
	case common.NoteMsg:
		m.messages.Add(msg.Level, msg.Text)
	case common.QueueProductsMsg:
		cmd = m.guardFFIs(msg.Products)
	case common.QueueItemsMsg:
		cmd = m.queueItems(msg)
	case common.CatalogHereMsg:
		cmd = m.catalogHere(msg)
	case common.CutoutsHereMsg:
		cmd = m.cutoutsHere(msg)
	case common.ColumnsChosenMsg:
		cmd = m.saveColumns(msg)
	case common.LeaveTabMsg:
		cmd = m.focusTab(m.prev)
	case toast.ExpiredMsg:
		m.toast.Update(msg)
		m.layout()
	case PreparedMsg:
		cmd = m.prepared(msg)
	case spinner.TickMsg:
		if m.busy() {
			m.spin, cmd = m.c.Spin(m.spin, msg)
		} else {
			m.spinning = false // let the tick chain end while idle
		}
	default:
		m.c.Logger.Debug("dropped a message with no address", "type", typeName(msg))
	}
	m.syncKeys()
	m.refreshHeader()
	return m, tea.Batch(cmd, m.ensureSpinner())
}

// route hands an answer to the tab it is addressed to, whether it has the keys or not.
func (m *Model) route(msg common.TabMsg) tea.Cmd {
	for _, t := range m.tabs {
		if t.ID() == msg.To {
			return m.address(t, t.Update(msg.Msg))
		}
	}
	m.c.Logger.Warn("dropped an answer for an unknown tab", "to", msg.To, "type", typeName(msg.Msg))
	return nil
}

// focusTab gives the keys to tab i (nothing when it has them).
func (m *Model) focusTab(i int) tea.Cmd {
	if i == m.active || i < 0 || i >= len(m.tabs) {
		return nil
	}
	m.focused().Blur()
	m.prev, m.active, m.leftField = m.active, i, false
	cmd := m.address(m.focused(), m.focused().Focus())
	m.syncKeys()
	return cmd
}

// syncKeys enables the tab keys outside text fields: each opens its tab from the others;
// a toggling one (the queue's) also goes back from its own tab. A tab capturing every key
// (a find line, a text filter, an overlay) leaves them off too, so the hints offer ctrl+c
// to quit, not the q that would be typed.
func (m *Model) syncKeys() {
	letters := !m.typing() && !m.focused().Capturing() && !m.account.IsOpen()
	m.c.Keys.Global.Quit.SetEnabled(letters)
	m.c.Keys.Global.Palette.SetEnabled(letters)
	for i, s := range m.specs {
		if s.key != nil {
			s.key(m.c.Keys).SetEnabled(letters && (i != m.active || s.toggles))
		}
	}
}

// busy reports whether a request runs.
func (m *Model) busy() bool { return m.activity() != "" }

// activity is what runs, for the status bar and the spinner ("" when idle): the focused
// tab's work first, then any other tab's.
func (m *Model) activity() string {
	if m.preparing {
		return preparingActivity
	}
	if a := m.account.Activity(); a != "" {
		return a
	}
	if a := m.focused().Activity(); a != "" {
		return a
	}
	for _, t := range m.tabs {
		if a := t.Activity(); a != "" {
			return a
		}
	}
	return ""
}

// ensureSpinner starts the spinner's tick chain when work runs and none is pending.
func (m *Model) ensureSpinner() tea.Cmd {
	if m.spinning || !m.busy() {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// onKeys splits a burst of typed runes ("jjjj" read at once from a fast or remote
// terminal) into single keys, except where a text field takes them all.
func (m *Model) onKeys(msg tea.KeyMsg) tea.Cmd {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return m.onKey(msg)
	}
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if (m.typing() || m.account.IsOpen() || m.palette.IsOpen()) && !m.showHelp && !m.showMsgs && !m.tooSmall() {
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
	if m.ffiPending != nil {
		return m.onFFIKey(msg)
	}
	if m.palette.IsOpen() && !m.tooSmall() { // the palette has every key
		cmd := m.palette.Update(msg)
		if !m.palette.IsOpen() {
			m.layout()
		}
		return cmd
	}
	if key.Matches(msg, g.Login) && !m.tooSmall() && !m.account.IsOpen() { // from anywhere, text fields too
		return m.openLogin()
	}
	if m.account.IsOpen() && !m.tooSmall() { // the dialog has every key
		return m.account.Update(msg)
	}
	if key.Matches(msg, g.PaletteAnywhere) && !m.tooSmall() { // from anywhere, text fields too
		return m.openPalette()
	}
	if key.Matches(msg, g.NextTab) && !m.tooSmall() {
		m.showHelp, m.showMsgs = false, false
		return m.focusTab((m.active + 1) % len(m.tabs))
	}
	if key.Matches(msg, g.Messages) && !m.tooSmall() { // from anywhere, text fields too
		m.showMsgs, m.showHelp = !m.showMsgs, false
		return nil
	}
	t := m.focused()
	if t.Capturing() { // a text filter takes every key
		return m.address(t, t.Update(msg))
	}
	switch {
	case m.tooSmall():
		if key.Matches(msg, g.Quit) {
			return m.quit()
		}
		return nil
	case m.showHelp:
		if m.help.Update(msg, m.helpSections()) {
			return nil
		}
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
		m.openHelp()
		return nil
	case key.Matches(msg, g.Quit): // disabled in text fields
		return m.quit()
	case key.Matches(msg, g.Palette): // disabled in text fields
		return m.openPalette()
	}
	for i, s := range m.specs { // the tab keys, disabled in text fields
		if s.key == nil || !key.Matches(msg, *s.key(m.c.Keys)) {
			continue
		}
		to := i
		if i == m.active { // only a toggling key is enabled on its own tab
			to = m.prev
		}
		return m.letterToTab(to)
	}
	return m.toTab(t, msg)
}

// letterToTab focuses tab i for a tab key, a letter, pressed outside text fields: the
// tab opens outside its text field, as if esc had left it, so the next letters are
// still keys (w M O … go on switching tabs; they were typed into the field of the tab
// they landed on). Any other key goes into the field.
func (m *Model) letterToTab(i int) tea.Cmd {
	cmd := m.focusTab(i)
	if t := m.focused(); t.Typing() && !t.Capturing() {
		m.leftField = true
		t.Blur()
		m.syncKeys()
	}
	return cmd
}

// toTab gives a key to the focused tab, applying the rule for text fields: an esc that
// changes nothing (the tab still in its text field, its screen the same: no popup
// closed, no filter cleared, no pane left) leaves the field, so the global letter keys
// work; the next other key goes back into the field.
func (m *Model) toTab(t common.Tab, msg tea.KeyMsg) tea.Cmd {
	if m.leftField {
		if msg.Type == tea.KeyEsc {
			return nil
		}
		m.leftField = false
		m.syncKeys()
		focus := m.address(t, t.Focus())
		return tea.Batch(focus, m.address(t, t.Update(msg)))
	}
	if msg.Type != tea.KeyEsc || !t.Typing() || t.Capturing() {
		return m.address(t, t.Update(msg))
	}
	before := t.View()
	cmd := m.address(t, t.Update(msg))
	if t.Typing() && !t.Capturing() && t.View() == before {
		m.leftField = true
		t.Blur()
		m.syncKeys()
	}
	return cmd
}

// openLogin opens the login dialog over whatever shows.
func (m *Model) openLogin() tea.Cmd {
	if !m.account.Enabled() {
		return common.Toast(common.LevelWarn, "No MAST login in this session")
	}
	m.showHelp, m.showMsgs = false, false
	return m.account.Open()
}
