package cli

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// serveKeys writes an authorized_keys file with one fresh key and returns its path.
func serveKeys(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, gossh.MarshalAuthorizedKey(k), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestServeRefusesABadSetup(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	keys, dir := serveKeys(t), t.TempDir()
	hk := "--host-key=" + filepath.Join(dir, "hk")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", hk, "--authorized-keys", keys, "--max-sessions", "0"}, "--max-sessions 0"},
		{[]string{"serve", hk, "--authorized-keys", keys, "--idle-timeout", "-1s"}, "positive duration"},
		{[]string{"serve", hk, "--authorized-keys", keys, "--listen", ""}, "--listen: empty value"},
		{[]string{"serve", hk, "--authorized-keys", filepath.Join(dir, "nokeys")}, "no such file"},
		{[]string{"serve", hk, "--authorized-keys", keys, "--listen", "127.0.0.1:99999"}, "listen"},
	} {
		_, _, err := runCLI(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want it to mention %q", c.args, err, c.want)
		}
	}
}

// The first line is the address to connect to (the real port for :0); an SSH server
// answers there; the host key is made 0600; a cancelled context (a signal) stops it.
func TestServeListensThenStops(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	hk := filepath.Join(t.TempDir(), "host", "key")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--listen", "127.0.0.1:0", "--host-key", hk,
			"--authorized-keys", serveKeys(t), "--dir", t.TempDir()}, strings.NewReader(""), w, io.Discard)
		w.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v (%v)", err, <-done)
	}
	m := regexp.MustCompile(`^listening on ssh://(127\.0\.0\.1:[1-9][0-9]*)\n$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("first line %q", line)
	}
	conn, err := net.Dial("tcp", m[1])
	if err != nil {
		t.Fatal(err)
	}
	banner, _ := bufio.NewReader(conn).ReadString('\n')
	conn.Close()
	if !strings.HasPrefix(banner, "SSH-2.0-") {
		t.Errorf("server banner %q", banner)
	}
	if fi, err := os.Stat(hk); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v %v", fi, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after its context ended: %v", err)
	}
}
