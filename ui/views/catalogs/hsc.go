package catalogs

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/views/results"
)

// matchesProfile reads the measurements of an HSC match (Mast.HscMatches.Db.*).
func matchesProfile() results.Profile {
	return results.Profile{Name: "catalogs.HSC.matches", Noun: "measurements",
		KeyColumns: []string{"MatchID", "MemID", "Instrument", "Detector", "Filter", "ImageName", "StartMJD",
			"ExposureTime", "MagAper2", "MagAuto", "SourceRA", "SourceDec"},
		IDColumn: "SourceID", LabelColumn: "ImageName", CopyIDColumn: "ImageName", Describe: noDescriptions}
}

// spectraProfile reads HSC spectra (Mast.HscSpectra.Db.All).
func spectraProfile() results.Profile {
	return results.Profile{Name: "catalogs.HSC.spectra", Noun: "spectra",
		KeyColumns: []string{"DatasetName", "MatchID", "Instrument", "Grating", "Target", "SpectrumType", "StartMJD", "ExposureTime", "PropID"},
		IDColumn:   "DatasetName", LabelColumn: "DatasetName", CopyIDColumn: "DatasetName", Describe: noDescriptions}
}

// matchID is the MatchID of the HSC row under the results' cursor ("" when none).
func matchID(s *state) string {
	t, r := s.results.Table(), s.results.CursorRow()
	if t == nil || r < 0 {
		return ""
	}
	c := t.Col("MatchID")
	if c == nil || c.IsNull(r) {
		return ""
	}
	return strings.TrimSpace(c.String(r))
}

// hscVersion is the HSC version of the form ("3").
func hscVersion(s *state) string {
	if f := s.form.ByName(fVersion); f != nil {
		return f.Value()
	}
	return ""
}

// openMatches lists every measurement of the row's match.
func (m *Model) openMatches(s *state) tea.Cmd {
	id := matchID(s)
	if id == "" {
		return common.Toast(common.LevelWarn, "This row has no MatchID")
	}
	if s.matches == nil {
		s.matches = results.NewWithProfile(m.c, nil, wholePage, matchesProfile())
		s.matches.SetColumnChoice(m.choices[matchesProfile().Name])
		m.layoutState(s)
	}
	s.pane, s.match = paneMatches, id
	client, version := m.client, hscVersion(s)
	summary := "HSC v" + version + " match " + id
	search := common.Search{Target: summary, Summary: summary, Fetch: func(ctx context.Context, _, _ int) (*mast.Page, error) {
		if client == nil {
			return nil, errors.New("catalogs are unavailable in this session")
		}
		t, err := client.HSCMatches(ctx, id, version)
		if err != nil {
			return nil, err
		}
		return wholeTable(t), nil
	}}
	return common.Address(toMatches, 0, s.matches.StartSearch(search))
}

// openSpectra lists the HSC spectra of the row's match.
func (m *Model) openSpectra(s *state) tea.Cmd {
	id := matchID(s)
	if id == "" {
		return common.Toast(common.LevelWarn, "This row has no MatchID")
	}
	if s.spectra == nil {
		s.spectra = results.NewWithProfile(m.c, nil, wholePage, spectraProfile())
		s.spectra.SetColumnChoice(m.choices[spectraProfile().Name])
		m.layoutState(s)
	}
	s.pane, s.match = paneSpectra, id
	client := m.client
	summary := "HSC spectra of match " + id
	search := common.Search{Target: summary, Summary: summary, Fetch: func(ctx context.Context, _, _ int) (*mast.Page, error) {
		if client == nil {
			return nil, errors.New("catalogs are unavailable in this session")
		}
		t, err := client.HSCSpectra(ctx)
		if err != nil {
			return nil, err
		}
		return wholeTable(spectraOf(t, id)), nil
	}}
	return common.Address(toSpectra, 0, s.spectra.StartSearch(search))
}

// spectraOf keeps the spectra of one match (Mast.HscSpectra.Db.All lists them all).
func spectraOf(t *model.Table, id string) *model.Table {
	c := t.Col("MatchID")
	if c == nil {
		return t.Select(nil)
	}
	var rows []int
	for r := range t.Rows() {
		if !c.IsNull(r) && strings.TrimSpace(c.String(r)) == id {
			rows = append(rows, r)
		}
	}
	return t.Select(rows)
}

// wholeTable is an answer that comes whole, as one page.
func wholeTable(t *model.Table) *mast.Page {
	return &mast.Page{Table: t, Page: 1, PagesFiltered: 1, RowsFiltered: int64(t.Rows())}
}

// queueSpectra queues the selected spectra (or the one under the cursor) for download,
// through the session's download queue, laid out as astroquery does.
func (m *Model) queueSpectra(s *state) tea.Cmd {
	v := s.spectra
	t := v.Table()
	rows := v.SelectedRows()
	if len(rows) == 0 && v.CursorRow() >= 0 {
		rows = []int{v.CursorRow()}
	}
	if t == nil || len(rows) == 0 || m.client == nil {
		return nil
	}
	client := m.client
	msg := common.QueueItemsMsg{What: "HSC spectra", Items: func(dir string, flat bool) ([]download.Item, error) {
		return client.HSCSpectrumItems(t, rows, dir, flat)
	}}
	return func() tea.Msg { return msg }
}
