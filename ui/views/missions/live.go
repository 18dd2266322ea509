package missions

import (
	"context"
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// liveDelay is the pause in typing after which the form's total is asked for.
const liveDelay = 450 * time.Millisecond

// liveTask is the live count's task in the mission's Requests: every edit cancels the
// count in flight and waits for a pause in typing before the next.
const liveTask = "live"

// liveCount is the form's live total.
type liveCount struct {
	asking  bool
	known   bool
	total   int64
	problem string // what the server (or the form check) says is wrong
	// unresolved: a target name of the form as it is has no position (enter then stays).
	unresolved bool
}

// LiveTickMsg fires after a pause in typing (only the last edit's is taken).
type LiveTickMsg struct{}

// LiveCountMsg carries the total for the form as it was when the count was asked.
type LiveCountMsg struct {
	Total int64
	Err   error
}

// edited cancels the count in flight and restarts the pause before the next.
func (m *Model) edited(s *state) tea.Cmd {
	s.live.asking, s.live.unresolved = false, false
	return s.req.Debounce(liveTask, liveDelay, LiveTickMsg{})
}

// onLiveTick asks for the total when the form is complete; an incomplete form clears it.
func (m *Model) onLiveTick(s *state) tea.Cmd {
	q, err := m.query(s)
	if err != nil {
		s.live.known, s.live.problem = false, ""
		if len(q.Coordinates)+len(q.Objects)+len(q.Criteria) > 0 {
			s.live.problem = err.Error()
		}
		return nil
	}
	// One row of the dataset keyword is enough: totalResults is the count.
	info, _ := mast.MissionInfo(s.mission)
	q.Limit, q.Offset, q.SortBy, q.SortDesc = 1, 0, nil, nil
	if info.DatasetKeyword != "" {
		q.SelectCols = []string{info.DatasetKeyword}
	}
	s.live.asking = true
	archive := m.archive
	return s.req.Run(liveTask, "", func(ctx context.Context) tea.Msg {
		if archive == nil {
			return nil
		}
		p, err := archive.MissionSearch(ctx, q)
		out := LiveCountMsg{Err: err}
		if p != nil {
			out.Total = p.Total
		}
		return out
	})
}

func (m *Model) onLiveCount(s *state, msg LiveCountMsg) tea.Cmd {
	s.live.asking = false
	if msg.Err != nil {
		var nr *mast.NotResolvedError
		s.live.known, s.live.problem = false, common.Sanitize(msg.Err.Error())
		s.live.unresolved = errors.As(msg.Err, &nr)
		return nil
	}
	s.live.known, s.live.total, s.live.problem = true, msg.Total, ""
	return nil
}
