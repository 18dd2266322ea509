package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/model"
	"mastui/ui/common"
)

// cutoutsHere gives the keys to the tab that makes cutouts and hands it the position
// (the results' "cutouts here" key).
func (m *Model) cutoutsHere(msg common.CutoutsHereMsg) tea.Cmd {
	for i, t := range m.tabs {
		if o, ok := t.(common.CutoutsOpener); ok {
			m.showHelp, m.showMsgs = false, false
			focus := m.focusTab(i)
			return tea.Batch(focus, m.address(t, o.CutoutsHere(msg)))
		}
	}
	return common.Toast(common.LevelWarn, "No tab makes cutouts in this session")
}

// guardFFIs is astroquery's guard against TESS full-frame images (protocol 13): a
// selection holding some is not queued before the user says so, since TESScut cuts the
// pixels around a target out of them for a tiny fraction of the bytes. Anything else is
// queued at once.
func (m *Model) guardFFIs(ps []model.ProductRef) tea.Cmd {
	n, bytes := download.TESSFullFrameImages(ps)
	if n == 0 {
		return m.queueProducts(ps)
	}
	m.ffiPending = ps
	m.c.Logger.Info("TESS full-frame images in a download: asking first", "ffis", n, "files", len(ps), "bytes", bytes)
	return common.Toast(common.LevelWarn, ffiWarning(n, len(ps), bytes))
}

// onFFIKey answers the full-frame-image question: y queues, anything else does not.
func (m *Model) onFFIKey(msg tea.KeyMsg) tea.Cmd {
	ps := m.ffiPending
	m.ffiPending = nil
	if s := msg.String(); s == "y" || s == "Y" {
		return m.queueProducts(ps)
	}
	n, _ := download.TESSFullFrameImages(ps)
	return common.Toast(common.LevelInfo, fmt.Sprintf("Not queued: %s files (%s TESS full-frame images)", common.Commas(int64(len(ps))), common.Commas(int64(n))))
}

// ffiQuestion is the status line while the question is open.
func (m *Model) ffiQuestion() string {
	n, bytes := download.TESSFullFrameImages(m.ffiPending)
	return fmt.Sprintf(" Queue %s TESS full-frame images (%s) anyway? y/n", common.Commas(int64(n)), model.FormatBytes(bytes))
}

// ffiWarning says what the selection holds and where the cutouts are.
func ffiWarning(n, files int, bytes int64) string {
	what := fmt.Sprintf("%s of the %s files are TESS full-frame images", common.Commas(int64(n)), common.Commas(int64(files)))
	if n == files {
		what = fmt.Sprintf("The %s files are TESS full-frame images", common.Commas(int64(n)))
	}
	return what + " (" + model.FormatBytes(bytes) + "): TESScut cuts out just the pixels around your target, " +
		"in the Cutouts tab (T, or t on a results row). Queue them anyway? y/n"
}
