package common

import "testing"

func TestRadiusLabel(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"1 arcmin", "1 arcmin"},
		{" 30 arcsec ", "30 arcsec"},
		{"0.02", "0.02 deg"},
		{"", "0.2 deg"},
		{"3'", "3'"},
	} {
		if got := RadiusLabel(c.typed, 0.2); got != c.want {
			t.Errorf("RadiusLabel(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
}
