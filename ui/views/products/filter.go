package products

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/filterpanel"
)

// RecomputeTask is the task of the pause after filter changes before the rows shown are
// recomputed (large tables only): common.Requests.Debounce, so only the last change's
// RecomputeMsg is taken, addressed common.TabMsg{To: RecomputeTask}.
const RecomputeTask = "products.recompute"

// RecomputeMsg recomputes the rows shown after a pause in filter changes.
type RecomputeMsg struct{}

// The filter keys of the CAOM panel and those every panel has (the model.Filters keys;
// special ones as the engine defines them).
const (
	keyType     = "productType"
	keySubGroup = "productSubGroupDescription"
	keyLevel    = "calib_level"
	keyExt      = "extension"
	keyMRP      = "mrp_only"
	keyGuide    = "guide_stars"
	keyName     = "name"
	keySize     = "size"
	fileColumn  = "productFilename"
)

func (m *Model) filterOptions() model.FilterOptions {
	return model.FilterOptions{FilenameColumn: m.p.FileColumn}
}

// setupPanel lays out the groups that exist whatever the data: the flags and the text
// filters. Toggle groups are added as data arrives.
func (m *Model) setupPanel() {
	for _, g := range m.p.Toggles {
		m.panel.SetToggles(g.Key, g.Title, nil)
	}
	if m.p.MRPOnly {
		m.panel.SetFlag(keyMRP, "Other", "recommended only", "true")
	}
	if m.p.GuideStars {
		m.panel.SetFlag(keyGuide, "Other", "hide guide stars", "false")
	}
	m.panel.SetText(keyName, "Other", "name:", "(/ to type)", nil)
	m.panel.SetText(keySize, "Other", "size:", "(e.g. <= 5 GB)", ParseSize)
}

// flags are the panel's flags as the filters they apply.
func (m *Model) flags() []model.Filter {
	var out []model.Filter
	if m.p.MRPOnly {
		out = append(out, model.Filter{Key: keyMRP, Values: []string{"true"}})
	}
	if m.p.GuideStars {
		out = append(out, model.Filter{Key: keyGuide, Values: []string{"false"}})
	}
	return out
}

// indexDuplicates marks the rows from `from` on that repeat an earlier product, by the
// profile's rule.
func (m *Model) indexDuplicates(from int) {
	t := m.table
	key := func(int) string { return "" }
	if m.p.DupKey != nil {
		key = m.p.DupKey(t)
	}
	for r := from; r < t.Rows(); r++ {
		k := key(r)
		d := false
		if k != "" {
			_, d = m.seen[k]
			m.seen[k] = struct{}{}
		}
		m.dup = append(m.dup, d)
		if d {
			m.ndup++
		}
	}
}

// dedup drops the duplicate rows when unique is on (rows is not modified).
func (m *Model) dedup(rows []int) []int {
	if !m.unique || m.ndup == 0 {
		return rows
	}
	out := make([]int, 0, len(rows))
	for _, r := range rows {
		if !m.dup[r] {
			out = append(out, r)
		}
	}
	return out
}

