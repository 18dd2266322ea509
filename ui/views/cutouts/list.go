package cutouts

import (
	"context"
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/grid"

	cutsvc "mastui/services/cutouts"
)

// listTask lists the sectors or surveys at the target (resolving its name first).
const listTask = "list"

// ListMsg answers a listing: the target as the services take it (resolved), and the
// sectors (TESScut) or surveys (Zcut); HAPCut lists nothing.
type ListMsg struct {
	Target   cutsvc.Target
	Resolved *mast.Resolved
	Sectors  []cutsvc.Sector
	Surveys  []string
	Err      error
}

// listing is one listing asked for, then answered.
type listing struct {
	spec     spec
	label    string // where, for the title: the row it came from, or the target as typed
	loading  bool
	target   cutsvc.Target
	resolved *mast.Resolved
	sectors  []cutsvc.Sector
	surveys  []string
	noData   string // the service's "nothing here", shown instead of a table
	err      error
	table    *model.Table
	state    *model.Column // each row's cutout in the queue ("" when not queued)
}

// rows is the number of rows of the listing's table.
func (l *listing) rows() int {
	if l == nil || l.table == nil {
		return 0
	}
	return l.table.Rows()
}

// submit lists the sectors or surveys at the form's target (HAPCut: resolves it and
// queues its one cutout).
func (m *Model) submit() tea.Cmd {
	sp, err := m.read(true)
	if err != nil {
		m.formErr = "Not listed: " + err.Error()
		return nil
	}
	return m.fetch(sp, sp.typed)
}

// fetch asks for the listing of sp.
func (m *Model) fetch(sp spec, label string) tea.Cmd {
	m.formErr = ""
	m.list = &listing{spec: sp, label: label, loading: true}
	m.grid.Selection().Reset()
	m.grid.SetColumns(nil)
	m.grid.SetRows(nil, 0)
	m.setPane(paneList)
	client := m.client
	what := map[string]string{TESScut: "Listing the TESS sectors", Zcut: "Listing the Zcut surveys", HAPCut: "Finding the target"}[sp.service]
	m.c.Logger.Info("cutouts: listing", "service", sp.service, "target", sp.typed, "size", sp.size.String())
	return m.req.Run(listTask, what+" at "+common.Sanitize(label)+"…", func(ctx context.Context) tea.Msg {
		if client == nil {
			return ListMsg{Err: errors.New("this session has no MAST client for cutouts")}
		}
		t, res, err := client.ResolveCutoutTarget(ctx, sp.target)
		if err != nil {
			return ListMsg{Err: err}
		}
		out := ListMsg{Target: t, Resolved: res}
		pos := mast.Position{RA: t.RA, Dec: t.Dec}
		switch sp.service {
		case TESScut:
			ct := mast.CutoutTarget{Position: &pos}
			if t.Moving() {
				ct = mast.CutoutTarget{MovingTarget: t.MovingTarget, MovingType: t.MovingType}
			}
			out.Sectors, out.Err = client.TESScutSectors(ctx, ct, sp.radius)
		case Zcut:
			out.Surveys, out.Err = client.ZcutSurveys(ctx, pos, sp.radius)
		}
		return out
	})
}

