package catalogs

import (
	"context"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
)

// column is one column criteria can be given on.
type column struct {
	Name, Label, Unit, Desc string
	// Continuous columns take ranges; Min and Max are the histogram's, when known.
	Continuous bool
	Min, Max   *float64
	// Values are a discrete column's values with their counts (the histograms).
	Values []mast.FacetValue
	// Numeric: a PanSTARRS column whose values are numbers; DBType its type there.
	Numeric bool
	DBType  string
}

// ColumnsMsg carries a catalog's criteria columns (for Key: a PanSTARRS release/table).
type ColumnsMsg struct {
	Key     string
	Columns []column
	Err     error
}

// columnsKey names the column set the form uses now: the PanSTARRS release and table,
// else the catalog.
func (m *Model) columnsKey(s *state) string {
	if s.cat.REST {
		return s.form.ByName(fRelease).Value() + "/" + s.form.ByName(fTable).Value()
	}
	return s.name
}

// columns are the criteria columns of the form as it is (nil until fetched).
func (m *Model) columns(s *state) []column { return s.cols[m.columnsKey(s)] }

// open fetches the criteria columns the form needs, once (again after a failure).
func (m *Model) open(s *state) tea.Cmd {
	key := m.columnsKey(s)
	if !s.cat.Criteria || s.cols[key] != nil || s.req.Running(columnsTask) || m.client == nil {
		return nil
	}
	s.colsErr = nil
	client, name, cat := m.client, s.name, s.cat
	release, table := "", ""
	if cat.REST {
		release, table = s.form.ByName(fRelease).Value(), s.form.ByName(fTable).Value()
	}
	return s.req.Run(columnsTask, "Fetching the "+name+" columns…", func(ctx context.Context) tea.Msg {
		if cat.REST {
			cols, err := client.PanstarrsColumns(ctx, release, table)
			return ColumnsMsg{Key: key, Columns: panstarrsColumns(cols), Err: err}
		}
		cols, err := client.CatalogColumns(ctx, name, "")
		return ColumnsMsg{Key: key, Columns: portalColumns(cols), Err: err}
	})
}

func portalColumns(cols []mast.CatalogColumn) []column {
	out := make([]column, 0, len(cols))
	for _, c := range cols {
		out = append(out, column{Name: c.Name, Label: c.Label, Unit: c.Unit, Desc: c.Description,
			Continuous: c.Continuous, Min: c.Min, Max: c.Max, Values: c.Values})
	}
	return out
}

func panstarrsColumns(cols []mast.PanstarrsColumn) []column {
	out := make([]column, 0, len(cols))
	for _, c := range cols {
		out = append(out, column{Name: c.Name, Label: c.Name, Unit: c.Unit, Desc: c.Description, Numeric: c.Numeric(), DBType: c.DBType, Continuous: c.Numeric()})
	}
	return out
}

func (m *Model) onColumns(s *state, msg ColumnsMsg) tea.Cmd {
	if msg.Err != nil {
		s.colsErr = msg.Err
		return common.Toast(common.LevelError, "Could not list the "+s.name+" columns: "+common.Sanitize(msg.Err.Error()))
	}
	if msg.Columns == nil {
		msg.Columns = []column{}
	}
	s.cols[msg.Key] = msg.Columns
	m.describeCriteria(s)
	return nil
}

// column finds a criteria column by name, case-blind.
func (m *Model) column(s *state, name string) (column, bool) {
	for _, c := range m.columns(s) {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return c, true
		}
	}
	return column{}, false
}

// describeCriteria gives each criterion field its hint and help from its column.
func (m *Model) describeCriteria(s *state) {
	for _, f := range s.crit {
		c, ok := m.column(s, f.Name)
		if !ok {
			continue
		}
		f.Hint, f.Help = m.hintOf(s, c), helpOf(c)
	}
}

// hintOf says what a criterion takes: a range (with the histogram's), or values with
// their counts.
func (m *Model) hintOf(s *state, c column) string {
	switch {
	case len(c.Values) > 0:
		var parts []string
		for i, v := range c.Values {
			if i == 4 {
				parts = append(parts, "…")
				break
			}
			parts = append(parts, v.Key+" "+common.Commas(v.Count))
		}
		return "a list: " + strings.Join(parts, " · ")
	case s.cat.REST && c.Numeric:
		return "a number, a..b, >=x, <x"
	case s.cat.REST:
		return "text, a list a,b, or ~pattern"
	case c.Continuous && c.Min != nil && c.Max != nil:
		return "a range a..b, <x, >x · " + model.FormatFloat(*c.Min) + ".." + model.FormatFloat(*c.Max)
	case c.Continuous:
		return "a range a..b, <x, >x"
	}
	return "a value or a list a,b"
}

