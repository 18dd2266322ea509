// Package palette is the `:` command palette (also ctrl+p): one line to type on, with
// fuzzy completion over the session's commands (common.Commands: tabs, :login, :export
// csv, :theme light …) and every action of the focused view and the global keys (each
// binding with help text). enter runs the match, tab completes it, esc closes; an
// unknown command gets "did you mean …". The root owns it and says where it goes.
package palette

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// Item is one line of the palette: a command (with or without its argument filled in)
// or an action of the key map.
type Item struct {
	// Label is what is matched and shown: ":theme light" for a command, the binding's
	// help ("downloads queue") for an action.
	Label string
	// Command is the command's name for a command item ("" for an action); Arg the
	// argument the item fills in (":theme light" → "light").
	Command string
	Arg     string
	Help    string
	Key     string
	// Section says where an action belongs ("Results", "Global").
	Section string
	// Disabled says why it cannot run now ("" when it can).
	Disabled string
	// Run runs it with the arguments typed after a command's name.
	Run func(args []string) tea.Cmd
}

// shown is an item that matches what is typed, with its score and matched letters.
type shown struct {
	item  Item
	score int
	pos   []int
	order int
}

// Model is the palette.
type Model struct {
	c       *common.Common
	open    bool
	input   textinput.Model
	items   []Item
	matches []shown
	cur     int
	top     int
	problem string   // "unknown command …": shown until the text changes
	history []string // the lines run, newest last (the session's: ↑ on an empty line)
	back    int      // how far back ↑ went in history (0: not browsing)
	width   int
	height  int
}

// New builds a closed palette.
func New(c *common.Common) *Model {
	in := textfield.New(c.Styles, "a command, a tab or an action — tab completes", 200)
	return &Model{c: c, input: in}
}

// SetSize sets the palette's box: w cells wide, h lines high (the input line, the
// matches below it).
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.input.Width = max(1, w-6)
	m.scroll()
}

// IsOpen reports whether the palette is open (it then takes every key).
func (m *Model) IsOpen() bool { return m.open }

// Open opens the palette empty over the session's commands and the given actions (the
// focused view's and the global bindings with help text, see Actions).
func (m *Model) Open(actions []Item) {
	m.open = true
	m.items = append(m.commandItems(), actions...)
	m.input.SetValue("")
	m.input.Focus()
	m.problem, m.back = "", 0
	m.filter()
}

// Close closes the palette.
func (m *Model) Close() {
	m.open = false
	m.input.Blur()
}

// Text is the typed line (for tests).
func (m *Model) Text() string { return m.input.Value() }

// Problem is the palette's complaint about the last enter ("" for none).
func (m *Model) Problem() string { return m.problem }

// commandItems are the registered commands: each once, then once per known argument.
func (m *Model) commandItems() []Item {
	var out []Item
	for _, c := range m.c.Commands.All() {
		it := Item{Label: ":" + c.Name, Command: c.Name, Help: c.Help, Key: c.Key, Disabled: c.DisabledReason(), Run: c.Run}
		out = append(out, it)
		for _, a := range c.Completions() {
			arg := it
			arg.Label, arg.Arg, arg.Key = ":"+c.Name+" "+a, a, ""
			out = append(out, arg)
		}
	}
	return out
}

// Actions are the bindings with help text that are enabled, as palette items whose Run
// presses their first key (press turns the key string into what the root does with it).
func Actions(section string, bindings []key.Binding, press func(k string) tea.Cmd) []Item {
	var out []Item
	for _, b := range bindings {
		h := b.Help()
		if !b.Enabled() || h.Desc == "" || len(b.Keys()) == 0 {
			continue
		}
		k := b.Keys()[0]
		out = append(out, Item{Label: h.Desc, Key: h.Key, Section: section, Run: func([]string) tea.Cmd { return press(k) }})
	}
	return out
}

// filter ranks the items against the typed text: commands by name, actions by their
// help text; what matches only the help of a command ranks last.
func (m *Model) filter() {
	q := strings.TrimSpace(strings.TrimPrefix(m.input.Value(), ":"))
	m.matches = m.matches[:0]
	for i, it := range m.items {
		name := strings.TrimPrefix(it.Label, ":")
		s, pos, ok := match(q, name)
		if ok && it.Command != "" {
			for j := range pos { // the label's ':' comes first
				pos[j]++
			}
		}
		if !ok && q != "" && helpHas(it.Help, q) {
			s, pos, ok = -2000, nil, true
		}
		if ok {
			m.matches = append(m.matches, shown{item: it, score: s, pos: pos, order: i})
		}
	}
	sort.SliceStable(m.matches, func(i, j int) bool { return m.matches[i].score > m.matches[j].score })
	m.cur, m.top = 0, 0
	m.scroll()
}

