package results

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

// Update handles page answers (addressed to PageTask), metadata answers (whatever has focus) and keys (when
// focused). Keys that leave the view (search, back) are its tab's business, except
// while Capturing.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.TabMsg: // a page's answer: only the newest request's is taken
		if answer, ok := m.req.Take(msg); ok {
			switch answer := answer.(type) {
			case PageLoadedMsg:
				return m.onPage(answer)
			case PreviewMsg:
				m.onPreview(answer)
			}
		}
		return nil
	case MetadataMsg:
		return m.onMetadata(msg)
	case tea.KeyMsg:
		m.syncKeys() // another results view may have set the shared bindings since
		defer m.syncKeys()
		return m.onKey(msg)
	}
	return nil
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if m.export.IsOpen() {
		return m.exportKey(msg)
	}
	if m.chooser != nil {
		return m.chooserKey(msg)
	}
	if m.detailsFocus {
		return m.detailsKey(msg)
	}
	if m.find.typing {
		return m.findKey(msg)
	}
	if m.askAll {
		return m.answerLoadAll(msg)
	}
	if m.state != stateReady {
		if key.Matches(msg, m.c.Keys.Results.Retry) {
			return m.Retry()
		}
		return nil
	}
	if handled, cmd := m.skyKey(msg); handled {
		return cmd
	}
	k := m.c.Keys.Results
	switch {
	case msg.Type == tea.KeyEsc && m.find.text != "":
		m.clearFind()
		return nil
	case key.Matches(msg, k.Find):
		m.openFind()
		return nil
	case key.Matches(msg, k.End) && m.morePages():
		m.askAll = true
		m.layout()
		return nil
	}
	if m.grid.Update(msg, k.Table) {
		return tea.Batch(m.maybeFetch(), m.loadPreview())
	}
	switch {
	case key.Matches(msg, k.Open):
		return m.openProducts()
	case key.Matches(msg, k.Select):
		if r, _ := m.grid.ToggleCursor(); r < 0 {
			return m.noRow()
		}
		return m.maybeFetch()
	case key.Matches(msg, k.SelectAll):
		m.grid.Selection().SetAll(true)
	case key.Matches(msg, k.SelectNone):
		m.grid.Selection().SetAll(false)
	case key.Matches(msg, k.Invert):
		m.grid.Selection().Invert()
	case key.Matches(msg, k.Sort):
		m.cycleSort()
	case key.Matches(msg, k.Columns):
		m.openChooser()
	case key.Matches(msg, k.Details):
		return m.toggleDetails()
	case key.Matches(msg, k.Focus):
		if m.showDetails {
			m.focusDetails(true)
		}
	case key.Matches(msg, k.CopyCell):
		return m.copyCell()
	case key.Matches(msg, k.CopyObsID):
		return m.copyColumn(m.profile.CopyIDColumn)
	case key.Matches(msg, k.CopyURL):
		return m.copyColumn(m.profile.CopyURLColumn)
	case key.Matches(msg, k.CopyCLI):
		return m.copyCommand(false)
	case key.Matches(msg, k.CopyPython):
		return m.copyCommand(true)
	case key.Matches(msg, k.Preview):
		return m.togglePreview()
	case key.Matches(msg, k.Export):
		return m.OpenExport("")
	case key.Matches(msg, k.Around):
		return m.catalogHere()
	case key.Matches(msg, k.Cutouts):
		return m.cutoutsHere()
	case key.Matches(msg, k.Retry):
		return m.Retry()
	}
	return nil
}
