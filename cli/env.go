package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mastui/download"
	"mastui/model"
	"mastui/model/config"
	"mastui/services/account"
	"mastui/services/mast"
	"mastui/services/sim"
)

// cliEnv is what every command shares: streams, context and the global flags.
type cliEnv struct {
	ctx                   context.Context
	stdin                 io.Reader
	stdout, stderr        io.Writer
	mastURL, format, cols string
	configPath            string
	demo                  bool
	version               string
	oneShot               bool                            // the command prints what it reads and exits (isOneShot)
	stopSim               func()                          // ends the demo archive, without waiting
	holdDemo              bool                            // build the demo archive only when prepareDemo runs
	prepareDemo           func(ctx context.Context) error // builds the demo archive and waits for it (--demo)
	cfg                   config.Config
	tokens                *account.Source // the MAST token: $MAST_API_TOKEN, keyring, file (set by setup)
	logger                *slog.Logger
	closeLog              func()
	saveMu                sync.Mutex // serialises config saves from the TUI
}

// globalFlags declares the flags every command takes, anywhere on the line.
func (e *cliEnv) globalFlags(root *cobra.Command) {
	fs := root.PersistentFlags()
	fs.StringVar(&e.mastURL, "mast-url", "", "send every MAST request to `URL` (env MASTUI_MAST_URL, config mast_url)")
	fs.BoolVar(&e.demo, "demo", false, "use the embedded demo archive (an in-process simulator) instead of MAST")
	fs.StringVar(&e.format, "format", model.FormatTable, "output format: `F` is table, csv, ecsv, votable, json or markdown")
	fs.StringVar(&e.cols, "columns", "", "columns to print: a comma `LIST`, or \"all\"; the table format defaults to key columns")
	fs.StringVar(&e.configPath, "config", "", "config `FILE` (default $XDG_CONFIG_HOME/mastui/config.json, env MASTUI_CONFIG)")
}

// normalizeArgs keeps the command lines of the flag package that pflag reads otherwise:
// a negative number ("-26.5") is a positional argument, not a flag, and a long flag may
// be written with one dash (-mast-url). Positional arguments after a negative number are
// moved behind a "--", in order.
func normalizeArgs(root *cobra.Command, args []string) []string {
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		return args // a shell asking for completions: the line as typed so far
	}
	cmd, _, err := root.Find(args)
	if err != nil || cmd.DisableFlagParsing {
		return args
	}
	cmd.InitDefaultHelpFlag()
	lookup := func(name string) *pflag.Flag {
		if f := cmd.Flags().Lookup(name); f != nil {
			return f
		}
		return cmd.InheritedFlags().Lookup(name)
	}
	var out, tail []string
	dashes := false // the line has a "--"
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			tail = append(tail, args[i+1:]...)
			dashes = true
			i = len(args)
			continue
		case looksNumeric(a) || (len(tail) > 0 && !strings.HasPrefix(a, "-")):
			tail = append(tail, a)
			continue
		case len(a) > 2 && a[0] == '-' && a[1] != '-':
			if name, _, _ := strings.Cut(a[1:], "="); lookup(name) != nil {
				a = "-" + a
			}
		}
		out = append(out, a)
		if name, hasValue := strings.CutPrefix(a, "--"); hasValue && !strings.Contains(name, "=") && i+1 < len(args) {
			if f := lookup(name); f != nil && f.NoOptDefVal == "" {
				i++
				out = append(out, args[i]) // the flag's value, whatever it looks like
			}
		}
	}
	if len(tail) == 0 && !dashes {
		return out
	}
	return append(append(out, "--"), tail...)
}

func looksNumeric(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	c := s[1]
	return c >= '0' && c <= '9' || c == '.'
}

// requireValues refuses flags set to an empty value (--radius ""), which would
// otherwise silently mean "not given".
func requireValues(c *cobra.Command, names ...string) error {
	var err error
	c.Flags().Visit(func(f *pflag.Flag) {
		if err == nil && slices.Contains(names, f.Name) && strings.TrimSpace(f.Value.String()) == "" {
			err = usagef("--%s: empty value: give one, or leave the flag out", f.Name)
		}
	})
	return err
}

// nonEmpty wraps a repeatable flag's setter so an empty value is refused.
func nonEmpty(set func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("empty value: give one, or leave the flag out")
		}
		return set(s)
	}
}

// configFile is --config, else $MASTUI_CONFIG, else the XDG default.
func (e *cliEnv) configFile() string {
	if e.configPath != "" {
		return e.configPath
	}
	return config.Path()
}

