package form

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// Live is the live count hook: every edit cancels the count in flight and waits for a
// pause in typing (Delay) through the form's Requests; the pause comes back to the owner
// as the message Pause, addressed to Task, and the owner then checks the form and asks
// (Ask) for its count, whose answer it hands to Got. Only the newest request's answer
// is taken (common.Requests.Take), so a late count never shows for a changed form.
type Live struct {
	Req   *common.Requests
	Task  string        // the task of the pause and the count in Req
	Delay time.Duration // the pause in typing
	Pause tea.Msg       // what the pause sends back

	Asking  bool   // a count is in flight
	Known   bool   // Total is the count of the form as it is
	Total   int64  //
	Problem string // what the server (or the form's own check) says is wrong
	// Unresolved: a target name of the form as it is has no position.
	Unresolved bool
}

// Edited cancels the count in flight and restarts the pause before the next.
func (l *Live) Edited() tea.Cmd {
	l.Asking, l.Unresolved = false, false
	return l.Req.Debounce(l.Task, l.Delay, l.Pause)
}

// Incomplete clears the count of a form that cannot be counted; problem says why
// ("" when the form is merely empty).
func (l *Live) Incomplete(problem string) {
	l.Asking, l.Known, l.Problem = false, false, problem
}

// Ask runs count off the UI goroutine as the task's newest request; its answer (a
// CountMsg) comes back addressed to Task.
func (l *Live) Ask(count func(ctx context.Context) (int64, error)) tea.Cmd {
	l.Asking = true
	return l.Req.Run(l.Task, "", func(ctx context.Context) tea.Msg {
		total, err := count(ctx)
		return CountMsg{Total: total, Err: err}
	})
}

// CountMsg carries the count of the form as it was when it was asked.
type CountMsg struct {
	Total int64
	Err   error
}

// Got takes a count's answer: the total, or the problem (a name with no position marks
// the form Unresolved).
func (l *Live) Got(msg CountMsg) {
	l.Asking = false
	if msg.Err != nil {
		var nr *mast.NotResolvedError
		l.Known, l.Problem = false, common.Sanitize(msg.Err.Error())
		l.Unresolved = errors.As(msg.Err, &nr)
		return
	}
	l.Known, l.Total, l.Problem = true, msg.Total, ""
}

// Reset forgets the count (the form was cleared); a request in flight is cancelled.
func (l *Live) Reset() {
	l.Req.Cancel(l.Task)
	l.Asking, l.Known, l.Total, l.Problem, l.Unresolved = false, false, 0, "", false
}

// State is the count line's state, for drawing.
type State int

const (
	// Idle: nothing to count yet.
	Idle State = iota
	// Asking: a count is in flight.
	Asking
	// Known: the total is known.
	Known
	// Problem: the form (or the server) says what is wrong.
	Problem
)

// State is what the count line should say.
func (l *Live) State() State {
	switch {
	case l.Problem != "":
		return Problem
	case l.Asking:
		return Asking
	case l.Known:
		return Known
	}
	return Idle
}
