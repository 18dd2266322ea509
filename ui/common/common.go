// Package common holds what every view of one TUI session shares: the session context,
// styles, keymap, renderer, logger and size. There is one Common per session (many SSH
// sessions share one process), so nothing here is package-level state.
package common

import (
	"context"
	"log/slog"

	"github.com/charmbracelet/lipgloss"

	"mastui/keymap"
	"mastui/services/mast"
	"mastui/themes"
)

// Archive is the data source of the observation views (the MAST client, or a fake).
type Archive interface {
	// SearchPage runs one page of an observation search (resolving q.Object first;
	// Page.Resolved is then set).
	SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error)
}

// Common is the per-session state shared by the root model and its views.
type Common struct {
	Ctx         context.Context
	Styles      *themes.Styles
	Keys        *keymap.KeyMap
	Renderer    *lipgloss.Renderer
	Logger      *slog.Logger
	Width       int
	Height      int
	ServerLabel string
}

// New builds a Common with the default theme and keymap. A nil ctx, renderer or logger
// gets a harmless default (background context, lipgloss's default renderer, a logger
// that discards everything).
func New(ctx context.Context, r *lipgloss.Renderer, logger *slog.Logger, serverLabel string) *Common {
	if ctx == nil {
		ctx = context.Background()
	}
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Common{
		Ctx:         ctx,
		Styles:      themes.Default(r),
		Keys:        keymap.Default(),
		Renderer:    r,
		Logger:      logger,
		ServerLabel: serverLabel,
	}
}
