package uitest

import (
	"context"
	"fmt"
	"sync"

	"mastui/services/account"
	"mastui/services/mast"
)

// Account is a fake MAST login (common.Account): Accept maps the tokens MAST would take
// to their users; Gate, when set, holds every Login until it is closed (the "checking"
// screen). Whoami answers for the current token from Accept.
type Account struct {
	mu     sync.Mutex
	tok    string
	Accept map[string]mast.Identity
	Gate   chan struct{}
	// Where is the store a login reports ("" is a 0600 file in /cfg/mastui).
	Where string
}

// NewAccount is a fake account whose current token is tok ("" anonymous).
func NewAccount(tok string, accept map[string]mast.Identity) *Account {
	return &Account{tok: tok, Accept: accept}
}

// HasToken implements common.Account.
func (a *Account) HasToken() bool { return a.Token() != "" }

// Token implements common.Account.
func (a *Account) Token() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.tok
}

// Whoami implements common.Account.
func (a *Account) Whoami(context.Context) (mast.Identity, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tok == "" {
		return mast.Identity{Anonymous: true}, nil
	}
	if id, ok := a.Accept[a.tok]; ok {
		return id, nil
	}
	return mast.Identity{Anonymous: true, EZID: "anonymous"}, nil
}

// Login implements common.Account, as account.Login answers.
func (a *Account) Login(ctx context.Context, token string) (mast.Identity, account.Stored, error) {
	if a.Gate != nil {
		select {
		case <-a.Gate:
		case <-ctx.Done():
			return mast.Identity{}, account.Stored{}, ctx.Err()
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	id, ok := a.Accept[token]
	if !ok {
		return mast.Identity{Anonymous: true}, account.Stored{}, fmt.Errorf("%w: MAST answers anonymous for it (expired, revoked or mistyped?)", account.ErrTokenInvalid)
	}
	a.tok = token
	where := a.Where
	if where == "" {
		where = "/cfg/mastui/token"
	}
	return id, account.Stored{Origin: account.FromFile, Where: where}, nil
}

// Logout implements common.Account.
func (a *Account) Logout() ([]string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tok == "" {
		return nil, nil
	}
	a.tok = ""
	return []string{"the file /cfg/mastui/token"}, nil
}
