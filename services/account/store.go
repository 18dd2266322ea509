package account

import (
	"errors"
	"fmt"
	"io/fs"
	"mastui/model"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/zalando/go-keyring"

	"mastui/services/masthttp"
)

// KeyringUser is the user of astroquery's keyring entry (protocol 5).
const KeyringUser = "masttoken"

// ServiceName is astroquery's keyring service for a MAST server: "astroquery:<host>.token",
// "astroquery:mast.stsci.edu.token" for MAST itself, so both tools share one token. A
// replaced base URL (the simulator) gets its own entry and never overwrites MAST's.
func ServiceName(baseURL string) string { return "astroquery:" + hostOf(baseURL) + ".token" }

func hostOf(baseURL string) string {
	if baseURL == "" {
		baseURL = masthttp.DefaultBaseURL
	}
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		return strings.ToLower(u.Host)
	}
	return baseURL
}

// Keyring is the system keyring (go-keyring's functions); tests use keyring.MockInit.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// SystemKeyring is the Secret Service (Linux), Keychain (macOS) or Credential Manager.
type SystemKeyring struct{}

func (SystemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (SystemKeyring) Set(service, user, s string) error        { return keyring.Set(service, user, s) }
func (SystemKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// Store is where the token of one MAST server is kept: the keyring entry Service, or,
// where no keyring answers (headless servers, SSH sessions), the file FilePath.
type Store struct {
	Service  string // keyring service (ServiceName)
	FilePath string
	Keyring  Keyring
	Getenv   func(string) string
}

// DemoServer names the demo archive's store: the in-process simulator listens on a new
// port every run, and a login to it must last, like one to MAST.
const DemoServer = "http://demo.mastui.invalid"

// NewStore is the store of the server at baseURL, its file in configDir
// (config.Dir()): "token" for MAST, "token-<host>_<port>" for another server.
func NewStore(baseURL, configDir string) *Store {
	name := "token"
	if h := hostOf(baseURL); h != hostOf(masthttp.DefaultBaseURL) {
		name += "-" + strings.NewReplacer(":", "_", "/", "_", "\\", "_", "[", "", "]", "").Replace(h)
	}
	return &Store{Service: ServiceName(baseURL), FilePath: filepath.Join(configDir, name), Keyring: SystemKeyring{}, Getenv: os.Getenv}
}

// Lookup finds the token: $MAST_API_TOKEN, then the keyring, then the file. None is a
// zero Token and no error. A keyring that cannot be reached counts as empty (the file is
// the fallback for exactly that); a file that exists but cannot be read is an error.
func (s *Store) Lookup() (Token, error) {
	if v := strings.TrimSpace(s.Getenv(EnvVar)); v != "" {
		return Token{secret: v, Origin: FromEnv, Where: "$" + EnvVar}, nil
	}
	if v, err := s.Keyring.Get(s.Service, KeyringUser); err == nil && strings.TrimSpace(v) != "" {
		return Token{secret: strings.TrimSpace(v), Origin: FromKeyring, Where: s.Service}, nil
	}
	b, err := os.ReadFile(s.FilePath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Token{}, nil
	case err != nil:
		return Token{}, fmt.Errorf("read the MAST token file: %w", err)
	}
	if v := strings.TrimSpace(string(b)); v != "" {
		return Token{secret: v, Origin: FromFile, Where: s.FilePath}, nil
	}
	return Token{}, nil
}

// Stored tells where Save put a token.
type Stored struct {
	Origin Origin // FromKeyring or FromFile
	Where  string // the keyring service or the file's path
	// KeyringErr is why the keyring was not used (the file fallback), nil otherwise.
	KeyringErr error
}

// Describe says where: "keyring (astroquery:mast.stsci.edu.token)" or the file's path.
func (st Stored) Describe() string {
	if st.Origin == FromKeyring {
		return "keyring (" + st.Where + ")"
	}
	return st.Where
}

// Save stores token in the keyring, else in the file (mode 0600, its directory made 0700).
// A token stored in the keyring removes an older file of the same server, which it would
// only shadow.
func (s *Store) Save(token string) (Stored, error) {
	token = strings.TrimSpace(token)
	if token == "" {
		return Stored{}, errors.New("empty MAST token")
	}
	kerr := s.Keyring.Set(s.Service, KeyringUser, token)
	if kerr == nil {
		if err := os.Remove(s.FilePath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Stored{}, fmt.Errorf("remove the old token file: %w", err)
		}
		return Stored{Origin: FromKeyring, Where: s.Service}, nil
	}
	if err := model.WritePrivate(s.FilePath, []byte(token+"\n")); err != nil {
		return Stored{}, fmt.Errorf("no keyring (%v), and the token file: %w", kerr, err)
	}
	return Stored{Origin: FromFile, Where: s.FilePath, KeyringErr: kerr}, nil
}

// Remove deletes the stored token, from the keyring and the file, and says what it
// removed ("the keyring entry astroquery:…", "the file …"); nothing removed is not an
// error. The environment variable is the caller's to mention.
func (s *Store) Remove() ([]string, error) {
	var removed []string
	var errs []error
	switch err := s.Keyring.Delete(s.Service, KeyringUser); {
	case err == nil:
		removed = append(removed, "the keyring entry "+s.Service)
	case errors.Is(err, keyring.ErrNotFound):
	default:
		// No keyring answering: nothing can be stored there either.
	}
	switch err := os.Remove(s.FilePath); {
	case err == nil:
		removed = append(removed, "the file "+s.FilePath)
	case errors.Is(err, fs.ErrNotExist):
	default:
		errs = append(errs, fmt.Errorf("remove the token file: %w", err))
	}
	return removed, errors.Join(errs...)
}