func allRows(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// filtersChanged recomputes now, or after a short pause for large tables.
func (m *Model) filtersChanged() tea.Cmd {
	if m.Rows() < debounceRows {
		m.recompute()
		return nil
	}
	return m.req.Debounce(RecomputeTask, 80*time.Millisecond, RecomputeMsg{})
}

// recompute applies the panel's filters and unique to the table: the rows shown, every
// toggle's count (the rows it would keep with the other filters as they are), and the
// selection totals.
func (m *Model) recompute() {
	m.req.Cancel(RecomputeTask) // a pending pause is moot
	t := m.table
	if t == nil {
		return
	}
	fs := m.panel.Filters()
	opts := m.filterOptions()
	cur := m.grid.CursorRow()
	rows, err := fs.Rows(t, opts)
	if err != nil {
		m.filterErr = common.Sanitize(err.Error())
		m.c.Logger.Warn("product filter", "err", err)
		rows = nil
	} else {
		m.filterErr = ""
	}
	m.shown = m.dedup(rows)
	m.grid.SetRows(m.shown, 0)
	if cur >= 0 && !m.grid.SetCursorRow(cur) {
		m.grid.MoveTo(m.grid.Cursor())
	}
	m.refreshCounts(fs)
	m.refreshSelection()
}

// refreshCounts rebuilds the toggle groups from the data, with counts.
func (m *Model) refreshCounts(fs model.Filters) {
	t, opts := m.table, m.filterOptions()
	if m.values == nil {
		m.values = map[string][]string{}
		base := m.dedup(allRows(t.Rows()))
		for _, g := range m.p.Toggles {
			m.values[g.Key] = valuesOf(g, m.facets(g.Key, base))
		}
	}
	for _, g := range m.p.Toggles {
		counts := map[string]int{}
		if rows, err := fs.Without(g.Key).Rows(t, opts); err == nil {
			for _, fc := range m.facets(g.Key, m.dedup(rows)) {
				counts[fc.Value] = fc.Count
			}
		}
		var options []filterpanel.Option
		for _, v := range m.values[g.Key] {
			options = append(options, filterpanel.Option{Value: v, Label: g.Prefix + v, Count: counts[v]})
		}
		m.panel.SetToggles(g.Key, g.Title, options)
	}
	for _, f := range m.flags() {
		n := -1
		if t.ColIndex("productGroupDescription") >= 0 || f.Key == keyGuide {
			if rows, err := append(slices.Clone(fs.Without(f.Key)), f).Rows(t, opts); err == nil {
				n = len(m.dedup(rows))
			}
		}
		m.panel.SetCount(f.Key, "", n)
	}
}

// facets counts the values of a toggle key over rows.
func (m *Model) facets(key string, rows []int) []model.FacetCount {
	if key == keyExt {
		return model.ExtensionCounts(m.table, m.p.FileColumn, rows)
	}
	if m.table.ColIndex(key) < 0 {
		return nil
	}
	return model.FacetCounts(m.table, key, rows)
}

// valuesOf orders a toggle group's values for the panel: ranked ones (product types)
// in their usual order, numeric ones (levels) by number, the rest by count (then name).
func valuesOf(g Toggle, fcs []model.FacetCount) []string {
	fcs = slices.Clone(fcs)
	fcs = slices.DeleteFunc(fcs, func(f model.FacetCount) bool { return f.Value == "" || f.Count == 0 })
	switch {
	case len(g.Rank) > 0:
		rank := func(v string) int {
			if i := slices.IndexFunc(g.Rank, func(r string) bool { return strings.EqualFold(r, v) }); i >= 0 {
				return i
			}
			return len(g.Rank)
		}
		slices.SortStableFunc(fcs, func(a, b model.FacetCount) int {
			return cmp.Or(cmp.Compare(rank(a.Value), rank(b.Value)), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
	case g.Numeric:
		num := func(v string) float64 {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 1e18
			}
			return f
		}
		slices.SortStableFunc(fcs, func(a, b model.FacetCount) int {
			return cmp.Or(cmp.Compare(num(a.Value), num(b.Value)), cmp.Compare(a.Value, b.Value))
		})
	default:
		slices.SortStableFunc(fcs, func(a, b model.FacetCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
	}
	out := make([]string, len(fcs))
	for i, f := range fcs {
		out[i] = f.Value
	}
	return out
}

// toggleUnique shows or hides duplicates and says how many there were.
func (m *Model) toggleUnique() tea.Cmd {
	m.unique = !m.unique
	m.values = nil
	m.recompute()
	if m.table == nil {
		return nil
	}
	if !m.unique {
		return common.Toast(common.LevelInfo, "Showing every product, duplicates included")
	}
	if m.ndup == 0 {
		return common.Toast(common.LevelInfo, "No duplicates: every product is listed once")
	}
	return common.Toast(common.LevelInfo, itoa(m.ndup)+" of "+itoa(m.Rows())+" products were duplicates; showing "+
		itoa(m.Rows()-m.ndup)+" unique")
}