func helpOf(c column) string {
	h := c.Name
	if c.Label != "" && c.Label != c.Name {
		h += " (" + c.Label + ")"
	}
	if c.Unit != "" {
		h += " [" + c.Unit + "]"
	}
	if c.Desc != "" {
		h += ": " + c.Desc
	}
	return h
}

// maxCandidates bounds the completions offered.
const maxCandidates = 50

// candidates lists the completions of item on field f: column names not yet added on
// the add row, a discrete column's values (with counts) on its criterion.
func (m *Model) candidates(s *state, f *form.Field, item string) []form.Candidate {
	var pool []form.Candidate
	if f == s.add {
		have := map[string]bool{}
		for _, g := range s.crit {
			have[strings.ToLower(g.Name)] = true
		}
		for _, c := range m.columns(s) {
			if !have[strings.ToLower(c.Name)] {
				note := c.Label
				if c.Unit != "" {
					note += " · " + c.Unit
				}
				pool = append(pool, form.Candidate{Value: c.Name, Note: note})
			}
		}
		return form.Match(pool, item, true, maxCandidates)
	}
	c, ok := m.column(s, f.Name)
	if !ok {
		return nil
	}
	for _, v := range c.Values {
		pool = append(pool, form.Candidate{Value: v.Key, Note: common.Commas(v.Count)})
	}
	return form.Match(pool, item, false, maxCandidates)
}

// complete handles tab on a text field: it completes the item being typed and reports
// true; false (tab moves on) when there is nothing to complete or the previous tab did.
func (m *Model) complete(s *state) bool {
	f := s.form.Current()
	if f == nil || f.Kind != form.Text || s.form.Focused() < len(s.fixed) {
		return false
	}
	if s.comp.On(s.form.Focused()) {
		s.comp.Stop()
		return false
	}
	if !m.startCompletion(s, f) {
		return false
	}
	f.SetValue(s.comp.Text())
	return true
}

func (m *Model) startCompletion(s *state, f *form.Field) bool {
	base, item := form.SplitItem(f.Input.Value(), f == s.add)
	return s.comp.Start(s.form.Focused(), base, item, m.candidates(s, f, item))
}

// pickSuggestion moves the add row's suggestion by dir and puts it in; false when the
// row lists none (the key then moves the focus).
func (m *Model) pickSuggestion(s *state, dir int) bool {
	f := s.form.Current()
	if f == nil || f != s.add || strings.TrimSpace(f.Value()) == "" {
		return false
	}
	if !s.comp.On(s.form.Focused()) && !m.startCompletion(s, f) {
		return false
	}
	s.comp.Step(dir)
	f.SetValue(s.comp.Text())
	return true
}

// addCriterion adds the column named on the add row as a criterion and focuses it; an
// unknown name is marked on the row with the closest column.
func (m *Model) addCriterion(s *state) tea.Cmd {
	name := s.add.Trimmed()
	cols := m.columns(s)
	if cols == nil {
		s.add.SetErr("the " + s.name + " columns are not known yet")
		return m.open(s)
	}
	c, ok := m.column(s, name)
	if !ok {
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		msg := "no column " + strconv.Quote(name) + " in " + s.name
		if hint := model.Closest(name, names); hint != "" {
			msg += ": did you mean " + strconv.Quote(hint) + "?"
		}
		s.add.SetErr(msg)
		return nil
	}
	for i, f := range s.crit {
		if strings.EqualFold(f.Name, c.Name) {
			s.add.SetValue("")
			s.form.FocusIndex(len(s.fixed) + i)
			return nil
		}
	}
	f := form.NewText(m.c.Styles, c.Name, c.Name, 0)
	f.Hint, f.Help = m.hintOf(s, c), helpOf(c)
	s.crit = append(s.crit, f)
	s.add.SetValue("")
	s.add.ClearErrs()
	s.comp.Stop()
	s.form.SetFields(m.rows(s)...)
	s.form.FocusIndex(len(s.fixed) + len(s.crit) - 1)
	m.layoutState(s)
	return nil
}

// removeCriterion removes the criterion under the cursor.
func (m *Model) removeCriterion(s *state) tea.Cmd {
	i := s.form.Focused() - len(s.fixed)
	if i < 0 || i >= len(s.crit) {
		return nil
	}
	s.crit = append(s.crit[:i:i], s.crit[i+1:]...)
	s.comp.Stop()
	s.form.SetFields(m.rows(s)...)
	s.form.FocusIndex(len(s.fixed) + min(i, len(s.crit)))
	return m.edited(s)
}
