package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"mastui/download"
	"mastui/model"
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
	oneShot               bool                            // the command prints what it reads and exits (oneShotCommands)
	stopSim               func()                          // ends the demo archive, without waiting
	holdDemo              bool                            // build the demo archive only when prepareDemo runs
	prepareDemo           func(ctx context.Context) error // builds the demo archive and waits for it (--demo)
	cfg                   model.Config
	logger                *slog.Logger
	closeLog              func()
	saveMu                sync.Mutex // serialises config saves from the TUI
}

// flags makes a FlagSet for one command with the global flags registered on it.
func (e *cliEnv) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.mastURL, "mast-url", "", "MAST base URL")
	fs.BoolVar(&e.demo, "demo", false, "use the embedded demo archive")
	fs.StringVar(&e.format, "format", "table", "output format: table, csv or json")
	fs.StringVar(&e.cols, "columns", "", "columns to print")
	fs.StringVar(&e.configPath, "config", "", "config file")
	return fs
}

// parse parses flags that may appear between positional arguments and returns the
// positional ones. Negative numbers ("-26.5") are positional, not flags. -h and --help
// return a helpRequest.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpRequest{cmd: fs.Name(), flags: commandFlags(fs)}
		} else if err != nil {
			if fs.Name() == rootCommand {
				return nil, usagef("%v", err) // main already says "mastui:"
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		for len(args) > 0 && looksNumeric(args[0]) {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
}

func looksNumeric(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	c := s[1]
	return c >= '0' && c <= '9' || c == '.'
}

// globalFlags are the flags every command takes (registered by flags).
var globalFlags = map[string]bool{"mast-url": true, "demo": true, "format": true, "columns": true, "config": true}

// commandFlags lists a command's own flags (the global ones are listed once, in the
// usage), one per line with its argument, help and default.
func commandFlags(fs *flag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		if globalFlags[f.Name] {
			return
		}
		arg, usage := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if arg != "" {
			head += " " + arg
		}
		fmt.Fprintf(&b, "%-26s %s", head, usage)
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
			fmt.Fprintf(&b, " (default %s)", d)
		}
		b.WriteByte('\n')
	})
	return b.String()
}

// requireValues refuses flags set to an empty value (--radius ""), which would
// otherwise silently mean "not given".
func requireValues(fs *flag.FlagSet, names ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
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
	return model.ConfigPath()
}

// setup loads the config, opens the log file and, for --demo, starts the simulator.
func (e *cliEnv) setup() error {
	// A file named on the command line must exist: a typo would otherwise run with the
	// defaults. The default file may be missing (it is where the TUI saves settings).
	if e.configPath != "" {
		if _, err := os.Stat(e.configPath); errors.Is(err, os.ErrNotExist) {
			return usagef("--config %s: no such file", e.configPath)
		}
	}
	cfg, err := model.LoadConfig(e.configFile())
	if err != nil {
		return err
	}
	if e.mastURL != "" {
		cfg.MastURL = e.mastURL
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
		e.cfg.MastURL, e.cfg.ResolverURL, e.stopSim = url, "", cancel
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
	return nil
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
func (e *cliEnv) client() *mast.Client {
	return mast.New(mast.Config{
		BaseURL:        strings.TrimRight(e.cfg.MastURL, "/"),
		ResolverURL:    e.cfg.ResolverURL,
		RequestTimeout: time.Duration(e.cfg.Timeout),
		QueryBudget:    time.Duration(e.cfg.QueryBudget),
		PageSize:       e.cfg.PageSize,
		MaxRetries:     e.cfg.MaxRetries,
		UserAgent:      "mastui/" + version,
		Logger:         e.logger,

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
	case strings.TrimRight(e.cfg.MastURL, "/") == model.DefaultMastURL:
		return "MAST"
	default:
		return download.StripCredentials(e.cfg.MastURL) // shown on screen: no user:password
	}
}

// logPath is the log file: $XDG_STATE_HOME/mastui/mastui.log.
func logPath() string { return filepath.Join(model.StateDir(), "mastui.log") }

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

// filterFlag registers the repeatable --filter KEY=VALUE product filter on fs.
func filterFlag(fs *flag.FlagSet, filters *model.Filters) {
	fs.Func("filter", "`KEY=VALUE` product filter (repeatable)", func(s string) error {
		f, err := model.ParseFilter(s)
		if err == nil {
			*filters = append(*filters, f)
		}
		return err
	})
}
