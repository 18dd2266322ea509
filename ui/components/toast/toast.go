// Package toast is the message above the status line: red for errors (wrapped over a
// few lines, so the cause shows), yellow for warnings, one line for information. It
// clears itself after a few seconds, or on the next key press.
package toast

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// ExpiredMsg clears the toast numbered Seq (a newer toast ignores it).
type ExpiredMsg struct{ Seq int }

// Model is the toast line.
type Model struct {
	c       *common.Common
	seq     int
	level   common.Level
	text    string
	visible bool
	width   int
	// Lifetime of a toast by level; zero values use the defaults.
	InfoLife, ErrorLife time.Duration
}

// New builds an empty toast.
func New(c *common.Common) *Model {
	return &Model{c: c, InfoLife: 3 * time.Second, ErrorLife: 6 * time.Second}
}

// SetSize sets the width of the line.
func (m *Model) SetSize(w int) { m.width = max(0, w) }

// Show displays a toast and returns the Cmd that will expire it.
func (m *Model) Show(level common.Level, text string) tea.Cmd {
	m.seq++
	m.level, m.text, m.visible = level, common.Sanitize(text), true
	life := m.InfoLife
	if level != common.LevelInfo {
		life = m.ErrorLife
	}
	seq := m.seq
	return m.c.After(life, func(time.Time) tea.Msg { return ExpiredMsg{Seq: seq} })
}

// Update clears the toast when its own timer expires.
func (m *Model) Update(msg tea.Msg) {
	if e, ok := msg.(ExpiredMsg); ok && e.Seq == m.seq {
		m.visible = false
	}
}

// Dismiss hides the toast (a key was pressed).
func (m *Model) Dismiss() { m.visible = false }

// Visible reports whether a toast is showing.
func (m *Model) Visible() bool { return m.visible }

// Text is the toast's text ("" when hidden).
func (m *Model) Text() string {
	if !m.visible {
		return ""
	}
	return m.text
}

// maxLines is how many lines an error or a warning may take; longer ones end with a
// pointer to the message log, which has them whole.
const maxLines = 3

// Height is the number of lines the toast takes (0 when hidden).
func (m *Model) Height() int {
	if !m.visible {
		return 0
	}
	return len(m.lines())
}

// View draws the toast: an information in one line cut to the width, an error or a
// warning wrapped over up to maxLines lines ("" when hidden).
func (m *Model) View() string {
	if !m.visible {
		return ""
	}
	style := m.c.Styles.ToastInfo
	switch m.level {
	case common.LevelError:
		style = m.c.Styles.ToastError
	case common.LevelWarn:
		style = m.c.Styles.ToastWarn
	}
	lines := m.lines()
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

// lines are the toast's lines, unstyled.
func (m *Model) lines() []string {
	st := m.c.Styles
	glyph := st.Glyphs.Info
	switch m.level {
	case common.LevelError:
		glyph = st.Glyphs.Error
	case common.LevelWarn:
		glyph = st.Glyphs.Warn
	}
	lead := " " + glyph + " "
	if m.level == common.LevelInfo || ansi.StringWidth(lead+m.text) <= m.width {
		return []string{common.Truncate(lead+m.text, m.width)}
	}
	indent := strings.Repeat(" ", ansi.StringWidth(lead))
	w := max(1, m.width-ansi.StringWidth(lead))
	wrapped := strings.Split(ansi.Wrap(m.text, w, " /"), "\n")
	if len(wrapped) > maxLines {
		more := "… " + m.c.Keys.Global.Messages.Help().Key + " shows it all"
		last := strings.Join(wrapped[maxLines-1:], " ")
		wrapped = append(wrapped[:maxLines-1], ansi.Truncate(last, max(0, w-ansi.StringWidth(more)-1), "")+" "+more)
	}
	for i := range wrapped {
		if i == 0 {
			wrapped[i] = lead + wrapped[i]
		} else {
			wrapped[i] = indent + wrapped[i]
		}
		wrapped[i] = common.Truncate(wrapped[i], m.width)
	}
	return wrapped
}
