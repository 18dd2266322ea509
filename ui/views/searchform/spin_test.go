package searchform

import (
	"strings"
	"testing"

	"mastui/ui/common"
	"mastui/ui/uitest"
)

// While a count runs, the spinner next to it turns frame after frame on the session's
// clock: its frames come back to the form, through the test clock's timers too.
func TestSpinnerTurnsWhileCounting(t *testing.T) {
	c, _ := uitest.ClockedCommon("")
	m := New(c, newFake(), Parsers{})
	m.SetSize(100, 30)
	m.setFocus(FieldInstrument)
	typeInto(m, "NIRCAM") // the debounce is not run
	m.live.Asking = true  // a count in flight (its answer is not delivered)
	cmd := m.startSpinner()
	seen := map[string]bool{}
	for frame := 0; frame < 4; frame++ {
		if cmd == nil {
			t.Fatalf("the spinner stopped after %d frames", frame)
		}
		msg := cmd()
		if tm, ok := msg.(common.TimerMsg); ok {
			msg = tm.Fire()
		}
		if _, ok := msg.(spinMsg); !ok {
			t.Fatalf("frame %d came back as %T, not the form's own frame", frame, msg)
		}
		cmd = m.Update(msg)
		line := m.View()[strings.LastIndex(m.View(), "\n")+1:]
		seen[strings.Fields(line)[0]] = true
	}
	if len(seen) < 3 {
		t.Fatalf("the spinner showed %d glyphs in 4 frames", len(seen))
	}
}
