package messages

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"mastui/ui/common"
	"mastui/ui/uitest"
)

func TestNewestFirstRepeatsCountedAndFitted(t *testing.T) {
	m := New(uitest.Common(""), "/state/mastui.log")
	m.SetSize(80, 30)
	if v := m.View(); !strings.Contains(v, "No errors or warnings this session.") || !strings.Contains(v, "Log file: /state/mastui.log") {
		t.Fatalf("empty:\n%s", v)
	}
	m.Add(common.LevelError, "first \x1b]52;c;AAAA\x07failure")
	m.Add(common.LevelWarn, "second")
	m.Add(common.LevelWarn, "second")
	v := m.View()
	if m.Len() != 2 || !strings.Contains(v, "! second (×2)") || strings.Index(v, "second") > strings.Index(v, "first failure") {
		t.Fatalf("log:\n%s", v)
	}
	for i := range 40 {
		m.Add(common.LevelError, strings.Repeat("x", i+1))
	}
	m.SetSize(80, 12)
	v = m.View()
	if lipgloss.Height(v) > 12 || !strings.Contains(v, "… older messages are in the log file") || !strings.Contains(v, "Log file") {
		t.Fatalf("%d lines:\n%s", lipgloss.Height(v), v)
	}
}
