package missions

import (
	"context"
	"fmt"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/grid"
	"mastui/ui/components/textfield"
)

// ColumnsMsg carries a mission's column list.
type ColumnsMsg struct {
	Mission string
	Columns []mast.MissionColumn
	Err     error
}

// PageMsg carries one page of a mission search. ID and Offset let the view drop
// answers it no longer waits for.
type PageMsg struct {
	Mission string
	ID      uint64
	Offset  int
	Page    *mast.MissionPage
	Err     error
}

// Open is called when the tab gets focus: it fetches the mission's columns once.
func (m *Model) Open() tea.Cmd {
	s := m.st()
	if s.fields != nil || s.colsLoading {
		return nil
	}
	s.colsLoading, s.colsErr = true, nil
	archive, name, ctx := m.archive, s.mission, m.c.Ctx
	return func() tea.Msg {
		if archive == nil {
			return ColumnsMsg{Mission: name, Err: fmt.Errorf("no archive configured")}
		}
		cols, err := archive.MissionColumns(ctx, name)
		return ColumnsMsg{Mission: name, Columns: cols, Err: err}
	}
}

func (m *Model) onColumns(msg ColumnsMsg) tea.Cmd {
	s := m.states[msg.Mission]
	if s == nil {
		return nil
	}
	s.colsLoading = false
	if msg.Err != nil {
		s.colsErr = msg.Err
		return common.Toast(common.LevelError, "Could not list the "+msg.Mission+" columns: "+common.Sanitize(msg.Err.Error()))
	}
	var q []mast.MissionColumn
	for _, c := range msg.Columns {
		if c.Queryable {
			q = append(q, c)
		}
	}
	slices.SortStableFunc(q, func(a, b mast.MissionColumn) int {
		switch {
		case a.DefaultOutput == b.DefaultOutput:
			return 0
		case a.DefaultOutput:
			return -1
		}
		return 1
	})
	s.fields = make([]field, len(q))
	for i, c := range q {
		s.fields[i] = field{col: c, in: textfield.New(m.c.Styles, "", 0)}
	}
	m.layoutState(s)
	m.focusField(s)
	return nil
}

// submit runs the form's search for the current mission.
func (m *Model) submit() tea.Cmd {
	s := m.st()
	s.formErr = ""
	q := mast.MissionQuery{Mission: s.mission, Limit: PageSize}
	q.Coordinates, q.Objects = splitTargets(s.targets.Value())
	if r := s.radius.Value(); r != "" {
		v, err := mast.ParseMissionRadius(r)
		if err != nil {
			s.formErr = err.Error()
			return nil
		}
		q.RadiusArcmin = v
	}
	for _, f := range s.fields {
		if v := f.in.Value(); v != "" {
			q.Criteria = append(q.Criteria, mast.Criterion{Name: f.col.Name, Value: v})
		}
	}
	if len(q.Coordinates)+len(q.Objects)+len(q.Criteria) == 0 {
		s.formErr = "give targets or at least one criterion"
		return nil
	}
	if s.cancel != nil {
		s.cancel()
	}
	s.reqID++
	s.query, s.searched = q, true
	s.err, s.pageErr, s.table, s.total, s.more, s.cols = nil, nil, nil, 0, false, nil
	s.grid.SetColumns(nil)
	s.grid.SetRows(nil, 0)
	s.grid.SetColumnCursor(0)
	s.ctx, s.cancel = context.WithCancel(m.c.Ctx)
	m.results = true
	m.c.Logger.Info("mission search", "mission", s.mission, "req", s.reqID, "criteria", len(q.Criteria))
	return m.fetch(s, 0)
}

func (m *Model) fetch(s *state, offset int) tea.Cmd {
	s.inflight = offset
	archive, q, id, ctx := m.archive, s.query, s.reqID, s.ctx
	q.Offset = offset
	return func() tea.Msg {
		if archive == nil {
			return PageMsg{Mission: q.Mission, ID: id, Offset: offset, Err: fmt.Errorf("no archive configured")}
		}
		p, err := archive.MissionSearch(ctx, q)
		return PageMsg{Mission: q.Mission, ID: id, Offset: offset, Page: p, Err: err}
	}
}

// maybeFetch asks for the next page when the cursor nears the end of the loaded rows.
func (m *Model) maybeFetch(s *state) tea.Cmd {
	if s.table == nil || !s.more || s.inflight >= 0 || s.pageErr != nil {
		return nil
	}
	if s.grid.Cursor()+max(2*s.grid.RowsHeight(), 20, PageSize/2) < s.table.Rows() {
		return nil
	}
	return m.fetch(s, s.table.Rows())
}

func (m *Model) onPage(msg PageMsg) tea.Cmd {
	s := m.states[msg.Mission]
	if s == nil || msg.ID != s.reqID || msg.Offset != s.inflight {
		m.c.Logger.Debug("dropped stale mission page", "mission", msg.Mission, "req", msg.ID, "offset", msg.Offset)
		return nil
	}
	s.inflight = -1
	if msg.Err != nil {
		text := common.Sanitize(msg.Err.Error())
		if msg.Offset == 0 {
			s.err = msg.Err
			return common.Toast(common.LevelError, "Mission search failed: "+text)
		}
		s.pageErr = msg.Err
		return common.Toast(common.LevelError, "Loading more datasets failed: "+text)
	}
	p := msg.Page
	if p == nil {
		p = &mast.MissionPage{}
	}
	t := p.Table
	var cmd tea.Cmd
	if msg.Offset == 0 {
		if t == nil {
			t = &model.Table{}
		}
		s.table, s.total = t, p.Total
		if p.HitLimit {
			cmd = common.Toast(common.LevelWarn, fmt.Sprintf("%s datasets match: %d loaded, more load as you scroll", common.Commas(p.Total), t.Rows()))
		}
		m.buildColumns(s)
	} else if t != nil {
		from, ncols := s.table.Rows(), len(s.table.Columns)
		if err := s.table.Append(t); err != nil {
			s.pageErr = err
			return common.Toast(common.LevelError, "Loading more datasets failed: "+common.Sanitize(err.Error()))
		}
		if len(s.table.Columns) != ncols {
			m.buildColumns(s)
		} else {
			for _, c := range s.cols {
				c.Measure(from, s.table.Rows())
			}
		}
	}
	s.more = p.HitLimit && t != nil && t.Rows() > 0
	if s.total < int64(s.table.Rows()) {
		s.total = int64(s.table.Rows())
	}
	s.grid.SetRows(nil, s.table.Rows())
	return tea.Batch(cmd, m.maybeFetch(s))
}

func (m *Model) buildColumns(s *state) {
	// The dataset ID first (the grid pins the first column), the search position last.
	info, _ := mast.MissionInfo(s.mission)
	rank := func(name string) int {
		switch name {
		case info.DatasetKeyword:
			return 0
		case "search_pos":
			return 2
		}
		return 1
	}
	s.cols = s.cols[:0]
	for r := range 3 {
		for _, c := range s.table.Columns {
			if rank(c.Name) != r {
				continue
			}
			gc := grid.NewColumn(c, "", grid.FormatDefault, 28)
			gc.Measure(0, s.table.Rows())
			s.cols = append(s.cols, gc)
		}
	}
	s.grid.SetColumns(s.cols)
}
