package common

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/account"
	"mastui/services/mast"
)

// Account is the session's MAST login (protocol 5): who its token belongs to, a login
// that checks a token with MAST and stores it exactly as `mastui login` does, and a
// logout. The TUI calls it only from Cmds (it talks to MAST). Session implements it.
type Account interface {
	// HasToken reports whether the session has a token (env, keyring, file or a login).
	HasToken() bool
	// Token is the token itself, for the download engine only (Downloads.SetToken).
	Token() string
	// Whoami asks MAST who the session's token belongs to.
	Whoami(ctx context.Context) (mast.Identity, error)
	// Login checks token with MAST, stores it and makes it the session's.
	Login(ctx context.Context, token string) (mast.Identity, account.Stored, error)
	// Logout removes the stored token; what it removed is for the message.
	Logout() ([]string, error)
}

// Session is the Account of a token source and a whoami that sends a given token (a
// MAST client built with that token).
type Session struct {
	Tokens     *account.Source
	WhoamiWith account.Whoami
}

// HasToken implements Account.
func (s Session) HasToken() bool { return s.Tokens.Token() != "" }

// Token implements Account.
func (s Session) Token() string { return s.Tokens.Token() }

// Whoami implements Account: anonymous without asking when there is no token.
func (s Session) Whoami(ctx context.Context) (mast.Identity, error) {
	tok := s.Tokens.Token()
	if tok == "" {
		return mast.Identity{Anonymous: true}, nil
	}
	return s.WhoamiWith(ctx, tok)
}

// Login implements Account (account.Source.Login, as `mastui login`).
func (s Session) Login(ctx context.Context, token string) (mast.Identity, account.Stored, error) {
	return s.Tokens.Login(ctx, token, s.WhoamiWith)
}

// Logout implements Account.
func (s Session) Logout() ([]string, error) { return s.Tokens.Logout() }

// WhoamiMsg is the answer of the session's whoami (request Req): who the header names.
type WhoamiMsg struct {
	Req      uint64
	Identity mast.Identity
	Err      error
}

// OpenLoginMsg asks the root to open the login dialog (a queue item's `L`).
type OpenLoginMsg struct{}

// OpenLogin is a Cmd opening the login dialog.
func OpenLogin() tea.Msg { return OpenLoginMsg{} }
