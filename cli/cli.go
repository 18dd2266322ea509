// Package cli is mastui's command line: a cobra command tree over the TUI launcher, the
// one-shot commands (query, products, …), the downloads and the simulator. Every flag is
// declared once, on its command; the help, the shell completions and the README's command
// list are generated from those declarations.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mastui/model"
)

// Main runs mastui with the process's arguments and streams and returns its exit status:
// 0, 1 for a failure, 2 for a bad command line, 128+N when signal N ended it.
func Main(version string) int {
	ctx, stopped := stopOnSignal()
	code := 0
	inv := invocation{version: version, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tuneGC: true}
	if err := execute(ctx, inv, os.Args[1:]); err != nil {
		code = reportError(os.Stderr, err)
	}
	if sig := stopped(); sig != 0 {
		code = 128 + int(sig) // what a shell reports for a program a signal ended
	}
	return code
}

// invocation is what one run of the program is given.
type invocation struct {
	version        string
	stdin          io.Reader
	stdout, stderr io.Writer
	tuneGC         bool // one-shot commands tune the process's collector (oneShotGC)
}

// execute runs one command line; it is Main without the process (signals, exit), so the
// tests run commands in-process.
func execute(ctx context.Context, inv invocation, args []string) error {
	env := &cliEnv{ctx: ctx, version: inv.version, stdin: inv.stdin, stdout: inv.stdout, stderr: inv.stderr}
	root := newRoot(env, inv.tuneGC)
	if args == nil {
		args = []string{} // nil makes cobra read os.Args
	}
	root.SetArgs(normalizeArgs(root, args))
	return root.ExecuteContext(ctx)
}

// usageError marks bad command lines (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// reportError prints err for the user and returns the exit status. Errors carry server
// text (messages, bodies, names), so the line is sanitized: it cannot drive the terminal.
func reportError(stderr io.Writer, err error) int {
	var se settingsError
	if errors.As(err, &se) { // one problem a line, each with its line in the file
		lines := strings.Split(err.Error(), "\n")
		for i, l := range lines {
			lines[i] = model.OneLine(l)
		}
		fmt.Fprintln(stderr, "mastui:", strings.Join(lines, "\n  "))
		return 1
	}
	fmt.Fprintln(stderr, "mastui:", model.OneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'mastui help' for usage.")
		return 2
	}
	return 1
}

// The help and the error messages list commands in the order they are declared (the
// order of a workflow), not alphabetically. Set once, before any command runs.
func init() { cobra.EnableCommandSorting = false }

// oneShot marks the commands that read answers, print them and exit (and their
// subcommands): they run with oneShotGC, and their client reads big answers on huge pages
// (mast.Config.HugePages).
const oneShotKey = "one-shot"

func isOneShot(c *cobra.Command) bool {
	for ; c != nil; c = c.Parent() {
		if c.Annotations[oneShotKey] != "" {
			return true
		}
	}
	return false
}

// newRoot builds the command tree of one run around env, which the flags fill in.
func newRoot(env *cliEnv, tuneGC bool) *cobra.Command {
	root := &cobra.Command{
		Use:     "mastui",
		Short:   "mastui — a keyboard-driven browser for MAST (Mikulski Archive for Space Telescopes)",
		Long:    filterNotes + "\n\n" + criteriaNotes + "\n" + positionNotes,
		Version: env.version,
		// Errors are main's to print (reportError), once, without a usage dump.
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          unknownCommand,
		PersistentPreRun: func(c *cobra.Command, _ []string) {
			if env.oneShot = isOneShot(c); env.oneShot && tuneGC {
				oneShotGC(oneShotHeap)
			}
		},
	}
	root.SetIn(env.stdin)
	root.SetOut(env.stdout)
	root.SetErr(env.stderr)
	root.SetVersionTemplate("mastui {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if msg, ok := badNumber(err); ok {
			return usageError{msg}
		}
		if c == root {
			return usageError{err.Error()}
		}
		return usagef("%s: %v", commandName(c), err)
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		fmt.Fprint(c.OutOrStdout(), helpText(c))
	})
	root.SetUsageFunc(func(c *cobra.Command) error {
		_, err := fmt.Fprint(c.OutOrStderr(), usageText(c))
		return err
	})
	env.globalFlags(root)
	env.tuiCommand(root)
	root.AddCommand(
		env.simCommand(),
		env.queryCommand(),
		env.savedCommand(),
		env.collectionsCommand(),
		env.metadataCommand(),
		env.productsCommand(),
		env.resolveCommand(),
		env.downloadCommand(),
		env.downloadFileCommand(),
		env.cloudURIsCommand(),
		env.downloadsCommand(),
		env.tesscutCommand(), env.zcutCommand(), env.hapcutCommand(),
		env.missionCommand(),
		env.catalogCommand(),
		env.serviceCommand(),
		env.serveCommand(),
		env.dupcheckCommand(),
		env.loginCommand(),
		env.whoamiCommand(),
		env.logoutCommand(),
		env.configCommand(),
		env.versionCommand(),
	)
	// Made now, not when cobra runs, so the help and the README list them too (help
	// last: cobra moves it there when it runs).
	root.InitDefaultCompletionCmd()
	root.InitDefaultHelpCmd()
	finishFlags(root)
	return root
}

