package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/views/queue"
)

// updateQueue routes the engine's events and the panel's answers and intents.
func (m *Model) updateQueue(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case queue.EventMsg, queue.ActionMsg:
		return m.queue.Update(msg), true
	case queue.ClosedMsg:
		return nil, true
	case queue.BackMsg:
		m.toggleQueue()
		return nil, true
	}
	return nil, false
}

// toggleQueue opens the queue panel, or closes it back to the view it was opened from.
func (m *Model) toggleQueue() {
	if m.focus == focusQueue {
		m.setFocus(m.back)
		return
	}
	m.back = m.focus
	m.setFocus(focusQueue)
}

// nextTab moves to the next tab: Observations → Missions → Queue → Observations.
func (m *Model) nextTab() tea.Cmd {
	switch m.focus {
	case focusMissions:
		m.toggleQueue()
	case focusQueue:
		m.setFocus(m.obsFocus)
	default:
		m.setFocus(focusMissions)
		return m.missions.Open()
	}
	return nil
}

// refreshHeader shows the queue's summary in its tab and marks the focused tab.
func (m *Model) refreshHeader() {
	tab := "Queue"
	if s := m.queue.Summary(); s != "" {
		tab += " (" + s + ")"
	}
	m.header.SetTab(2, tab)
	switch m.focus {
	case focusQueue:
		m.header.SetActive(2)
	case focusMissions:
		m.header.SetActive(1)
	default:
		m.header.SetActive(0)
	}
}

// quit quits, or first asks when downloads are active or waiting (they resume on the
// next start, from the journal).
func (m *Model) quit() tea.Cmd {
	if m.queue.Pending() > 0 {
		m.confirm = true
		return nil
	}
	return tea.Quit
}

// onConfirmKey answers "Quit? y/n": y quits, anything else stays.
func (m *Model) onConfirmKey(msg tea.KeyMsg) tea.Cmd {
	m.confirm = false
	if s := msg.String(); s == "y" || s == "Y" {
		return tea.Quit
	}
	return nil
}

// ConfirmingQuit reports whether the quit question is showing (for tests).
func (m *Model) ConfirmingQuit() bool { return m.confirm }

// confirmText is the quit question.
func (m *Model) confirmText() string {
	n := m.queue.Pending()
	if n == 1 {
		return " 1 download active — it will resume on the next start. Quit? y/n"
	}
	return fmt.Sprintf(" %d downloads active — they will resume on the next start. Quit? y/n", n)
}
