// Package login is the session's MAST account in the TUI (protocol 5): the whoami that
// names the user in the header, and the login dialog (ctrl+x from anywhere, L on a
// login-required download): a masked token field, "checking with MAST…", then who the
// token belongs to or MAST's refusal inline. A token MAST accepts is stored as `mastui
// login` stores it (account.Source.Login) and handed to the download engine, which
// resumes the downloads held for a login. The token is never drawn, logged, nor carried
// by a message.
package login

import (
	"context"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/account"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/header"
	"mastui/ui/components/textfield"
)

// Task is the address of the account's answers (common.TabMsg.To); the root hands them
// to Update.
const Task = "account"

// Request tasks.
const (
	taskWhoami = "whoami"
	taskLogin  = "login"
	taskLogout = "logout"
)

type phase int

const (
	editing  phase = iota
	checking       // the token is with MAST
	loggedIn       // MAST accepted it; it is stored
)

// Model is the account: what the header shows, and the dialog.
type Model struct {
	c    *common.Common
	acct common.Account
	dl   common.Downloads // nil without downloads
	reqs *common.Requests

	head header.Account

	open   bool
	phase  phase
	input  textinput.Model
	errMsg string // MAST's refusal or a failure, inline
	done   string // "Logged in as …; token stored in …", after a login or logout
	note   string // "no system keyring: …", the expiry warning
	width  int
	height int
}

// WhoamiMsg answers the session's whoami.
type WhoamiMsg struct {
	HasToken bool
	Identity mast.Identity
	Err      error
}

// ResultMsg answers a login. It carries no token.
type ResultMsg struct {
	Identity mast.Identity
	Stored   account.Stored
	Err      error
	Resume   error // handing the token to the download engine failed
}

// LogoutMsg answers a logout: what was removed, and whether a token remains ($MAST_API_TOKEN).
type LogoutMsg struct {
	Removed  []string
	Err      error
	HasToken bool
}

// New builds the account of a session; acct nil means no account support (the header
// then shows no account line, and the dialog says so).
func New(c *common.Common, acct common.Account, dl common.Downloads) *Model {
	in := textfield.New(c.Styles, "paste the token here", 512)
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	return &Model{c: c, acct: acct, dl: dl, reqs: c.NewRequests(), input: in}
}

// Enabled reports whether the session has account support.
func (m *Model) Enabled() bool { return m.acct != nil }

// Header is what the header's account line shows.
func (m *Model) Header() header.Account { return m.head }

// IsOpen reports whether the dialog is open (it has the keys).
func (m *Model) IsOpen() bool { return m.open }

// Activity is what the account does, for the status bar ("" when idle).
func (m *Model) Activity() string { return m.reqs.Activity() }

// SetSize sets the area the dialog is centred in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	textfield.SetBoxWidth(&m.input, min(52, max(12, w-16)))
}

// Init asks MAST who the session's token belongs to, off the UI goroutine (looking the
// token up may ask the keyring).
func (m *Model) Init() tea.Cmd {
	if m.acct == nil {
		return nil
	}
	return m.whoami()
}

func (m *Model) whoami() tea.Cmd {
	acct := m.acct
	return m.run(taskWhoami, "", func(ctx context.Context) tea.Msg {
		if !acct.HasToken() {
			return WhoamiMsg{}
		}
		id, err := acct.Whoami(ctx)
		return WhoamiMsg{HasToken: true, Identity: id, Err: err}
	})
}

// Open opens the dialog with an empty field.
func (m *Model) Open() tea.Cmd {
	m.open = true
	m.errMsg, m.done, m.note = "", "", ""
	if m.phase != checking {
		m.phase = editing
	}
	m.input.Reset()
	return m.input.Focus()
}

// Close closes the dialog; a check in flight is cancelled (nothing is stored).
func (m *Model) Close() {
	m.open = false
	m.reqs.Cancel(taskLogin)
	if m.phase == checking {
		m.phase = editing
	}
	m.input.Reset()
	m.input.Blur()
}

// Update takes the account's answers (addressed to Task) and, while the dialog is open,
// keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg:
		a, ok := msg.Msg.(addressed)
		if !ok {
			return nil
		}
		inner, ok := m.reqs.Take(common.TabMsg{To: a.task(), Req: msg.Req, Msg: msg.Msg})
		if !ok {
			return nil
		}
		return m.answer(inner)
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return nil
}

func (m *Model) answer(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case WhoamiMsg:
		m.head = header.Account{Checked: true, HasToken: msg.HasToken, Identity: msg.Identity, Err: msg.Err}
		if msg.Err != nil {
			m.c.Logger.Warn("whoami", "err", msg.Err)
		}
	case ResultMsg:
		return m.loginAnswer(msg)
	case LogoutMsg:
		return m.logoutAnswer(msg)
	}
	return nil
}

// addressed is an answer that names its request task.
type addressed interface{ task() string }

func (WhoamiMsg) task() string { return taskWhoami }
func (ResultMsg) task() string { return taskLogin }
func (LogoutMsg) task() string { return taskLogout }

// run starts a request of task; its answer comes back addressed to Task.
func (m *Model) run(task, label string, fn func(ctx context.Context) tea.Msg) tea.Cmd {
	ctx, id := m.reqs.Start(task, label)
	return common.Address(Task, id, func() tea.Msg { return fn(ctx) })
}
