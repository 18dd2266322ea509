// Package ui is the root of the mastui terminal UI: it owns the layout (header, the
// focused view, toast, status line), routes keys and messages to the views, and applies
// their intents. Everything per session lives in a Common; nothing is package-level.
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

// NewCommon builds the per-session Common: default theme and keymap on renderer r, the
// session context, a logger (never the terminal) and the server label shown top right.
func NewCommon(ctx context.Context, r *lipgloss.Renderer, logger *slog.Logger, serverLabel string) *Common {
	return common.New(ctx, r, logger, serverLabel)
}

// Sanitize strips terminal escape sequences and control characters from a server string.
func Sanitize(s string) string { return common.Sanitize(s) }
