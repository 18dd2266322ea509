package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Notes on the values of flags and arguments, repeated in the help of the commands that
// take them.
const (
	filterNotes = `Product filters (--filter KEY=VALUE, repeatable; astroquery's filter_products): filters are AND'd, a comma
list is OR (productType=SCIENCE,PREVIEW), !x excludes, numeric columns take a..b, <x, >=x and units (size=<20MB);
special keys: extension=fits,fits.gz  mrp_only=true  guide_stars=false  name=*_cal.fits`

	criteriaNotes = `Criteria values (KEY=VALUE): a comma list is OR (filters=NUV,FUV), !x negates (dataRights=!EXCLUSIVE_ACCESS),
a..b is an inclusive range for numeric columns (t_exptime=100..500, also >100, <=50), * is a wildcard
(proposal_pi=Osten*). Times (t_min, t_max, t_obs_release) take MJD or ISO dates (2022-07-01..2024-12-31).`

	positionNotes = `Coordinates: "322.49324 12.16683", "21h29m58.38s +12d10m00.6s" or "21:29:58.38 +12:10:00.6".
Radius: "0.2 deg", "3 arcmin", "10 arcsec"; a bare number is degrees (default 0.2 deg).`
)

// helpText is `mastui CMD --help`: what the command does, then its usage.
func helpText(c *cobra.Command) string {
	return c.Short + "\n\n" + usageText(c)
}

// usageText is a command's usage, generated from its declaration: how to call it, the
// commands under it, its flags, examples, notes and the global flags.
func usageText(c *cobra.Command) string {
	var b strings.Builder
	b.WriteString("Usage:\n")
	if !c.HasParent() {
		fmt.Fprintf(&b, "%-*s %s\n", listWidth, "  "+c.Name()+" [flags]", "the terminal UI (real MAST, a --mast-url, or the embedded --demo archive)")
		fmt.Fprintf(&b, "  %s COMMAND [flags]\n", c.Name())
	} else if c.Runnable() && !c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "  %s [flags]\n", useLine(c))
	} else {
		fmt.Fprintf(&b, "  %s COMMAND [flags]\n", c.CommandPath())
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\nCommands:\n")
		b.WriteString(commandList(c))
	}
	if !c.DisableFlagParsing { // sim lists its own flags
		if own := ownFlags(c); own.HasAvailableFlags() {
			b.WriteString("\nFlags:\n")
			b.WriteString(own.FlagUsages())
		}
	}
	if c.Example != "" {
		b.WriteString("\nExamples:\n" + strings.TrimRight(c.Example, "\n") + "\n")
	}
	if c.Long != "" {
		b.WriteString("\n" + strings.TrimRight(c.Long, "\n") + "\n")
	}
	if !c.DisableFlagParsing {
		b.WriteString("\nGlobal flags (anywhere on the line):\n")
		b.WriteString(c.Root().PersistentFlags().FlagUsages())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\nRun '%s COMMAND --help' for the flags of a command.\n", c.CommandPath())
	}
	return b.String()
}

// useLine is how a command is called: its path and its arguments ("mastui query object NAME").
func useLine(c *cobra.Command) string {
	line := c.CommandPath()
	if _, args, ok := strings.Cut(c.Use, " "); ok {
		line += " " + args
	}
	return line
}

// listed are the commands under c a command list names: those that run, depth first,
// in the order they are declared; help too (cobra counts it as no available command).
func listed(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range c.Commands() {
		switch {
		case sub.Name() == "help" && !c.HasParent():
			out = append(out, sub)
		case !sub.IsAvailableCommand():
		case sub.HasAvailableSubCommands():
			out = append(out, listed(sub)...)
		default:
			out = append(out, sub)
		}
	}
	return out
}

// listWidth is the width of the command column of a command list.
const listWidth = 40

// commandList lists the commands under c, one per line with what it does.
func commandList(c *cobra.Command) string {
	var b strings.Builder
	for _, sub := range listed(c) {
		line := "  " + useLine(sub)
		if len(line) < listWidth {
			fmt.Fprintf(&b, "%-*s %s\n", listWidth, line, sub.Short)
		} else {
			fmt.Fprintf(&b, "%s\n%*s %s\n", line, listWidth, "", sub.Short)
		}
	}
	return b.String()
}

// ownFlags are the flags a command declares or takes from its parents, in the order
// they are declared, --help last; not the global ones (the root's persistent flags).
func ownFlags(c *cobra.Command) *pflag.FlagSet {
	global := c.Root().PersistentFlags()
	own := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
	own.SortFlags = false
	add := func(f *pflag.Flag) {
		if f.Name != "help" && global.Lookup(f.Name) == nil && own.Lookup(f.Name) == nil {
			own.AddFlag(f)
		}
	}
	c.LocalFlags().VisitAll(add)
	for p := c.Parent(); p != nil; p = p.Parent() {
		p.PersistentFlags().VisitAll(add)
	}
	if h := c.Flags().Lookup("help"); h != nil {
		own.AddFlag(h)
	}
	return own
}

// Reference is the README's command list: every command with its own flags and what it
// does, then the global flags, generated from the command tree (as the help is).
func Reference() string {
	root := newRoot(&cliEnv{ctx: context.Background(), version: "dev"}, false)
	var b strings.Builder
	b.WriteString("| command | flags | what |\n|---|---|---|\n")
	row := func(c *cobra.Command, flags []string, what string) {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", cell(useLine(c)), cell(strings.Join(flags, " ")), cell(what))
	}
	row(root, flagNames(ownFlags(root)), "the terminal UI (real MAST, a `--mast-url`, or the embedded `--demo` archive)")
	for _, c := range listed(root) {
		flags := flagNames(ownFlags(c))
		if c.DisableFlagParsing {
			flags = simFlagNames(simFlags(&cliEnv{ctx: context.Background()}))
		}
		row(c, flags, c.Short)
	}
	b.WriteString("\n| global flag (any command, anywhere on the line) | what |\n|---|---|\n")
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		_, usage := pflag.UnquoteUsage(f)
		fmt.Fprintf(&b, "| `%s` | %s |\n", cell(flagName(f)), cell(usage))
	})
	return b.String()
}

// flagNames are the flags of fs as `--name ARG` code spans, without --help.
func flagNames(fs *pflag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Name != "help" {
			names = append(names, "`"+flagName(f)+"`")
		}
	})
	return names
}

// flagName is "--name ARG", as the help shows it.
func flagName(f *pflag.Flag) string {
	if arg, _ := pflag.UnquoteUsage(f); arg != "" {
		return "--" + f.Name + " " + arg
	}
	return "--" + f.Name
}

// simFlagNames reads the simulator's flag list (flag.PrintDefaults: "  -name type" lines).
func simFlagNames(list string) []string {
	var names []string
	for _, l := range strings.Split(list, "\n") {
		if rest, ok := strings.CutPrefix(l, "  -"); ok {
			names = append(names, "`--"+rest+"`")
		}
	}
	return names
}

// cell escapes the pipes of a markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
