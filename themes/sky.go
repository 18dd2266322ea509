package themes

import "github.com/charmbracelet/lipgloss"

// SkyStyles style the sky panel and the timeline strip. Colour tells collections apart;
// the glyphs mark what must read without colour (NO_COLOR): the cursor's footprint, the
// selected ones, the target and the crosshair.
type SkyStyles struct {
	Title     lipgloss.Style
	Legend    lipgloss.Style
	Cone      lipgloss.Style // the search cone's outline
	Source    lipgloss.Style // catalog sources overlaid
	Series    []lipgloss.Style
	Selected  lipgloss.Style
	Cursor    lipgloss.Style
	Target    lipgloss.Style
	Crosshair lipgloss.Style
	Axis      lipgloss.Style // the timeline's dates

	CursorGlyph    rune // at the centre of the cursor's footprint
	SelectedGlyph  rune // at the centre of a selected footprint
	TargetGlyph    rune
	CrosshairGlyph rune
}

func newSky(r *lipgloss.Renderer, p Palette) SkyStyles {
	ns := r.NewStyle
	series := []lipgloss.Color{p.Info, p.Warn, p.Success, "177", "215", p.Header, "150", "211"}
	s := SkyStyles{
		Title:     ns().Bold(true).Foreground(p.Fg),
		Legend:    ns().Foreground(p.Dim),
		Cone:      ns().Foreground(p.Border),
		Source:    ns().Foreground(p.Dim),
		Selected:  ns().Bold(true).Foreground(p.Accent),
		Cursor:    ns().Bold(true).Foreground(p.CursorFg).Background(p.CursorBg),
		Target:    ns().Bold(true).Foreground(p.Error),
		Crosshair: ns().Foreground(p.Fg),
		Axis:      ns().Foreground(p.Dim),

		CursorGlyph: '◆', SelectedGlyph: '●', TargetGlyph: '+', CrosshairGlyph: '╋',
	}
	for _, c := range series {
		s.Series = append(s.Series, ns().Foreground(c))
	}
	return s
}
