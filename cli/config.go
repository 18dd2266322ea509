package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"mastui/download"
	"mastui/keymap"
	"mastui/model/config"
	"mastui/services/mast"
	"mastui/themes"
	"mastui/ui"
)

// configCommand is `mastui config path|show|init|edit`.
func (e *cliEnv) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "the settings file: where it is, the effective settings, a commented default, edit and check it",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	var force bool
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "write a commented config file with every setting at its default (--force replaces one)",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return e.configInit(force) },
	}
	initCmd.Flags().BoolVar(&force, "force", false, "replace an existing config file")
	cmd.AddCommand(
		&cobra.Command{
			Use:   "path",
			Short: "print the path of the config file in use (--config, $MASTUI_CONFIG or the XDG default)",
			Args:  cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error {
				fmt.Fprintln(e.stdout, e.configFile())
				if _, err := os.Stat(e.configFile()); errors.Is(err, fs.ErrNotExist) {
					fmt.Fprintln(e.stderr, "(no such file yet: `mastui config init` writes one; the defaults apply)")
				}
				return nil
			},
		},
		&cobra.Command{
			Use:   "show",
			Short: "print the effective settings (defaults, file, environment, flags) and where each came from",
			Args:  cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error {
				cfg, err := e.loadSettings()
				if err != nil {
					return err
				}
				fmt.Fprint(e.stdout, config.Show(cfg))
				return nil
			},
		},
		initCmd,
		&cobra.Command{
			Use:   "edit",
			Short: "open the config file in $VISUAL or $EDITOR (init first when missing), then check it",
			Args:  cobra.NoArgs,
			RunE:  func(*cobra.Command, []string) error { return e.configEdit() },
		},
	)
	return cmd
}

// settingsError is bad settings: reportError prints it one problem a line.
type settingsError struct{ err error }

func (e settingsError) Error() string { return e.err.Error() }
func (e settingsError) Unwrap() error { return e.err }

// loadSettings reads the settings (defaults, file, environment, the --mast-url flag)
// and checks what the config package cannot: the workers' limit, the theme and the key
// overrides. Every problem is reported at once, in the file's line order.
func (e *cliEnv) loadSettings() (config.Config, error) {
	// A file named on the command line must exist: a typo would otherwise run with the
	// defaults. The default file may be missing (it is where the TUI saves settings).
	if e.configPath != "" {
		if _, err := os.Stat(e.configPath); errors.Is(err, os.ErrNotExist) {
			return config.Config{}, usagef("--config %s: no such file", e.configPath)
		}
	}
	cfg, err := config.Load(e.configFile())
	var problems config.Problems
	if err != nil && !errors.As(err, &problems) {
		return cfg, settingsError{err}
	}
	if e.mastURL != "" {
		if err := cfg.SetFlag("mast_url", e.mastURL, "--mast-url"); err != nil {
			return cfg, err
		}
	}
	if cfg.Workers > download.MaxWorkers {
		problems = append(problems, cfg.Problem("workers", fmt.Errorf("give 1 to %d parallel transfers, not %d", download.MaxWorkers, cfg.Workers)))
	}
	if _, err := lookOf(cfg); err != nil {
		problems = append(problems, err.(config.Problems)...)
	}
	if len(problems) > 0 {
		return cfg, settingsError{problems}
	}
	return cfg, nil
}

// lookOf is the TUI's theme and key overrides from the settings; its error is
// config.Problems, each naming the setting and where it came from. The theme "auto" is
// left to each session (nil palette): dark or light from its terminal's background.
func lookOf(cfg config.Config) (ui.Look, error) {
	var look ui.Look
	var problems config.Problems
	if cfg.Theme != "" && cfg.Theme != "auto" {
		p, err := themes.Resolve(cfg.Theme, config.Dir(), true)
		if err != nil {
			problems = append(problems, cfg.Problem("theme", err))
		}
		look.Palette = &p
	}
	look.Keys = make(map[string][]string, len(cfg.Keys))
	for action, k := range cfg.Keys {
		look.Keys[action] = k
	}
	if err := keymap.Default().Override(look.Keys); err != nil {
		for _, one := range splitJoined(err) {
			var ae *keymap.ActionError
			if errors.As(one, &ae) {
				problems = append(problems, cfg.Problem("keys."+ae.Action, ae.Err))
			} else {
				problems = append(problems, cfg.Problem("keys", one))
			}
		}
	}
	if len(problems) > 0 {
		return look, problems
	}
	return look, nil
}

// configQueue is the download queue of the settings (workers, limit_rate) for the TUI and
// the SSH sessions; client's TESScut limiter is shared with an in-process queue.
func (e *cliEnv) configQueue(client *mast.Client) queueOptions {
	o := queueOptions{workers: e.cfg.Workers, rate: int64(e.cfg.LimitRate)}
	if client != nil {
		o.tesscut = client.TESScutLimiter()
	}
	return o
}

// splitJoined lists the errors an errors.Join made (err itself otherwise).
func splitJoined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// configInit writes the commented default file, refusing to replace one unless force.
func (e *cliEnv) configInit(force bool) error {
	path := e.configFile()
	if err := config.WriteTemplate(path, force); errors.Is(err, config.ErrExists) {
		return usagef("config init: %s exists; `mastui config edit` changes it, --force replaces it", path)
	} else if err != nil {
		return fmt.Errorf("config init: %w", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", path)
	return nil
}

// configEdit opens the config file in the user's editor and checks it after; on an
// error it offers to open the editor again.
func (e *cliEnv) configEdit() error {
	path := e.configFile()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := e.configInit(false); err != nil {
			return err
		}
	}
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	answers := bufio.NewReader(e.stdin)
	for {
		// Through sh, as git does: $EDITOR may carry arguments ("code --wait").
		cmd := exec.CommandContext(e.ctx, "sh", "-c", editor+` "$@"`, editor, path)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, e.stdout, e.stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("config edit: editor %q: %w", editor, err)
		}
		_, err := e.loadSettings()
		if err == nil {
			fmt.Fprintf(e.stdout, "%s: OK\n", path)
			return nil
		}
		fmt.Fprintf(e.stderr, "%v\nedit again? [Y/n] ", err)
		answer, readErr := answers.ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a == "n" || a == "no" || a == "" && readErr != nil {
			return fmt.Errorf("config edit: %s left with errors: %w", path, err)
		}
	}
}
