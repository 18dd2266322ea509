package catalogs

import "testing"

// The params are one JSON object; what is not says where, as the editor numbers lines.
func TestCheckParams(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  \n", ""},
		{`{"columns": "*"}`, ""},
		{"{\n  \"a\": 1,\n  \"b\": }", "line 3, column 8: invalid character '}' looking for beginning of value"},
		{"{\n  \"a\": 1", "line 2, column 9: the JSON ends before the object is closed"},
		{"[1, 2]", "line 1, column 1: params must be one JSON object, not a JSON array"},
		{"  null", "line 1, column 3: params must be one JSON object, not null"},
		{"{}\n{}", "line 2, column 1: text after the object: params are one JSON object"},
		{"{\"é\": 1,,}", "line 1, column 9: invalid character ',' looking for beginning of object key string"},
	} {
		_, err := checkParams(c.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("checkParams(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
