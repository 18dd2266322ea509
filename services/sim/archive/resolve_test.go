package archive

import "testing"

func TestNormName(t *testing.T) {
	for _, c := range [][2]string{{"M101", "m101"}, {"m 101", "m101"}, {"Messier 101", "m101"}, {"MESSIER 008", "m8"},
		{"NGC 05457", "ngc5457"}, {"ngc-5457", "ngc5457"}, {"KIC 11804465", "kic11804465"}, {"kplr011804465", "kic11804465"}} {
		if got := normName(c[0]); got != c[1] {
			t.Errorf("normName(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
