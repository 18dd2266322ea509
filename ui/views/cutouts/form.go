package cutouts

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/services/mast"
	"mastui/ui/views/searchform"

	cutsvc "mastui/services/cutouts"
)

// spec is the form read as a request: which service, where, and how big.
type spec struct {
	service string
	target  mast.CutoutTarget // exactly one of a position, an object name, a moving target
	typed   string            // the target as typed, for titles
	size    cutsvc.Size       // zero: the services' default, 5x5 px
	radius  float64           // degrees around the position the listing covers too
	image   cutsvc.ZcutCutout // Zcut's image options (format, stretch, limits, invert)
}

// service is the chosen service.
func (m *Model) service() string { return m.form.Field(rowService).Value() }

// read checks every field as it stands, marking each field at fault with its inline
// error, and returns the request, or the first problem. complete asks for a target
// too (the submit); while typing an empty target is no error.
func (m *Model) read(complete bool) (spec, error) {
	f := m.form
	sp := spec{service: m.service(), typed: strings.TrimSpace(f.Field(rowTarget).Value())}
	var first error
	fail := func(row int, err error) {
		f.Field(row).SetErr(err.Error())
		if first == nil {
			first = err
		}
	}
	for _, fl := range m.fields {
		fl.SetErr("")
	}
	shown := m.shownRows()
	moving := f.Field(rowMoving).Choice
	switch {
	case sp.typed == "":
		if complete {
			fail(rowTarget, errors.New("give a target: coordinates, an object name or a moving target"))
		}
	case moving > 0:
		sp.target = mast.CutoutTarget{MovingTarget: sp.typed, MovingType: movingType(moving)}
	case searchform.LooksLikeCoordinates(sp.typed):
		p, err := mast.ParseCoordinates(sp.typed)
		if err != nil {
			fail(rowTarget, err)
		}
		sp.target = mast.CutoutTarget{Position: &p}
	default:
		sp.target = mast.CutoutTarget{Object: sp.typed}
	}
	if moving > 0 && sp.service != TESScut {
		fail(rowMoving, errors.New("moving targets are TESScut only"))
	}
	if text := strings.TrimSpace(f.Field(rowSize).Value()); text != "" {
		s, err := cutsvc.ParseSize(text)
		if err != nil {
			fail(rowSize, err)
		}
		sp.size = s
	}
	if text := m.fields[rowRadius].Trimmed(); text != "" && shown > rowRadius {
		r, err := mast.ParseRadius(text) // the CLI's --radius
		switch {
		case err != nil:
			fail(rowRadius, err)
		case moving > 0:
			fail(rowRadius, errors.New("a radius goes with coordinates or an object name, not a moving target"))
		}
		sp.radius = r
	}
	if sp.service == Zcut {
		sp.image.Format = m.fields[rowFormat].Value()
	}
	if shown > rowStretch {
		if st := m.fields[rowStretch].Value(); st != defaultStretch {
			sp.image.Stretch = st
		}
		if text := m.fields[rowMinMax].Trimmed(); text != "" {
			v, err := cutsvc.ParseMinMaxPercent(text)
			if err != nil {
				fail(rowMinMax, err)
			}
			sp.image.MinMaxPercent = v
		}
		sp.image.Invert = m.fields[rowInvert].Choice == 1
	}
	return sp, first
}

// edited re-reads the form after a change: inline errors follow the typing.
func (m *Model) edited() {
	m.formErr = ""
	_, _ = m.read(false)
}

// formKey handles a key in the form.
func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Cutouts
	switch {
	case keyIs(msg, k.Submit):
		return m.submit()
	case keyIs(msg, k.Back):
		if m.list.rows() > 0 { // an empty listing has no keys of its own: esc leaves the field
			m.setPane(paneList)
		}
		return nil
	case m.form.Navigate(msg, k.FormNav):
		return nil
	case keyIs(msg, k.Reset):
		m.form.SetFields(m.fields...) // the hidden rows are cleared too
		m.form.Clear()
		m.syncRows()
		m.formErr = ""
		return nil
	}
	if f := m.form.Current(); f != nil && f.Choices != nil {
		if keyIs(msg, k.Cycle) {
			step := 1
			if msg.Type == tea.KeyLeft {
				step = -1
			}
			f.Cycle(step)
			m.syncRows() // the service or the format shows other rows
			m.edited()
		}
		return nil
	}
	changed, cmd := m.form.Type(msg)
	if changed {
		m.edited()
	}
	return cmd
}
