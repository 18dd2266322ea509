package missions

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// maxJumpCandidates bounds the names listed (and picked with ↓/↑) while jumping.
const maxJumpCandidates = 20

// jump is "go to a column's field": a mission has up to hundreds of queryable columns
// (JWST 258), too many to tab through.
type jump struct {
	active bool
	cands  []int // field indexes matching the typed text, best first
	sel    int   // the candidate tab put in the input (-1 none)
}

// startJump opens the jump line under the form.
func (m *Model) startJump(s *state) {
	if len(s.fields) == 0 {
		return
	}
	s.jump = jump{active: true, sel: -1}
	s.jumpIn.SetValue("")
	s.jumpIn.Focus()
	m.refreshJump(s)
}

// jumpKey handles a key while jumping: tab completes the name (a second tab, or enter,
// goes to its field), ↓/↑ and shift+tab pick another candidate, esc cancels.
func (m *Model) jumpKey(s *state, msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Missions
	switch {
	case msg.Type == tea.KeyEsc:
		s.jump.active = false
		s.jumpIn.Blur()
		return nil
	case key.Matches(msg, k.Next) && (s.jump.sel >= 0 || m.jumpExact(s) >= 0 || len(s.jump.cands) == 0),
		key.Matches(msg, k.Submit):
		m.jumpGo(s)
		return nil
	case key.Matches(msg, k.Next, k.Down, k.Prev, k.Up):
		if n := len(s.jump.cands); n > 0 {
			back := key.Matches(msg, k.Prev, k.Up)
			switch {
			case s.jump.sel < 0 && back:
				s.jump.sel = n - 1
			case back:
				s.jump.sel = (s.jump.sel + n - 1) % n
			default:
				s.jump.sel = (s.jump.sel + 1) % n
			}
			s.jumpIn.SetValue(s.fields[s.jump.cands[s.jump.sel]].col.Name)
			s.jumpIn.CursorEnd()
		}
		return nil
	}
	var cmd tea.Cmd
	before := s.jumpIn.Value()
	s.jumpIn, cmd = s.jumpIn.Update(msg)
	if s.jumpIn.Value() != before {
		s.formErr = ""
		m.refreshJump(s)
	}
	return cmd
}

// jumpExact is the field whose column is the name typed (-1 when none).
func (m *Model) jumpExact(s *state) int {
	name := strings.TrimSpace(s.jumpIn.Value())
	for fi, f := range s.fields {
		if strings.EqualFold(f.col.Name, name) {
			return fi
		}
	}
	return -1
}

// jumpGo goes to the field named in the jump line (or its best candidate), or says
// there is none.
func (m *Model) jumpGo(s *state) {
	i := m.jumpExact(s)
	if i < 0 && len(s.jump.cands) > 0 {
		i = s.jump.cands[max(0, s.jump.sel)]
	}
	if i < 0 {
		s.formErr = s.mission + " has no queryable column like " + `"` + strings.TrimSpace(s.jumpIn.Value()) + `"`
		return
	}
	s.jump.active = false
	s.jumpIn.Blur()
	s.cur = fixedRows + i
	m.focusField(s)
}

// refreshJump lists the fields whose column name or label matches the typed text:
// name prefixes first, then other matches, in form order.
func (m *Model) refreshJump(s *state) {
	q := strings.ToLower(strings.TrimSpace(s.jumpIn.Value()))
	var prefix, other []int
	for i, f := range s.fields {
		name, label := strings.ToLower(f.col.Name), strings.ToLower(f.col.FieldName)
		switch {
		case strings.HasPrefix(name, q):
			prefix = append(prefix, i)
		case strings.Contains(name, q) || q != "" && strings.Contains(label, q):
			other = append(other, i)
		}
	}
	s.jump.cands = append(prefix, other...)
	if len(s.jump.cands) > maxJumpCandidates {
		s.jump.cands = s.jump.cands[:maxJumpCandidates]
	}
	s.jump.sel = -1
}

// jumpLine is the jump input and its candidates, for the bottom of the form.
func (m *Model) jumpLine(s *state) string {
	st := m.c.Styles
	var names []string
	for i, fi := range s.jump.cands {
		n := common.Sanitize(s.fields[fi].col.Name)
		if i == s.jump.sel {
			n = st.FormChoiceOn.Render(n)
		}
		names = append(names, n)
	}
	hint := "no column matches"
	if len(names) > 0 {
		hint = strings.Join(names, "  ")
	}
	return st.FormLabelFocused.Render(" Go to column ") + " " + s.jumpIn.View() + "  " + st.FormHint.Render(hint)
}
