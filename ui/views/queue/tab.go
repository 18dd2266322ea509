package queue

import (
	"fmt"
	"mastui/download"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
)

// ID is the tab's registry name.
const ID = "queue"

// ID implements common.Tab.
func (m *Model) ID() string { return ID }

// Title is "Queue", with the queue's summary while it has one ("Queue (3↓ 41%)").
func (m *Model) Title() string {
	if s := m.Summary(); s != "" {
		return "Queue (" + s + ")"
	}
	return "Queue"
}

// Focus implements common.Tab.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur implements common.Tab.
func (m *Model) Blur() {}

// Hints implements common.Tab.
func (m *Model) Hints() []key.Binding {
	if !m.Available() {
		return []key.Binding{m.c.Keys.Queue.Back}
	}
	hints := m.c.Keys.Queue.ShortHelp()
	if s, ok := m.current(); ok && s.State == download.LoginRequired { // kept last: cut last
		hints = append(hints, m.c.Keys.Queue.Login)
	}
	return hints
}

// HelpSections implements common.Tab.
func (m *Model) HelpSections() []keymap.Section {
	return []keymap.Section{common.Section("Download queue", m.c.Keys.Queue)}
}

// Activity implements common.Tab: the header's summary says what downloads.
func (m *Model) Activity() string { return "" }

// Counts implements common.Tab.
func (m *Model) Counts() string { return "" }

// Typing implements common.Tab.
func (m *Model) Typing() bool { return false }

// QuitQuestion implements common.QuitGuard: quitting asks while downloads are active
// or waiting (they resume on the next start), unless the queue is detached (the
// download service goes on with them).
func (m *Model) QuitQuestion() string {
	if m.detached {
		return ""
	}
	switch n := m.Pending(); n {
	case 0:
		return ""
	case 1:
		return "1 download active — it will resume on the next start. Quit? y/n"
	default:
		return fmt.Sprintf("%d downloads active — they will resume on the next start. Quit? y/n", n)
	}
}

// Capturing implements common.Tab.
func (m *Model) Capturing() bool { return false }

// Crumbs implements common.Locator: the queue has no places within it.
func (m *Model) Crumbs() []string { return nil }

// Position implements common.Locator: "download 3 of 12".
func (m *Model) Position() string {
	if len(m.ids) == 0 {
		return ""
	}
	return "download " + common.Commas(int64(m.cursor)+1) + " of " + common.Commas(int64(len(m.ids)))
}
