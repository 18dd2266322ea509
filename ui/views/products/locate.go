package products

import "mastui/ui/common"

// Crumbs are the view's places: "products of 3" (or of the one observation), then the
// filter panel when it has the keys.
func (m *Model) Crumbs() []string {
	of := itoa(len(m.ids))
	if len(m.labels) == 1 {
		of = common.Sanitize(m.labels[0])
	}
	out := []string{"products of " + of}
	switch {
	case m.panel.Editing():
		out = append(out, "filters", "typing")
	case m.PanelFocused():
		out = append(out, "filters")
	}
	return out
}

// Position is "row 12 of 672" among the products shown.
func (m *Model) Position() string {
	return common.RowPosition(m.grid.Cursor(), int64(m.grid.Len()))
}
