package duplicates

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/dupcheck"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/views/products"
)

// Tasks of the tab's requests.
const (
	loadTask   = "duplicates.load"
	exportTask = "duplicates.export"
)

// targetTask is the task of one target's check.
func targetTask(i int) string { return fmt.Sprintf("duplicates.target.%d", i) }

// LoadedMsg carries a target list read from its file.
type LoadedMsg struct {
	Run     int
	Source  string
	Targets []dupcheck.Target
	Err     error
}

// TargetMsg carries one target's check.
type TargetMsg struct {
	Run    int
	Index  int
	Result dupcheck.Result
}

// ExportedMsg says where the report went.
type ExportedMsg struct {
	Path string
	Err  error
}

func keyIs(msg tea.KeyMsg, b ...key.Binding) bool { return key.Matches(msg, b...) }

// Update handles keys (while focused) and the answers of the tab's requests.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		switch msg.To {
		case products.BatchTask, products.RecomputeTask:
			return m.products.Update(msg)
		}
		inner, ok := m.req.Take(msg)
		if !ok {
			return nil
		}
		switch inner := inner.(type) {
		case LoadedMsg:
			return m.onLoaded(inner)
		case TargetMsg:
			m.onTarget(inner)
		case ExportedMsg:
			if inner.Err != nil {
				return common.Toast(common.LevelError, "Report not written: "+inner.Err.Error())
			}
			return common.Toast(common.LevelInfo, "report written to "+inner.Path)
		}
		return nil
	case products.BackMsg:
		if m.pane == paneProducts {
			m.setPane(paneResults)
		}
		return nil
	case tea.KeyMsg:
		switch m.pane {
		case paneResults:
			return m.resultsKey(msg)
		case paneDetails:
			return m.detailsKey(msg)
		case paneProducts:
			return m.products.Update(msg)
		}
		return m.formKey(msg)
	}
	if m.pane == paneProducts {
		return m.products.Update(msg) // its timers and filter-panel answers
	}
	return nil
}

// formKey handles a key in the form.
func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Duplicates
	f := m.form
	switch {
	case keyIs(msg, k.Submit):
		return m.submit()
	case keyIs(msg, k.Reset):
		f.Clear()
		m.formErr = ""
		return nil
	case keyIs(msg, k.Back) && m.run != nil:
		m.setPane(paneResults)
		return nil
	case keyIs(msg, k.Next) && f.Focused() == rowTargets:
		if v, ok := completePath(f.Field(rowTargets).Value()); ok {
			f.Field(rowTargets).SetValue(v)
			return nil
		}
	case f.Current().Kind == form.Choice && keyIs(msg, k.Cycle):
		step := 1
		if msg.String() == "left" {
			step = -1
		}
		f.Current().Cycle(step)
		return nil
	}
	if f.Navigate(msg, k.FormNav) {
		return nil
	}
	if changed, cmd := f.Type(msg); changed || cmd != nil {
		m.formErr = ""
		return cmd
	}
	return nil
}

// submit reads the form and starts the check: the file is read first, off the UI.
func (m *Model) submit() tea.Cmd {
	sp, err := m.read()
	if err != nil {
		m.formErr = ""
		return nil
	}
	if m.archive == nil {
		m.formErr = "No archive in this session: the check cannot run"
		return nil
	}
	m.req.CancelAll()
	m.seq++
	id := m.seq
	if sp.path == "" {
		return m.start(id, "typed", sp.targets, sp)
	}
	ap, err := m.apertures()
	if err != nil {
		m.formErr = err.Error()
		return nil
	}
	m.formErr = ""
	m.pendingSpec = sp
	path := sp.path
	return m.req.Run(loadTask, "reading "+path, func(context.Context) tea.Msg {
		ts, err := dupcheck.ReadTargetsFile(path, ap)
		return LoadedMsg{Run: id, Source: path, Targets: ts, Err: err}
	})
}

func (m *Model) onLoaded(msg LoadedMsg) tea.Cmd {
	if msg.Run != m.seq {
		return nil
	}
	if msg.Err != nil {
		m.formErr = msg.Err.Error()
		m.form.Field(rowTargets).SetErr("cannot read this list (below)")
		m.setPane(paneForm)
		return nil
	}
	return m.start(msg.Run, msg.Source, msg.Targets, m.pendingSpec)
}

