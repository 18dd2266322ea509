package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"log/slog"
	"os"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// authorizedKeys checks public keys against an OpenSSH authorized_keys file. The file is
// read again at each authentication (it is small): a key added or removed counts from
// the next connection on, with no restart and no watcher.
type authorizedKeys struct {
	path string
	log  *slog.Logger
}

// load parses the file: its keys, and one problem per line it could not read (blank
// lines and # comments are skipped; options before a key are accepted and ignored).
func (a authorizedKeys) load() ([]gossh.PublicKey, []string, error) {
	data, err := os.ReadFile(a.path)
	if err != nil {
		return nil, nil, fmt.Errorf("authorized keys: %w", err)
	}
	var keys []gossh.PublicKey
	var bad []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s:%d: %v", a.path, n, err))
			continue
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("authorized keys %s: %w", a.path, err)
	}
	return keys, bad, nil
}

// check is the server's public-key handler: the key must be in the file as it is now.
// A line that does not parse is logged and skipped (the other keys still work).
func (a authorizedKeys) check(ctx ssh.Context, key ssh.PublicKey) bool {
	keys, bad, err := a.load()
	for _, b := range bad {
		a.log.Warn("authorized keys: line skipped", "problem", b)
	}
	if err != nil {
		a.log.Error("authorized keys unreadable: every key refused", "err", err)
		return false
	}
	for _, k := range keys {
		if ssh.KeysEqual(key, k) {
			return true
		}
	}
	a.log.Info("public key refused", "user", ctx.User(), "remote", ctx.RemoteAddr().String(),
		"key", gossh.FingerprintSHA256(key))
	return false
}

// validate is the check at startup: the file must exist and hold at least one key, or
// nobody could ever log in.
func (a authorizedKeys) validate() error {
	keys, bad, err := a.load()
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		if len(bad) > 0 {
			return fmt.Errorf("authorized keys %s: no usable key (%s)", a.path, bad[0])
		}
		return fmt.Errorf("authorized keys %s: no key in the file", a.path)
	}
	return nil
}
