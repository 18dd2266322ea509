package results

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// missionArchive answers Search API pages from a fixed table of dataset ids and records
// the offsets asked for; the other Archive methods are unused.
type missionArchive struct {
	common.Archive
	ids     []string
	offsets []int
	notices []string
}

func (a *missionArchive) MissionSearch(_ context.Context, q mast.MissionQuery) (*mast.MissionPage, error) {
	a.offsets = append(a.offsets, q.Offset)
	from, to := min(q.Offset, len(a.ids)), min(q.Offset+q.Limit, len(a.ids))
	c := model.NewColumn("fileSetName", model.KindString, to-from)
	c.Str = append(c.Str, a.ids[from:to]...)
	return &mast.MissionPage{Table: model.NewTable(c), Total: int64(len(a.ids)), Limit: q.Limit, Offset: q.Offset,
		HitLimit: to-from >= q.Limit, Messages: a.notices}, nil
}

// A mission's results page by offset, tag their messages with the view's name, open
// products by the dataset keyword, and show the server's notices.
func TestMissionResultsPageByOffset(t *testing.T) {
	ids := make([]string, 25)
	for i := range ids {
		ids[i] = "jw0" + string(rune('a'+i))
	}
	a := &missionArchive{ids: ids, notices: []string{"Column 'effexptm': 2 values could not be coerced"}}
	c := common.New(context.Background(), nil, slog.New(slog.DiscardHandler), "test")
	m := NewWithProfile(c, a, 10, MissionProfile("jwst"))
	m.SetSize(100, 30)
	q := mast.MissionQuery{Mission: "jwst", Criteria: []mast.Criterion{{Name: "instrume", Value: "NIRCAM"}}}
	cmd := m.StartSearch(common.Search{Mission: &q, Target: "instrume=NIRCAM"})
	msg := cmd().(common.TabMsg)
	if msg.To != PageTask || msg.Req != m.QueryID() {
		t.Fatalf("page answer addressed to %s #%d, want %s #%d", msg.To, msg.Req, PageTask, m.QueryID())
	}
	toast := m.Update(msg)
	if m.Loaded() != 10 || m.Total() != 25 {
		t.Fatalf("loaded %d of %d", m.Loaded(), m.Total())
	}
	found := false
	var later []tea.Msg
	for _, mm := range uitest.Messages(toast) {
		if tm, ok := mm.(common.ToastMsg); ok && strings.Contains(tm.Text, "could not be coerced") {
			found = true
		} else {
			later = append(later, mm)
		}
	}
	if !found {
		t.Error("the server's notice was not shown")
	}
	// Another view's answer is not applied: request numbers are the session's.
	hst := NewWithProfile(c, nil, 10, MissionProfile("hst"))
	hst.StartSearch(common.Search{Mission: &mast.MissionQuery{Mission: "hst"}, Target: "M101"})
	other := answer(hst.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{Table: uitest.Observations(0, 3), RowsFiltered: 3}})
	if m.Update(other); m.Loaded() != 10 {
		t.Fatalf("a page for another view was applied")
	}
	// The prefetch of the next page, then going to the end, fetch offsets 10 and 20.
	for _, mm := range later {
		pump(m, m.Update(mm))
	}
	for range 3 {
		pump(m, m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}))
	}
	if m.Loaded() != 25 || len(a.offsets) != 3 || a.offsets[1] != 10 || a.offsets[2] != 20 {
		t.Fatalf("loaded %d, offsets %v", m.Loaded(), a.offsets)
	}
	if v := m.View(); !strings.Contains(v, "25 datasets") || !strings.Contains(v, "jwst · instrume=NIRCAM") {
		t.Fatalf("title:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	open := m.openProducts()().(OpenProductsMsg)
	if len(open.Obsids) != 1 || open.Obsids[0] != "jw0a" {
		t.Fatalf("open products %+v", open)
	}
}

// pump feeds the messages of cmd (pages, not toasts) back into m until none is left.
func pump(m *Model, cmd tea.Cmd) {
	for _, mm := range uitest.Messages(cmd) {
		if env, ok := mm.(common.TabMsg); ok && env.To == PageTask {
			pump(m, m.Update(mm))
		}
	}
}

// A saved mission column choice made on a criteria search still shows the separation
// columns of a cone search; one that names them is followed exactly.
func TestMissionChoiceKeepsSearchColumns(t *testing.T) {
	c := common.New(context.Background(), nil, slog.New(slog.DiscardHandler), "test")
	table := func() *model.Table {
		var cols []*model.Column
		for _, n := range []string{"fileSetName", "search_pos", "ang_sep", "targprop", "instrume"} {
			col := model.NewColumn(n, model.KindString, 1)
			col.Str = append(col.Str, "x")
			cols = append(cols, col)
		}
		return model.NewTable(cols...)
	}
	for _, tc := range []struct {
		choice []string
		want   string
	}{
		{[]string{"fileSetName", "instrume"}, "fileSetName search_pos ang_sep instrume"},
		{[]string{"fileSetName", "ang_sep", "instrume"}, "fileSetName ang_sep instrume"},
	} {
		m := NewWithProfile(c, nil, 10, MissionProfile("jwst"))
		m.SetSize(100, 20)
		m.SetColumnChoice(tc.choice)
		q := mast.MissionQuery{Mission: "jwst", Objects: []string{"NGC 628"}}
		m.StartSearch(common.Search{Mission: &q, Target: "NGC 628"})
		m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{Table: table(), RowsFiltered: 1, PagesFiltered: 1}}))
		if got := strings.Join(m.ShownColumns(), " "); got != tc.want {
			t.Errorf("choice %v: shown %q, want %q", tc.choice, got, tc.want)
		}
	}
}

// A saved observation column choice made on a criteria search (whose table has no
// distance) still shows distance on a later cone search; one that names it is followed.
func TestObservationChoiceKeepsDistance(t *testing.T) {
	c := common.New(context.Background(), nil, slog.New(slog.DiscardHandler), "test")
	cone := uitest.Observations(0, 5) // a cone search's table: it has distance
	for _, tc := range []struct {
		choice []string
		want   string
	}{
		{[]string{"obs_collection", "target_name", "t_min"}, "obs_collection distance target_name t_min"},
		{[]string{"obs_collection", "t_min", "distance"}, "obs_collection t_min distance"},
	} {
		m := New(c, nil, 10)
		m.SetSize(120, 20)
		m.SetColumnChoice(tc.choice)
		m.StartSearch(common.Search{Query: mast.Query{Object: "M101"}, Target: "M101", Radius: "0.2 deg"})
		m.Update(answer(m.QueryID(), PageLoadedMsg{Page: 1, Result: &mast.Page{Table: cone, RowsFiltered: 5, PagesFiltered: 1}}))
		if got := strings.Join(m.ShownColumns(), " "); got != tc.want {
			t.Errorf("choice %v: shown %q, want %q", tc.choice, got, tc.want)
		}
	}
}
