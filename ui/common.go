// Package ui is the root of the mastui terminal UI. It owns the layout (header with the
// tab bar, the focused tab or an overlay, toast, status line) and knows its tabs only
// through common.Tab: it asks the focused tab for its screen, hints, help, activity and
// counts, gives it the keys, and hands every answer to the tab it is addressed to.
//
// Messages: a tab's Cmds are wrapped by the root (common.Address) so that their answers
// come back as common.TabMsg{To: tab id}; inside a tab the same envelope addresses a part
// (a mission's name in the Missions tab) or a request (common.Requests, whose Take is
// the one place stale answers are dropped). Intents for the root (toasts, notes,
// queueing products, saving a column choice, leaving a tab) pass unwrapped.
//
// Time: every timer is Common.After on the session's clock (common.Clock), and a Cmd that
// waits for outside events with no deadline is marked with Common.Listen; tests drive the
// models on uitest.Clock, which answers timers at once (common.TimerMsg) and parks
// listeners (common.ListenMsg), so no test waits on the wall clock.
//
// A new tab: a package ui/views/<tab>/ whose Model implements common.Tab (with an ID
// constant: its name for `mastui --tab` and its address), plus one line in registry()
// (ui/registry.go) giving its constructor and, if any, the key that opens it. Its keys go
// in keymap/, its styles in themes/. Everything per session lives in a Common; nothing
// is package-level.
package ui

import (
	"context"
	"log/slog"

	"github.com/charmbracelet/lipgloss"

	"mastui/ui/common"
)

// Common is the per-session state shared by every view (see ui/common).
type Common = common.Common

// Archive is the data source of the observation views: the MAST client, or a fake.
type Archive = common.Archive

// Session is the login of a session (common.Session): Options.Account.
type Session = common.Session

// Look is the theme and key overrides of the settings (common.Look): Common.ApplyLook.
type Look = common.Look

// NewCommon builds the per-session Common: default theme and keymap on renderer r, the
// session context, a logger (never the terminal) and the server label shown top right.
func NewCommon(ctx context.Context, r *lipgloss.Renderer, logger *slog.Logger, serverLabel string) *Common {
	return common.New(ctx, r, logger, serverLabel)
}

// Sanitize strips terminal escape sequences and control characters from a server string.
func Sanitize(s string) string { return common.Sanitize(s) }
