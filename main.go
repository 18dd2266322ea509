// Command mastui is a keyboard-driven terminal browser for MAST, the Mikulski Archive
// for Space Telescopes, with a scriptable CLI on the same engine and a MAST simulator.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"

	"mastui/model"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// usageError marks bad command lines (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func main() {
	ctx, stopped := stopOnSignal()
	if cmd, _ := splitCommand(os.Args[1:]); oneShotCommands[cmd] {
		oneShotGC(oneShotHeap)
	}
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	code := 0
	if err != nil {
		code = reportError(os.Stderr, err)
	}
	if sig := stopped(); sig != 0 {
		code = 128 + int(sig) // what a shell reports for a program a signal ended
	}
	os.Exit(code)
}

// stopOnSignal returns a context cancelled by the first stop signal, and a function
// telling which signal that was (0 for none). The first signal ends the work in order;
// the handlers are then reset, so a second one kills at once.
func stopOnSignal() (context.Context, func() syscall.Signal) {
	sigs := stopSignals()
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	ctx, cancel := context.WithCancel(context.Background())
	var got atomic.Int32
	go func() {
		s := <-ch
		if n, ok := s.(syscall.Signal); ok {
			got.Store(int32(n))
		}
		signal.Reset(sigs...)
		cancel()
	}()
	return ctx, func() syscall.Signal { return syscall.Signal(got.Load()) }
}

// reportError prints err for the user and returns the exit status. Errors carry server
// text (messages, bodies, names), so the line is sanitized: it cannot drive the terminal.
func reportError(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "mastui:", model.OneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'mastui help' for usage.")
		return 2
	}
	return 1
}

// stopSignals end a command (and the TUI) in order: work cancelled, journal flushed and
// unlocked, terminal restored. SIGHUP (terminal closed) is left alone when it is
// ignored, as under nohup: catching it would undo that.
func stopSignals() []os.Signal {
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	return sigs
}

// globalValueFlags are the global flags that take a separate value argument.
var globalValueFlags = map[string]bool{"mast-url": true, "format": true, "columns": true, "config": true, "dir": true}

// rootCommand names the program's own flag set (the TUI's).
const rootCommand = "mastui"

// helpRequest is -h or --help: the command's usage goes to stdout, with exit status 0.
type helpRequest struct {
	cmd   string // the command asked about; rootCommand for the whole program
	flags string // the command's own flags, listed
}

func (h helpRequest) Error() string { return h.cmd + ": help requested" }

// run dispatches a command line; it is main without the process exit, for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, stdin, stdout, stderr)
	var help helpRequest
	if errors.As(err, &help) {
		_, err = fmt.Fprint(stdout, commandUsage(help.cmd, help.flags))
	}
	return err
}

// splitCommand finds the command in a command line ("" for the TUI) and returns the
// other arguments.
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if globalValueFlags[strings.TrimLeft(a, "-")] && a[0] == '-' {
			i++ // skip the flag's value: "--mast-url URL query …"
			continue
		}
		if len(a) > 0 && a[0] != '-' {
			return a, append(append([]string{}, args[:i]...), args[i+1:]...)
		}
	}
	return "", args
}

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd, rest := splitCommand(args)
	env := &cliEnv{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, oneShot: oneShotCommands[cmd]}
	switch cmd {
	case "":
		return env.runTUI(rest)
	case "sim":
		return env.runSim(rest)
	case "query":
		return env.runQuery(rest)
	case "collections":
		return env.runCollections(rest)
	case "metadata":
		return env.runMetadata(rest)
	case "products":
		return env.runProducts(rest)
	case "resolve":
		return env.runResolve(rest)
	case "download":
		return env.runDownload(rest)
	case "download-file":
		return env.runDownloadFile(rest)
	case "mission":
		return env.runMission(rest)
	case "version":
		fmt.Fprintln(stdout, "mastui", version)
		return nil
	case "help": // mastui help [COMMAND]
		if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
			return helpRequest{cmd: rest[0]}
		}
		return helpRequest{cmd: rootCommand}
	default:
		return usagef("unknown command %q", cmd)
	}
}

// commandUsage is the usage of one command: its lines of usageText, its own flags and
// the global flags; for the program (or a command usageText does not know), all of it.
func commandUsage(cmd, flags string) string {
	head, globals, _ := strings.Cut(usageText, "\nGlobal flags")
	globals = "Global flags" + globals
	var lines []string
	in := false
	for _, l := range strings.Split(head, "\n") {
		switch {
		case strings.HasPrefix(l, "  mastui "):
			in = strings.HasPrefix(l+" ", "  mastui "+cmd+" ")
		case !strings.HasPrefix(l, "   "): // a blank line or a section: the command block ends
			in = false
		}
		if in {
			lines = append(lines, l)
		}
	}
	if cmd == rootCommand || len(lines) == 0 {
		if flags == "" {
			return usageText
		}
		return head + "\nFlags of the terminal UI:\n" + flags + "\n" + globals
	}
	s := "Usage:\n" + strings.Join(lines, "\n") + "\n"
	if flags != "" {
		s += "\nFlags:\n" + flags
	}
	for _, para := range strings.Split(head, "\n\n") { // the notes on its values
		if topic, _, _ := strings.Cut(para, " ("); slices.Contains(usageNotes[cmd], topic) {
			s += "\n" + strings.TrimRight(para, "\n") + "\n"
		}
	}
	if cmd == "sim" { // a program of its own: no global flags
		return s
	}
	return s + "\n" + globals
}

