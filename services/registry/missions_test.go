package registry

import "testing"

// Names are path segments of /search/<mission>/api/v0.1/ and keys of every table that
// reads the registry: lower-case, unique, and the default is among them.
func TestMissionNames(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range Missions() {
		if m.Name == "" || seen[m.Name] {
			t.Errorf("empty or repeated mission name %q", m.Name)
		}
		seen[m.Name] = true
		for _, b := range []byte(m.Name) {
			if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_') {
				t.Errorf("mission name %q: %q is not allowed in a URL path segment", m.Name, b)
			}
		}
		if got, ok := LookupMission(m.Name); !ok || got != m {
			t.Errorf("LookupMission(%q) = %+v, %v", m.Name, got, ok)
		}
	}
	if d, ok := LookupMission(DefaultMission); !ok || !d.Browsable() {
		t.Errorf("default mission %q: %+v, %v", DefaultMission, d, ok)
	}
	if _, ok := LookupMission("HST"); ok {
		t.Error("lookup is exact: callers lower-case first")
	}
}

func TestResolveMission(t *testing.T) {
	for in, want := range map[string]string{"": "hst", " JWST ": "jwst", "Roman_CGI": "roman_cgi"} {
		if m, ok := ResolveMission(in); !ok || m.Name != want {
			t.Errorf("ResolveMission(%q) = %+v, %v; want %s", in, m, ok, want)
		}
	}
	if m, ok := ResolveMission("Foo"); ok || m != (Mission{Name: "foo"}) {
		t.Errorf("unknown mission: %+v, %v", m, ok)
	}
}

func TestCheckMissionName(t *testing.T) {
	for _, good := range []string{"hst", "roman_cgi", "x-1"} {
		if err := CheckMissionName(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	for _, bad := range []string{"", "HST", "a/b", "../x", "a b", "a?b"} {
		if err := CheckMissionName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSuggestMission(t *testing.T) {
	for in, want := range map[string]string{"jswt": "jwst", "Webb": "jwst", "hubble": "hst", "ulyses": "ullyses", "frobnicate": ""} {
		if got := SuggestMission(in); got != want {
			t.Errorf("SuggestMission(%q) = %q, want %q", in, got, want)
		}
	}
}
