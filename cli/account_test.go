package cli

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"

	"mastui/services/sim"
)

// accountSim serves a simulator accepting token too and records every request's token
// headers by path.
func accountSim(t *testing.T, token string) (url string, carried func(path string) bool) {
	t.Helper()
	s, err := sim.New(sim.Options{Archive: demoArchive(t), Tokens: []string{token}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("mast_token")
		mu.Lock()
		seen[r.URL.Path] = seen[r.URL.Path] || (err == nil && c.Value == token && r.Header.Get("Authorization") == "Bearer "+token)
		mu.Unlock()
		s.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func(path string) bool { mu.Lock(); defer mu.Unlock(); return seen[path] }
}

// accountDirs isolates config and state for one test.
func accountDirs(t *testing.T) (config, state string) {
	config, state = t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("MASTUI_CONFIG", filepath.Join(config, "none.json"))
	t.Setenv("MAST_API_TOKEN", "")
	return config, state
}

func runWithStdin(stdin string, args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestLoginWhoamiLogoutWithTheFileFallback(t *testing.T) {
	config, _ := accountDirs(t)
	url, _ := accountSim(t, "unused")
	file := filepath.Join(config, "mastui", "token-"+strings.ReplaceAll(strings.TrimPrefix(url, "http://"), ":", "_"))

	out, _, err := runWithStdin("", "whoami", "--mast-url", url)
	if err != nil || out != "anonymous (no token): `mastui login` stores one\n" {
		t.Fatalf("whoami before login: %q, %v", out, err)
	}
	_, _, err = runWithStdin("not-a-token\n", "login", "--token-stdin", "--mast-url", url)
	if err == nil || !strings.Contains(err.Error(), "MAST API token invalid") {
		t.Fatalf("login with a token MAST does not know: %v", err)
	}
	if _, err := os.Stat(file); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a refused token was stored: %v", err)
	}
	_, _, err = runWithStdin(sim.ExpiredToken+"\n", "login", "--token-stdin", "--mast-url", url)
	if err == nil || !strings.Contains(err.Error(), "MAST refused it") {
		t.Fatalf("login with an expired token: %v", err)
	}

	out, stderr, err := runWithStdin(sim.DemoToken+"\n", "login", "--token-stdin", "--mast-url", url)
	if err != nil {
		t.Fatalf("login: %v\n%s", err, stderr)
	}
	if want := "logged in as Demo User (demo), token stored in " + file + "\n"; out != want {
		t.Fatalf("login said %q, want %q", out, want)
	}
	if !strings.Contains(stderr, "no system keyring") {
		t.Fatalf("the fallback to a file went unsaid: %q", stderr)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %v, %v", fi, err)
	}
	if _, _, err := runWithStdin(sim.ExpiringToken+"\n", "login", "--token-stdin", "--mast-url", url); err == nil ||
		!strings.Contains(err.Error(), "--reenter") {
		t.Fatalf("a second login without --reenter: %v", err)
	}

	out, _, err = runWithStdin("", "whoami", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"user:    Demo User (demo)", "e-mail:  demo@mastui.invalid", "scopes:  mast:user:info, mast:exclusive_access",
		"expires: not told by MAST", "token:   from the file " + file} {
		if !strings.Contains(out, want) {
			t.Errorf("whoami lacks %q:\n%s", want, out)
		}
	}

	if _, stderr, err := runWithStdin(sim.ExpiringToken+"\n", "login", "--token-stdin", "--reenter", "--mast-url", url); err != nil ||
		!strings.Contains(stderr, "warning: the token expires") {
		t.Fatalf("--reenter with a token expiring soon: %v\n%s", err, stderr)
	}
	out, stderr, _ = runWithStdin("", "whoami", "--mast-url", url)
	if !strings.Contains(out, "expires: 20") || !strings.Contains(stderr, "warning: the token expires") {
		t.Fatalf("whoami with a token expiring soon:\n%s\n%s", out, stderr)
	}

	t.Setenv("MAST_API_TOKEN", "some-env-token")
	out, _, err = runWithStdin("", "logout", "--mast-url", url)
	if err != nil || out != "removed the token from the file "+file+"\n$MAST_API_TOKEN still holds a token: unset it to log out\n" {
		t.Fatalf("logout: %q, %v", out, err)
	}
	t.Setenv("MAST_API_TOKEN", "")
	if out, _, _ := runWithStdin("", "whoami", "--mast-url", url); !strings.HasPrefix(out, "anonymous") {
		t.Fatalf("whoami after logout: %q", out)
	}
	if out, _, _ := runWithStdin("", "logout", "--mast-url", url); out != "no stored token to remove\n" {
		t.Fatalf("second logout: %q", out)
	}
}

func TestLoginStoresInTheKeyring(t *testing.T) {
	keyring.MockInit()
	t.Cleanup(func() { keyring.MockInitWithError(errors.New("no keyring in the tests")) })
	config, _ := accountDirs(t)
	url, _ := accountSim(t, "unused")
	service := "astroquery:" + strings.TrimPrefix(url, "http://") + ".token"
	out, stderr, err := runWithStdin(sim.DemoToken+"\n", "login", "--token-stdin", "--mast-url", url)
	if err != nil || out != "logged in as Demo User (demo), token stored in keyring ("+service+")\n" || stderr != "" {
		t.Fatalf("login: %q %q %v", out, stderr, err)
	}
	if v, err := keyring.Get(service, "masttoken"); err != nil || v != sim.DemoToken {
		t.Fatalf("keyring holds %q, %v", v, err)
	}
	if entries, _ := os.ReadDir(filepath.Join(config, "mastui")); len(entries) != 0 {
		t.Fatalf("a keyring login wrote files: %v", entries)
	}
	if out, _, _ := runWithStdin("", "whoami", "--mast-url", url); !strings.Contains(out, "token:   from the keyring ("+service+")") {
		t.Fatalf("whoami: %s", out)
	}
	if out, _, _ := runWithStdin("", "logout", "--mast-url", url); out != "removed the token from the keyring entry "+service+"\n" {
		t.Fatalf("logout: %q", out)
	}
}

func TestLoginNeedsATerminalOrStdin(t *testing.T) {
	accountDirs(t)
	url, _ := accountSim(t, "unused")
	_, _, err := runWithStdin("", "login", "--mast-url", url)
	if err == nil || !strings.Contains(err.Error(), "--token-stdin") {
		t.Fatalf("login without a terminal: %v", err)
	}
	if _, _, err := runWithStdin("", "login", "--token-stdin", "--mast-url", url); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("login with an empty stdin: %v", err)
	}
}

// TestTokenLeaksNowhere logs in with a known token, queries, lists products, downloads
// exclusive-access files and exports a script, then looks for the token in every file
// of the config, state and download dirs (the token file aside) and in everything printed.
func TestTokenLeaksNowhere(t *testing.T) {
	const token = "leak-canary-7f3a9c2e5b1d4e6f"
	config, state := accountDirs(t)
	url, carried := accountSim(t, token)
	dir := t.TempDir()
	var printed strings.Builder
	step := func(stdin string, args ...string) string {
		t.Helper()
		out, stderr, err := runWithStdin(stdin, append(args, "--mast-url", url)...)
		printed.WriteString(out + stderr)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
		return out
	}
	step(token+"\n", "login", "--token-stdin")
	step("", "whoami")
	out := step("", "query", "criteria", "obs_collection=HST", "dataRights=EXCLUSIVE_ACCESS", "--format", "csv", "--columns", "obsid")
	id := strings.Split(strings.TrimSpace(out), "\n")[1]
	step("", "products", id, "--format", "json")
	filters := []string{"--dir", dir, "--filter", "size=<5MB", "--filter", "extension=fits"}
	step("", append([]string{"download", id, "--curl", filepath.Join(dir, "fetch.sh")}, filters...)...)
	step("", append([]string{"download", id}, filters...)...)

	for _, p := range []string{"/api/v0/invoke", "/whoami", "/api/v0.1/Download/file"} {
		if !carried(p) {
			t.Errorf("no request to %s carried the stored token", p)
		}
	}
	if strings.Contains(printed.String(), token) {
		t.Errorf("the token was printed:\n%s", printed.String())
	}
	tokenFile := filepath.Join(config, "mastui", "token-"+strings.ReplaceAll(strings.TrimPrefix(url, "http://"), ":", "_"))
	files := 0
	for _, root := range []string{config, state, dir} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path == tokenFile {
				return err
			}
			files++
			if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(token)) {
				t.Errorf("%s holds the token", path)
			}
			return nil
		})
	}
	if b, err := os.ReadFile(tokenFile); err != nil || !bytes.Contains(b, []byte(token)) {
		t.Fatalf("the token file %s: %v (the test must have used the file backend)", tokenFile, err)
	}
	for _, want := range []string{filepath.Join(state, "mastui", "mastui.log"), filepath.Join(dir, "fetch.sh")} {
		if _, err := os.Stat(want); err != nil {
			t.Errorf("the leak check missed a file it must read: %v", err)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "mastDownload_manifest_*.csv")); len(m) == 0 || files < 4 {
		t.Errorf("only %d files checked, manifests %v: the download did not run", files, m)
	}
}

// A login to the demo archive lasts: its simulator listens on a new port every run, and
// the token is kept under one name for it (it was kept per port, so the next run was
// anonymous again and a token file piled up per run).
func TestDemoLoginLasts(t *testing.T) {
	config, _ := accountDirs(t)
	out, stderr, err := runWithStdin(sim.DemoToken+"\n", "--demo", "login", "--token-stdin")
	file := filepath.Join(config, "mastui", "token-demo.mastui.invalid")
	if err != nil || out != "logged in as Demo User (demo), token stored in "+file+"\n" {
		t.Fatalf("login: %q, %v\n%s", out, err, stderr)
	}
	out, _, err = runWithStdin("", "--demo", "whoami")
	if err != nil || !strings.Contains(out, "user:    Demo User (demo)") {
		t.Fatalf("whoami in the next run: %q, %v", out, err)
	}
	if out, _, _ := runWithStdin("", "whoami"); !strings.HasPrefix(out, "anonymous") {
		t.Fatalf("the demo token was used for MAST: %q", out)
	}
	if files, _ := filepath.Glob(filepath.Join(config, "mastui", "token*")); len(files) != 1 {
		t.Fatalf("token files %v", files)
	}
}
