package results

import (
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/timeline"
	"mastui/ui/views/sky"
)

// SplitWidth is the narrowest view that shows the sky beside the table; a narrower one
// shows the sky in the table's place.
const SplitWidth = 160

// newSky builds the sky panel: rows without an s_region are drawn at their position.
func newSky(m *Model) *sky.Model {
	return sky.New(m.c, func(t *model.Table, r int) (model.SkyPoint, bool) {
		p, ok := PositionOf(t, r)
		return model.SkyPoint{RA: p.RA, Dec: p.Dec}, ok
	})
}

// SkyShown reports whether the sky panel shows, and whether beside the table.
func (m *Model) SkyShown() (shown, beside bool) { return m.showSky, m.showSky && m.skyBeside() }

// Sky is the sky panel (for tests).
func (m *Model) Sky() *sky.Model { return m.sky }

func (m *Model) skyBeside() bool { return m.width >= SplitWidth }

// skyKey takes the sky's and the timeline's keys; handled is false for any other key.
func (m *Model) skyKey(msg tea.KeyMsg) (handled bool, cmd tea.Cmd) {
	k := m.c.Keys.Sky
	switch {
	case key.Matches(msg, k.Toggle):
		m.showSky = !m.showSky
		m.layout()
		return true, nil
	case key.Matches(msg, k.Timeline):
		m.showTimeline = !m.showTimeline
		m.layout()
		return true, nil
	}
	if !m.showSky {
		return false, nil
	}
	m.syncSky()
	handled, pick := m.sky.Update(msg)
	if pick >= 0 && m.grid.SetCursorRow(pick) {
		return true, m.maybeFetch()
	}
	return handled, nil
}

// syncSky hands the sky the loaded rows, the cursor and the selection.
func (m *Model) syncSky() {
	sel := m.grid.Selection()
	r := m.grid.CursorRow()
	m.sky.Sync(m.table, r, sel.Has)
	label := ""
	if !m.skyBeside() { // beside the table, the table shows the cursor's row
		label = m.cursorLabel(r)
	}
	m.sky.SetCursorLabel(label)
	m.sky.SetSources(m.c.SkySources(m.profile.Name))
}

// cursorLabel names table row r for the sky's title: its target and its label column
// ("M101 j8xi01010"), either alone when the other is missing or the same; "" for none.
func (m *Model) cursorLabel(r int) string {
	if r < 0 || m.table == nil {
		return ""
	}
	var parts []string
	for _, name := range []string{"target_name", m.profile.LabelColumn} {
		c := columnFold(m.table, name)
		if name == "" || c == nil || c.IsNull(r) {
			continue
		}
		if v := strings.TrimSpace(common.Sanitize(c.String(r))); v != "" && (len(parts) == 0 || parts[0] != v) {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, " ")
}

// skySearch tells the sky where the search is: its position (given or resolved) and
// cone, or nothing (the sky then centres on the rows).
func (m *Model) skySearch() {
	var center *model.SkyPoint
	switch {
	case m.search.Query.Position != nil:
		p := m.search.Query.Position
		center = &model.SkyPoint{RA: p.RA, Dec: p.Dec}
	case m.resolved != nil:
		center = &model.SkyPoint{RA: m.resolved.Position.RA, Dec: m.resolved.Position.Dec}
	}
	radius := 0.0
	if center != nil && m.search.Mission == nil && m.search.Fetch == nil {
		radius = m.search.Query.RadiusDeg
		if radius <= 0 {
			radius = mast.DefaultRadiusDeg
		}
	}
	m.sky.SetSearch(center, radius)
}

// timelineRows are the observations' spans for the timeline: t_min..t_max (MJD) by
// collection, the cursor's and the selected rows marked.
func (m *Model) timelineRows() []timeline.Span {
	t := m.table
	if t == nil {
		return nil
	}
	lo, hi := columnFold(t, "t_min"), columnFold(t, "t_max")
	if lo == nil {
		return nil
	}
	group := columnFold(t, "obs_collection")
	sel, cur := m.grid.Selection(), m.grid.CursorRow()
	out := make([]timeline.Span, 0, t.Rows())
	for r := range t.Rows() {
		a, ok := numberAt(lo, r)
		if !ok {
			continue
		}
		b := a
		if hi != nil {
			if v, ok := numberAt(hi, r); ok && v >= a {
				b = v
			}
		}
		g := ""
		if group != nil {
			g = group.String(r)
		}
		out = append(out, timeline.Span{Start: a, End: b, Group: g, Selected: sel.Has(r), Cursor: r == cur})
	}
	return out
}

// timelineHeight is the strip's height: a line per collection (at most 4), the marks,
// the dates.
func (m *Model) timelineHeight() int {
	if !m.showTimeline || m.height < 12 {
		return 0
	}
	return timeline.Height(m.timelineRows(), 4)
}

// besideSky joins the table's lines and the sky's, side by side, the table's padded to
// lw and a space between them.
func besideSky(left string, lw int, right string) string {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	n := max(len(l), len(r))
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte('\n')
		}
		s := ""
		if i < len(l) {
			s = l[i]
		}
		s = common.Fit(s, lw, "")
		b.WriteString(s)
		b.WriteByte(' ')
		if i < len(r) {
			b.WriteString(r[i])
		}
	}
	return b.String()
}

// magnitudeColumns are where a catalog row's brightness is read, first found wins.
func magnitudeColumns() []string {
	return []string{"Tmag", "phot_g_mean_mag", "Gmag", "Vmag", "gMeanPSFMag", "rMeanPSFMag", "MagAper2", "nuv_mag", "fuv_mag", "Jmag", "mag"}
}

// sourcesOf are the rows' positions and magnitudes, for other views' skies.
func sourcesOf(t *model.Table) []common.SkySource {
	var mag *model.Column
	for _, n := range magnitudeColumns() {
		if mag = columnFold(t, n); mag != nil {
			break
		}
	}
	out := make([]common.SkySource, 0, t.Rows())
	for r := range t.Rows() {
		p, ok := PositionOf(t, r)
		if !ok {
			continue
		}
		s := common.SkySource{Pos: model.SkyPoint{RA: p.RA, Dec: p.Dec}, Mag: math.NaN()}
		if mag != nil {
			if v, ok := numberAt(mag, r); ok {
				s.Mag = v
			}
		}
		out = append(out, s)
	}
	return out
}
