package ui_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/uitest"
)

const (
	goodToken = "tok-GOOD-0123456789abcdef"
	badToken  = "tok-BAD-fedcba9876543210"
)

// accountApp is the app over a fake account, for teatest (on the wall clock: the
// expiries are set from time.Now, far from a boundary of the unit shown).
func accountApp(acct *uitest.Account) *ui.Model {
	return ui.NewModel(uitest.Common(""), &uitest.Archive{Rows: 1200}, ui.Options{PageSize: 400, ServerLabel: "demo", Account: acct})
}

func demoUser(expires time.Time) map[string]mast.Identity {
	return map[string]mast.Identity{goodToken: {EZID: "demo", DisplayName: "Demo User", Expires: expires}}
}

// assertNoToken fails when the program ever drew a token: every frame it wrote, not
// only the last.
func assertNoToken(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	out, err := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(20*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{goodToken, badToken, "GOOD", "BAD-"} {
		if bytes.Contains(out, []byte(tok)) {
			t.Fatalf("the screen showed the token (%q)", tok)
		}
	}
}

// The header's account line: anon, the user with the time left, and the warning under
// two days.
func TestAccountHeader(t *testing.T) {
	for _, tc := range []struct {
		name, tok, want string
		expires         time.Duration
	}{
		{"anon", "", "anon", 0},
		{"logged-in", goodToken, "● demo · token 9 d left", 9*24*time.Hour + 12*time.Hour},
		{"expiring", goodToken, "● demo · token 36 h left", 36*time.Hour + 30*time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acct := uitest.NewAccount(tc.tok, demoUser(time.Now().Add(tc.expires)))
			tm := teatest.NewTestModel(t, accountApp(acct), teatest.WithInitialTermSize(120, 16))
			waitText(t, tm, tc.want)
			view := finalView(t, tm)
			if first := strings.SplitN(view, "\n", 2)[0]; !strings.HasSuffix(first, tc.want+"  demo ") {
				t.Fatalf("header %q", first)
			}
			teatest.RequireEqualOutput(t, []byte(view))
		})
	}
}

// The dialog's states: opened from a text field (ctrl+x), a refused token inline, the
// check in flight, and who you are once MAST accepted it. The token is never drawn.
func TestLoginDialog(t *testing.T) {
	open := func(t *testing.T, acct *uitest.Account) *teatest.TestModel {
		tm := teatest.NewTestModel(t, accountApp(acct), teatest.WithInitialTermSize(100, 24))
		waitText(t, tm, "anon")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlX}) // the form's Target field has the keys
		waitText(t, tm, "MAST login")
		return tm
	}
	t.Run("open", func(t *testing.T) {
		tm := open(t, uitest.NewAccount("", demoUser(time.Time{})))
		teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
	})
	t.Run("refused", func(t *testing.T) {
		tm := open(t, uitest.NewAccount("", demoUser(time.Time{})))
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(badToken), Paste: true})
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		waitText(t, tm, "MAST API token invalid")
		teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
		assertNoToken(t, tm)
	})
	t.Run("checking", func(t *testing.T) {
		acct := uitest.NewAccount("", demoUser(time.Time{}))
		acct.Gate = make(chan struct{})
		t.Cleanup(func() { close(acct.Gate) })
		tm := open(t, acct)
		tm.Type(goodToken)
		waitText(t, tm, strings.Repeat("•", len(goodToken)))
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		waitText(t, tm, "checking with MAST…")
		teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
		assertNoToken(t, tm)
	})
	t.Run("logged-in", func(t *testing.T) {
		acct := uitest.NewAccount("", demoUser(time.Time{}))
		tm := open(t, acct)
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(goodToken), Paste: true})
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		waitText(t, tm, "Token stored in")
		view := finalView(t, tm)
		if !strings.Contains(strings.SplitN(view, "\n", 2)[0], "● demo") {
			t.Fatalf("the header does not name the user:\n%s", view)
		}
		if acct.Token() != goodToken {
			t.Fatal("the login did not reach the account")
		}
		teatest.RequireEqualOutput(t, []byte(view))
		assertNoToken(t, tm)
	})
}
