package missions

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model/history"
	"mastui/ui/common"
)

// historyTab is the history's name for a mission's searches ("missions.jwst").
func historyTab(mission string) string { return "missions." + mission }

// snapshot is mission s's form as typed: targets, radius, resolver and criteria (sort
// and output columns are how to show a search, not what it is, and are not kept).
func snapshot(s *state) history.Search {
	fm := s.form
	h := history.Search{Tab: historyTab(s.mission), Target: fm.Field(rowTargets).Trimmed(), Resolver: fm.Field(rowResolver).Value()}
	if h.Target != "" {
		h.Radius = fm.Field(rowRadius).Trimmed()
	}
	for _, f := range s.fields {
		if v := f.in.Trimmed(); v != "" {
			h.Criteria = append(h.Criteria, history.Criterion{Name: f.col.Name, Value: v})
		}
	}
	return h
}

// apply puts a search of the history in mission s's form: targets, radius, resolver and
// the criteria (other criteria fields emptied; sort and output columns stay). A
// criterion on a column the mission no longer lists is dropped with a note.
func (m *Model) apply(s *state, h history.Search) tea.Cmd {
	fm := s.form
	fm.Field(rowTargets).SetValue(h.Target)
	fm.Field(rowRadius).SetValue(h.Radius)
	res := fm.Field(rowResolver)
	res.Choice = res.Default
	for i, r := range res.Choices {
		if strings.EqualFold(r, h.Resolver) {
			res.Choice = i
		}
	}
	for _, f := range s.fields {
		f.in.SetValue("")
		f.in.ClearErrs()
	}
	var unknown []string
	for _, c := range h.Criteria {
		f := fm.ByName(c.Name)
		if f == nil || fm.Index(c.Name) < fixedRows {
			unknown = append(unknown, c.Name)
			continue
		}
		f.SetValue(c.Value)
	}
	s.formErr = ""
	var note tea.Cmd
	if len(unknown) > 0 {
		note = common.Note(common.LevelWarn, s.mission+": the search's columns "+strings.Join(unknown, ", ")+" are not in the column list; left out")
	}
	return tea.Batch(note, m.edited(s))
}

// recallStep walks the mission's history with ↑/↓ in the Targets field (form.Recall);
// false when the key is not the walk's, so it moves the focus.
func (m *Model) recallStep(s *state, dir int) (bool, tea.Cmd) {
	if s.form.Focused() != rowTargets || m.c.History == nil {
		return false, nil
	}
	h, put, ok, err := s.recall.Step(dir, func() ([]history.Entry, error) {
		entries, _, err := m.c.History.History(historyTab(s.mission))
		return entries, err
	}, func() history.Search { return snapshot(s) })
	switch {
	case err != nil:
		return true, common.Note(common.LevelWarn, "Search history unavailable: "+err.Error())
	case !put:
		return ok, nil
	}
	return true, m.apply(s, h)
}

// record adds the search that starts to the history, off the UI goroutine.
func (m *Model) record(s *state) tea.Cmd {
	store, h := m.c.History, snapshot(s)
	if store == nil || h.Empty() {
		return nil
	}
	now := m.c.Clock.Now()
	return func() tea.Msg {
		if err := store.Add(h, now); err != nil {
			return common.NoteMsg{Level: common.LevelWarn, Text: "Search not kept in the history: " + err.Error()}
		}
		return nil
	}
}
