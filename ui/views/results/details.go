package results

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/details"
)

// MetadataMsg carries the column descriptions of a table ("observations").
type MetadataMsg struct {
	Which  string
	Fields []mast.FieldMeta
	Err    error
}

// minSplitHeight is the smallest view height that fits the table and the details pane
// one above the other; below it the details cover the table.
const minSplitHeight = 20

// split reports whether the details pane shares the view with the table.
func (m *Model) split() bool { return m.height >= minSplitHeight }

// toggleDetails shows or hides the pane; the first time, the column descriptions are
// fetched (once per session).
func (m *Model) toggleDetails() tea.Cmd {
	m.showDetails = !m.showDetails
	m.focusDetails(m.showDetails && !m.split())
	m.layout()
	if !m.showDetails || m.metaState == metaLoading || m.metaState == metaLoaded || m.archive == nil && m.profile.Describe == nil {
		return nil
	}
	m.metaState = metaLoading
	archive, ctx, p := m.archive, m.c.Ctx, m.profile
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		f, err := metadataOf(ctx, archive, p)
		return MetadataMsg{Which: p.Name, Fields: f, Err: err}
	}
}

func (m *Model) focusDetails(on bool) {
	m.detailsFocus = on
	m.details.SetFocused(on)
}

func (m *Model) onMetadata(msg MetadataMsg) tea.Cmd {
	if msg.Which != m.profile.Name || m.metaState == metaLoaded {
		return nil
	}
	if msg.Err != nil {
		m.metaState = metaFailed // d tries again
		m.c.Logger.Warn("metadata failed", "which", msg.Which, "err", msg.Err)
		return common.Toast(common.LevelWarn, "Column descriptions unavailable: "+common.Sanitize(msg.Err.Error()))
	}
	m.meta, m.metaState = msg.Fields, metaLoaded
	return nil
}

func (m *Model) detailsKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Details
	switch {
	case key.Matches(msg, k.Close):
		m.showDetails = false
		m.focusDetails(false)
		m.layout()
	case key.Matches(msg, k.Leave):
		if !m.split() {
			m.showDetails = false
		}
		m.focusDetails(false)
		m.layout()
	default:
		m.details.Update(msg, k.Scroll)
	}
	return nil
}

// detailFields lists every column of table row r: the described columns in the
// metadata's order first, then any others, with label, unit and description.
func (m *Model) detailFields(r int) []details.Field {
	t := m.table
	out := make([]details.Field, 0, len(t.Columns))
	used := make([]bool, len(t.Columns))
	add := func(i int, fm *mast.FieldMeta) {
		c := t.Columns[i]
		used[i] = true
		f := details.Field{Name: common.Sanitize(c.Name), Label: common.Sanitize(c.Meta.Label),
			Unit: common.Sanitize(c.Meta.Unit), Desc: common.Sanitize(c.Meta.Description), Value: detailValue(c, r)}
		if fm != nil {
			if fm.Label != "" {
				f.Label = common.Sanitize(fm.Label)
			}
			if fm.Unit != "" {
				f.Unit = common.Sanitize(fm.Unit)
			}
			if fm.Description != "" {
				f.Desc = common.Sanitize(fm.Description)
			}
		}
		if f.Label == "" {
			f.Label = f.Name
		}
		out = append(out, f)
	}
	for i := range m.meta {
		if ci := t.ColIndex(m.meta[i].Name); ci >= 0 && !used[ci] {
			add(ci, &m.meta[i])
		}
	}
	for i := range t.Columns {
		if !used[i] {
			add(i, nil)
		}
	}
	return out
}

// detailValue is the full value of a cell (dates also as ISO dates); a cell without a
// value (masked, NaN, empty) reads as the table shows it.
func detailValue(c *model.Column, r int) string {
	if r < 0 || r >= c.Len() || c.IsNull(r) {
		return model.MaskedMark
	}
	s := common.Sanitize(c.String(r))
	switch c.Name {
	case "t_min", "t_max", "t_obs_release":
		if c.Kind == model.KindFloat {
			if d := common.MJDDate(c.Float[r]); d != "" {
				s += " (" + d + ")"
			}
		}
	}
	if s == "" {
		return model.MaskedMark
	}
	return s
}

// ToggleDetails shows or hides the details pane of the row under the cursor (a tab
// whose enter means "details" calls it).
func (m *Model) ToggleDetails() tea.Cmd {
	if m.state != stateReady || m.Loaded() == 0 {
		return nil
	}
	return m.toggleDetails()
}
