package ui_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"
)

// The sky panel in the table's place at 80×24: M101's footprints on the simulator, the
// second row under the cursor (◆) and selected, zoomed in once.
func TestSkyPanel80x24(t *testing.T) {
	tm := simApp(t, 80, 24)
	keys(tm, "v")
	waitText(t, tm, "Sky ·")
	keys(tm, "j +")
	waitText(t, tm, "1 selected")
	out := finalView(t, tm)
	// Once in the legend, once on the chart.
	if strings.Count(out, "◆") < 2 || strings.Count(out, "+ target") != 1 || strings.Count(out, "+") < 2 {
		t.Errorf("no cursor or target mark on the chart:\n%s", out)
	}
	teatest.RequireEqualOutput(t, []byte(out))
}

// The sky beside the table at 160×48, with the timeline strip under both.
func TestSkyPanel160x48(t *testing.T) {
	tm := simApp(t, 160, 48)
	keys(tm, "v")
	waitText(t, tm, "Sky ·")
	keys(tm, "jj m")
	waitText(t, tm, "▲")
	out := finalView(t, tm)
	if !strings.Contains(out, "obs_collection") {
		t.Errorf("the table is not beside the sky:\n%s", out)
	}
	teatest.RequireEqualOutput(t, []byte(out))
}
