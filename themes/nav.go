package themes

import "github.com/charmbracelet/lipgloss"

// NavStyles style what moves the user around: the command palette, the breadcrumb line
// with the row position, and the matches of a find in results. Without colour the
// palette's cursor still reads (the Glyphs.Cursor mark) and a find still filters.
type NavStyles struct {
	PaletteRule   lipgloss.Style // the line above the palette
	PalettePrompt lipgloss.Style // ":"
	PaletteItem   lipgloss.Style // a command or action
	PaletteCursor lipgloss.Style // the one enter runs
	PaletteMatch  lipgloss.Style // the typed letters within a name
	PaletteKey    lipgloss.Style // the key that does the same
	PaletteHelp   lipgloss.Style // what it does
	PaletteError  lipgloss.Style // "unknown command … did you mean …"

	Crumb     lipgloss.Style // a breadcrumb
	CrumbLast lipgloss.Style // the place the user is at
	CrumbSep  lipgloss.Style // " › "
	Position  lipgloss.Style // "row 1,234 of 27,372"

	FindMatch lipgloss.Style // the found text within a cell
	FindLine  lipgloss.Style // the find line ("find: m101  12 of 400 loaded rows")
}

func newNav(r *lipgloss.Renderer, p Palette) NavStyles {
	ns := func() lipgloss.Style { return r.NewStyle() }
	return NavStyles{
		PaletteRule:   ns().Foreground(p.Border),
		PalettePrompt: ns().Bold(true).Foreground(p.Accent),
		PaletteItem:   ns().Foreground(p.Fg),
		PaletteCursor: ns().Bold(true).Foreground(p.CursorFg).Background(p.CursorBg),
		PaletteMatch:  ns().Bold(true).Underline(true).Foreground(p.Accent),
		PaletteKey:    ns().Bold(true).Foreground(p.Header),
		PaletteHelp:   ns().Foreground(p.Dim),
		PaletteError:  ns().Foreground(p.Warn),
		Crumb:         ns().Foreground(p.Dim),
		CrumbLast:     ns().Bold(true).Foreground(p.Fg),
		CrumbSep:      ns().Foreground(p.Border),
		Position:      ns().Foreground(p.Dim),
		FindMatch:     ns().Bold(true).Foreground(p.Warn).Underline(true),
		FindLine:      ns().Foreground(p.Accent),
	}
}
