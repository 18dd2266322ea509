// Package export turns a search into text that reproduces it elsewhere: a `mastui`
// command line and an astroquery snippet ("copy as command"). Neither ever holds a
// token: both read MAST_API_TOKEN from the environment when they need one.
package export

import (
	"strings"

	"mastui/model"
)

// ShellQuote quotes s for a POSIX shell: words of safe characters as they are, anything
// else in single quotes (a quote inside closes them, is escaped with a backslash and
// reopens them). Server or user text is sanitized first, so a pasted line holds no
// control character.
func ShellQuote(s string) string {
	s = model.SanitizeText(s)
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !shellSafe(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// shellSafe: characters no POSIX shell treats specially anywhere in a word.
func shellSafe(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_@%+=:,./-", r)
}

// shellLine joins words into one command line, each quoted.
func shellLine(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = ShellQuote(w)
	}
	return strings.Join(q, " ")
}