// setup loads the config, opens the log file and, for --demo, starts the simulator.
func (e *cliEnv) setup() error {
	cfg, err := e.loadSettings()
	if err != nil {
		return err
	}
	e.cfg = cfg
	e.logger, e.closeLog = openLog()
	if e.demo {
		// The demo archive stops when its context ends, in the background: waiting for
		// its handlers (up to 2 s for one computing an answer nobody reads any more)
		// would only delay the exit of the process it serves.
		// Its archive is built in the background (half a second), after the TUI's first
		// frame when holdDemo; requests wait for it.
		ctx, cancel := context.WithCancel(e.ctx)
		ready, hold := make(chan error, 1), make(chan struct{})
		opts := sim.Options{Logger: e.logger, Ready: func(err error) { ready <- err }}
		if e.holdDemo {
			opts.Hold = hold
		}
		url, _, err := sim.Start(ctx, "127.0.0.1:0", opts)
		if err != nil {
			cancel()
			return fmt.Errorf("start demo archive: %w", err)
		}
		e.cfg.MastURL, e.cfg.ResolverURL, e.cfg.CatalogsURL, e.cfg.HLAURL, e.cfg.CloudURL, e.stopSim = url, "", "", "", "", cancel
		e.prepareDemo = func(ctx context.Context) error { // called once, by the TUI
			close(hold)
			select {
			case err := <-ready:
				return err
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	// The token of the server in use (a replaced base URL has its own keyring entry and
	// file; the demo archive one of its own whatever its port), read on first use.
	storeURL := e.cfg.MastURL
	if e.demo {
		storeURL = account.DemoServer
	}
	e.tokens = account.NewSource(account.NewStore(storeURL, config.Dir()))
	return nil
}

// token is the MAST token of this run, "" when anonymous. A token file that cannot be
// read is logged (never the token) and counts as none.
func (e *cliEnv) token() string {
	t, err := e.tokens.Current()
	if err != nil {
		e.logger.Warn("MAST token unavailable", "err", err)
	}
	return t.Value()
}

func (e *cliEnv) close() {
	if e.stopSim != nil {
		e.stopSim()
	}
	if e.closeLog != nil {
		e.closeLog()
	}
}

// client builds the MAST client from the merged configuration.
func (e *cliEnv) client() *mast.Client { return e.clientWithToken(e.token) }

// clientWithToken is client sending the token that token returns (a login checking one).
func (e *cliEnv) clientWithToken(token func() string) *mast.Client {
	return mast.New(mast.Config{
		BaseURL:        strings.TrimRight(e.cfg.MastURL, "/"),
		ResolverURL:    e.cfg.ResolverURL,
		CatalogsURL:    e.cfg.CatalogsURL,
		HLAURL:         e.cfg.HLAURL,
		CloudURL:       e.cfg.CloudURL,
		RequestTimeout: time.Duration(e.cfg.Timeout),
		QueryBudget:    time.Duration(e.cfg.QueryBudget),
		PageSize:       e.cfg.PageSize,
		MaxRetries:     e.cfg.MaxRetries,
		UserAgent:      "mastui/" + e.version,
		Logger:         e.logger,
		Token:          token,

		MaxPageBytes:     int64(e.cfg.MaxPageBytes),
		MaxMetadataBytes: int64(e.cfg.MaxMetadataBytes),
		HugePages:        e.oneShot,
	})
}

// serverLabel names the archive in the TUI header.
func (e *cliEnv) serverLabel() string {
	switch {
	case e.demo:
		return "demo"
	case strings.TrimRight(e.cfg.MastURL, "/") == config.DefaultMastURL:
		return "MAST"
	default:
		return download.StripCredentials(e.cfg.MastURL) // shown on screen: no user:password
	}
}

// logPath is the log file: $XDG_STATE_HOME/mastui/mastui.log.
func logPath() string { return filepath.Join(config.StateDir(), "mastui.log") }

// openLog appends to logPath(); logs never go to the terminal.
func openLog() (*slog.Logger, func()) {
	if err := os.MkdirAll(filepath.Dir(logPath()), 0o755); err == nil {
		f, err := os.OpenFile(logPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err == nil {
			return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), func() { f.Close() }
		}
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}
}

// filterFlag declares the repeatable --filter KEY=VALUE product filter.
func filterFlag(fs *pflag.FlagSet, filters *model.Filters) {
	fs.Func("filter", "`KEY=VALUE` product filter (repeatable; see Product filters)", func(s string) error {
		f, err := model.ParseFilter(s)
		if err == nil {
			*filters = append(*filters, f)
		}
		return err
	})
}

// downloadDirFlags declares where downloads go: --dir and --flat.
func downloadDirFlags(fs *pflag.FlagSet, dir *string, flat *bool, defaultDir, dirUsage string) {
	fs.StringVar(dir, "dir", defaultDir, dirUsage)
	fs.BoolVar(flat, "flat", false, "put every file directly in --dir, not in mastDownload/<collection>/<obs_id>/")
}

// outFlag declares download-file's --out.
func outFlag(fs *pflag.FlagSet, out *string) {
	fs.StringVar(out, "out", "", "file or directory `PATH` to write to (default ./<file name>)")
}

// resolverFlag declares --resolver, the name resolver.
func resolverFlag(fs *pflag.FlagSet, resolver *string) {
	fs.StringVar(resolver, "resolver", "", "name resolver `R`: SIMBAD or NED (default: the config's resolver)")
}
