package mast

import (
	"reflect"
	"testing"
)

func TestSplitTargets(t *testing.T) {
	for _, c := range []struct {
		in    string
		pos   []Position
		names []string
	}{
		{"M2, M9", nil, []string{"M2", "M9"}},
		{"M101", nil, []string{"M101"}},
		{"210.8 54.3, 323.4 -0.8", []Position{{210.8, 54.3}, {323.4, -0.8}}, nil},
		{"10.5, -20.1", []Position{{10.5, -20.1}}, nil},       // the legacy single form
		{"10 20, 30 40", []Position{{10, 20}, {30, 40}}, nil}, // two positions, not 10h20m +30°40′
		{"21:29:58.38, +12:10:00.6", []Position{{322.49325, 12.166833333333333}}, nil},
		{"M101, 210.8 54.3", []Position{{210.8, 54.3}}, []string{"M101"}},
		{" , ", nil, nil},
		{"", nil, nil},
	} {
		pos, names := SplitTargets(c.in)
		if len(pos) != len(c.pos) || !reflect.DeepEqual(names, c.names) {
			t.Errorf("%q: %v %q, want %v %q", c.in, pos, names, c.pos, c.names)
			continue
		}
		for i := range pos {
			if d := AngularSep(pos[i], c.pos[i]); d > 1e-9 {
				t.Errorf("%q: position %d = %v, want %v", c.in, i, pos[i], c.pos[i])
			}
		}
	}
}
