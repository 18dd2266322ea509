package common

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
)

// Level is the severity of a toast.
type Level int

// Toast levels.
const (
	LevelInfo Level = iota
	LevelWarn
	LevelError
)

// ToastMsg asks the root to show a toast above the status line.
type ToastMsg struct {
	Level Level
	Text  string
}

// Toast returns a Cmd that shows a toast.
func Toast(level Level, text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Level: level, Text: text} }
}

// NoteMsg records a problem in the session's message log (ctrl+l) without a toast:
// for what a view already shows in short, such as the form's count line.
type NoteMsg struct {
	Level Level
	Text  string
}

// Note returns a Cmd that records a problem in the message log.
func Note(level Level, text string) tea.Cmd {
	return func() tea.Msg { return NoteMsg{Level: level, Text: text} }
}

// Search is one search as the user asked for it: an observation search (Query), or a
// Search API mission search when Mission is set.
type Search struct {
	Query   mast.Query
	Mission *mast.MissionQuery
	Target  string // the target as typed, for messages ("M101", "210.8 54.35")
	Radius  string // the radius as typed ("0.2 deg")
	// Fetch, when set, fetches the search's pages itself (a catalog search, whose tab
	// knows its client): page is 1-based, size the view's page size.
	Fetch func(ctx context.Context, page, size int) (*mast.Page, error)
	// Summary says what ran, for the results' title ("TIC around M10 r 0.02°").
	Summary string
}

// QueueProductsMsg is the intent to download products: a view emits it (products `D`)
// and the root hands it to the session's QueueSink (the download queue), or, without
// one, just says what would be queued.
type QueueProductsMsg struct {
	Products []model.ProductRef
}

// QueueSink receives the products the user sends to the download queue. Enqueue must
// not block: it records the products and returns what it made of them (added, already
// queued, duplicates), which the toast reports; the queue downloads in the background.
// An error is shown as a toast.
type QueueSink interface {
	Enqueue(products []model.ProductRef) (download.AddResult, error)
}

// Copy returns a Cmd that copies text to the session's clipboard and confirms with a
// toast naming what was copied ("copied obs_id jw01073…"). The text is server data: it
// is copied sanitized, so a paste cannot run a command (CR/LF) or drive a terminal (ESC).
func (c *Common) Copy(what, text string) tea.Cmd {
	clip := c.Clipboard
	text = CopyText(text)
	return func() tea.Msg {
		if clip == nil {
			return ToastMsg{Level: LevelError, Text: "No clipboard in this session"}
		}
		if text == "" {
			return ToastMsg{Level: LevelWarn, Text: "Nothing to copy: " + what + " is empty"}
		}
		if err := clip.Copy(text); err != nil {
			return ToastMsg{Level: LevelError, Text: "Copy failed: " + err.Error()}
		}
		return ToastMsg{Level: LevelInfo, Text: "copied " + what + " " + Truncate(text, 48)}
	}
}
