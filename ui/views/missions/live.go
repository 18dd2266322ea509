package missions

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
)

// liveDelay is the pause in typing after which the form's total is asked for.
const liveDelay = 450 * time.Millisecond

// liveTask is the live count's task in the mission's Requests (form.Live): every edit
// cancels the count in flight and waits for a pause in typing before the next.
const liveTask = "live"

// LiveTickMsg fires after a pause in typing (only the last edit's is taken).
type LiveTickMsg struct{}

// edited cancels the count in flight and restarts the pause before the next.
func (m *Model) edited(s *state) tea.Cmd { return s.live.Edited() }

// onLiveTick asks for the total when the form is complete; an incomplete form clears it.
func (m *Model) onLiveTick(s *state) tea.Cmd {
	q, err := m.query(s)
	if err != nil {
		problem := ""
		if len(q.Coordinates)+len(q.Objects)+len(q.Criteria) > 0 {
			problem = err.Error()
		}
		s.live.Incomplete(problem)
		return nil
	}
	// One row of the dataset keyword is enough: totalResults is the count.
	info, _ := mast.MissionInfo(s.mission)
	q.Limit, q.Offset, q.SortBy, q.SortDesc = 1, 0, nil, nil
	if info.DatasetKeyword != "" {
		q.SelectCols = []string{info.DatasetKeyword}
	}
	archive := m.archive
	if archive == nil {
		return nil
	}
	return s.live.Ask(func(ctx context.Context) (int64, error) {
		p, err := archive.MissionSearch(ctx, q)
		if p == nil {
			return 0, err
		}
		return p.Total, err
	})
}
