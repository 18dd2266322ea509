package themes

import "github.com/charmbracelet/lipgloss"

// BrowseStyles styles the result and product tables and what opens over or beside
// them: the details pane, the column chooser and the product filter panel.
type BrowseStyles struct {
	// Tables.
	HeaderCurrent lipgloss.Style // the header of the column under the column cursor
	CursorCell    lipgloss.Style // the cell under both cursors
	SelectedRow   lipgloss.Style // a selected row (also marked by the Selected glyph)
	SortAsc       string         // appended to the sorted column's header
	SortDesc      string
	Progress      lipgloss.Style // "batch 2/5 · 3,120 products"
	Summary       lipgloss.Style // "412 shown of 3,981 (1,220 duplicates hidden)"

	// Details pane.
	DetailsRule  lipgloss.Style
	DetailsLabel lipgloss.Style
	DetailsValue lipgloss.Style
	DetailsDesc  lipgloss.Style

	// Overlays (column chooser) and side panels (filters).
	OverlayBox    lipgloss.Style
	OverlayTitle  lipgloss.Style
	PanelBorder   lipgloss.Style // the filter panel's box lines
	PanelBorderOn lipgloss.Style // … while the panel has focus
	PanelTitle    lipgloss.Style
	PanelHeading  lipgloss.Style // a group of toggles ("Type", "Suffix")
	PanelItem     lipgloss.Style
	PanelItemOn   lipgloss.Style // a chosen toggle
	PanelCursor   lipgloss.Style // the item under the panel's cursor
	PanelCount    lipgloss.Style
	PanelZero     lipgloss.Style // a toggle that would keep nothing
	PanelInput    lipgloss.Style // a text filter being edited
	PanelError    lipgloss.Style
}

func newBrowse(r *lipgloss.Renderer, p Palette) BrowseStyles {
	ns := r.NewStyle
	return BrowseStyles{
		HeaderCurrent: ns().Bold(true).Reverse(true).Foreground(p.Header),
		CursorCell:    ns().Bold(true).Foreground(p.CursorBg).Background(p.Accent),
		SelectedRow:   ns().Foreground(p.Accent),
		SortAsc:       "↑",
		SortDesc:      "↓",
		Progress:      ns().Foreground(p.Info),
		Summary:       ns().Foreground(p.Dim),

		DetailsRule:  ns().Foreground(p.Border),
		DetailsLabel: ns().Foreground(p.Header),
		DetailsValue: ns().Foreground(p.Fg),
		DetailsDesc:  ns().Foreground(p.Dim),

		OverlayBox:    ns().Border(lipgloss.RoundedBorder()).BorderForeground(p.Accent).Padding(0, 1),
		OverlayTitle:  ns().Bold(true).Foreground(p.Accent),
		PanelBorder:   ns().Foreground(p.Border),
		PanelBorderOn: ns().Foreground(p.Accent),
		PanelTitle:    ns().Bold(true).Foreground(p.Fg),
		PanelHeading:  ns().Bold(true).Foreground(p.Header),
		PanelItem:     ns().Foreground(p.Fg),
		PanelItemOn:   ns().Bold(true).Foreground(p.Success),
		PanelCursor:   ns().Bold(true).Foreground(p.CursorFg).Background(p.CursorBg),
		PanelCount:    ns().Foreground(p.Dim),
		PanelZero:     ns().Foreground(p.Border),
		PanelInput:    ns().Foreground(p.InputText),
		PanelError:    ns().Foreground(p.Error),
	}
}
