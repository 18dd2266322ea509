package common

import (
	"strconv"
	"strings"

	"mastui/model"
)

// RadiusLabel is a cone radius for a header, as the user typed it ("1 arcmin", "30
// arcsec", "0.2 deg"), a bare number (degrees) getting its unit, and defaultDeg in
// degrees when none was typed: every tab's header reads the same way, never a float
// such as 0.016666666666666666.
func RadiusLabel(typed string, defaultDeg float64) string {
	t := strings.TrimSpace(typed)
	if t == "" {
		return model.FormatFloat(defaultDeg) + " deg"
	}
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return t + " deg"
	}
	return t
}
