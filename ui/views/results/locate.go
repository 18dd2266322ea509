package results

import (
	"fmt"

	"mastui/ui/common"
)

// Place names the search in a few words for the breadcrumbs: the target as typed, or
// the criteria ("2 criteria").
func (m *Model) Place() string {
	switch {
	case m.state == stateIdle:
		return ""
	case m.search.Target != "":
		return common.Sanitize(m.search.Target)
	case len(m.search.Query.Criteria) == 1:
		return "1 criterion"
	case len(m.search.Query.Criteria) > 1:
		return fmt.Sprintf("%d criteria", len(m.search.Query.Criteria))
	}
	return m.profile.Noun
}

// Crumbs are the view's own places past the search: the column chooser or the
// details pane when open.
func (m *Model) Crumbs() []string {
	switch {
	case m.chooser != nil:
		return []string{"columns"}
	case m.detailsFocus:
		return []string{"details"}
	}
	return nil
}

// Position is "row 1,234 of 27,372" (of every row the search matches, loaded or not).
func (m *Model) Position() string {
	if m.state != stateReady || m.Loaded() == 0 {
		return ""
	}
	if m.find.text != "" {
		if m.grid.Len() == 0 {
			return "nothing found"
		}
		return common.RowPosition(m.grid.Cursor(), int64(m.grid.Len())) + " found"
	}
	return common.RowPosition(m.grid.Cursor(), max(m.total, int64(m.grid.Len())))
}
