package cli

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mastui/ui"
)

// everyCommand lists the command tree depth first, the root included.
func everyCommand(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if !sub.Hidden {
			out = append(out, everyCommand(sub)...)
		}
	}
	return out
}

// Every command and subcommand answers --help, -h and `help CMD` on stdout with exit
// status 0: what it does, how to call it, and its own flags.
func TestEveryCommandHasHelp(t *testing.T) {
	root := newRoot(&cliEnv{ctx: context.Background(), version: "dev"}, false)
	commands := everyCommand(root)
	if len(commands) < 20 {
		t.Fatalf("only %d commands in the tree", len(commands))
	}
	for _, c := range commands {
		path := strings.Fields(commandName(c))
		if !c.HasParent() {
			path = nil
		}
		for _, args := range [][]string{append(slices.Clone(path), "--help"), append(slices.Clone(path), "-h"), append([]string{"help"}, path...)} {
			out, errOut, err := runCLI(t, args...)
			if err != nil || errOut != "" {
				t.Errorf("%q: err %v, stderr %q", args, err, errOut)
				continue
			}
			if !strings.HasPrefix(out, c.Short+"\n") || !strings.Contains(out, "Usage:\n") || !strings.Contains(out, c.CommandPath()) {
				t.Errorf("%q: the help lacks what %s does or its usage:\n%s", args, c.CommandPath(), out)
			}
			if !c.DisableFlagParsing { // sim's flags are its own (TestHelpAndVersion)
				ownFlags(c).VisitAll(func(f *pflag.Flag) {
					if !strings.Contains(out, "--"+f.Name+" ") {
						t.Errorf("%q: the help lacks --%s:\n%s", args, f.Name, out)
					}
				})
			}
		}
	}
}

// The shells' completion scripts, and the completions they ask the program for, come
// from the command tree.
func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{"bash": "complete -o default -F __start_mastui mastui", "zsh": "#compdef mastui", "fish": "complete -c mastui"} {
		out, errOut, err := runCLI(t, "completion", shell)
		if err != nil || errOut != "" || !strings.Contains(out, want) {
			t.Errorf("completion %s: err %v, stderr %q, script lacks %q", shell, err, errOut, want)
		}
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", ""}, []string{"query\t", "mission\t", "download-file\t", "completion\t"}},
		{[]string{"__complete", "query", ""}, []string{"object\t", "region\t", "criteria\t"}},
		{[]string{"__complete", "mission", "search", "--so"}, []string{"--sort\t"}},
		{[]string{"__complete", "download", "--"}, []string{"--workers\tN parallel transfers", "--resume\t", "--mast-url\t"}},
		{[]string{"__complete", "metadata", ""}, []string{"observations", "products"}},
	} {
		out, _, err := runCLI(t, c.args...)
		if strings.Contains(out, "`") {
			t.Errorf("%q: a description shows the help's markup:\n%s", c.args, out)
		}
		for _, w := range c.want {
			if err != nil || !strings.Contains(out, w) {
				t.Errorf("%q: err %v, completions lack %q:\n%s", c.args, err, w, out)
			}
		}
	}
}

// Command lines the flag package read keep their meaning: a negative number is an
// argument, not a flag, and a long flag may have one dash.
func TestNormalizeArgs(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"query", "region", "322.5", "-26.5", "--count"}, []string{"query", "region", "322.5", "--count", "--", "-26.5"}},
		{[]string{"query", "region", "322.5", "-26.5", "x", "--count", "--", "-y"}, []string{"query", "region", "322.5", "--count", "--", "-26.5", "x", "-y"}},
		{[]string{"query", "object", "M101", "--radius", "-3"}, []string{"query", "object", "M101", "--radius", "-3"}},
		{[]string{"mission", "search", "--offset", "-.5", "a=1"}, []string{"mission", "search", "--offset", "-.5", "a=1"}},
		{[]string{"-mast-url", "http://x", "collections", "-format=csv"}, []string{"--mast-url", "http://x", "collections", "--format=csv"}},
		{[]string{"query", "criteria", "-object", "M1", "a=1", "-help"}, []string{"query", "criteria", "--object", "M1", "a=1", "--help"}},
		{[]string{"download", "-bogus"}, []string{"download", "-bogus"}},
		{[]string{"resolve", "M1", "--"}, []string{"resolve", "M1", "--"}},
		{[]string{"__complete", "download", "-"}, []string{"__complete", "download", "-"}},
		{[]string{"sim", "-listen", "127.0.0.1:0", "-5"}, []string{"sim", "-listen", "127.0.0.1:0", "-5"}},
	} {
		root := newRoot(&cliEnv{ctx: context.Background(), version: "dev"}, false)
		if got := normalizeArgs(root, c.in); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// A declination below zero given as its own argument is the query's, in-process as on a
// shell's command line.
func TestNegativeCoordinateArgument(t *testing.T) {
	url := startSim(t)
	sep, _, err := runCLI(t, "query", "region", "322.49324", "-12.16683", "--radius", "2 deg", "--count", "--mast-url", url)
	if err != nil {
		t.Fatal(err)
	}
	one, _, err := runCLI(t, "query", "region", "322.49324 -12.16683", "--radius", "2 deg", "--count", "--mast-url", url)
	if err != nil || sep != one {
		t.Errorf("separate arguments count %q, one argument %q (%v)", sep, one, err)
	}
}

// Unknown commands are usage errors (exit 2) naming the word, with a suggestion when one
// is close.
func TestUnknownCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"qurey", "object", "M101"}, `unknown command "qurey": did you mean "query"?`},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"query", "objekt", "M101"}, `query: unknown kind "objekt": use object, region or criteria`},
		{[]string{"mission", "serch"}, `mission: unknown subcommand "serch": use columns, search, products, download or download-file`},
		{[]string{"--tab", "mision"}, `--tab: unknown tab "mision": did you mean "missions"? (tabs: ` + strings.Join(ui.TabNames(), ", ") + `)`},
	} {
		_, _, err := runCLI(t, c.args...)
		var stderr strings.Builder
		if err == nil || reportError(&stderr, err) != 2 || !strings.Contains(stderr.String(), "mastui: "+c.want+"\n") {
			t.Errorf("%q: err %v, stderr %q", c.args, err, stderr.String())
		}
	}
}