// numberNounKey annotates a numeric flag with what its number counts ("sector"), for
// badNumber's message.
const numberNounKey = "number-noun"

// badNumber is the message of a numeric flag given something else: `--sector: "ten" is
// not a sector number` rather than the parser's strconv text.
func badNumber(err error) (string, bool) {
	var ive *pflag.InvalidValueError
	var ne *strconv.NumError
	if !errors.As(err, &ive) || !errors.As(err, &ne) {
		return "", false
	}
	f := ive.GetFlag()
	if errors.Is(ne.Err, strconv.ErrRange) {
		return fmt.Sprintf("--%s: %q is too large", f.Name, ne.Num), true
	}
	noun := "a number"
	if n := f.Annotations[numberNounKey]; len(n) > 0 {
		noun = "a " + n[0] + " number"
	}
	return fmt.Sprintf("--%s: %q is not %s", f.Name, ne.Num, noun), true
}

// notNegative refuses a negative count given to the flag name.
func notNegative(name string, v int) error {
	if v < 0 {
		return usagef("--%s: must not be negative (got %d)", name, v)
	}
	return nil
}

// finishFlags has the help list flags in the order they are declared (the important ones
// first), not alphabetically, and moves the placeholder of a flag's value out of its
// description ("`N` transfers" shows as --workers N): shells show descriptions as written.
func finishFlags(c *cobra.Command) {
	for _, fs := range []*pflag.FlagSet{c.Flags(), c.PersistentFlags()} {
		fs.SortFlags = false
		fs.VisitAll(func(f *pflag.Flag) {
			if arg, usage := pflag.UnquoteUsage(f); f.NoOptDefVal == "" && strings.Contains(f.Usage, "`") {
				f.Value, f.Usage = placeholder{f.Value, arg}, usage
			}
		})
	}
	for _, sub := range c.Commands() {
		finishFlags(sub)
	}
}

// placeholder names a flag's value in the help (pflag shows a value's type there).
type placeholder struct {
	pflag.Value
	name string
}

func (p placeholder) Type() string { return p.name }

// commandName is a command's path without the program's name: "query object".
func commandName(c *cobra.Command) string {
	if !c.HasParent() {
		return c.Name()
	}
	return strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
}

// unknownCommand is the root's argument check: a word the tree does not know.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	return usagef("unknown command %q%s", args[0], didYouMean(args[0], names))
}

// subcommandRequired is the RunE of a command that only groups others (query, mission):
// it names what is missing or unknown.
func subcommandRequired(c *cobra.Command, args []string) error {
	var names []string
	for _, sub := range c.Commands() {
		names = append(names, sub.Name())
	}
	list := joinOr(names)
	if len(args) == 0 {
		return usagef("%s: say %s", commandName(c), list)
	}
	return usagef("%s: unknown %s %q: use %s", commandName(c), c.Annotations["word"], args[0], list)
}

// joinOr writes a, b or c.
func joinOr(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " or " + names[len(names)-1]
}
