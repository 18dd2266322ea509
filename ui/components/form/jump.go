package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/themes"
	"mastui/ui/common"
	"mastui/ui/components/textfield"
)

// MaxJumpCandidates bounds the names listed (and picked with ↓/↑) while jumping.
const MaxJumpCandidates = 20

// Jump is "go to a field by name": a form with hundreds of fields (a mission has up to
// 258 queryable columns) is too long to tab through. Fields from From on are candidates,
// matched on their Name (prefixes first) and Label.
type Jump struct {
	From int // the first field one may jump to

	active bool
	in     textinput.Model
	cands  []int // field indexes matching the typed text, best first
	sel    int   // the candidate put in the input by tab/↓/↑ (-1 none)
}

// JumpResult is what a key did on the jump line.
type JumpResult int

const (
	// JumpTyping: the line is still open.
	JumpTyping JumpResult = iota
	// JumpWent: the focus moved to the field named, and the line closed.
	JumpWent
	// JumpCancelled: esc closed the line.
	JumpCancelled
	// JumpNone: no field is called like the text typed (the line stays open).
	JumpNone
)

// NewJump is a jump line whose candidates are the fields from from on.
func NewJump(st *themes.Styles, from int) Jump {
	return Jump{From: from, in: textfield.New(st, "", 64), sel: -1}
}

// Active reports whether the jump line takes the keys.
func (j *Jump) Active() bool { return j.active }

// Text is what was typed on the jump line.
func (j *Jump) Text() string { return strings.TrimSpace(j.in.Value()) }

// Candidates are the indexes of the fields matching the text typed, best first.
func (j *Jump) Candidates() []int { return j.cands }

// Start opens the jump line (nothing happens when no field can be jumped to).
func (j *Jump) Start(m *Model) {
	if m.Len() <= j.From {
		return
	}
	j.active, j.sel = true, -1
	j.in.SetValue("")
	j.in.Focus()
	j.refresh(m)
}

// Close closes the jump line.
func (j *Jump) Close() {
	j.active = false
	j.in.Blur()
}

// Key handles a key while jumping: tab completes the name (a second tab, or enter, goes
// to its field), ↓/↑ and shift+tab pick another candidate, esc cancels, other keys type.
func (j *Jump) Key(m *Model, msg tea.KeyMsg, k keymap.FormNav) (JumpResult, tea.Cmd) {
	switch {
	case msg.Type == tea.KeyEsc:
		j.Close()
		return JumpCancelled, nil
	case key.Matches(msg, k.Next) && (j.sel >= 0 || j.exact(m) >= 0 || len(j.cands) == 0),
		key.Matches(msg, k.Submit):
		return j.Go(m), nil
	case key.Matches(msg, k.Next, k.Down, k.Prev, k.Up):
		if n := len(j.cands); n > 0 {
			back := key.Matches(msg, k.Prev, k.Up)
			switch {
			case j.sel < 0 && back:
				j.sel = n - 1
			case back:
				j.sel = (j.sel + n - 1) % n
			default:
				j.sel = (j.sel + 1) % n
			}
			j.in.SetValue(m.fields[j.cands[j.sel]].Name)
			j.in.CursorEnd()
		}
		return JumpTyping, nil
	}
	var cmd tea.Cmd
	before := j.in.Value()
	j.in, cmd = j.in.Update(msg)
	if j.in.Value() != before {
		j.refresh(m)
	}
	return JumpTyping, cmd
}

// exact is the candidate field named exactly as typed (-1 when none).
func (j *Jump) exact(m *Model) int {
	name := j.Text()
	for i := j.From; i < m.Len(); i++ {
		if strings.EqualFold(m.fields[i].Name, name) {
			return i
		}
	}
	return -1
}

// Go goes to the field named on the line, or its best candidate.
func (j *Jump) Go(m *Model) JumpResult {
	i := j.exact(m)
	if i < 0 && len(j.cands) > 0 {
		i = j.cands[max(0, j.sel)]
	}
	if i < 0 {
		return JumpNone
	}
	j.Close()
	m.FocusIndex(i)
	return JumpWent
}

// refresh lists the fields whose name or label matches the typed text: name prefixes
// first, then other matches, in form order.
func (j *Jump) refresh(m *Model) {
	q := strings.ToLower(j.Text())
	var prefix, other []int
	for i := j.From; i < m.Len(); i++ {
		f := m.fields[i]
		name, label := strings.ToLower(f.Name), strings.ToLower(f.Label)
		switch {
		case strings.HasPrefix(name, q):
			prefix = append(prefix, i)
		case strings.Contains(name, q) || q != "" && strings.Contains(label, q):
			other = append(other, i)
		}
	}
	j.cands = append(prefix, other...)
	if len(j.cands) > MaxJumpCandidates {
		j.cands = j.cands[:MaxJumpCandidates]
	}
	j.sel = -1
}

// View is the jump line: title, input and candidates ("no <noun> matches" when none).
func (j *Jump) View(st *themes.Styles, m *Model, title, noun string) string {
	var names []string
	for i, fi := range j.cands {
		n := common.Sanitize(m.fields[fi].Name)
		if i == j.sel {
			n = st.FormChoiceOn.Render(n)
		}
		names = append(names, n)
	}
	hint := "no " + noun + " matches"
	if len(names) > 0 {
		hint = strings.Join(names, "  ")
	}
	return st.FormLabelFocused.Render(" "+title+" ") + " " + j.in.View() + "  " + st.FormHint.Render(hint)
}
