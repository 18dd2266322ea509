package catalogs

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The walkthrough: the results header showed the radius as a raw float ("r
// 0.016666666666666666°" for 1 arcmin). It reads as typed, like the Observations header.
func TestResultsHeaderRadiusAsTyped(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"1 arcmin", "HSC v3 around M15 r 1 arcmin"},
		{"30 arcsec", "HSC v3 around M15 r 30 arcsec"},
		{"", "HSC v3 around M15 r 0.2 deg"},
	} {
		m := newTab(t)
		pickCatalog(t, m, "HSC")
		focusField(t, m, fTarget)
		press(t, m, "M15")
		focusField(t, m, fRadius)
		if c.typed != "" {
			press(t, m, c.typed)
		}
		press(t, m, tea.KeyEnter)
		if h := strings.SplitN(m.View(), "\n", 2)[0]; !strings.Contains(h, c.want) {
			t.Errorf("radius %q: header %q, want %q", c.typed, h, c.want)
		}
	}
}
