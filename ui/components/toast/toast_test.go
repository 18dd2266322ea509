package toast

import (
	"testing"
	"time"

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

func TestToastIsCutToWidth(t *testing.T) {
	m := New(uitest.Common(""))
	m.SetSize(12)
	m.Show(common.LevelError, "a very long error message")
	if got := m.View(); got != " ✗ a very l…" {
		t.Fatalf("view %q", got)
	}
	m.Dismiss()
	if m.Visible() {
		t.Fatal("dismiss")
	}
}
