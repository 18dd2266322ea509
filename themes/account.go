package themes

import "github.com/charmbracelet/lipgloss"

// AccountStyles style the header's account line, the login dialog and the mark of
// exclusive-access rows. Each state also reads without colour: "anon", "● user",
// "token expired", and the Glyphs.Locked mark.
type AccountStyles struct {
	Anon    lipgloss.Style // "anon"
	User    lipgloss.Style // "● demo"
	Expiry  lipgloss.Style // "· token 9 d left"
	Warn    lipgloss.Style // a token that runs out within 2 days
	Expired lipgloss.Style // "token expired", "token invalid"
	// Dialog.
	Title  lipgloss.Style
	Box    lipgloss.Style // the dialog's border
	Text   lipgloss.Style
	Good   lipgloss.Style // "Logged in as …"
	Error  lipgloss.Style // MAST's refusal, inline
	Locked lipgloss.Style // the mark of an exclusive-access row
}

func newAccount(r *lipgloss.Renderer, p Palette) AccountStyles {
	ns := func() lipgloss.Style { return r.NewStyle() }
	return AccountStyles{
		Anon:    ns().Foreground(p.Dim),
		User:    ns().Foreground(p.Success),
		Expiry:  ns().Foreground(p.Dim),
		Warn:    ns().Foreground(p.Warn).Bold(true),
		Expired: ns().Foreground(p.Error).Bold(true),
		Title:   ns().Bold(true).Foreground(p.Accent),
		Box:     ns().Border(lipgloss.RoundedBorder()).BorderForeground(p.Border).Padding(0, 1),
		Text:    ns().Foreground(p.Fg),
		Good:    ns().Foreground(p.Success),
		Error:   ns().Foreground(p.Error),
		Locked:  ns().Foreground(p.Warn),
	}
}
