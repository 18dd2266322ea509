package themes

import "github.com/charmbracelet/lipgloss"

// QueueStyles style the download queue panel. Every state also has a glyph, so the
// panel reads without colour.
type QueueStyles struct {
	Title    lipgloss.Style // "Queue"
	Totals   lipgloss.Style // "3 active · 9 waiting · 41 done"
	Name     lipgloss.Style // a file name
	Meta     lipgloss.Style // percent, bytes, rate, ETA
	Active   lipgloss.Style // the glyph of an item being fetched
	Done     lipgloss.Style // done or already on disk
	Failed   lipgloss.Style // the glyph and the reason of a failed item
	Paused   lipgloss.Style
	Waiting  lipgloss.Style // queued, or waiting to retry
	BarFull  lipgloss.Style // the done part of a progress bar
	BarEmpty lipgloss.Style // the rest
}

func newQueue(r *lipgloss.Renderer, p Palette) QueueStyles {
	ns := func() lipgloss.Style { return r.NewStyle() }
	return QueueStyles{
		Title:    ns().Bold(true).Foreground(p.Fg),
		Totals:   ns().Foreground(p.Fg),
		Name:     ns().Foreground(p.Fg),
		Meta:     ns().Foreground(p.Dim),
		Active:   ns().Bold(true).Foreground(p.Accent),
		Done:     ns().Foreground(p.Success),
		Failed:   ns().Foreground(p.Error),
		Paused:   ns().Foreground(p.Warn),
		Waiting:  ns().Foreground(p.Dim),
		BarFull:  ns().Foreground(p.Accent),
		BarEmpty: ns().Foreground(p.Border),
	}
}
