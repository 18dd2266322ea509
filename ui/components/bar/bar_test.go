package bar

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestViewAs(t *testing.T) {
	for _, c := range []struct {
		r    float64
		want string
	}{{0, "░░░░░░░░░░"}, {0.41, "████░░░░░░"}, {0.999, "█████████░"}, {1, "██████████"}, {2, "██████████"}, {-1, "░░░░░░░░░░"}} {
		if got := (Model{Width: 10}).ViewAs(c.r); got != c.want || ansi.StringWidth(got) != 10 {
			t.Errorf("ViewAs(%v) = %q, want %q", c.r, got, c.want)
		}
	}
	if (Model{}).ViewAs(0.5) != "" {
		t.Error("zero width draws something")
	}
}
