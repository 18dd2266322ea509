package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"mastui/model"
	"mastui/services/account"
	"mastui/services/mast"
)

const accountNotes = `A MAST API token (made at https://auth.mast.stsci.edu/token) unlocks exclusive-access
data. mastui looks for it in $MAST_API_TOKEN, then in the system keyring under astroquery's
own entry (so both tools share one login), then in a file readable only by you in the
config directory (where no keyring exists: headless servers, SSH sessions).`

// loginCommand is `mastui login [--token-stdin] [--reenter]`.
func (e *cliEnv) loginCommand() *cobra.Command {
	var fromStdin, reenter bool
	cmd := &cobra.Command{
		Use:   "login",
		Short: "check a MAST API token with MAST and store it (keyring, else a private file)",
		Long: accountNotes + "\n\nThe token is typed at a prompt that does not echo it, or piped in with " +
			"--token-stdin; never give it as an argument.",
		Example: "  mastui login\n  pass show mast | mastui login --token-stdin --reenter",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			return e.login(fromStdin, reenter)
		},
	}
	cmd.Flags().BoolVar(&fromStdin, "token-stdin", false, "read the token from standard input (a pipe), not a prompt")
	cmd.Flags().BoolVar(&reenter, "reenter", false, "replace a token already stored")
	return cmd
}

func (e *cliEnv) login(fromStdin, reenter bool) error {
	store := e.tokens.Store()
	if !reenter {
		if t, err := store.Lookup(); err == nil && !t.IsZero() && t.Origin != account.FromEnv {
			return fmt.Errorf("a MAST token is already stored in %s: `mastui whoami` tells whose; "+
				"add --reenter to replace it", t.Describe())
		}
	}
	token, err := e.readToken(fromStdin)
	if err != nil {
		return err
	}
	id, st, err := e.tokens.Login(e.ctx, token, e.whoamiWith)
	if err != nil {
		return err
	}
	if st.KeyringErr != nil {
		fmt.Fprintf(e.stderr, "no system keyring (%s): the token is kept in a file only you can read instead\n",
			model.OneLine(st.KeyringErr.Error()))
	}
	fmt.Fprintf(e.stdout, "logged in as %s (%s), token stored in %s\n",
		model.OneLine(id.Name()), model.OneLine(id.EZID), st.Describe())
	if note, warn := account.ExpiryNote(id, time.Now()); warn {
		fmt.Fprintln(e.stderr, "warning: the token expires", note)
	}
	if store.Getenv(account.EnvVar) != "" {
		fmt.Fprintf(e.stderr, "note: $%s is set and is used before the stored token while it is\n", account.EnvVar)
	}
	return nil
}

// whoamiWith asks MAST who tok belongs to (account.Whoami): a client sending tok.
func (e *cliEnv) whoamiWith(ctx context.Context, tok string) (mast.Identity, error) {
	return e.clientWithToken(func() string { return tok }).Whoami(ctx)
}

// readToken reads the token: the first line of stdin with --token-stdin, else a prompt on
// the terminal that does not echo.
func (e *cliEnv) readToken(fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read the token from stdin: %w", err)
		}
		if strings.TrimSpace(line) == "" {
			return "", usagef("login --token-stdin: standard input is empty: pipe the token in")
		}
		return strings.TrimSpace(line), nil
	}
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return "", usagef("login: no terminal to prompt on: pipe the token in with --token-stdin")
	}
	fmt.Fprintf(e.stderr, "MAST API token (make one at %s; it is not shown): ", mast.TokenPage)
	b, err := term.ReadPassword(f.Fd())
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("read the token: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// whoamiCommand is `mastui whoami`.
func (e *cliEnv) whoamiCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "whoami",
		Short: "who MAST says the token belongs to, its expiry if known, and where it came from",
		Long:  accountNotes,
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			return e.whoami()
		},
	}
}

func (e *cliEnv) whoami() error {
	t, err := e.tokens.Current()
	if err != nil {
		return err
	}
	if t.IsZero() {
		_, err := fmt.Fprintln(e.stdout, "anonymous (no token): `mastui login` stores one")
		return err
	}
	id, err := e.client().Whoami(e.ctx)
	if err != nil {
		return fmt.Errorf("the token from %s: %w", t.Describe(), err)
	}
	if id.Anonymous {
		return fmt.Errorf("anonymous: MAST does not accept the token from %s (expired or revoked?): "+
			"make a new one at %s and run `mastui login --reenter`", t.Describe(), mast.TokenPage)
	}
	w := e.stdout
	fmt.Fprintf(w, "user:    %s (%s)\n", model.OneLine(id.Name()), model.OneLine(id.EZID))
	if id.Email != "" {
		fmt.Fprintf(w, "e-mail:  %s\n", model.OneLine(id.Email))
	}
	fmt.Fprintf(w, "scopes:  %s\n", model.OneLine(strings.Join(id.Scopes, ", ")))
	note, warn := account.ExpiryNote(id, time.Now())
	fmt.Fprintf(w, "expires: %s\n", note)
	fmt.Fprintf(w, "token:   from %s\n", t.Describe())
	if warn {
		fmt.Fprintln(e.stderr, "warning: the token expires", note)
	}
	return nil
}

// logoutCommand is `mastui logout`.
func (e *cliEnv) logoutCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "remove the stored MAST token (keyring and file)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			store := e.tokens.Store()
			removed, err := e.tokens.Logout()
			for _, r := range removed {
				fmt.Fprintln(e.stdout, "removed the token from", r)
			}
			if len(removed) == 0 {
				fmt.Fprintln(e.stdout, "no stored token to remove")
			}
			if store.Getenv(account.EnvVar) != "" {
				fmt.Fprintf(e.stdout, "$%s still holds a token: unset it to log out\n", account.EnvVar)
			}
			return err
		},
	}
}