// onList takes a listing's answer: a table, the service's "no data" message, or an
// error (a toast too).
func (m *Model) onList(msg ListMsg) tea.Cmd {
	l := m.list
	if l == nil {
		return nil
	}
	l.loading = false
	l.target, l.resolved = msg.Target, msg.Resolved
	var nd *cutsvc.NoDataError
	switch {
	case errors.As(msg.Err, &nd):
		l.noData = nd.Msg
		m.c.Logger.Info("cutouts: no data", "service", nd.Service, "msg", nd.Msg)
		m.emptyListing()
		return nil
	case msg.Err != nil:
		l.err = msg.Err
		m.emptyListing()
		m.c.Logger.Error("cutouts: listing failed", "service", l.spec.service, "err", msg.Err)
		return common.Toast(common.LevelError, "Could not list the "+l.spec.service+" cutouts: "+common.Sanitize(msg.Err.Error()))
	}
	l.sectors, l.surveys = msg.Sectors, msg.Surveys
	l.table, l.state = m.tableOf(l)
	cols := make([]*grid.Column, 0, len(l.table.Columns))
	for _, c := range l.table.Columns {
		gc := grid.NewColumn(c, "", grid.FormatDefault, 48)
		gc.Measure(0, l.table.Rows())
		cols = append(cols, gc)
	}
	m.grid.SetColumns(cols)
	m.grid.SetRows(nil, l.table.Rows())
	m.grid.MoveTo(0)
	m.grid.Selection().Grow(l.table.Rows())
	m.refreshStatus()
	if l.spec.service == HAPCut { // nothing to choose: its one cutout is queued at once
		return tea.Batch(m.queue(), m.watch())
	}
	return m.watch()
}

// emptyListing gives the keys back to the form when the listing has nothing to choose
// (an error or no data, shown under the form), as the other forms keep them after a
// failed search: the form's esc then leaves the text field, so the letter keys work.
func (m *Model) emptyListing() {
	if m.pane == paneList {
		m.setPane(paneForm)
	}
}

// tableOf builds the listing's table: TESScut sector, camera, CCD, dates, cadence and
// sector name; Zcut survey; HAPCut its one cutout; each with the state of its cutout in
// the queue (before the sector name, which only repeats the numbers).
func (m *Model) tableOf(l *listing) (*model.Table, *model.Column) {
	state := model.NewColumn("cutout", model.KindString, 0)
	var t *model.Table
	switch l.spec.service {
	case TESScut:
		sector, camera, ccd := model.NewColumn("sector", model.KindInt, 0), model.NewColumn("camera", model.KindInt, 0), model.NewColumn("ccd", model.KindInt, 0)
		dates, cadence := model.NewColumn("dates", model.KindString, 0), model.NewColumn("cadence", model.KindString, 0)
		name := model.NewColumn("sectorName", model.KindString, 0)
		for i, s := range l.sectors {
			sector.Int = append(sector.Int, int64(s.Sector))
			camera.Int = append(camera.Int, int64(s.Camera))
			ccd.Int = append(ccd.Int, int64(s.CCD))
			span, known := cutsvc.SectorDates(s.Sector) // TESScut's answer has no dates (protocol 8.2)
			dates.Str = append(dates.Str, span.String())
			if !known {
				dates.SetMasked(i)
			}
			cadence.Str = append(cadence.Str, cutsvc.FormatCadence(cutsvc.SectorCadence(s.Sector)))
			name.Str = append(name.Str, s.Name)
			state.Str = append(state.Str, "")
		}
		t = model.NewTable(sector, camera, ccd, dates, cadence, state, name)
	case Zcut:
		survey := model.NewColumn("survey", model.KindString, 0)
		for _, s := range l.surveys {
			survey.Str = append(survey.Str, s)
			state.Str = append(state.Str, "")
		}
		t = model.NewTable(survey, state)
	default:
		what := model.NewColumn("HAPCut cutout", model.KindString, 0)
		what.Str = append(what.Str, fmt.Sprintf("%s at %s", l.spec.size.String(), common.FormatPosition(mast.Position{RA: l.target.RA, Dec: l.target.Dec})))
		state.Str = append(state.Str, "")
		t = model.NewTable(what, state)
	}
	return t, state
}

// noun names n rows of the listing: "4 sectors", "1 survey".
func (l *listing) noun(n int) string {
	word := map[string]string{TESScut: "sector", Zcut: "survey", HAPCut: "cutout"}[l.spec.service]
	if n != 1 {
		word += "s"
	}
	return common.Commas(int64(n)) + " " + word
}
