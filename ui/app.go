package ui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/components/header"
	"mastui/ui/components/helpview"
	"mastui/ui/components/messages"
	"mastui/ui/components/statusbar"
	"mastui/ui/components/toast"
	"mastui/ui/views/missions"
	"mastui/ui/views/products"
	"mastui/ui/views/queue"
	"mastui/ui/views/results"
	"mastui/ui/views/searchform"
)

// focus is the view that receives keys.
type focus int

const (
	focusForm focus = iota
	focusResults
	focusProducts
	focusQueue
	focusMissions
)

// Model is the root model of one session.
type Model struct {
	c        *common.Common
	opts     Options
	header   *header.Model
	form     *searchform.Model
	results  *results.Model
	products *products.Model
	queue    *queue.Model
	missions *missions.Model
	status   *statusbar.Model
	toast    *toast.Model
	help     *helpview.Model
	messages *messages.Model
	spin     spinner.Model

	spinning   bool // a spinner tick is pending
	focus      focus
	hasResults bool // a search has run: esc from the form goes back to it
	showHelp   bool
	showMsgs   bool  // the message log (ctrl+l) is open
	back       focus // where the queue panel returns to
	obsFocus   focus // where O returns to on the Observations tab
	confirm    bool  // "Quit? y/n" is asked
	sized      bool  // a WindowSizeMsg has arrived
	preparing  bool  // Options.Prepare has not returned yet
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
	if opts.ServerLabel != "" {
		c.ServerLabel = opts.ServerLabel
	}
	if opts.Downloads != nil && opts.Queue == nil {
		opts.Queue = queue.Sink{Downloads: opts.Downloads, Dir: opts.DownloadDir, Flat: opts.FlatDownloads, MastURL: opts.MastURL}
	}
	m := &Model{
		c:        c,
		opts:     opts,
		header:   header.New(c, "Observations", "Missions", "Queue"),
		form:     searchform.New(c, archive, searchform.Parsers{Coordinates: opts.ParseCoordinates, Radius: opts.ParseRadius}),
		results:  results.New(c, archive, opts.PageSize),
		products: products.New(c, archive, opts.ProductBatchSize),
		missions: missions.New(c, archive, opts.Columns),
		queue:    queue.New(c, opts.Downloads).WithUnavailableReason(opts.DownloadsUnavailable),
		status:   statusbar.New(c),
		toast:    toast.New(c),
		help:     helpview.New(c),
		messages: messages.New(c, opts.LogPath),
		spin: spinner.New(spinner.WithStyle(c.Styles.Spinner), spinner.WithSpinner(spinner.Spinner{
			Frames: []string{"⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"},
			FPS:    time.Second / 10,
		})),
		preparing: opts.Prepare != nil,
	}
	m.results.SetColumnChoice(opts.Columns[results.TableName])
	m.setFocus(focusForm)
	return m
}

// Init implements tea.Model: the search form fetches the column metadata and facets, and
// the queue panel loads the journaled queue and starts listening to the engine.
func (m *Model) Init() tea.Cmd {
	cmd := tea.Batch(m.form.Init(), m.queue.Init())
	m.refreshHeader()
	return cmd
}

// setFocus moves keyboard focus and enables the bindings that apply there: q types into
// the form's fields, so Quit is off while the form has focus.
func (m *Model) setFocus(f focus) {
	m.focus = f
	if f == focusForm || f == focusResults || f == focusProducts {
		m.obsFocus = f
	}
	m.syncKeys()
	m.c.Keys.Form.Back.SetEnabled(m.hasResults)
	if f == focusForm {
		m.form.Focus()
	} else {
		m.form.Blur()
	}
}

// syncKeys enables the global letter bindings only outside text fields.
func (m *Model) syncKeys() {
	g := &m.c.Keys.Global
	letters := m.focus != focusForm && !(m.focus == focusMissions && m.missions.Typing())
	g.Quit.SetEnabled(letters)
	g.Queue.SetEnabled(letters)
	g.Missions.SetEnabled(letters && m.focus != focusMissions)
	m.c.Keys.Missions.Observe.SetEnabled(letters)
}

// layout gives every part its size; the parent owns layout, children clamp.
func (m *Model) layout() {
	w := m.c.Width
	m.header.SetSize(w)
	m.status.SetSize(w)
	m.toast.SetSize(w)
	bh := m.bodyHeight()
	m.form.SetSize(w, bh)
	m.results.SetSize(w, bh)
	m.products.SetSize(w, bh)
	m.queue.SetSize(w, bh)
	m.missions.SetSize(w, bh)
	m.help.SetSize(w, bh)
	m.messages.SetSize(w, bh)
}

// bodyHeight is what is left between the header, the toast and the status line.
func (m *Model) bodyHeight() int {
	return max(0, m.c.Height-2-m.toast.Height())
}

func (m *Model) tooSmall() bool { return m.c.Width < MinWidth || m.c.Height < MinHeight }

// Focus reports which view has focus: "form", "results" or "products" (for tests).
func (m *Model) Focus() string {
	switch m.focus {
	case focusForm:
		return "form"
	case focusProducts:
		return "products"
	case focusQueue:
		return "queue"
	case focusMissions:
		return "missions"
	}
	return "results"
}

// Results is the results view (for tests).
func (m *Model) Results() *results.Model { return m.results }

// Products is the products view (for tests).
func (m *Model) Products() *products.Model { return m.products }

// Queue is the download queue panel (for tests).
func (m *Model) Queue() *queue.Model { return m.queue }

// Missions is the Missions tab (for tests).
func (m *Model) Missions() *missions.Model { return m.missions }

// Form is the search form (for tests).
func (m *Model) Form() *searchform.Model { return m.form }

// Toast is the text of the toast showing ("" when none).
func (m *Model) Toast() string { return m.toast.Text() }

// MessagesVisible reports whether the message log (ctrl+l) is open.
func (m *Model) MessagesVisible() bool { return m.showMsgs }

// HelpVisible reports whether the help overlay is open.
func (m *Model) HelpVisible() bool { return m.showHelp }
