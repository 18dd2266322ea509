// Package common holds what every view of one TUI session shares: the session context,
// styles, keymap, renderer, logger and size. There is one Common per session (many SSH
// sessions share one process), so nothing here is package-level state.
package common

import (
	"context"
	"log/slog"
	"sync/atomic"

	"github.com/charmbracelet/lipgloss"

	"mastui/keymap"
	"mastui/model"
	"mastui/model/history"
	"mastui/services/mast"
	"mastui/themes"
)

// Archive is the data source of the observation views (the MAST client, or a fake).
// *mast.Client implements it.
type Archive interface {
	// SearchPage runs one page of an observation search (resolving q.Object first;
	// Page.Resolved is then set).
	SearchPage(ctx context.Context, q mast.Query, page, pageSize int) (*mast.Page, error)
	// Resolve turns object names into positions (resolver "" lets MAST choose); a name
	// with no position is a *mast.NotResolvedError.
	Resolve(ctx context.Context, names []string, resolver string) ([]mast.Resolved, error)
	// Count is the number of observations a query matches (COUNT_BIG(*)).
	Count(ctx context.Context, q mast.Query) (int64, error)
	// Facets lists the values (with counts) of the discrete CAOM columns (Mast.Caom.All).
	Facets(ctx context.Context) (map[string][]mast.FacetValue, error)
	// Metadata describes the columns of "observations" or "products".
	Metadata(ctx context.Context, which string) ([]mast.FieldMeta, error)
	// ValidateCriteria checks criteria without running a query (*mast.CriterionError
	// says which one is bad).
	ValidateCriteria(ctx context.Context, criteria []mast.Criterion) error
	// Products lists the products of observations (every page of every batch).
	Products(ctx context.Context, obsids []string, opts mast.ProductOptions) (*model.Table, error)
	// MissionColumns lists the columns of a Search API mission (hst, jwst, ...).
	MissionColumns(ctx context.Context, mission string) ([]mast.MissionColumn, error)
	// MissionSearch runs one Search API query (one page: Limit and Offset).
	MissionSearch(ctx context.Context, q mast.MissionQuery) (*mast.MissionPage, error)
	// MissionProducts lists the products of Search API datasets (post_list_products, in
	// batches of batchSize ids; <= 0 means 1000).
	MissionProducts(ctx context.Context, mission string, datasets []string, batchSize int) (*model.Table, error)
}

// Common is the per-session state shared by the root model and its views.
type Common struct {
	Ctx      context.Context
	Styles   *themes.Styles
	Keys     *keymap.KeyMap
	Renderer *lipgloss.Renderer
	Logger   *slog.Logger
	// Clipboard takes what the user copies; New sets SystemClipboard on the renderer's
	// output. SSH sessions should set OSC52Clipboard(renderer.Output()).
	Clipboard Clipboard
	// Clock times every timer of the session (WallClock; tests use uitest.Clock).
	Clock Clock
	// Opener opens a folder for the user (queue `O`); nil copies its path instead. New
	// sets LocalOpener(); an SSH session must set nil, as it sets OSC52Clipboard.
	Opener Opener
	// ExportDir is where exported tables go by default (the download directory; "" is
	// the current one).
	ExportDir string
	// Commands are the `:` palette's commands: every feature adds its own (see Command).
	Commands    *Commands
	Width       int
	Height      int
	ServerLabel string
	// History keeps the searches of every tab and the saved searches (the XDG data
	// dir); nil keeps none (tests that do not ask for it).
	History *history.Store

	requestSeq atomic.Uint64 // numbers every request of the session (Requests)
	sky        skySources    // the catalog sources sky panels overlay (PublishSources)
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
		Styles:      themes.ForTerminal(r, themes.Dark()),
		Keys:        keymap.Default(),
		Renderer:    r,
		Logger:      logger,
		Clipboard:   SystemClipboard(r.Output()),
		Opener:      LocalOpener(),
		Clock:       WallClock{},
		Commands:    &Commands{},
		ServerLabel: serverLabel,
	}
}
