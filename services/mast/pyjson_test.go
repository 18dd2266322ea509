package mast

import (
	"encoding/json"
	"testing"
)

// Expectations below were printed by CPython's json.dumps / urllib.parse.quote.
func TestPyJSON(t *testing.T) {
	tenth, fifth := 0.1, 0.2 // variables: Go constant arithmetic would be exact
	got, err := pyJSON(Object{
		{"a", []any{1.0, 1e16, 1e15, 1e-5, 0.0001, 123456789.123, -0.5, 5e-324, 1.7976931348623157e308, 100.0, tenth + fifth}},
		{"s", "é\x7f\n\"\\/\U0001F600\t\x01 ~"},
	})
	want := `{"a": [1.0, 1e+16, 1000000000000000.0, 1e-05, 0.0001, 123456789.123, -0.5, 5e-324, 1.7976931348623157e+308, 100.0, 0.30000000000000004], "s": "\u00e9\u007f\n\"\\/\ud83d\ude00\t\u0001 ~"}`
	if err != nil || got != want {
		t.Errorf("\n got %s\nwant %s (%v)", got, want, err)
	}
	// Raw JSON keeps key order and number literals; maps are sorted; nil params are {}.
	got, err = pyJSON([]any{json.RawMessage(`{"z":1,"a":[true,null,"x"],"big":4365646553433558144}`), map[string]any{"b": 1, "a": "x"}, Object{}, []string{}})
	want = `[{"z": 1, "a": [true, null, "x"], "big": 4365646553433558144}, {"a": "x", "b": 1}, {}, []]`
	if err != nil || got != want {
		t.Errorf("\n got %s\nwant %s (%v)", got, want, err)
	}
	type st struct {
		X int `json:"x"`
	}
	if got, err := pyJSON([]st{{1}, {2}}); err != nil || got != `[{"x": 1}, {"x": 2}]` {
		t.Errorf("structs: %s %v", got, err)
	}
}
