package searchform

import (
	"strings"

	"mastui/services/mast"
	"mastui/ui/common"
)

// validate checks every field, records a message under each bad one, and builds the
// search when all are fine.
func (m *Model) validate() (common.Search, bool) {
	m.errs = [numFields]string{}
	target := strings.TrimSpace(common.Sanitize(m.target.Value()))
	radiusText := strings.TrimSpace(m.radius.Value())
	q := mast.Query{Resolver: m.Resolver()}
	switch {
	case target == "":
		m.errs[FieldTarget] = "target is empty: type an object name or coordinates"
	case LooksLikeCoordinates(target):
		pos, err := m.parsers.Coordinates(target)
		if err != nil {
			m.errs[FieldTarget] = err.Error()
		} else {
			q.Position = &pos
		}
	default:
		q.Object = target
	}
	if radiusText == "" {
		q.RadiusDeg = mast.DefaultRadiusDeg
		radiusText = "0.2 deg"
	} else if deg, err := m.parsers.Radius(radiusText); err != nil {
		m.errs[FieldRadius] = err.Error()
	} else {
		q.RadiusDeg = deg
	}
	for i, e := range m.errs {
		if e != "" {
			m.setFocus(i)
			return common.Search{}, false
		}
	}
	return common.Search{Query: q, Target: target, Radius: radiusText}, true
}
