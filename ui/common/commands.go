package common

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
)

// Command is one command of the `:` palette: `:catalogs`, `:theme light`, `:export csv`.
// A feature adds its commands to the session's registry (Common.Commands) when it is
// built; the palette offers them with fuzzy completion, runs them, and answers a wrong
// name or argument with "did you mean …".
type Command struct {
	// Name is what follows ':' (one word, lower case): "export".
	Name string
	// Aliases also run it ("q" for "quit").
	Aliases []string
	// Args are the values of its argument, offered as completions (":export csv");
	// another value is refused with the nearest one, unless OpenArg.
	Args []string
	// ArgsNow, when set, gives the closed Args each time the palette opens: they depend
	// on the tab in view (the Duplicates report is markdown, csv or json).
	ArgsNow func() []string
	// Suggest lists more completions, read each time the palette opens (the saved
	// searches' names, the theme files): they change while the app runs. Any value is
	// accepted (Run checks it), as with OpenArg.
	Suggest func() []string
	// OpenArg: it takes one argument of any value (":save m101-jwst", ":theme
	// ~/solar.json"); Args are then only completions. A command with no Args, Suggest or
	// OpenArg takes no argument, and extra words are refused.
	OpenArg bool
	// Help is its one line in the palette.
	Help string
	// Key is the key that does the same outside the palette ("w"), shown next to it.
	Key string
	// Disabled says why it cannot run now ("no table to export here"); nil or "" means
	// it can. The palette shows the reason instead of running it.
	Disabled func() string
	// Run runs it with the words typed after its name. It runs on the UI goroutine:
	// it changes the model at most and returns a Cmd for the rest (its answer comes
	// back like any other message). A complaint about the arguments is a toast
	// (Toast(LevelWarn, …)).
	Run func(args []string) tea.Cmd
}

// DisabledReason is why the command cannot run now ("" when it can).
func (c Command) DisabledReason() string {
	if c.Disabled == nil {
		return ""
	}
	return c.Disabled()
}

// TakesArg reports whether a word may follow its name.
func (c Command) TakesArg() bool {
	return c.Args != nil || c.ArgsNow != nil || c.Suggest != nil || c.OpenArg
}

// closedArgs are Args, or what ArgsNow gives now.
func (c Command) closedArgs() []string {
	if c.ArgsNow != nil {
		return c.ArgsNow()
	}
	return c.Args
}

// Completions are the arguments offered for it: Args, then what Suggest finds now.
func (c Command) Completions() []string {
	out := slices.Clone(c.closedArgs())
	if c.Suggest != nil {
		for _, a := range c.Suggest() {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// CheckArgs says what is wrong with the words typed after its name ("" when nothing):
// too many, or a value its closed Args do not know (with the nearest one).
func (c Command) CheckArgs(args []string) string {
	switch {
	case len(args) == 0:
		return ""
	case !c.TakesArg():
		return fmt.Sprintf(":%s takes no argument", c.Name)
	case len(args) > 1:
		return fmt.Sprintf(":%s takes one argument, not %d (%s)", c.Name, len(args), strings.Join(args, " "))
	case c.OpenArg || c.Suggest != nil:
		return ""
	}
	closed := c.closedArgs()
	if slices.ContainsFunc(closed, func(a string) bool { return strings.EqualFold(a, args[0]) }) {
		return ""
	}
	why := fmt.Sprintf(":%s does not know %q", c.Name, args[0])
	if near := model.Closest(args[0], closed); near != "" {
		return why + " — did you mean :" + c.Name + " " + near + "?"
	}
	return why + " (" + strings.Join(closed, ", ") + ")"
}

// Commands is the session's command registry, in the order commands were added.
type Commands struct {
	list []Command
}

// Add registers commands. A command needs a one-word name and a Run, and no name or
// alias may be taken twice: a programming error, returned for the caller's test.
func (r *Commands) Add(cmds ...Command) error {
	for _, c := range cmds {
		if c.Name == "" || strings.ContainsAny(c.Name, " \t:") || c.Run == nil {
			return fmt.Errorf("command %q: a command needs a one-word name and a Run", c.Name)
		}
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if _, ok := r.Lookup(n); ok {
				return fmt.Errorf("command %q: the name %q is taken", c.Name, n)
			}
		}
		r.list = append(r.list, c)
	}
	return nil
}

// Lookup finds a command by name or alias (case-insensitive).
func (r *Commands) Lookup(name string) (Command, bool) {
	for _, c := range r.list {
		if strings.EqualFold(c.Name, name) || slices.ContainsFunc(c.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			return c, true
		}
	}
	return Command{}, false
}

// All lists the commands in the order they were added.
func (r *Commands) All() []Command { return slices.Clone(r.list) }

// Names lists every name and alias (for "did you mean").
func (r *Commands) Names() []string {
	var out []string
	for _, c := range r.list {
		out = append(out, c.Name)
		out = append(out, c.Aliases...)
	}
	return out
}
