package missions

import (
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
)

// liveDelay is the pause in typing after which the form's total is asked for.
const liveDelay = 450 * time.Millisecond

// liveCount is the form's live total: Seq numbers every edit so only the answer to the
// latest form is shown.
type liveCount struct {
	seq     uint64
	asking  bool
	known   bool
	total   int64
	problem string // what the server (or the form check) says is wrong
	// unresolved: a target name of the form as it is has no position (enter then stays).
	unresolved bool
}

// LiveTickMsg fires after a pause in typing; Seq drops all but the last.
type LiveTickMsg struct {
	Seq uint64
}

// LiveCountMsg carries the total for the form as it was at Seq.
type LiveCountMsg struct {
	Seq   uint64
	Total int64
	Err   error
}

// edited restarts the pause before the next live count.
func (m *Model) edited(s *state) tea.Cmd {
	s.live.seq++
	s.live.asking, s.live.unresolved = false, false
	seq := s.live.seq
	return tea.Tick(liveDelay, func(time.Time) tea.Msg { return LiveTickMsg{Seq: seq} })
}

// onLiveTick asks for the total when the form is complete; an incomplete form clears it.
func (m *Model) onLiveTick(s *state, msg LiveTickMsg) tea.Cmd {
	if msg.Seq != s.live.seq {
		return nil
	}
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
	archive, ctx, seq := m.archive, m.c.Ctx, msg.Seq
	return func() tea.Msg {
		if archive == nil {
			return nil
		}
		p, err := archive.MissionSearch(ctx, q)
		out := LiveCountMsg{Seq: seq, Err: err}
		if p != nil {
			out.Total = p.Total
		}
		return out
	}
}

func (m *Model) onLiveCount(s *state, msg LiveCountMsg) tea.Cmd {
	if msg.Seq != s.live.seq {
		return nil
	}
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
