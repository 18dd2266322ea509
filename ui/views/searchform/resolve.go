package searchform

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// ResolvedMsg is the answer of a resolve request (the target's name with a resolver);
// older answers are dropped. Submit: enter is waiting for it.
type ResolvedMsg struct {
	Resolved *mast.Resolved
	Err      error
	Submit   bool
}

// resolution is what the form knows of the target name: it is resolved as soon as
// typing stops, so a name with no position is marked on the field before any search.
type resolution struct {
	name, resolver string // what was asked
	done           bool
}

// objectName is the target when it is an object name (not coordinates), else "".
func (m *Model) objectName() string {
	if t := m.fields[FieldTarget].value(); t != "" && !LooksLikeCoordinates(t) {
		return t
	}
	return ""
}

// resolveTarget asks where the target name is, unless that is known or being asked;
// submit carries on with enter once the answer is in.
func (m *Model) resolveTarget(submit bool) tea.Cmd {
	name, resolver := m.objectName(), m.Resolver()
	if name == "" || m.archive == nil {
		return nil
	}
	if !submit && m.res.name == name && m.res.resolver == resolver {
		return nil
	}
	m.res = resolution{name: name, resolver: resolver}
	a := m.archive
	return m.req.Run(resolveTask, "", func(ctx context.Context) tea.Msg {
		rs, err := a.Resolve(ctx, []string{name}, resolver)
		msg := ResolvedMsg{Err: err, Submit: submit}
		if err == nil && len(rs) == 1 {
			msg.Resolved = &rs[0]
		}
		return msg
	})
}

// resolvedKnown reports whether the target name has been resolved as it is now.
func (m *Model) resolvedKnown() bool {
	return m.res.done && m.res.name == m.objectName() && m.res.resolver == m.Resolver()
}

func (m *Model) onResolved(msg ResolvedMsg) tea.Cmd {
	m.res.done = true
	target := m.fields[FieldTarget]
	var nr *mast.NotResolvedError
	switch {
	case errors.As(msg.Err, &nr):
		m.countWaits = false
		m.markUnresolved(msg.Err)
		if msg.Submit {
			m.setFocus(FieldTarget)
		}
		return nil
	case msg.Err != nil:
		// The resolver failed for another reason (network, server): the search says so
		// and can be retried.
		m.c.Logger.Warn("resolve in the form", "name", m.res.name, "err", msg.Err)
	case msg.Resolved != nil:
		target.SetErrFrom(form.Unresolved, "")
		m.resolved = common.FormatResolved(msg.Resolved)
		m.relayout()
	}
	if msg.Submit {
		return m.afterTarget()
	}
	if m.countWaits {
		m.countWaits = false
		return m.startCount()
	}
	return nil
}

// markUnresolved puts why the target name has no position under the field; the count
// waits for a name that resolves.
func (m *Model) markUnresolved(err error) {
	m.fields[FieldTarget].SetErrFrom(form.Unresolved, common.Sanitize(err.Error()))
	m.resolved = ""
	if m.live.Asking { // the live task's request is the count
		m.req.Cancel(liveTask)
	}
	m.live.Incomplete("")
	m.relayout()
}
