package ui

import (
	"context"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/header"
	"mastui/ui/components/helpview"
	"mastui/ui/components/login"
	"mastui/ui/components/messages"
	"mastui/ui/components/palette"
	"mastui/ui/components/statusbar"
	"mastui/ui/components/toast"
	"mastui/ui/views/catalogs"
	"mastui/ui/views/cutouts"
	"mastui/ui/views/missions"
	"mastui/ui/views/observations"
	"mastui/ui/views/products"
	"mastui/ui/views/queue"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

// Model is the root model of one session: the tabs (from the registry), the header
// drawn from them, the overlays (help, messages), the toast and the status line. It asks
// the focused tab for everything it shows and never looks inside a tab.
type Model struct {
	c        *common.Common
	opts     Options
	specs    []tabSpec
	tabs     []common.Tab
	active   int // the tab with the keys
	prev     int // the tab the active one was opened from (the queue's esc goes back)
	initCmd  tea.Cmd
	header   *header.Model
	status   *statusbar.Model
	toast    *toast.Model
	help     *helpview.Model
	messages *messages.Model
	account  *login.Model // the account line's whoami and the login dialog
	palette  *palette.Model
	spin     spinner.Model

	spinning bool // a spinner tick is pending
	showHelp bool
	showMsgs bool // the message log (ctrl+l) is open
	// leftField: the user left the focused tab's text field with esc, so the global
	// letter keys work; the next other key goes back into the field.
	leftField bool
	confirm   bool // "Quit? y/n" is asked
	// ffiPending are products held back by the TESS full-frame-image question (y queues).
	ffiPending []model.ProductRef
	sized      bool // a WindowSizeMsg has arrived
	preparing  bool // Options.Prepare has not returned yet
}

// New builds the root model over an archive. Run it with
// tea.NewProgram(ui.New(c, archive, opts), tea.WithAltScreen()).
func New(c *Common, archive Archive, opts Options) tea.Model {
	return NewModel(c, archive, opts)
}

// NewModel is New returning the concrete type (for tests and embedding).
func NewModel(c *Common, archive Archive, opts Options) *Model {
	if c == nil {
		c = NewCommon(context.Background(), nil, nil, opts.ServerLabel)
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	if opts.History != nil {
		c.History = opts.History
	}
	if opts.ServerLabel != "" {
		c.ServerLabel = opts.ServerLabel
	}
	if c.ExportDir == "" {
		c.ExportDir = opts.DownloadDir
	}
	if opts.Downloads != nil && opts.Queue == nil {
		opts.Queue = queue.Sink{Downloads: opts.Downloads, Dir: opts.DownloadDir, Flat: opts.FlatDownloads, MastURL: opts.MastURL}
	}
	m := &Model{
		c:        c,
		opts:     opts,
		specs:    registry(),
		status:   statusbar.New(c),
		toast:    toast.New(c),
		help:     helpview.New(c),
		messages: messages.New(c, opts.LogPath),
		account:  login.New(c, opts.Account, opts.Downloads),
		palette:  palette.New(c),
		spin: spinner.New(spinner.WithStyle(c.Styles.Spinner), spinner.WithSpinner(spinner.Spinner{
			Frames: []string{"⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"},
			FPS:    time.Second / 10,
		})),
		preparing: opts.Prepare != nil,
	}
	var titles []string
	for _, s := range m.specs {
		t := s.new(tabDeps{c: c, archive: archive, opts: opts})
		m.tabs = append(m.tabs, t)
		titles = append(titles, t.Title())
	}
	m.header = header.New(c, titles...)
	m.registerCommands()
	m.active = m.startTab()
	m.initCmd = m.address(m.tabs[m.active], m.tabs[m.active].Focus())
	m.syncKeys()
	return m
}

// startTab is the index of Options.StartTab (the first tab when it is empty or unknown).
func (m *Model) startTab() int {
	if m.opts.StartTab == "" {
		return 0
	}
	if i := slices.IndexFunc(m.specs, func(s tabSpec) bool { return s.id == m.opts.StartTab }); i >= 0 {
		return i
	}
	m.c.Logger.Warn("unknown start tab; opening the first", "tab", m.opts.StartTab, "tabs", TabNames())
	return 0
}

// Init implements tea.Model: every tab starts (the Observations form fetches the column
// metadata and facets, the queue loads its journal and listens to the engine) and the
// first tab opens.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.initCmd, m.account.Init()}
	m.initCmd = nil
	if m.opts.DownloadsNotice != "" {
		cmds = append(cmds, common.Toast(common.LevelWarn, m.opts.DownloadsNotice))
	}
	for _, t := range m.tabs {
		cmds = append(cmds, m.address(t, t.Init()))
	}
	m.refreshHeader()
	return tea.Batch(cmds...)
}

// address wraps what a tab's Cmd answers in its envelope, so the answer comes back to it.
func (m *Model) address(t common.Tab, cmd tea.Cmd) tea.Cmd { return common.Address(t.ID(), 0, cmd) }

// typing reports whether typed letters go to a text field of the focused tab: it has
// one with the keys, and the user has not left it with esc.
func (m *Model) typing() bool { return m.focused().Typing() && !m.leftField }

// focused is the tab with the keys.
func (m *Model) focused() common.Tab { return m.tabs[m.active] }

// layout gives every part its size; the parent owns layout, children clamp.
func (m *Model) layout() {
	w := m.c.Width
	m.header.SetSize(w)
	m.status.SetSize(w)
	m.toast.SetSize(w)
	bh := m.bodyHeight()
	for _, t := range m.tabs {
		t.SetSize(w, bh)
	}
	m.help.SetSize(w, bh)
	m.messages.SetSize(w, bh)
	m.account.SetSize(w, bh)
	m.palette.SetSize(w, m.paletteHeight())
}

// headerHeight is the tab bar and the line of breadcrumbs and row position.
const headerHeight = 2

// bodyHeight is what is left between the header, the toast and the status line.
func (m *Model) bodyHeight() int {
	return max(0, m.c.Height-headerHeight-1-m.toast.Height())
}

func (m *Model) tooSmall() bool { return m.c.Width < MinWidth || m.c.Height < MinHeight }

// tabOf is the tab of type T (the registry has one of each).
func tabOf[T common.Tab](m *Model) T {
	for _, t := range m.tabs {
		if v, ok := t.(T); ok {
			return v
		}
	}
	var zero T
	return zero
}

// Focus names what has the keys: the focused tab's id, or for the Observations tab its
// part, "form", "results" or "products" (for tests).
func (m *Model) Focus() string {
	if o, ok := m.focused().(*observations.Model); ok {
		return o.Part()
	}
	return m.focused().ID()
}

// Tab is the focused tab's id ("observations", "missions", "queue").
func (m *Model) Tab() string { return m.focused().ID() }

// Results is the Observations results view (for tests).
func (m *Model) Results() *results.Model { return tabOf[*observations.Model](m).Results() }

// Products is the Observations products view (for tests).
func (m *Model) Products() *products.Model { return tabOf[*observations.Model](m).Products() }

// Queue is the download queue panel (for tests).
func (m *Model) Queue() *queue.Model { return tabOf[*queue.Model](m) }

// Missions is the Missions tab (for tests).
func (m *Model) Missions() *missions.Model { return tabOf[*missions.Model](m) }

// Catalogs is the Catalogs tab (for tests).
func (m *Model) Catalogs() *catalogs.Model { return tabOf[*catalogs.Model](m) }

// Cutouts is the Cutouts tab (for tests).
func (m *Model) Cutouts() *cutouts.Model { return tabOf[*cutouts.Model](m) }

// Form is the search form (for tests).
func (m *Model) Form() *searchform.Model { return tabOf[*observations.Model](m).Form() }

// Toast is the text of the toast showing ("" when none).
func (m *Model) Toast() string { return m.toast.Text() }

// MessagesVisible reports whether the message log (ctrl+l) is open.
func (m *Model) MessagesVisible() bool { return m.showMsgs }

// LoginVisible reports whether the login dialog is open.
func (m *Model) LoginVisible() bool { return m.account.IsOpen() }

// HelpVisible reports whether the help overlay is open.
func (m *Model) HelpVisible() bool { return m.showHelp }
