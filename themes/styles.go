package themes

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Glyphs mark state without relying on colour, so everything reads with NO_COLOR.
type Glyphs struct {
	Cursor    string // the row or field under the cursor
	Selected  string // a selected row (multi-select, later)
	RadioOn   string
	RadioOff  string
	Error     string
	Warn      string
	Info      string
	Arrow     string
	Ellipsis  string
	Separator string // between status-bar segments
	CheckOn   string // a chosen option of a multi-select
	CheckOff  string // an option not chosen
	// TabOn brackets the active tab ("[Missions]"); inactive tabs get spaces instead, so
	// names keep their place when the active tab changes.
	TabOn [2]string
	// LoggedIn marks the user's name in the header ("● demo"); Locked marks an
	// exclusive-access row (dataRights not PUBLIC, or t_obs_release still ahead).
	LoggedIn string
	Locked   string
}

// Styles is every style of the TUI, built once per session from its renderer.
type Styles struct {
	Palette Palette
	Glyphs  Glyphs

	// Frame.
	Brand       lipgloss.Style
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	ServerLabel lipgloss.Style
	StatusBar   lipgloss.Style
	StatusText  lipgloss.Style
	Spinner     lipgloss.Style
	Counts      lipgloss.Style
	HintKey     lipgloss.Style
	HintDesc    lipgloss.Style
	ToastError  lipgloss.Style
	ToastWarn   lipgloss.Style
	ToastInfo   lipgloss.Style
	TooSmall    lipgloss.Style

	// Search form.
	FormTitle        lipgloss.Style
	FormLabel        lipgloss.Style
	FormLabelFocused lipgloss.Style
	FormInputText    lipgloss.Style
	FormPlaceholder  lipgloss.Style
	FormCursor       lipgloss.Style
	FormError        lipgloss.Style
	FormHint         lipgloss.Style
	FormChoice       lipgloss.Style
	FormChoiceOn     lipgloss.Style
	FormResolved     lipgloss.Style
	FormListCursor   lipgloss.Style // the option or suggestion under the cursor in a form list
	FormOptionCount  lipgloss.Style // the count next to an option ("HST  8,075")
	FormMatches      lipgloss.Style // the live "≈ 1,804 observations match" line
	FormRule         lipgloss.Style // the line between the fields and the form's help

	// Results table.
	ResultsTitle lipgloss.Style
	ResultsInfo  lipgloss.Style
	ResultsWarn  lipgloss.Style // what a result may lack (a row cap reached), in its title
	TableHeader  lipgloss.Style
	CursorRow    lipgloss.Style
	Empty        lipgloss.Style
	ErrorText    lipgloss.Style

	// Help overlay.
	HelpBox     lipgloss.Style
	HelpTitle   lipgloss.Style
	HelpSection lipgloss.Style
	HelpKey     lipgloss.Style
	HelpDesc    lipgloss.Style
	HelpColumn  lipgloss.Style // the gap before each further column

	Dim lipgloss.Style

	// Browse styles the tables, panes and overlays of the results and products views.
	Browse BrowseStyles
	// Queue styles the download queue panel.
	Queue QueueStyles
	// Account line, login dialog, exclusive-access rows.
	Account AccountStyles
	// Cutouts styles the Cutouts tab.
	Cutouts CutoutsStyles
	// Duplicates styles the Duplicates tab.
	Duplicates DuplicatesStyles
	// Sky styles the sky panel and the timeline strip.
	Sky SkyStyles
	// Nav styles the command palette, the breadcrumbs and find in results.
	Nav NavStyles
}

// Default builds the dark theme on r. NO_COLOR (and non-colour terminals) are honoured
// through the renderer's colour profile: with termenv.Ascii every colour and attribute
// is dropped and only the glyphs mark state.
func Default(r *lipgloss.Renderer) *Styles { return New(r, Dark()) }

