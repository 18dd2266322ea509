package catalogs

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/views/searchform"
)

// PauseMsg fires after a pause in typing (only the last edit's is taken): the target is
// then resolved, the criteria checked and the form counted.
type PauseMsg struct{}

// ResolvedMsg is the answer of a resolve request for the form's target name.
type ResolvedMsg struct {
	Resolved *mast.Resolved
	Err      error
}

// CheckedMsg is the verdict on the form's criteria (TIC, CTL, Disk Detective): nil Err
// when they would encode.
type CheckedMsg struct{ Err error }

// edited cancels the count in flight and waits for the next pause.
func (m *Model) edited(s *state) tea.Cmd { return s.live.Edited() }

// counts reports whether the catalog's service counts (COUNT_BIG on the TIC, CTL and
// Disk Detective criteria services); the cone services and PanSTARRS have no count.
func counts(s *state) bool { return s.cat.Criteria && !s.cat.REST }

// onPause resolves the target name, checks the criteria and asks for the count.
func (m *Model) onPause(s *state) tea.Cmd {
	q, err := m.query(s)
	if err != nil {
		problem := ""
		if q.target || len(s.crit) > 0 && q.summary != "" {
			problem = err.Error()
		}
		s.live.Incomplete(problem)
		return nil
	}
	cmds := []tea.Cmd{m.resolve(s)}
	if counts(s) && m.client != nil {
		cq, client := *q.portal, m.client
		cmds = append(cmds, s.live.Ask(func(ctx context.Context) (int64, error) {
			if len(cq.Criteria) > 0 {
				if err := client.ValidateCatalogCriteria(ctx, cq.Catalog, cq.Criteria); err != nil {
					return 0, err
				}
			}
			return client.CatalogCount(ctx, cq)
		}))
	} else {
		s.live.Incomplete("")
	}
	return tea.Batch(cmds...)
}

// resolve asks where the target name is, unless that is known or being asked.
func (m *Model) resolve(s *state) tea.Cmd {
	name := objectName(s)
	resolver := s.form.ByName(fResolver).Value()
	if name == "" || m.client == nil {
		s.resolved = ""
		return nil
	}
	if s.res.name == name && s.res.resolver == resolver {
		return nil
	}
	s.res = resolution{name: name, resolver: resolver}
	client := m.client
	return s.req.Run(resolveTask, "", func(ctx context.Context) tea.Msg {
		rs, err := client.Resolve(ctx, []string{name}, resolver)
		msg := ResolvedMsg{Err: err}
		if err == nil && len(rs) == 1 {
			msg.Resolved = &rs[0]
		}
		return msg
	})
}

// objectName is the target when it is an object name, else "".
func objectName(s *state) string {
	q := s.form.ByName(fTarget).Trimmed()
	if q == "" || searchform.LooksLikeCoordinates(q) {
		return ""
	}
	return q
}

func (m *Model) onResolved(s *state, msg ResolvedMsg) tea.Cmd {
	s.res.done = true
	target := s.form.ByName(fTarget)
	var nr *mast.NotResolvedError
	switch {
	case errors.As(msg.Err, &nr):
		target.SetErrFrom(form.Unresolved, common.Sanitize(msg.Err.Error()))
		s.resolved = ""
		s.live.Unresolved = true
	case msg.Err != nil: // the resolver failed otherwise: the search will say so
		m.c.Logger.Warn("catalogs: resolve", "name", s.res.name, "err", msg.Err)
	case msg.Resolved != nil:
		target.SetErrFrom(form.Unresolved, "")
		s.resolved = common.FormatResolved(msg.Resolved)
	}
	return nil
}

// onCount takes the live count; a criterion at fault is marked on its field.
func (m *Model) onCount(s *state, msg form.CountMsg) {
	s.live.Got(msg)
	var ce *mast.CriterionError
	if errors.As(msg.Err, &ce) {
		for _, f := range s.crit {
			if strings.EqualFold(f.Name, ce.Name) {
				f.SetErrFrom(form.Remote, common.Sanitize(ce.Err.Error()))
			}
		}
	}
}
