package themes

import "github.com/charmbracelet/lipgloss"

// DuplicatesStyles style the Duplicates tab (the JWST duplication check). Every state
// also reads as words ("executed", "planned", "near miss"), so the tab reads without
// colour.
type DuplicatesStyles struct {
	Target   lipgloss.Style // a target's line: number, aperture, position, mode, exposure
	Match    lipgloss.Style // "3 potential duplicates"
	None     lipgloss.Style // "no potential duplicate"
	Near     lipgloss.Style // near misses and their reasons
	Planned  lipgloss.Style // a planned observation's status
	Private  lipgloss.Style // "proprietary until …"
	Failed   lipgloss.Style // a target whose check failed
	Progress lipgloss.Style // "checking… 2 of 3 targets"
	Cursor   lipgloss.Style // the row under the cursor
	Reminder lipgloss.Style // "APT's duplication checker is the authority"
}

func newDuplicates(r *lipgloss.Renderer, p Palette) DuplicatesStyles {
	ns := r.NewStyle
	return DuplicatesStyles{
		Target:   ns().Bold(true).Foreground(p.Fg),
		Match:    ns().Bold(true).Foreground(p.Warn),
		None:     ns().Foreground(p.Success),
		Near:     ns().Foreground(p.Dim),
		Planned:  ns().Foreground(p.Info),
		Private:  ns().Foreground(p.Warn),
		Failed:   ns().Foreground(p.Error),
		Progress: ns().Foreground(p.Info),
		Cursor:   ns().Foreground(p.CursorFg).Background(p.CursorBg),
		Reminder: ns().Italic(true).Foreground(p.Dim),
	}
}