// New builds the styles of palette p on renderer r (nil means lipgloss's default renderer).
func New(r *lipgloss.Renderer, p Palette) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	ns := func() lipgloss.Style { return r.NewStyle() }
	s := &Styles{
		Palette: p,
		Glyphs: Glyphs{
			Cursor: "▸", Selected: "●", RadioOn: "●", RadioOff: "○",
			Error: "✗", Warn: "!", Info: "•", Arrow: "→", Ellipsis: "…", Separator: " · ",
			CheckOn: "[x]", CheckOff: "[ ]", TabOn: [2]string{"[", "]"},
			LoggedIn: "●", Locked: "⊘",
		},
	}
	s.Brand = ns().Bold(true).Foreground(p.Accent)
	s.TabActive = ns().Bold(true).Underline(true).Foreground(p.Fg)
	s.TabInactive = ns().Foreground(p.Dim)
	s.ServerLabel = ns().Foreground(p.Dim)
	s.StatusBar = ns()
	s.StatusText = ns().Foreground(p.Fg)
	s.Spinner = ns().Foreground(p.Accent)
	s.Counts = ns().Foreground(p.Fg)
	s.HintKey = ns().Foreground(p.Fg).Bold(true)
	s.HintDesc = ns().Foreground(p.Dim)
	s.ToastError = ns().Foreground(p.Error).Bold(true)
	s.ToastWarn = ns().Foreground(p.Warn).Bold(true)
	s.ToastInfo = ns().Foreground(p.Info)
	s.TooSmall = ns().Foreground(p.Warn).Bold(true)

	s.FormTitle = ns().Bold(true).Foreground(p.Fg)
	s.FormLabel = ns().Foreground(p.Dim)
	s.FormLabelFocused = ns().Bold(true).Foreground(p.Accent)
	s.FormInputText = ns().Foreground(p.InputText)
	s.FormPlaceholder = ns().Foreground(p.Dim)
	s.FormCursor = ns().Reverse(true)
	s.FormError = ns().Foreground(p.Error)
	s.FormHint = ns().Foreground(p.Dim)
	s.FormChoice = ns().Foreground(p.Dim)
	s.FormChoiceOn = ns().Bold(true).Foreground(p.Fg)
	s.FormResolved = ns().Foreground(p.Success)
	s.FormListCursor = ns().Bold(true).Foreground(p.Accent)
	s.FormOptionCount = ns().Foreground(p.Dim)
	s.FormMatches = ns().Bold(true).Foreground(p.Success)
	s.FormRule = ns().Foreground(p.Border)

	s.ResultsTitle = ns().Bold(true).Foreground(p.Fg)
	s.ResultsInfo = ns().Foreground(p.Success)
	s.ResultsWarn = ns().Bold(true).Foreground(p.Warn)
	s.TableHeader = ns().Bold(true).Foreground(p.Header)
	s.CursorRow = ns().Bold(true).Foreground(p.CursorFg).Background(p.CursorBg)
	s.Empty = ns().Foreground(p.Dim)
	s.ErrorText = ns().Foreground(p.Error)

	s.HelpBox = ns().Border(lipgloss.RoundedBorder()).BorderForeground(p.Border).Padding(0, 2)
	s.HelpTitle = ns().Bold(true).Foreground(p.Accent)
	s.HelpSection = ns().Bold(true).Foreground(p.Header)
	s.HelpKey = ns().Bold(true).Foreground(p.Fg)
	s.HelpDesc = ns().Foreground(p.Dim)
	s.HelpColumn = ns().PaddingLeft(4)

	s.Dim = ns().Foreground(p.Dim)
	s.Browse = newBrowse(r, p)
	s.Queue = newQueue(r, p)
	s.Account = newAccount(r, p)
	s.Cutouts = newCutouts(r, p)
	s.Duplicates = newDuplicates(r, p)
	s.Sky = newSky(r, p)
	s.Nav = newNav(r, p)
	if p.Mono {
		// No colour to mark the cursors: reverse video (the cell under the column
		// cursor is underlined within its reversed row).
		s.CursorRow = ns().Bold(true).Reverse(true)
		s.Browse.CursorCell = ns().Bold(true).Underline(true)
		s.Browse.PanelCursor = ns().Bold(true).Reverse(true)
		s.Browse.SelectedRow = ns().Bold(true)
	}
	return s
}

// ForTerminal builds the styles of palette p for r's terminal, honouring NO_COLOR (in
// r's environment: an SSH session's own): no colour at all, but bold, underline and
// reverse video still mark focus and selection where the terminal shows them (the
// renderer's profile is raised from Ascii to ANSI for that; a dumb terminal stays
// Ascii).
func ForTerminal(r *lipgloss.Renderer, p Palette) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	if out := r.Output(); out.EnvNoColor() {
		p = Mono(p)
		if out.ColorProfile() != termenv.Ascii && r.ColorProfile() == termenv.Ascii {
			r.SetColorProfile(termenv.ANSI)
		}
	}
	return New(r, p)
}