// helpHas reports whether every word of q is in help (case-insensitive): help text is
// matched by words, not scattered letters, which would match almost anything.
func helpHas(help, q string) bool {
	h := strings.ToLower(help)
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if !strings.Contains(h, w) {
			return false
		}
	}
	return help != ""
}

// Matches are the labels that match what is typed, best first (for tests).
func (m *Model) Matches() []string {
	out := make([]string, len(m.matches))
	for i, s := range m.matches {
		out[i] = s.item.Label
	}
	return out
}

// listHeight is the number of matches shown.
func (m *Model) listHeight() int { return max(0, m.height-2) }

// scroll keeps the highlighted match in view.
func (m *Model) scroll() {
	h := m.listHeight()
	if m.cur < m.top {
		m.top = m.cur
	}
	if h > 0 && m.cur >= m.top+h {
		m.top = m.cur - h + 1
	}
}

// Update takes a key while the palette is open. What the chosen item runs comes back as
// the Cmd; the palette closes itself when it ran something.
func (m *Model) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Palette
	switch {
	case key.Matches(msg, k.Close):
		m.Close()
		return nil
	case key.Matches(msg, k.Run):
		return m.run()
	case key.Matches(msg, k.Complete):
		m.complete()
		return nil
	case key.Matches(msg, k.Up):
		// ↑ recalls the last command only from the top of an empty line (or while
		// recalling): once the highlight moved down, it moves back up.
		if m.back > 0 || (m.cur == 0 && strings.TrimSpace(m.input.Value()) == "") {
			m.recall(1)
			return nil
		}
		m.move(-1)
		return nil
	case key.Matches(msg, k.Down):
		if m.back > 0 {
			m.recall(-1)
			return nil
		}
		m.move(1)
		return nil
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.problem, m.back = "", 0
		m.filter()
	}
	return cmd
}

// move moves the highlight among the matches.
func (m *Model) move(d int) {
	if len(m.matches) == 0 {
		return
	}
	m.cur = min(max(m.cur+d, 0), len(m.matches)-1)
	m.scroll()
}

// recall steps through the lines run before (d=1 older, d=-1 newer).
func (m *Model) recall(d int) {
	n := min(max(m.back+d, 0), len(m.history))
	if n == m.back {
		return
	}
	m.back = n
	line := ""
	if n > 0 {
		line = m.history[len(m.history)-n]
	}
	m.input.SetValue(line)
	m.input.CursorEnd()
	m.problem = ""
	m.filter()
}

// complete puts the highlighted match on the line (a command's name with a space after
// it when it takes arguments).
func (m *Model) complete() {
	if len(m.matches) == 0 {
		return
	}
	it := m.matches[m.cur].item
	line := it.Label
	if it.Command != "" && it.Arg == "" {
		if c, ok := m.c.Commands.Lookup(it.Command); ok && c.TakesArg() {
			line += " "
		}
	}
	m.input.SetValue(line)
	m.input.CursorEnd()
	m.filter()
}

// run runs what enter chooses: a command named exactly (with its arguments), else the
// highlighted match; nothing matching is "unknown command … did you mean …".
func (m *Model) run() tea.Cmd {
	line := strings.TrimSpace(strings.TrimPrefix(m.input.Value(), ":"))
	words := strings.Fields(line)
	if len(words) > 0 {
		if c, ok := m.c.Commands.Lookup(words[0]); ok {
			return m.runCommand(c, words[1:], line)
		}
	}
	if len(m.matches) > 0 {
		it := m.matches[m.cur].item
		if it.Disabled != "" {
			m.problem = it.Label + ": " + it.Disabled
			return nil
		}
		args := []string{}
		if it.Arg != "" {
			args = []string{it.Arg}
		}
		return m.finish(it.Label, it.Run(args))
	}
	if len(words) == 0 {
		return nil
	}
	m.problem = fmt.Sprintf("unknown command %q", words[0])
	if near := model.Closest(words[0], m.c.Commands.Names()); near != "" {
		m.problem += " — did you mean :" + near + "?"
	}
	return nil
}

// runCommand runs c with args, after checking its argument against the values it knows.
func (m *Model) runCommand(c common.Command, args []string, line string) tea.Cmd {
	if why := c.DisabledReason(); why != "" {
		m.problem = ":" + c.Name + ": " + why
		return nil
	}
	if why := c.CheckArgs(args); why != "" {
		m.problem = why
		return nil
	}
	return m.finish(":"+line, c.Run(args))
}

// finish closes the palette after a run and remembers what ran.
func (m *Model) finish(line string, cmd tea.Cmd) tea.Cmd {
	if line = strings.TrimSpace(line); line != "" && line != ":" {
		m.history = append(slices.DeleteFunc(m.history, func(h string) bool { return h == line }), line)
	}
	m.Close()
	return cmd
}
