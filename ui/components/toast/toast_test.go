package toast

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"mastui/ui/common"
	"mastui/ui/uitest"
)

func TestOnlyTheLatestToastExpires(t *testing.T) {
	m := New(uitest.Common(""))
	m.SetSize(40)
	m.InfoLife, m.ErrorLife = time.Millisecond, time.Millisecond
	first := m.Show(common.LevelError, "first")
	second := m.Show(common.LevelWarn, "second \x1b[31mred")
	m.Update(first()) // the first toast's timer: ignored
	if m.Text() != "second red" {
		t.Fatalf("text %q", m.Text())
	}
	if got := m.View(); got != " ! second red" {
		t.Fatalf("view %q", got)
	}
	m.Update(second())
	if m.Visible() || m.View() != "" {
		t.Fatal("the toast did not expire")
	}
}

func TestInfoToastIsCutToWidth(t *testing.T) {
	m := New(uitest.Common(""))
	m.SetSize(12)
	m.Show(common.LevelInfo, "a very long message")
	if got := m.View(); got != " • a very l…" || m.Height() != 1 {
		t.Fatalf("view %q", got)
	}
	m.Dismiss()
	if m.Visible() || m.Height() != 0 {
		t.Fatal("dismiss")
	}
}

// An error longer than the line wraps, so its cause (at the end) shows; one longer than
// three lines says where to read it all (issue 9: the cause was cut off).
func TestErrorToastWrapsToShowTheCause(t *testing.T) {
	m := New(uitest.Common(""))
	m.SetSize(80)
	err := `Search failed: after 5 retries: columnsconfig Mast.Caom.Cone: Post "http://nosuchhost.invalid/portal/Mashup/Mashup.asmx/invoke": dial tcp: lookup nosuchhost.invalid: no such host`
	m.Show(common.LevelError, err)
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 3 || m.Height() != 3 || !strings.HasSuffix(lines[2], "no such host") {
		t.Fatalf("%d lines: %q", len(lines), lines)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("line wider than 80: %q", l)
		}
	}
	m.Show(common.LevelWarn, strings.Repeat("a long warning, ", 20)+"THE END")
	lines = strings.Split(m.View(), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[2], "… ctrl+l shows it all") {
		t.Fatalf("%q", lines)
	}
}
