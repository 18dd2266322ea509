package header

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
	"mastui/ui/uitest"
)

func TestServerLabelRightAndDroppedWhenNarrow(t *testing.T) {
	c := uitest.Common("https://mast.example.org\x1b[2J")
	m := New(c, "Observations")
	m.SetSize(80)
	got := m.View()
	if !strings.HasPrefix(got, " mastui [Observations]") || !strings.HasSuffix(got, "https://mast.example.org ") || ansi.StringWidth(got) != 80 {
		t.Fatalf("%q", got)
	}
	m.SetSize(30)
	if got := m.View(); strings.Contains(got, "https") || ansi.StringWidth(got) > 30 {
		t.Fatalf("narrow %q", got)
	}
	m.SetSize(10)
	if got := m.View(); ansi.StringWidth(got) > 10 {
		t.Fatalf("tiny %q", got)
	}
}

// Without colour (NO_COLOR: the renderer drops every style) the active tab is still
// marked, and the tab names keep their place when it changes.
func TestActiveTabMarkedWithoutColour(t *testing.T) {
	m := New(uitest.Common(""), "Observations", "Missions", "Queue")
	m.SetSize(80)
	first := m.View()
	m.SetActive(1)
	second := m.View()
	if !strings.Contains(first, "[Observations]") || strings.Contains(first, "[Missions]") {
		t.Fatalf("tab 0 active: %q", first)
	}
	if !strings.Contains(second, "[Missions]") || strings.Contains(second, "[Observations]") {
		t.Fatalf("tab 1 active: %q", second)
	}
	for _, name := range []string{"Observations", "Missions", "Queue"} {
		if strings.Index(first, name) != strings.Index(second, name) {
			t.Errorf("%s moved: %q → %q", name, first, second)
		}
	}
}

// The account line: anon without a token; "● user" and the time left once MAST told
// it, in the warning style under two days; "token expired" for a token MAST refused
// (401) or one past its end; "token invalid" when MAST answers anonymous for it. Server
// strings are sanitized. Read on the session clock.
func TestAccountLine(t *testing.T) {
	c, clock := uitest.ClockedCommon("demo")
	now := clock.Now()
	m := New(c, "Observations")
	m.SetSize(100)
	user := mast.Identity{EZID: "demo\x1b[31m", DisplayName: "Demo User"}
	expiring := user
	expiring.Expires = now.Add(36 * time.Hour)
	later := user
	later.Expires = now.Add(9*24*time.Hour + time.Hour)
	past := user
	past.Expires = now.Add(-time.Minute)
	cases := []struct {
		name string
		a    Account
		want string
	}{
		{"anon", Account{Checked: true}, "anon  demo "},
		{"checking", Account{HasToken: true}, "…  demo "},
		{"user", Account{HasToken: true, Checked: true, Identity: user}, "● demo  demo "},
		{"later", Account{HasToken: true, Checked: true, Identity: later}, "● demo · token 9 d left  demo "},
		{"expiring", Account{HasToken: true, Checked: true, Identity: expiring}, "● demo · token 36 h left  demo "},
		{"past", Account{HasToken: true, Checked: true, Identity: past}, "● demo · token expired  demo "},
		{"refused", Account{HasToken: true, Checked: true, Err: &mast.LoginRequiredError{What: "whoami", TokenSent: true}}, "token expired  demo "},
		{"invalid", Account{HasToken: true, Checked: true, Identity: mast.Identity{Anonymous: true}}, "token invalid  demo "},
	}
	for _, tc := range cases {
		m.SetAccount(tc.a)
		got := m.View()
		if !strings.HasSuffix(got, tc.want) || ansi.StringWidth(got) != 100 || strings.Contains(got, "\x1b[31m") {
			t.Errorf("%s: %q, want it to end with %q", tc.name, got, tc.want)
		}
	}
	// Narrow: the server label goes before the account.
	m.SetAccount(Account{HasToken: true, Checked: true, Identity: user})
	m.SetSize(33)
	if got := m.View(); !strings.HasSuffix(got, "● demo ") || ansi.StringWidth(got) != 33 {
		t.Errorf("narrow: %q", got)
	}
	// Narrower still for the words around the time left: the time stays, short.
	m.SetAccount(Account{HasToken: true, Checked: true, Identity: later})
	m.SetSize(40)
	if got := m.View(); !strings.HasSuffix(got, "● demo · 9 d ") || ansi.StringWidth(got) != 40 {
		t.Errorf("narrow with expiry: %q", got)
	}
}

// The styles tell the states apart too: the expiring token warns, the expired one errs.
func TestAccountLineStyles(t *testing.T) {
	c, clock := uitest.ClockedCommon("")
	st := c.Styles.Account
	m := New(c, "Observations")
	m.SetSize(80)
	id := mast.Identity{EZID: "demo", Expires: clock.Now().Add(36 * time.Hour)}
	m.SetAccount(Account{HasToken: true, Checked: true, Identity: id})
	if got, want := m.accountLine(false), st.Warn.Render("token 36 h left"); !strings.Contains(got, want) {
		t.Errorf("expiring: %q lacks %q", got, want)
	}
	m.SetAccount(Account{HasToken: true, Checked: true, Err: &mast.LoginRequiredError{TokenSent: true}})
	if got, want := m.accountLine(false), st.Expired.Render("token expired"); got != want {
		t.Errorf("expired: %q, want %q", got, want)
	}
}
