package missions

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// columnsTask fetches the mission's column list.
const columnsTask = "columns"

// ColumnsMsg carries a mission's column list (addressed to the mission).
type ColumnsMsg struct {
	Columns []mast.MissionColumn
	Err     error
}

// open fetches the shown mission's columns once (again after a failure).
func (m *Model) open() tea.Cmd {
	s := m.st()
	if s.fields != nil || s.req.Running(columnsTask) {
		return nil
	}
	s.colsErr = nil
	archive, name := m.archive, s.mission
	return s.req.Run(columnsTask, "Fetching "+name+" columns…", func(ctx context.Context) tea.Msg {
		if archive == nil {
			return ColumnsMsg{Err: errors.New("no archive configured")}
		}
		cols, err := archive.MissionColumns(ctx, name)
		return ColumnsMsg{Columns: cols, Err: err}
	})
}

// onColumns builds the criteria fields: queryable columns, default-output ones first.
func (m *Model) onColumns(s *state, msg ColumnsMsg) tea.Cmd {
	if msg.Err != nil {
		s.colsErr = msg.Err
		return common.Toast(common.LevelError, "Could not list the "+s.mission+" columns: "+common.Sanitize(msg.Err.Error()))
	}
	s.columns = msg.Columns
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
	criteria := make([]*form.Field, len(q))
	for i, c := range q {
		f := form.NewText(m.c.Styles, c.Name, c.FieldName, 0)
		f.Hint, f.Help = c.FieldName, c.Name+" ("+c.Type+"): "+c.Description
		s.fields[i], criteria[i] = field{col: c, in: f}, f
	}
	s.form.Append(criteria...)
	m.layoutState(s)
	m.focusField(s)
	return nil
}

// query builds the Search API query of the form, or says what is wrong with it: the
// client's own checks run on the cached column list, so the form names a bad column
// before anything is sent.
func (m *Model) query(s *state) (mast.MissionQuery, error) {
	fm := s.form
	q := mast.MissionQuery{Mission: s.mission, Resolver: fm.Field(rowResolver).Value()}
	q.Coordinates, q.Objects = mast.SplitTargets(fm.Field(rowTargets).Value())
	if r := fm.Field(rowRadius).Trimmed(); r != "" {
		v, err := mast.ParseMissionRadius(r)
		if err != nil {
			return q, fmt.Errorf("radius: %w", err)
		}
		q.RadiusArcmin = v
	}
	for _, f := range s.fields {
		if v := f.in.Trimmed(); v != "" {
			q.Criteria = append(q.Criteria, mast.Criterion{Name: f.col.Name, Value: v})
		}
	}
	for _, part := range mast.SplitList(fm.Field(rowSort).Value()) {
		col, desc, err := mast.ParseMissionSort(part)
		if err != nil {
			return q, err
		}
		q.SortBy = append(q.SortBy, col)
		q.SortDesc = append(q.SortDesc, desc)
	}
	q.SelectCols = mast.SplitList(fm.Field(rowSelect).Value())
	if len(q.Coordinates)+len(q.Objects)+len(q.Criteria) == 0 {
		return q, errors.New("give targets or at least one criterion")
	}
	if len(s.columns) > 0 {
		if err := mast.ValidateMissionQuery(s.mission, s.columns, q); err != nil {
			return q, err
		}
	}
	return q, nil
}

// submit runs the form's search in the mission's results view.
func (m *Model) submit() tea.Cmd {
	s := m.st()
	q, err := m.query(s)
	if err != nil {
		s.formErr = "Not searched: " + err.Error()
		return nil
	}
	if s.live.Unresolved { // the live count found a name with no position: no search can
		s.formErr = "Not searched: " + s.live.Problem
		s.form.FocusIndex(rowTargets)
		m.focusField(s)
		return nil
	}
	s.formErr = ""
	s.pane = paneResults
	m.focusField(s)
	m.c.Logger.Info("mission search", "mission", s.mission, "criteria", len(q.Criteria), "targets", len(q.Coordinates)+len(q.Objects))
	return tea.Batch(m.record(s), s.results.StartSearch(common.Search{Mission: &q, Target: summary(q)}))
}

// summary is the search in words, for titles and messages.
func summary(q mast.MissionQuery) string {
	var parts []string
	var targets []string
	for _, p := range q.Coordinates {
		targets = append(targets, common.FormatPosition(p))
	}
	targets = append(targets, q.Objects...)
	if len(targets) > 0 {
		r := q.RadiusArcmin
		if r == 0 {
			r = mast.DefaultMissionRadiusMin
		}
		parts = append(parts, strings.Join(targets, ", ")+fmt.Sprintf(" r %g′", r))
	}
	for _, c := range q.Criteria {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return common.Sanitize(strings.Join(parts, " · "))
}
