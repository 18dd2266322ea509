// Package account keeps the user's MAST API token (protocol 5): it finds it
// ($MAST_API_TOKEN, then the system keyring under astroquery's own entry, then a 0600
// file in the config dir), stores it after a login and removes it at logout. The token
// never leaves this package in a printable form: Token prints as where it came from.
package account

import (
	"fmt"
	"log/slog"
)

// Origin is where a token was found.
type Origin string

// Token origins, in the order they are searched.
const (
	FromNone    Origin = ""
	FromEnv     Origin = "env"
	FromKeyring Origin = "keyring"
	FromFile    Origin = "file"
)

// EnvVar is the environment variable astroquery and mastui read a token from first.
const EnvVar = "MAST_API_TOKEN"

// Token is a MAST API token and where it came from. Its String, GoString and LogValue
// name the origin only, so a token printed or logged by mistake does not leak.
type Token struct {
	secret string
	Origin Origin
	Where  string // "$MAST_API_TOKEN", the keyring service, or the file's path
}

// NewToken is a token given directly (a login dialog, --token-stdin), not stored yet.
func NewToken(secret string, origin Origin, where string) Token {
	return Token{secret: secret, Origin: origin, Where: where}
}

// Value is the token itself, for the request headers only.
func (t Token) Value() string { return t.secret }

// IsZero reports whether there is no token.
func (t Token) IsZero() bool { return t.secret == "" }

// Describe says where the token came from: "the keyring (astroquery:mast.stsci.edu.token)".
func (t Token) Describe() string {
	switch t.Origin {
	case FromEnv:
		return "the environment ($" + EnvVar + ")"
	case FromKeyring:
		return "the keyring (" + t.Where + ")"
	case FromFile:
		return "the file " + t.Where
	case FromNone:
		if t.secret == "" {
			return "nowhere (no token)"
		}
	}
	return "the command line"
}

func (t Token) String() string   { return fmt.Sprintf("MAST token from %s", t.Describe()) }
func (t Token) GoString() string { return t.String() }

// LogValue keeps the token out of structured logs.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }
