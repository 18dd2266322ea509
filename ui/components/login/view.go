package login

import (
	"errors"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// View draws the dialog centred in its area. The field shows one mask character per
// typed one, never the token.
func (m *Model) View() string {
	st := m.c.Styles
	as := st.Account
	w := min(72, max(20, m.width-4))
	inner := w - as.Box.GetHorizontalFrameSize()
	wrap := func(s string) string { return ansi.Wordwrap(s, max(1, inner), " /") }
	lines := []string{as.Title.Render("MAST login"), ""}
	lines = append(lines, as.Text.Render(wrap(m.whoLine())), "")
	if m.acct == nil {
		lines = append(lines, as.Error.Render(wrap("No MAST account in this session.")))
	} else {
		lines = append(lines, as.Text.Render("Token ")+textfield.Boxed(m.input, m.input.Width+3))
		lines = append(lines, st.FormHint.Render(wrap("A MAST API token from https://auth.mast.stsci.edu/token; it is not shown.")))
		lines = append(lines, "")
		switch {
		case m.phase == checking:
			lines = append(lines, as.Text.Render("checking with MAST…"))
		case m.errMsg != "":
			lines = append(lines, as.Error.Render(wrap(st.Glyphs.Error+" "+m.errMsg)))
		case m.done != "":
			lines = append(lines, as.Good.Render(wrap("✓ "+m.done)))
		}
		if m.note != "" {
			lines = append(lines, as.Warn.Render(wrap(m.note)))
		}
	}
	box := as.Box.Width(w - as.Box.GetHorizontalBorderSize()).Render(strings.Join(lines, "\n"))
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

// whoLine says who the session is now.
func (m *Model) whoLine() string {
	h := m.head
	var lr *mast.LoginRequiredError
	switch {
	case !h.Checked:
		return "Asking MAST who you are…"
	case !h.HasToken:
		return "Not logged in (anonymous): exclusive-access data needs a token."
	case errors.As(h.Err, &lr) && lr.TokenSent:
		return "MAST refuses the session's token (expired or revoked?): paste a new one."
	case h.Err != nil:
		return "A token is set, but MAST could not be asked whose it is: " + common.Sanitize(model.OneLine(h.Err.Error()))
	case h.Identity.Anonymous:
		return "MAST answers anonymous for the session's token (expired, revoked or mistyped?): paste a new one."
	}
	id := h.Identity
	line := "Logged in as " + common.Sanitize(id.Name()) + " (" + common.Sanitize(id.EZID) + ")"
	switch {
	case id.Expires.IsZero():
		return line + "; MAST does not say when the token expires (10 days unused, 60 at most)."
	case !id.Expires.After(m.c.Now()):
		return line + "; the token has expired: paste a new one."
	}
	return line + "; the token expires " + id.Expires.UTC().Format("2006-01-02 15:04 UTC") + "."
}
