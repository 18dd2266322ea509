package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// preparingActivity is the status line's activity while Options.Prepare runs.
const preparingActivity = "preparing the demo archive"

// PreparedMsg says Options.Prepare returned: the demo archive is ready (Err nil) or
// could not be built.
type PreparedMsg struct{ Err error }

// prepareAfterFirstFrame runs Options.Prepare, off the UI goroutine, when the first
// size arrives: the frame drawn right after it is the first with content, and
// Bubble Tea draws it while the Cmd runs. Nil when there is nothing to prepare.
func (m *Model) prepareAfterFirstFrame() tea.Cmd {
	prepare, ctx := m.opts.Prepare, m.c.Ctx
	if prepare == nil || m.sized || !m.preparing {
		return nil
	}
	return func() tea.Msg {
		err := prepare(ctx)
		if ctx.Err() != nil {
			return nil // the session ended first
		}
		return PreparedMsg{Err: err}
	}
}

// prepared ends the "preparing" status; a failure is a toast (requests get it too).
func (m *Model) prepared(msg PreparedMsg) tea.Cmd {
	m.preparing = false
	if msg.Err == nil {
		return nil
	}
	m.c.Logger.Error("demo archive", "err", msg.Err)
	return func() tea.Msg {
		return common.ToastMsg{Level: common.LevelError, Text: "The demo archive could not be built: " + msg.Err.Error()}
	}
}
