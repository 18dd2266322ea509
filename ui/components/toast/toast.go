// Package toast is the one-line message above the status line: red for errors, yellow
// for warnings. It clears itself after a few seconds, or on the next key press.
package toast

import (
	"time"

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
	return tea.Tick(life, func(time.Time) tea.Msg { return ExpiredMsg{Seq: seq} })
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

// View draws the toast in one line of at most the width ("" when hidden).
func (m *Model) View() string {
	if !m.visible {
		return ""
	}
	st := m.c.Styles
	style, glyph := st.ToastInfo, st.Glyphs.Info
	switch m.level {
	case common.LevelError:
		style, glyph = st.ToastError, st.Glyphs.Error
	case common.LevelWarn:
		style, glyph = st.ToastWarn, st.Glyphs.Warn
	}
	return style.Render(common.Truncate(" "+glyph+" "+m.text, m.width))
}
