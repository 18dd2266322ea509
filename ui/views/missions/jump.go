package missions

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/components/form"
)

// jumpKey handles a key on the "go to column" line (form.Jump): a mission has up to
// hundreds of queryable columns (JWST 258), too many to tab through.
func (m *Model) jumpKey(s *state, msg tea.KeyMsg) tea.Cmd {
	before := s.jump.Text()
	res, cmd := s.jump.Key(s.form, msg, m.c.Keys.Missions.FormNav)
	switch {
	case res == form.JumpNone:
		s.formErr = s.mission + " has no queryable column like " + `"` + s.jump.Text() + `"`
	case res == form.JumpWent:
		m.focusField(s)
	case s.jump.Text() != before:
		s.formErr = ""
	}
	return cmd
}