// usageNotes are the paragraphs of usageText (by their first words) a command's help
// repeats.
var usageNotes = map[string][]string{
	"query":    {"Criteria values"},
	"products": {"Product filters"},
	"download": {"Product filters"},
	"mission":  {"Product filters"},
}

const usageText = `mastui — a keyboard-driven browser for MAST (Mikulski Archive for Space Telescopes)

Usage:
  mastui [--demo] [--mast-url URL]            the terminal UI (real MAST, or the embedded demo archive)
  mastui sim [--listen ADDR] [--seed N] [--latency D] [--executing N] [fault flags]
                                              run the MAST simulator (prints "listening on URL");
                                              faults: --drop-after N --truncate-after N --ignore-range --no-content-length
                                              --stall D --error-every N --error-burst N --error-status S
                                              --retry-after D --html-errors --page-cap N
  mastui query object NAME [--radius R] [--resolver SIMBAD|NED] [--count]
  mastui query region "RA DEC" [--radius R] [--count]
  mastui query criteria [--object NAME | --coordinates "RA DEC"] [--radius R] KEY=VALUE... [--count]
  mastui collections                          list the CAOM collections (missions)
  mastui metadata observations|products       column names, types, units, descriptions
  mastui products OBSID... [--unique] [--filter KEY=VALUE]...
                                              product lists of observations (obsid, not obs_id)
  mastui resolve NAME... [--resolver SIMBAD|NED]
  mastui download OBSID... [--filter KEY=VALUE]... [--dir D] [--flat] [--workers N] [--limit-rate 5M]
                 [--curl FILE | --mast-curl FILE | --aria2 FILE | --urls FILE]
                                              download products (resumable, verified, journaled);
                                              a token for exclusive data comes from $MAST_API_TOKEN
  mastui download --resume                    finish what an interrupted run left, retry what failed
  mastui download --clear-failed              forget the failed downloads of the queue
  mastui download-file URI [--out PATH]       one product by its mast: URI
  mastui mission columns --mission M          the MAST Search API (MastMissions): hst, jwst, …
  mastui mission search --mission M [--coordinates "RA DEC, …"]... [--object "NAME, …"]... [--radius R]
                 [--sort COL[:desc]]... [--select COLS|all] [--limit N] [--offset N] KEY=VALUE...
                                              values pass to the server as typed (!COS, >0, 1000..2000, *GAL*);
                                              a bare --radius number is ARCMINUTES (default 3, max 30)
  mastui mission products --mission M DATASET... [--unique] [--filter KEY=VALUE]...
  mastui mission download --mission M DATASET... [--filter ...] [--dir D] [--flat]
  mastui mission download --mission M --products-json FILE   a MAST subscription-service product list
  mastui mission download-file --mission M PRODUCT [--out PATH]   one product by name (DATASET/FILE) or mast: URI
  mastui version | --version
  mastui help [COMMAND] | COMMAND --help

Product filters (--filter KEY=VALUE, repeatable; astroquery's filter_products): filters are AND'd, a comma
list is OR (productType=SCIENCE,PREVIEW), !x excludes, numeric columns take a..b, <x, >=x and units (size=<20MB);
special keys: extension=fits,fits.gz  mrp_only=true  guide_stars=false  name=*_cal.fits

Criteria values (KEY=VALUE): a comma list is OR (filters=NUV,FUV), !x negates (dataRights=!EXCLUSIVE_ACCESS),
a..b is an inclusive range for numeric columns (t_exptime=100..500, also >100, <=50), * is a wildcard
(proposal_pi=Osten*). Times (t_min, t_max, t_obs_release) take MJD or ISO dates (2022-07-01..2024-12-31).
Coordinates: "322.49324 12.16683", "21h29m58.38s +12d10m00.6s" or "21:29:58.38 +12:10:00.6".
Radius: "0.2 deg", "3 arcmin", "10 arcsec"; a bare number is degrees (default 0.2 deg).

Global flags (anywhere on the line):
  --mast-url URL     send every MAST request to URL (env MASTUI_MAST_URL, config mast_url)
  --demo             use the embedded demo archive (an in-process simulator) instead of MAST
  --format F         table (default), csv or json
  --columns LIST     columns to print (comma list, or "all"); table format defaults to key columns
  --config FILE      config file (default $XDG_CONFIG_HOME/mastui/config.json, env MASTUI_CONFIG)
`
