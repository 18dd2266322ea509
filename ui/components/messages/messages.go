// Package messages is the session's message log (ctrl+l): every error and warning shown
// this session, newest first and in full (a toast or a status line has to cut them),
// and where the log file is.
package messages

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
)

// maxEntries bounds the log kept in memory; the log file has everything.
const maxEntries = 50

type entry struct {
	level common.Level
	text  string
	times int // the same message in a row counts up instead of repeating
}

// Model is the message log and its overlay.
type Model struct {
	c       *common.Common
	logPath string
	entries []entry // oldest first
	width   int
	height  int
}

// New builds an empty log; logPath ("" when there is none) is shown under it.
func New(c *common.Common, logPath string) *Model { return &Model{c: c, logPath: logPath} }

// SetSize sets the area the overlay is drawn in.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(0, w), max(0, h) }

// Add records a message (sanitized).
func (m *Model) Add(level common.Level, text string) {
	text = strings.TrimSpace(common.Sanitize(text))
	if text == "" {
		return
	}
	if n := len(m.entries); n > 0 && m.entries[n-1].text == text && m.entries[n-1].level == level {
		m.entries[n-1].times++
		return
	}
	m.entries = append(m.entries, entry{level: level, text: text, times: 1})
	if len(m.entries) > maxEntries {
		m.entries = m.entries[len(m.entries)-maxEntries:]
	}
}

// Len is the number of messages kept.
func (m *Model) Len() int { return len(m.entries) }

// View draws the messages, newest first and wrapped, in a box centred in the area; the
// oldest give way when they do not fit.
func (m *Model) View() string {
	st := m.c.Styles
	box := st.HelpBox
	inner := max(10, m.width-box.GetHorizontalFrameSize()-2)
	avail := max(1, m.height-box.GetVerticalFrameSize()-2) // the title and its gap
	var foot []string
	if m.logPath != "" {
		foot = append(foot, "", st.HelpDesc.Render(ansi.Truncate("Log file: "+common.Sanitize(m.logPath), inner, "…")))
	}
	var body []string
	for i := len(m.entries) - 1; i >= 0; i-- {
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, m.render(m.entries[i], inner)...)
	}
	if len(body) == 0 {
		body = append(body, st.HelpDesc.Render("No errors or warnings this session."))
	}
	if room := max(1, avail-len(foot)); len(body) > room {
		body = append(body[:room-1], st.HelpDesc.Render("… older messages are in the log file"))
	}
	title := st.HelpTitle.Render("Messages") + st.Dim.Render("   "+m.c.Keys.Global.Messages.Help().Key+" or esc closes · newest first")
	out := box.Render(title + "\n\n" + strings.Join(append(body, foot...), "\n"))
	return m.c.Renderer.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, out)
}

// render is one message, its glyph first, wrapped to w cells.
func (m *Model) render(e entry, w int) []string {
	st := m.c.Styles
	style, glyph := st.ToastInfo, st.Glyphs.Info
	switch e.level {
	case common.LevelError:
		style, glyph = st.ToastError, st.Glyphs.Error
	case common.LevelWarn:
		style, glyph = st.ToastWarn, st.Glyphs.Warn
	}
	text := e.text
	if e.times > 1 {
		text += " (×" + strconv.Itoa(e.times) + ")"
	}
	wrapped := strings.Split(ansi.Wrap(text, max(1, w-2), " /"), "\n")
	out := make([]string, len(wrapped))
	for i, l := range wrapped {
		lead := glyph + " "
		if i > 0 {
			lead = strings.Repeat(" ", ansi.StringWidth(lead))
		}
		out[i] = style.Render(lead + l)
	}
	return out
}
