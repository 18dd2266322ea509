package queue

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/ui/common"
)

// Update handles the engine's events, the answers of controls and, while the panel has
// focus, keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case EventMsg:
		if msg.Event != nil {
			m.upsert(msg.Event.EventStatus())
		}
		return m.Listen() // re-arm: one event per Cmd
	case ActionMsg:
		if m.dl != nil && msg.Sync {
			m.sync()
		}
		if msg.Err != nil {
			level := common.LevelError
			if errors.Is(msg.Err, download.ErrState) {
				level = common.LevelWarn
			}
			return common.Toast(level, fmt.Sprintf("Could not %s: %v", msg.What, msg.Err))
		}
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return nil
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Queue
	page := max(1, m.rows())
	switch {
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return BackMsg{} }
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-page)
	case key.Matches(msg, k.PageDown):
		m.move(page)
	case key.Matches(msg, k.Home):
		m.move(-len(m.ids))
	case key.Matches(msg, k.End):
		m.move(len(m.ids))
	case key.Matches(msg, k.FailedOnly):
		m.failedOnly = !m.failedOnly
		m.cursor, m.offset = 0, 0
		m.clamp()
	case key.Matches(msg, k.Details):
		m.showDetails = !m.showDetails
		m.clamp()
	}
	if m.dl == nil {
		return nil
	}
	dl := m.dl
	switch {
	case key.Matches(msg, k.PauseAll):
		t := m.Totals()
		if t.Active+t.Queued > 0 {
			return act("pause all", false, dl.PauseAll)
		}
		return act("resume all", false, dl.ResumeAll)
	case key.Matches(msg, k.RetryFailed):
		return act("retry the failed downloads", false, dl.RetryFailed)
	case key.Matches(msg, k.Clear):
		return act("clear finished and failed downloads", true, func() error {
			if err := dl.ClearFinished(); err != nil {
				return err
			}
			return dl.ClearFailed()
		})
	}
	s, ok := m.current()
	if !ok {
		return nil
	}
	id := s.ID
	switch {
	case key.Matches(msg, k.Pause):
		if s.State == download.Paused {
			return act("resume", false, func() error { return dl.Resume(id) })
		}
		return act("pause", false, func() error { return dl.Pause(id) })
	case key.Matches(msg, k.Cancel):
		return act("cancel", false, func() error { return dl.Cancel(id) })
	case key.Matches(msg, k.Retry):
		return act("retry", false, func() error { return dl.Retry(id) })
	case key.Matches(msg, k.CopyPath):
		return m.c.Copy("path", s.Dest)
	case key.Matches(msg, k.OpenFolder):
		return m.openFolder(filepath.Dir(s.Dest))
	case key.Matches(msg, k.Login) && s.State == download.LoginRequired:
		return common.OpenLogin
	}
	return nil
}

// act runs a control of the engine off the UI goroutine (it writes the journal).
func act(what string, sync bool, fn func() error) tea.Cmd {
	return func() tea.Msg { return ActionMsg{What: what, Err: fn(), Sync: sync} }
}

func (m *Model) move(d int) {
	m.cursor += d
	m.clamp()
}

// openFolder shows dir in a file manager where the session has one (Common.Opener),
// else copies its path and says so.
func (m *Model) openFolder(dir string) tea.Cmd {
	open, clip := m.c.Opener, m.c.Clipboard
	if open == nil { // over SSH or without a display: the path, whole, and in the clipboard
		return func() tea.Msg {
			text := "Folder: " + common.Sanitize(dir)
			if clip != nil && clip.Copy(common.CopyText(dir)) == nil {
				text += " (path copied)"
			}
			return common.ToastMsg{Level: common.LevelInfo, Text: text}
		}
	}
	return func() tea.Msg {
		if err := open(dir); err != nil {
			return common.ToastMsg{Level: common.LevelWarn, Text: "Could not open " + common.Sanitize(dir) + ": " + err.Error()}
		}
		return common.ToastMsg{Level: common.LevelInfo, Text: "Opened " + common.Sanitize(dir)}
	}
}

// rows is the number of download lines that fit under the totals (and above the
// details pane when it shows).
func (m *Model) rows() int {
	if m.showDetails {
		return max(0, m.height-2-m.detailsHeight())
	}
	return max(0, m.height-2)
}

// detailsHeight is the details pane's height: the lower part of the panel.
func (m *Model) detailsHeight() int { return max(6, (m.height-2)/2) }

// clamp keeps the cursor on a download and inside the window.
func (m *Model) clamp() {
	n := len(m.listed())
	m.cursor = min(max(0, m.cursor), max(0, n-1))
	rows := m.rows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if rows > 0 && m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = max(0, min(m.offset, n-rows))
}

// Totals aggregates the listed downloads.
type Totals struct {
	Active, Queued, Paused, LoginRequired, Done, Unverified, Failed, Cancelled int
	Bytes, Total                                                               int64   // bytes on disk and expected, cancelled items excluded
	Rate                                                                       float64 // bytes per second of the active items
	ETA                                                                        float64 // seconds until the active and waiting ones are done; 0 unknown
}

// Totals adds up the statuses.
func (m *Model) Totals() Totals {
	var t Totals
	var left int64
	for _, id := range m.ids {
		s := m.st[id]
		total := s.Total
		if total == 0 {
			total = s.Size
		}
		switch s.State {
		case download.Active:
			t.Active++
			t.Rate += s.Rate
		case download.Queued:
			t.Queued++
		case download.Paused:
			t.Paused++
		case download.LoginRequired:
			t.LoginRequired++
		case download.Done, download.Skipped:
			t.Done++
		case download.Unverified:
			t.Unverified++
		case download.Failed:
			t.Failed++
		case download.Cancelled:
			t.Cancelled++
			continue
		}
		if s.State == download.Done || s.State == download.Skipped || s.State == download.Unverified {
			done := max(s.Done, total)
			t.Bytes += done
			t.Total += done
			continue
		}
		t.Bytes += s.Done
		t.Total += max(total, s.Done)
		if s.State == download.Active || s.State == download.Queued {
			left += max(0, total-s.Done)
		}
	}
	if t.Rate > 0 && left > 0 {
		t.ETA = float64(left) / t.Rate
	}
	return t
}

// Pending is the number of downloads active or waiting (what quitting interrupts).
func (m *Model) Pending() int {
	t := m.Totals()
	return t.Active + t.Queued
}

// Summary is the header's word on the queue: "3↓ 41%" while downloads run, "1✗" when
// some failed, "1 unverified" when a file could not be proven whole, "" otherwise.
func (m *Model) Summary() string {
	t := m.Totals()
	switch {
	case t.Active+t.Queued > 0:
		s := fmt.Sprintf("%d↓", t.Active+t.Queued)
		if t.Total > 0 {
			s += fmt.Sprintf(" %d%%", int(100*t.Bytes/t.Total))
		}
		return s
	case t.Failed > 0:
		return fmt.Sprintf("%d✗", t.Failed)
	case t.LoginRequired > 0:
		return fmt.Sprintf("%d need login", t.LoginRequired)
	case t.Unverified > 0:
		return fmt.Sprintf("%d unverified", t.Unverified)
	case t.Paused > 0:
		return fmt.Sprintf("%d paused", t.Paused)
	}
	return ""
}
