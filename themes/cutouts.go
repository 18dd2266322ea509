package themes

import "github.com/charmbracelet/lipgloss"

// CutoutsStyles style the Cutouts tab: its list's state column and the light curve of a
// finished target pixel file. Every state also reads as words, so the tab reads without
// colour.
type CutoutsStyles struct {
	Title     lipgloss.Style // "4 sectors · 324.243680 -27.010290 · 5x5 px"
	NoData    lipgloss.Style // the service's "nothing here" answer, in place of the list
	Done      lipgloss.Style // a cutout downloaded
	Pending   lipgloss.Style // queued or being fetched
	Failed    lipgloss.Style
	Sparkline lipgloss.Style // the light curve's glyphs
	Axis      lipgloss.Style // the light curve's range and time span
}

func newCutouts(r *lipgloss.Renderer, p Palette) CutoutsStyles {
	ns := r.NewStyle
	return CutoutsStyles{
		Title:     ns().Bold(true).Foreground(p.Fg),
		NoData:    ns().Bold(true).Foreground(p.Warn),
		Done:      ns().Foreground(p.Success),
		Pending:   ns().Foreground(p.Info),
		Failed:    ns().Foreground(p.Error),
		Sparkline: ns().Foreground(p.Accent),
		Axis:      ns().Foreground(p.Dim),
	}
}
