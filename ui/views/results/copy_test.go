package results

import (
	"strings"
	"testing"

	"mastui/model"
	"mastui/ui/common"
	"mastui/ui/uitest"
)

// osc52 would set the user's clipboard if printed; CR/LF would run what follows when
// pasted into a shell.
const osc52 = "\x1b]52;c;cm0gLXJmIH4K\x07"

func TestCopyKeysCopyNoControls(t *testing.T) {
	tb := sortTable()
	tb.Col("target_name").Str[0] = "M101\r\nrm -rf ~" + osc52
	tb.Col("obs_id").Str[0] = "o0\x1b[2J\u202e\n"
	tb.Col("dataURL").Str[0] = "mast:A/0\r\n" + osc52
	m := fromTable(t, tb, 6, 120, 20)
	clip := m.c.Clipboard.(*uitest.Clipboard)
	moveToColumn(t, m, "target_name")
	for key, want := range map[string]string{"y": "M101  rm -rf ~", "Y": "o0", "u": "mast:A/0"} {
		toast := cmdMsg(t, m.onKey(keyMsg(key))).(common.ToastMsg)
		if got := clip.Last(); got != want || toast.Level != common.LevelInfo {
			t.Errorf("%s copied %q (toast %q), want %q", key, got, toast.Text, want)
		}
	}
	tb.Col("obs_id").Str[0] = "\x1b]0;only an escape\x07"
	before := clip.Last()
	toast := cmdMsg(t, m.onKey(keyMsg("Y"))).(common.ToastMsg)
	if toast.Level != common.LevelWarn || clip.Last() != before {
		t.Errorf("a value that is only escapes: copied %q, toast %+v", clip.Last(), toast)
	}
}

// A float null (NaN) and a masked value read the same in the table and the details pane.
func TestDetailsShowNullsLikeTheTable(t *testing.T) {
	m := fromTable(t, sortTable(), 6, 120, 40)
	col := m.table.Col("t_exptime") // row 2 masked, row 4 NaN
	for _, r := range []int{2, 4} {
		if got := detailValue(col, r); got != model.MaskedMark {
			t.Errorf("details row %d = %q, want %q", r, got, model.MaskedMark)
		}
	}
	m.onKey(keyMsg("d"))
	for range 4 {
		m.onKey(keyMsg("j"))
	}
	v := m.View()
	if m.grid.CursorRow() != 4 || strings.Contains(strings.ToLower(v), "nan") {
		t.Fatalf("row %d:\n%s", m.grid.CursorRow(), v)
	}
}
