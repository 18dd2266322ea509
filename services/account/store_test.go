package account

import (
	"errors"
	"fmt"
	"mastui/model"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"mastui/services/mast"
)

// The keyring tests use go-keyring's mock backend, a package-level switch of that
// library: these tests do not run in parallel.

func newTestStore(t *testing.T, env map[string]string) *Store {
	t.Helper()
	s := NewStore("https://mast.stsci.edu", filepath.Join(t.TempDir(), "cfg", "mastui"))
	s.Getenv = func(k string) string { return env[k] }
	return s
}

func TestKeyringEntryIsAstroquerys(t *testing.T) {
	keyring.MockInit()
	s := newTestStore(t, nil)
	st, err := s.Save("tok-123")
	if err != nil || st.Origin != FromKeyring || st.KeyringErr != nil {
		t.Fatalf("save: %+v, %v", st, err)
	}
	// astroquery reads it back from its own entry.
	if v, err := keyring.Get("astroquery:mast.stsci.edu.token", "masttoken"); err != nil || v != "tok-123" {
		t.Fatalf("astroquery's entry holds %q, %v", v, err)
	}
	if _, err := os.Stat(s.FilePath); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a keyring login also wrote the file: %v", err)
	}
	tok, err := s.Lookup()
	if err != nil || tok.Value() != "tok-123" || tok.Origin != FromKeyring {
		t.Fatalf("lookup: %v (%v)", tok, err)
	}
	removed, err := s.Remove()
	if err != nil || len(removed) != 1 || !strings.Contains(removed[0], "astroquery:mast.stsci.edu.token") {
		t.Fatalf("remove: %v, %v", removed, err)
	}
	if tok, _ := s.Lookup(); !tok.IsZero() {
		t.Fatalf("still a token after logout: %v", tok)
	}
}

func TestSimulatorGetsItsOwnEntry(t *testing.T) {
	if got := ServiceName("http://127.0.0.1:4321"); got != "astroquery:127.0.0.1:4321.token" {
		t.Fatalf("service %q", got)
	}
	if got := NewStore("http://127.0.0.1:4321", "/c").FilePath; got != "/c/token-127.0.0.1_4321" {
		t.Fatalf("file %q", got)
	}
	if got := NewStore("", "/c"); got.FilePath != "/c/token" || got.Service != "astroquery:mast.stsci.edu.token" {
		t.Fatalf("MAST's store %+v", got)
	}
}

func TestFileFallbackIsPrivate(t *testing.T) {
	keyring.MockInitWithError(errors.New("no secret service"))
	t.Cleanup(keyring.MockInit)
	s := newTestStore(t, nil)
	st, err := s.Save("tok-file\n")
	if err != nil || st.Origin != FromFile || st.KeyringErr == nil || st.Where != s.FilePath {
		t.Fatalf("save: %+v, %v", st, err)
	}
	fi, err := os.Stat(s.FilePath)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file mode %v, %v; want 0600", fi.Mode(), err)
	}
	di, err := os.Stat(filepath.Dir(s.FilePath))
	if err != nil || di.Mode().Perm() != 0o700 {
		t.Fatalf("made its directory with mode %v, %v; want 0700", di.Mode(), err)
	}
	b, _ := os.ReadFile(s.FilePath)
	if string(b) != "tok-file\n" {
		t.Fatalf("file holds %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(s.FilePath))
	if len(entries) != 1 {
		t.Fatalf("left behind %v", entries)
	}
	tok, err := s.Lookup()
	if err != nil || tok.Value() != "tok-file" || tok.Origin != FromFile {
		t.Fatalf("lookup: %v, %v", tok, err)
	}
	removed, err := s.Remove()
	if err != nil || len(removed) != 1 || removed[0] != "the file "+s.FilePath {
		t.Fatalf("remove: %v, %v", removed, err)
	}
}

func TestSourceOrderEnvKeyringFile(t *testing.T) {
	keyring.MockInit()
	env := map[string]string{}
	s := newTestStore(t, env)
	if err := model.WritePrivate(s.FilePath, []byte("from-file\n")); err != nil {
		t.Fatal(err)
	}
	check := func(want string, origin Origin) {
		t.Helper()
		tok, err := s.Lookup()
		if err != nil || tok.Value() != want || tok.Origin != origin {
			t.Fatalf("lookup = %v %q (%v); want %q from %s", tok, tok.Value(), err, want, origin)
		}
	}
	check("from-file", FromFile)
	if err := keyring.Set(s.Service, KeyringUser, "from-keyring"); err != nil {
		t.Fatal(err)
	}
	check("from-keyring", FromKeyring)
	env[EnvVar] = "from-env"
	check("from-env", FromEnv)
}

func TestTokenNeverPrints(t *testing.T) {
	tok := NewToken("s3cr3t-value", FromKeyring, "astroquery:mast.stsci.edu.token")
	for _, s := range []string{fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok), tok.Describe()} {
		if strings.Contains(s, "s3cr3t") {
			t.Fatalf("printed the token: %s", s)
		}
	}
}

func TestExpiryNote(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	if note, warn := ExpiryNote(mast.Identity{}, now); warn || !strings.Contains(note, "not told") {
		t.Fatalf("unknown expiry: %q %v", note, warn)
	}
	if note, warn := ExpiryNote(mast.Identity{Expires: now.Add(36 * time.Hour)}, now); !warn || !strings.Contains(note, "in 1 day 12 hours") {
		t.Fatalf("near expiry: %q %v", note, warn)
	}
	if note, warn := ExpiryNote(mast.Identity{Expires: now.Add(20 * 24 * time.Hour)}, now); warn || !strings.Contains(note, "2026-12-25 12:00 UTC") {
		t.Fatalf("far expiry: %q %v", note, warn)
	}
}
