package account

import (
	"context"
	"strings"
	"sync"

	"mastui/services/mast"
)

// Source is one session's token: looked up in its Store on first use, replaced by a login
// (Set) or a logout (Clear). Its Token method is what mast.Config.Token asks before each
// request. Safe for concurrent use.
type Source struct {
	store *Store

	mu     sync.Mutex
	loaded bool
	tok    Token
	err    error
}

// NewSource is the session's token source over store.
func NewSource(store *Store) *Source { return &Source{store: store} }

// Store is where the source's token is kept.
func (s *Source) Store() *Store { return s.store }

// Current is the session's token (zero when anonymous) and, on first use, a failure to
// read the token file.
func (s *Source) Current() (Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded {
		s.tok, s.err = s.store.Lookup()
		s.loaded = true
	}
	return s.tok, s.err
}

// Token is the token's value, "" when anonymous (mast.Config.Token).
func (s *Source) Token() string {
	t, _ := s.Current()
	return t.Value()
}

// Set makes t the session's token (after a login).
func (s *Source) Set(t Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok, s.err, s.loaded = t, nil, true
}

// Clear makes the session anonymous (after a logout), unless the environment still
// holds a token, which no logout can remove.
func (s *Source) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok, s.err, s.loaded = Token{}, nil, false
}

// Login checks token with whoami (the package's Login) and, when MAST accepts it, stores
// it and makes it the session's token: what `mastui login` and the TUI's login dialog do.
func (s *Source) Login(ctx context.Context, token string, whoami Whoami) (mast.Identity, Stored, error) {
	id, st, err := Login(ctx, s.store, token, whoami)
	if err != nil {
		return id, st, err
	}
	s.Set(NewToken(strings.TrimSpace(token), st.Origin, st.Where))
	return id, st, nil
}

// Logout removes the stored token (keyring and file, Store.Remove) and makes the session
// anonymous, unless $MAST_API_TOKEN holds one.
func (s *Source) Logout() ([]string, error) {
	removed, err := s.store.Remove()
	s.Clear()
	return removed, err
}
