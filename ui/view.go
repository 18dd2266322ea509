package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/components/statusbar"
)

// View implements tea.Model: header, the focused tab (or an overlay), the toast when
// one shows, and the status line, never larger than the terminal.
func (m *Model) View() string {
	if !m.sized {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	w, bh := m.c.Width, m.bodyHeight()
	var body string
	switch {
	case m.account.IsOpen():
		body = m.account.View()
	case m.showMsgs:
		body = m.messages.View()
	case m.showHelp:
		body = m.help.View(m.helpSections())
	default:
		body = m.focused().View()
	}
	var b strings.Builder
	b.WriteString(m.header.View())
	b.WriteByte('\n')
	b.WriteString(m.header.PlaceView())
	b.WriteByte('\n')
	if m.palette.IsOpen() { // over the bottom of the body
		ph := m.paletteHeight()
		b.WriteString(fitBlock(body, w, bh-ph))
		b.WriteByte('\n')
		body, bh = m.palette.View(), ph
	}
	b.WriteString(fitBlock(body, w, bh))
	if m.toast.Visible() {
		b.WriteByte('\n')
		b.WriteString(m.toast.View())
	}
	b.WriteByte('\n')
	switch {
	case m.confirm:
		b.WriteString(ansi.Truncate(m.c.Styles.ToastWarn.Render(m.confirmText()), w, "…"))
	case m.ffiPending != nil:
		b.WriteString(ansi.Truncate(m.c.Styles.ToastWarn.Render(m.ffiQuestion()), w, "…"))
	default:
		b.WriteString(m.status.View(m.statusContent()))
	}
	return b.String()
}

// refreshHeader draws the tab bar from the tabs' titles and marks the focused one.
func (m *Model) refreshHeader() {
	for i, t := range m.tabs {
		m.header.SetTab(i, t.Title())
	}
	m.header.SetActive(m.active)
	m.header.SetPlace(m.crumbs())
	if m.account.Enabled() {
		h := m.account.Header()
		m.header.SetAccount(h)
		if h.Checked { // a login or logout changed it: queueing warns (or not) accordingly
			m.opts.HasToken = h.HasToken
		}
	}
}

// crumbs are where the user is: the focused tab's name, its places (common.Locator),
// then the overlay showing; and the cursor's position.
func (m *Model) crumbs() ([]string, string) {
	t := m.focused()
	id := t.ID()
	out := []string{strings.ToUpper(id[:1]) + id[1:]}
	pos := ""
	if l, ok := t.(common.Locator); ok {
		out = append(out, l.Crumbs()...)
		pos = l.Position()
	}
	switch {
	case m.account.IsOpen():
		out = append(out, "login")
	case m.showMsgs:
		out = append(out, "messages")
	case m.showHelp:
		out = append(out, "help")
	case m.palette.IsOpen():
		out = append(out, "commands")
	}
	return out, pos
}

func (m *Model) statusContent() statusbar.Content {
	t := m.focused()
	// The hints of what has the keys: the focused tab's (it knows its own overlays),
	// or the root's overlay's; the global ones after them (the bar drops hints from
	// the left: quit stays longest).
	hints, global := t.Hints(), m.c.Keys.Global.ShortHelp()
	switch {
	case m.account.IsOpen():
		hints, global = m.c.Keys.Login.ShortHelp(), nil
	case m.palette.IsOpen():
		hints, global = m.c.Keys.Palette.ShortHelp(), nil
	case m.showHelp:
		k := m.c.Keys.Details.Scroll
		hints = []key.Binding{k.Down, k.PageDown}
	case m.showMsgs:
		hints = nil // esc closes, as the overlay says
	}
	c := statusbar.Content{Activity: m.activity(), Hints: keymap.Enabled(append(hints, global...)), Counts: t.Counts()}
	if c.Activity != "" {
		c.Spinner = m.spin.View()
	}
	return c
}

// globalTitle is the title of the global keys' section (help overlay, palette).
const globalTitle = "Global"

// helpSections lists the focused tab's bindings first, then the global ones, with
// every tab's key (O, the Observations tab's, is the Missions keymap's).
func (m *Model) helpSections() []keymap.Section {
	var tabKeys []key.Binding
	for _, s := range m.specs {
		if s.key != nil {
			tabKeys = append(tabKeys, *s.key(m.c.Keys))
		}
	}
	var global []key.Binding
	for _, b := range keymap.Flatten(m.c.Keys.Global.FullHelp()) {
		if slices.ContainsFunc(tabKeys, func(t key.Binding) bool { return t.Help() == b.Help() }) {
			continue // listed with the tab keys, in the tabs' order
		}
		global = append(global, b)
		if b.Help() == m.c.Keys.Global.PaletteAnywhere.Help() {
			global = append(global, tabKeys...)
		}
	}
	return append(m.focused().HelpSections(), keymap.Section{Title: globalTitle, Bindings: global})
}

// openHelp opens the help overlay at its top.
func (m *Model) openHelp() {
	m.showHelp, m.showMsgs = true, false
	m.help.Reset()
}

func (m *Model) tooSmallView() string {
	w, h := m.c.Width, m.c.Height
	msg := fmt.Sprintf("Terminal too small: need at least %d×%d, have %d×%d", MinWidth, MinHeight, w, h)
	if ansi.StringWidth(msg) > w {
		msg = fmt.Sprintf("Terminal too small:\nneed at least %d×%d, have %d×%d", MinWidth, MinHeight, w, h)
	}
	msg = m.c.Styles.TooSmall.Render(ansi.Wordwrap(msg, max(1, w), ""))
	return fitBlock(m.c.Renderer.Place(w, h, lipgloss.Center, lipgloss.Center, msg), w, h)
}

// fitBlock makes s exactly h lines of at most w cells: extra lines are dropped, long
// lines cut, missing lines added.
func fitBlock(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.SplitN(s, "\n", h+1)
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
