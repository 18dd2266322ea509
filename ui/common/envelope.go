package common

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// TabMsg is an addressed answer: Msg goes to the part named To (a tab, then within it a
// part, each level unwrapping one envelope); Req is the request it answers (0 when it
// answers no tracked request, see Requests). Answers are routed only by address, never
// by the focus: a search answer reaches the tab that asked even after the user moved on.
type TabMsg struct {
	To  string
	Req uint64
	Msg tea.Msg
}

// Address wraps cmd so that its answer, and every answer of a batch it yields, arrives as
// TabMsg{To: to, Req: req}. Intents for the root (toasts, notes, queueing, saving
// columns, leaving a tab, quitting) pass unwrapped: the root applies them whoever sent
// them.
func Address(to string, req uint64, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		switch m := msg.(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(m))
			for i, c := range m {
				out[i] = Address(to, req, c)
			}
			return out
		case Deferred:
			return m.Wrap(func(c tea.Cmd) tea.Cmd { return Address(to, req, c) })
		}
		if ForRoot(msg) {
			return msg
		}
		return TabMsg{To: to, Req: req, Msg: msg}
	}
}

// ForRoot reports whether msg is an intent the root applies (never addressed to a tab).
func ForRoot(msg tea.Msg) bool {
	switch msg.(type) {
	case ToastMsg, NoteMsg, QueueProductsMsg, QueueItemsMsg, CatalogHereMsg, CutoutsHereMsg, ColumnsChosenMsg, LeaveTabMsg, OpenLoginMsg, tea.QuitMsg:
		return true
	}
	return false
}

// ColumnsChosenMsg is the intent to remember a column choice: the root saves it
// (Options.SaveColumns) under Table, e.g. "observations" or "missions.jwst".
type ColumnsChosenMsg struct {
	Table   string
	Columns []string
}

// LeaveTabMsg is a tab's intent to give the keys back to the tab it was opened from (esc
// in the download queue).
type LeaveTabMsg struct{}

// typeName is a message's Go type, for logs.
func typeName(msg tea.Msg) string { return fmt.Sprintf("%T", msg) }
