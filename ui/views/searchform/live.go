package searchform

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// liveDelay is the pause in typing after which the criteria are checked, then counted.
const liveDelay = 300 * time.Millisecond

// Tasks of the form's Requests: the newest request of each wins, and a new one cancels
// the one in flight. The live task is the pause in typing, the archive's check of the
// criteria and the count, one after another (form.Live): every edit cancels whichever
// of them is in flight.
const (
	liveTask    = "live"
	resolveTask = "resolve"
)

// livePauseMsg comes back after a pause in typing (only the last edit's is taken).
type livePauseMsg struct{}

// edited records a change of the query: the check or count in flight is cancelled and
// the pause before the next restarts.
func (m *Model) edited() tea.Cmd {
	m.validated, m.countWaits = false, false
	m.req.Cancel(facetTask) // its answer would count the search before the edit
	m.hereFresh = false
	return m.live.Edited()
}

// onPause checks what typing left: the target and radius here, the criteria at the
// archive (the count follows its verdict), and where the target name is.
func (m *Model) onPause() tea.Cmd {
	m.checkPlace()
	m.suggestValues()
	return tea.Batch(m.validate(false), m.resolveTarget(false))
}

// suggestValues notes, under each categorical criterion, the values no observation
// holds and the nearest ones that some do (obs_collection=HTS: did you mean HST?).
func (m *Model) suggestValues() {
	crits, from := m.criteria()
	changed := false
	for _, f := range m.fields {
		if f.suggest != "" {
			f.suggest, changed = "", true
		}
	}
	for _, h := range mast.ValueHints(m.facets, crits) {
		for k, c := range crits {
			if c.Name == h.Column && strings.Contains(","+c.Value+",", h.Value) {
				f := m.fields[from[k]]
				if f.suggest != "" {
					f.suggest += "; "
				}
				f.suggest += common.Sanitize(strings.TrimPrefix(h.String(), h.Column+" "))
				changed = true
				break
			}
		}
	}
	if changed {
		m.relayout()
	}
}

// checkPlace marks bad coordinates and a bad radius as soon as typing stops, as the
// archive's verdict marks bad criteria.
func (m *Model) checkPlace() {
	_, _, _, te, re := m.place()
	if t, r := m.fields[FieldTarget], m.fields[FieldRadius]; t.ErrFrom(form.Local) != te || r.ErrFrom(form.Local) != re {
		t.SetErr(te)
		r.SetErr(re)
		m.relayout()
	}
}

// validate asks the archive to check the current criteria (submit: search if they
// pass), as the live task's newest request.
func (m *Model) validate(submit bool) tea.Cmd {
	crits, fields := m.criteria()
	msg := ValidatedMsg{Fields: fields, Submit: submit}
	a := m.archive
	m.live.Asking = false // a count in flight is cancelled
	return m.req.Run(liveTask, "", func(ctx context.Context) tea.Msg {
		if a == nil {
			return msg
		}
		// The archive names the first bad criterion; ask again after it to mark them all.
		for start := 0; start < len(crits); {
			err := a.ValidateCriteria(ctx, crits[start:])
			if err == nil {
				break
			}
			var ce *mast.CriterionError
			if !errors.As(err, &ce) || ce.Index < 0 || start+ce.Index >= len(crits) {
				msg.Err = err
				break
			}
			msg.Bad = append(msg.Bad, BadCriterion{Index: start + ce.Index, Message: criterionMessage(crits[start+ce.Index], ce)})
			start += ce.Index + 1
		}
		return msg
	})
}

// criterionMessage drops the "criterion NAME=VALUE: " prefix: the field says which.
func criterionMessage(c mast.Criterion, err error) string {
	s := err.Error()
	return strings.TrimPrefix(s, "criterion "+c.Name+"="+c.Value+": ")
}

// onValidated takes the archive's verdict on the criteria as they are (an answer for an
// older form was dropped by the Requests): bad ones are marked, else the count follows.
func (m *Model) onValidated(msg ValidatedMsg) tea.Cmd {
	for _, f := range m.fields {
		f.SetErrFrom(form.Remote, "")
	}
	m.valErr = ""
	m.validated = msg.Err == nil
	var noted tea.Cmd
	if msg.Err != nil {
		m.valErr = shortErr(msg.Err)
		noted = note("Criteria not checked", msg.Err)
	}
	first := -1
	for _, b := range msg.Bad {
		if b.Index < 0 || b.Index >= len(msg.Fields) || msg.Fields[b.Index] >= len(m.fields) {
			continue
		}
		i := msg.Fields[b.Index]
		m.fields[i].SetErrFrom(form.Remote, common.Sanitize(b.Message))
		if first < 0 || i < first {
			first = i
		}
	}
	m.relayout()
	switch {
	case msg.Submit && first >= 0:
		m.setFocus(first)
		return noted
	case msg.Submit:
		// This check took the place of the pause's: the form is counted too.
		return tea.Batch(noted, m.submit(), m.startCount())
	case first >= 0:
		return noted
	}
	return tea.Batch(noted, m.startCount())
}

// startCount asks for the number of matches of the current query as the live task's
// newest request. Nothing is asked while the form is incomplete or the target is bad;
// a target name is counted once its position is known.
func (m *Model) startCount() tea.Cmd {
	q, ok := m.countQuery()
	if !ok || m.archive == nil {
		m.live.Incomplete("")
		m.clearHere()
		return nil
	}
	if m.objectName() != "" && !m.resolvedKnown() {
		m.countWaits = true // the name first: the count follows its answer
		return m.resolveTarget(false)
	}
	a := m.archive
	return tea.Batch(m.live.Ask(func(ctx context.Context) (int64, error) { return a.Count(ctx, q) }), m.startSpinner())
}

func (m *Model) onCount(msg form.CountMsg) tea.Cmd {
	m.live.Got(msg)
	switch {
	case m.live.Unresolved: // the count resolved the name first
		m.markUnresolved(msg.Err)
		return nil
	case msg.Err != nil:
		m.live.Problem = shortErr(msg.Err) // the form shows its first line; the log has it all
		return note("Count unavailable", msg.Err)
	}
	return m.startHereFacets()
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return wrapSpin(m.spin.Tick)
}

func (m *Model) onSpin(msg spinMsg) tea.Cmd {
	if !m.live.Asking {
		m.spinning = false // the frame chain ends while idle
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.c.Spin(m.spin, msg.tick)
	return wrapSpin(cmd)
}

// wrapSpin makes the spinner's frames the form's own (spinMsg), so the root's spinner
// does not take them. A frame timed on a test clock comes back deferred (a TimerMsg):
// the frame it will deliver is wrapped too.
func wrapSpin(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case spinner.TickMsg:
			return spinMsg{tick: msg}
		case common.Deferred:
			return msg.Wrap(wrapSpin)
		default:
			return msg
		}
	}
}
