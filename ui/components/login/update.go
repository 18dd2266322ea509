package login

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/account"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/header"
)

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Login
	switch {
	case key.Matches(msg, k.Close):
		m.Close()
		return nil
	case m.acct == nil:
		return nil
	case key.Matches(msg, k.Logout):
		if m.phase == checking {
			return nil
		}
		return m.logout()
	case key.Matches(msg, k.Submit):
		if m.phase == loggedIn { // enter on the answer closes, as esc does
			m.Close()
			return nil
		}
		if m.phase == checking {
			return nil
		}
		return m.submit()
	}
	if m.phase == checking {
		return nil
	}
	if m.phase == loggedIn { // typing again starts a new token
		m.phase, m.done, m.note = editing, "", ""
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	m.errMsg = ""
	return cmd
}

// submit checks the typed token with MAST off the UI goroutine; the field is emptied at
// once, so the token lives only in the Cmd.
func (m *Model) submit() tea.Cmd {
	token := strings.TrimSpace(m.input.Value())
	m.input.Reset()
	if token == "" {
		m.errMsg = "Paste a MAST API token: make one at " + mast.TokenPage
		return nil
	}
	m.phase, m.errMsg, m.done, m.note = checking, "", "", ""
	acct, dl := m.acct, m.dl
	return m.run(taskLogin, "Checking the token with MAST…", func(ctx context.Context) tea.Msg {
		id, st, err := acct.Login(ctx, token)
		res := ResultMsg{Identity: id, Stored: st, Err: err}
		if err == nil && dl != nil {
			res.Resume = dl.SetToken(acct.Token())
		}
		return res
	})
}

func (m *Model) loginAnswer(msg ResultMsg) tea.Cmd {
	if msg.Err != nil {
		m.phase = editing
		m.errMsg = common.Sanitize(model.OneLine(msg.Err.Error()))
		m.c.Logger.Info("login refused", "err", msg.Err)
		return nil
	}
	id := msg.Identity
	m.phase = loggedIn
	m.head = header.Account{Checked: true, HasToken: true, Identity: id}
	m.done = "Token stored in " + common.Sanitize(msg.Stored.Describe())
	var notes []string
	if msg.Stored.KeyringErr != nil {
		notes = append(notes, "No system keyring here: the file is readable by you only.")
	}
	if left := id.Expires.Sub(m.c.Now()); !id.Expires.IsZero() && left <= account.WarnAhead {
		notes = append(notes, "The token runs out soon: make a new one at auth.mast.stsci.edu/token.")
	}
	m.note = strings.Join(notes, " ")
	m.c.Logger.Info("logged in", "user", id.EZID, "stored", msg.Stored.Describe())
	if msg.Resume != nil {
		m.c.Logger.Error("hand the token to the download queue", "err", msg.Resume)
		return common.Toast(common.LevelError, "Logged in, but the download queue did not take the token: "+msg.Resume.Error())
	}
	return common.Toast(common.LevelInfo, "Logged in as "+common.Sanitize(id.EZID)+": login-required downloads resume")
}

// logout removes the stored token, off the UI goroutine, and hands the engine what
// token remains ($MAST_API_TOKEN, or none).
func (m *Model) logout() tea.Cmd {
	m.errMsg, m.done, m.note = "", "", ""
	acct, dl := m.acct, m.dl
	return m.run(taskLogout, "Logging out…", func(context.Context) tea.Msg {
		removed, err := acct.Logout()
		if dl != nil {
			if serr := dl.SetToken(acct.Token()); serr != nil && err == nil {
				err = serr
			}
		}
		return LogoutMsg{Removed: removed, Err: err, HasToken: acct.HasToken()}
	})
}

func (m *Model) logoutAnswer(msg LogoutMsg) tea.Cmd {
	m.phase = editing
	switch {
	case msg.Err != nil:
		m.errMsg = common.Sanitize(model.OneLine(msg.Err.Error()))
	case len(msg.Removed) == 0:
		m.done = "No stored token to remove."
	default:
		m.done = "Logged out: removed the token from " + common.Sanitize(strings.Join(msg.Removed, " and ")) + "."
	}
	m.head = header.Account{Checked: true}
	if msg.HasToken {
		m.note = "$" + account.EnvVar + " still holds a token: unset it to log out."
		m.head = header.Account{HasToken: true}
		return m.whoami()
	}
	return nil
}