// start runs one request per target; the checker bounds how many query at once.
func (m *Model) start(id int, source string, targets []dupcheck.Target, sp spec) tea.Cmd {
	m.run = &run{id: id, source: source, targets: targets, results: make([]*dupcheck.Result, len(targets)), format: sp.format}
	m.cursor, m.offset = 0, 0
	m.setPane(paneResults)
	checker := dupcheck.NewChecker(m.archive, dupcheck.Options{RadiusScale: sp.scale, Now: m.c.Now})
	m.c.Logger.Info("duplication check", "run", id, "source", source, "targets", len(targets), "radius_scale", sp.scale)
	cmds := make([]tea.Cmd, len(targets))
	for i, t := range targets {
		cmds[i] = m.req.Run(targetTask(i), "checking target "+t.Label(), func(ctx context.Context) tea.Msg {
			return TargetMsg{Run: id, Index: i, Result: checker.Check(ctx, t)}
		})
	}
	return tea.Batch(cmds...)
}

func (m *Model) onTarget(msg TargetMsg) {
	r := m.run
	if r == nil || msg.Run != r.id || msg.Index >= len(r.results) || r.results[msg.Index] != nil {
		return
	}
	res := msg.Result
	r.results[msg.Index] = &res
	r.done++
	if res.Err != nil {
		m.c.Logger.Warn("duplication check failed", "target", res.Target.Label(), "err", res.Err)
	}
}

// resultsKey handles a key in the results.
func (m *Model) resultsKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Duplicates
	t := k.Table
	items := m.run.items()
	page := max(1, m.listHeight()-1)
	switch {
	case keyIs(msg, k.Back):
		m.setPane(paneForm)
	case keyIs(msg, t.Up):
		m.cursor--
	case keyIs(msg, t.Down):
		m.cursor++
	case keyIs(msg, t.PageUp):
		m.cursor -= page
	case keyIs(msg, t.PageDown):
		m.cursor += page
	case keyIs(msg, t.Home):
		m.cursor = 0
	case keyIs(msg, t.End):
		m.cursor = len(items) - 1
	case keyIs(msg, k.Details):
		if m.showDetails() {
			m.setPane(paneDetails)
		}
	case keyIs(msg, k.Open):
		return m.openProducts()
	case keyIs(msg, k.Export):
		return m.export("")
	}
	m.cursor = max(0, min(m.cursor, len(items)-1))
	return nil
}

// detailsKey scrolls the details; esc goes back to the results.
func (m *Model) detailsKey(msg tea.KeyMsg) tea.Cmd {
	if keyIs(msg, m.c.Keys.Duplicates.Back, m.c.Keys.Details.Close) {
		m.setPane(paneResults)
		return nil
	}
	m.details.Update(msg, m.c.Keys.Details.Scroll)
	return nil
}

// current is the row under the cursor, with its result (nil while it runs) and match
// (nil on a target's line).
func (m *Model) current() (item, *dupcheck.Result, *dupcheck.Candidate) {
	items := m.run.items()
	if m.cursor < 0 || m.cursor >= len(items) {
		return item{-1, -1}, nil, nil
	}
	it := items[m.cursor]
	res := m.run.results[it.target]
	if res == nil || it.cand < 0 {
		return it, res, nil
	}
	return it, res, &res.Matches[it.cand]
}

// openProducts lists the products of the match under the cursor.
func (m *Model) openProducts() tea.Cmd {
	_, _, c := m.current()
	switch {
	case c == nil:
		return common.Toast(common.LevelWarn, "Put the cursor on a matched observation to list its products")
	case c.Status == "planned":
		return common.Toast(common.LevelWarn, common.Sanitize(c.ObsID)+" is planned: it has no products yet")
	case c.Obsid == "":
		return common.Toast(common.LevelWarn, common.Sanitize(c.ObsID)+" has no obsid to list products by")
	}
	m.setPane(paneProducts)
	return m.products.Start([]string{c.Obsid}, []string{c.ObsID})
}
