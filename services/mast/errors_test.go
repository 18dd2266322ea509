package mast

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is server text that would set the clipboard (OSC 52), rename the terminal
// (OSC 0), clear the screen and reverse the rest of the line if printed raw.
const hostile = "\x1b]52;c;cm0gLXJmIH4K\x07\x1b]0;pwned\x07\x1b[2J\u202e"

// checkPrintable fails when an error message could drive a terminal.
func checkPrintable(t *testing.T, msg string) {
	t.Helper()
	if !utf8.ValidString(msg) {
		t.Fatalf("message is not valid UTF-8: %q", msg)
	}
	for _, r := range msg {
		if r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x202e {
			t.Fatalf("control %U in message %q", r, msg)
		}
	}
}

func TestServerTextInErrorsIsSanitized(t *testing.T) {
	pos := Query{Position: &Position{RA: 1, Dec: 2}}
	t.Run("portal msg", func(t *testing.T) {
		f := newFake(t)
		f.answer("Mast.Caom.Cone", `{"status": "ERROR", "msg": "Bad query`+jsonEscape(hostile)+`\nline two"}`)
		_, _, err := f.client(nil).Search(context.Background(), pos)
		if err == nil {
			t.Fatal("no error")
		}
		checkPrintable(t, err.Error())
		if !strings.Contains(err.Error(), "MAST error: Bad query line two") {
			t.Errorf("err = %q", err)
		}
	})
	t.Run("http body", func(t *testing.T) {
		f := newFake(t)
		// 250 two-byte characters: a cut at byte 200 would be fine, at byte 201 would split
		// one; the snippet is cut at 200 characters.
		body := "x" + hostile + strings.Repeat("é", 250)
		f.onInvoke = func(c invokeCall, n int) reply { return reply{status: 400, body: body} }
		_, _, err := f.client(nil).Search(context.Background(), pos)
		if err == nil {
			t.Fatal("no error")
		}
		checkPrintable(t, err.Error())
		if !strings.Contains(err.Error(), ": x"+strings.Repeat("é", 199)+"…") {
			t.Errorf("err = %q", err)
		}
	})
}

// jsonEscape writes s's controls and non-ASCII as JSON \u escapes.
func jsonEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r >= 0x7f {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
