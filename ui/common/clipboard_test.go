package common

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/atotto/clipboard"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

const hostileCopy = "mast:HST/x.fits\r\nrm -rf ~\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J\u202e\t"

// osc52Payload decodes what an OSC 52 sequence written to out puts on the clipboard.
func osc52Payload(t *testing.T, out []byte) string {
	t.Helper()
	m := regexp.MustCompile(`\x1b\]52;c;([A-Za-z0-9+/=]*)\x07`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no OSC 52 sequence in %q", out)
	}
	b, err := base64.StdEncoding.DecodeString(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestClipboardsCopyNoControls(t *testing.T) {
	const want = "mast:HST/x.fits  rm -rf ~"
	var buf bytes.Buffer
	if err := OSC52Clipboard(termenv.NewOutput(&buf)).Copy(hostileCopy); err != nil {
		t.Fatal(err)
	}
	if got := osc52Payload(t, buf.Bytes()); got != want {
		t.Errorf("OSC 52 clipboard got %q, want %q", got, want)
	}
	t.Run("system clipboard fallback", func(t *testing.T) {
		if !clipboard.Unsupported {
			t.Skip("a clipboard tool is installed: this test must not overwrite the user's clipboard")
		}
		buf.Reset()
		if err := SystemClipboard(termenv.NewOutput(&buf)).Copy(hostileCopy); err != nil {
			t.Fatal(err)
		}
		if got := osc52Payload(t, buf.Bytes()); got != want {
			t.Errorf("OSC 52 fallback got %q, want %q", got, want)
		}
	})
}

// An SSH session's copies go to its terminal (OSC 52 on the session renderer's output),
// and the copy keys' help says so; another session's keymap is untouched.
func TestUseTerminalClipboard(t *testing.T) {
	var buf bytes.Buffer
	c := New(nil, lipgloss.NewRenderer(&buf), nil, "")
	other := New(nil, lipgloss.NewRenderer(&bytes.Buffer{}), nil, "")
	c.UseTerminalClipboard()
	if err := c.Clipboard.Copy("jw01073001001"); err != nil {
		t.Fatal(err)
	}
	if got := osc52Payload(t, buf.Bytes()); got != "jw01073001001" {
		t.Errorf("copied %q", got)
	}
	for _, b := range []key.Binding{c.Keys.Results.CopyCell, c.Keys.Results.CopyObsID, c.Keys.Results.CopyURL, c.Keys.Products.Copy, c.Keys.Queue.CopyPath} {
		if !strings.HasSuffix(b.Help().Desc, " via OSC 52") {
			t.Errorf("%s: help %q does not say OSC 52", b.Help().Key, b.Help().Desc)
		}
	}
	if d := other.Keys.Results.CopyCell.Help().Desc; strings.Contains(d, "OSC 52") {
		t.Errorf("another session's help changed: %q", d)
	}
}
