package ui_test

import (
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"mastui/model"
	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/missions"
	"mastui/ui/views/results"
)

// toMissions runs an observation search (M types into the form) and presses M.
func toMissions(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	search(t, tm, "M101")
	tm.Send(key("M"))
	waitText(t, tm, "queryable hst columns")
}

func TestMissionFormScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(uitest.SimArchive(t), 400), teatest.WithInitialTermSize(110, 30))
	toMissions(t, tm)
	for range 3 {
		tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	}
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestMissionResultsScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(uitest.SimArchive(t), 400), teatest.WithInitialTermSize(110, 30))
	toMissions(t, tm)
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("M101")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	// The results' own column indicator: the form's live total ("9 datasets match")
	// would not prove the rows are there, and the j below would be lost.
	waitText(t, tm, "sci_data_set_name · col")
	tm.Send(key("j"))
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A page answer of an older search, or for a page no longer awaited, is dropped; the
// Observations results never see mission pages.
func TestMissionStalePageDropped(t *testing.T) {
	a := &uitest.Archive{Rows: 1200}
	m := started(t, a, 100, 30)
	obsLoaded := m.Results().Loaded()
	send(t, m, typeText("M")...)
	if m.Focus() != "missions" {
		t.Fatalf("focus %s after M", m.Focus())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyTab})
	send(t, m, typeText("M101")...)
	mv := m.Missions()
	// Submit without settling: hold the first answer, then search again.
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	oldEnv, old := findPage(run(cmd))
	if old == nil {
		t.Fatal("no page answer")
	}
	if to := address(oldEnv); to != "missions/hst/"+results.PageTask {
		t.Fatalf("page addressed to %q", to)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc}) // back to the form
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	r := mv.Results()
	if got := r.Loaded(); got != missions.PageSize {
		t.Fatalf("loaded %d, want %d", got, missions.PageSize)
	}
	id := r.QueryID()
	send(t, m, oldEnv) // the first search's answer
	if r.Loaded() != missions.PageSize || r.QueryID() != id || request(oldEnv) == id {
		t.Fatalf("stale page applied: loaded %d", r.Loaded())
	}
	// A page nobody waits for is dropped too.
	stale := *old
	stale.Page = 2
	send(t, m, readdress(oldEnv, id, stale))
	if r.Loaded() != missions.PageSize {
		t.Fatalf("unexpected page applied: loaded %d", r.Loaded())
	}
	if m.Results().Loaded() != obsLoaded {
		t.Fatalf("observation results changed by a mission page: %d → %d", obsLoaded, m.Results().Loaded())
	}
	// Paging: G (n: not every page) nears the end, the next offset loads.
	send(t, m, typeText("Gn")...)
	if r.Loaded() != 2*missions.PageSize {
		t.Fatalf("after G loaded %d", r.Loaded())
	}
	if v := m.View(); !strings.Contains(v, "1,200 datasets (1,000 loaded)") {
		t.Fatalf("title:\n%s", v)
	}
	send(t, m, typeText("O")...)
	if m.Focus() != "results" {
		t.Fatalf("focus %s after O", m.Focus())
	}
}

// findPage is the first page answer and its envelope.
func findPage(msgs []tea.Msg) (tea.Msg, *results.PageLoadedMsg) {
	for _, msg := range msgs {
		if p, ok := unwrap(msg).(results.PageLoadedMsg); ok {
			return msg, &p
		}
	}
	return nil, nil
}

// address is the path of msg's envelopes ("missions/hst").
func address(msg tea.Msg) string {
	var path []string
	for {
		env, ok := msg.(common.TabMsg)
		if !ok {
			return strings.Join(path, "/")
		}
		path, msg = append(path, env.To), env.Msg
	}
}

// toJWST opens the Missions tab with ctrl+t from the Observations form (a text field has
// focus there, so M would type) and picks jwst.
func toJWST(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitText(t, tm, "Target")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlT})
	waitText(t, tm, "queryable hst columns")
	tm.Send(tea.KeyMsg{Type: tea.KeyRight})
	waitText(t, tm, "queryable jwst columns")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
}

// The form asks the server for the total after a pause in typing, and names a bad sort
// column before anything is searched.
func TestMissionLiveTotalAndFormErrors(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(uitest.SimArchive(t), 400), teatest.WithInitialTermSize(120, 34))
	toJWST(t, tm)
	tm.Type("NGC 628")
	waitText(t, tm, "4 datasets match")
	for range 3 { // targets → radius → resolver → sort
		tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	}
	tm.Type("targpro")
	waitText(t, tm, `Did you mean 'targprop'?`)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, `Not searched: Sort column 'targpro' does not exist for mission "jwst"`)
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Send(tea.KeyMsg{Type: tea.KeyShiftTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyShiftTab})
	tm.Type("45")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "Not searched: radius:")
	out := finalView(t, tm)
	if !strings.Contains(out, "30") || strings.Contains(out, "4 datasets ·") {
		t.Fatalf("radius over the cap not refused:\n%s", out)
	}
}

// jwst: search, open the products of two datasets: the mission's filter panel.
func TestMissionProductsScreen(t *testing.T) {
	tm := teatest.NewTestModel(t, screenApp(uitest.SimArchive(t), 400), teatest.WithInitialTermSize(120, 34))
	toJWST(t, tm)
	tm.Type("NGC 628")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "fileSetName · col") // the results, not the form's "4 datasets match"
	tm.Send(key(" "))
	tm.Send(key(" "))
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitText(t, tm, "Access")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// Queueing mission products makes retrieve_product downloads laid out as
// mastDownload/jwst/<fileset>/<file>; the Observations tab's state is untouched.
func TestMissionProductsQueued(t *testing.T) {
	archive := uitest.SimArchive(t)
	dl := uitest.NewDownloads()
	dir := t.TempDir()
	m := ui.NewModel(clocked(), archive, ui.Options{PageSize: 400, ServerLabel: "demo", Downloads: dl,
		DownloadDir: dir, MastURL: archive.Config().BaseURL})
	sendSim(t, m, tea.WindowSizeMsg{Width: 120, Height: 34})
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyCtrlT})
	if m.Focus() != "missions" {
		t.Fatalf("ctrl+t from the form: focus %s", m.Focus())
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyRight})
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyTab})
	sendSim(t, m, key("NGC 628"))
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	mv := m.Missions()
	if mv.Mission() != "jwst" || mv.Pane() != "results" || mv.Results().Loaded() != 4 {
		t.Fatalf("mission %s pane %s loaded %d", mv.Mission(), mv.Pane(), mv.Results().Loaded())
	}
	sendSim(t, m, key("j"), key(" ")) // the second dataset
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	p := mv.Products()
	if mv.Pane() != "products" || p.Rows() == 0 || p.Fetching() {
		t.Fatalf("pane %s, %d products", mv.Pane(), p.Rows())
	}
	fileset := mv.Results().Table().Col("fileSetName").String(1)
	sendSim(t, m, key(" "), key(" "), key("D"))
	if len(dl.Added) != 2 {
		t.Fatalf("queued %d items, want 2", len(dl.Added))
	}
	for _, it := range dl.Added {
		if !strings.Contains(it.URL, "/search/jwst/api/v0.1/retrieve_product?product_name="+fileset+"%2F") {
			t.Errorf("url %s", it.URL)
		}
		want := filepath.Join(dir, "mastDownload", "jwst", fileset, it.Filename)
		if it.Dest != want {
			t.Errorf("dest %s, want %s", it.Dest, want)
		}
	}
	// esc goes back to the datasets, esc again to the form which kept its values.
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if mv.Pane() != "results" {
		t.Fatalf("esc from products: pane %s", mv.Pane())
	}
}

// Each mission keeps its search: HST, then JWST, then back to HST's results.
func TestMissionEachKeepsItsSearch(t *testing.T) {
	m := ui.NewModel(clocked(), uitest.SimArchive(t), ui.Options{PageSize: 400, ServerLabel: "demo"})
	sendSim(t, m, tea.WindowSizeMsg{Width: 120, Height: 34})
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}, tea.KeyMsg{Type: tea.KeyTab})
	sendSim(t, m, key("M101"))
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	mv := m.Missions()
	hst := mv.Results().Loaded()
	if hst == 0 {
		t.Fatal("no hst datasets for M101")
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyShiftTab}, tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeyTab})
	sendSim(t, m, key("NGC 628"))
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if mv.Mission() != "jwst" || mv.Results().Loaded() != 4 {
		t.Fatalf("jwst: %s loaded %d", mv.Mission(), mv.Results().Loaded())
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyShiftTab}, tea.KeyMsg{Type: tea.KeyLeft})
	if mv.Mission() != "hst" || mv.Results().Loaded() != hst || !strings.Contains(m.View(), "M101") {
		t.Fatalf("back on hst: %s loaded %d\n%s", mv.Mission(), mv.Results().Loaded(), m.View())
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if mv.Pane() != "results" || !strings.Contains(m.View(), "hst · M101") {
		t.Fatalf("esc on the hst form: pane %s\n%s", mv.Pane(), m.View())
	}
}

// On a narrow screen the mission picker keeps the chosen mission in view.
func TestMissionPickerNarrow(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 10}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 64, Height: 20})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT})
	for _, want := range []string{"[jwst]", "[roman]", "[classy]", "[ullyses]", "[iue]", "[hst]"} {
		send(t, m, tea.KeyMsg{Type: tea.KeyRight})
		line := strings.Split(m.View(), "\n")[2] // under the tab bar and the breadcrumbs
		if !strings.Contains(line, want) {
			t.Fatalf("picker after → shows %q, want %s", line, want)
		}
	}
}

// Queueing products that are not public without a token says they will need one.
func TestQueueWarnsAboutExclusiveAccess(t *testing.T) {
	for _, token := range []bool{false, true} {
		m := ui.NewModel(clocked(), &uitest.Archive{Rows: 10}, ui.Options{ServerLabel: "demo", Downloads: uitest.NewDownloads(), HasToken: token})
		send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
		_, cmd := m.Update(common.QueueProductsMsg{Products: []model.ProductRef{
			{URI: "mast:JWST/product/a_cal.fits", Filename: "a_cal.fits", DataRights: "PUBLIC", Size: 10},
			{URI: "mast:JWST/product/b_cal.fits", Filename: "b_cal.fits", DataRights: "PROPRIETARY", Size: 10},
		}})
		var text string
		for _, msg := range run(cmd) {
			if tm, ok := msg.(common.ToastMsg); ok {
				text = tm.Text
			}
		}
		warned := strings.Contains(text, "1 exclusive-access: they need a MAST token")
		if !strings.Contains(text, "2 files") || warned == token {
			t.Errorf("token %v: toast %q", token, text)
		}
	}
}

// ctrl+n goes to a column's field by name: tab completes, enter goes there.
func TestMissionJumpToColumn(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 10}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}, tea.KeyMsg{Type: tea.KeyCtrlN})
	send(t, m, typeText("targ")...)
	line := ""
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.Contains(l, "Go to column") {
			line = l
		}
	}
	if !strings.Contains(line, "sci_targname") || strings.Contains(line, "sci_instrume") {
		t.Fatalf("jump line %q", line)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); !strings.Contains(v, "sci_targname (string): Target name") || strings.Contains(v, "Go to column") {
		t.Fatalf("after enter:\n%s", v)
	}
	send(t, m, typeText("M101")...) // types into that field
	if !strings.Contains(m.View(), "M101") {
		t.Fatalf("typing after the jump:\n%s", m.View())
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlN}, key("zzz"), tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); !strings.Contains(v, `hst has no queryable column like "zzz"`) {
		t.Fatalf("unknown column:\n%s", v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Missions().Jumping() {
		t.Fatal("esc did not close the jump line")
	}
}

// In the jump line tab completes the column name and a second tab goes to its field
// (issue 9: tab cycled the names forever); ↓ picks another name first.
func TestMissionJumpSecondTabGoes(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 10}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}, tea.KeyMsg{Type: tea.KeyCtrlN})
	send(t, m, typeText("sci")...) // sci_instrume, sci_targname
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab})
	if v := m.View(); m.Missions().Jumping() || !strings.Contains(v, "sci_instrume (string): Instrument name") {
		t.Fatalf("after tab tab (jumping %v):\n%s", m.Missions().Jumping(), v)
	}
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlN})
	send(t, m, typeText("sci")...)
	send(t, m, tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyTab})
	if v := m.View(); m.Missions().Jumping() || !strings.Contains(v, "sci_targname (string): Target name") {
		t.Fatalf("after tab ↓ tab (jumping %v):\n%s", m.Missions().Jumping(), v)
	}
}

// With NO_COLOR (the tests' renderer has no colours) the Missions form still shows
// which row has focus: one cursor mark, on that row, moving with tab.
func TestMissionFormFocusMarkedWithoutColour(t *testing.T) {
	m := newApp(&uitest.Archive{Rows: 10}, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT})
	for _, want := range []string{"Mission", "Targets", "Radius", "Resolver", "Sort by", "Columns", "sci_instrume", "sci_targname"} {
		var marked []string
		for _, l := range strings.Split(m.View(), "\n")[1:] { // below the header
			if strings.HasPrefix(strings.TrimSpace(l), "▸") {
				marked = append(marked, l)
			}
		}
		if len(marked) != 1 || !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(marked[0]), "▸")), want) {
			t.Fatalf("focus on %s: marked lines %q", want, marked)
		}
		send(t, m, tea.KeyMsg{Type: tea.KeyTab})
	}
}

// When the live count found that a target name has no position, enter stays in the
// Missions form and says why, rather than landing on "Search failed".
func TestMissionUnresolvableNameStaysInTheForm(t *testing.T) {
	a := &uitest.Archive{Rows: 10, Unresolved: []string{"NoSuchThing"}}
	m := newApp(a, 400)
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	send(t, m, tea.KeyMsg{Type: tea.KeyCtrlT}, tea.KeyMsg{Type: tea.KeyTab})
	sendSim(t, m, key("NoSuchThing")) // one edit: the live count asks after a pause
	send(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); m.Missions().Pane() != "form" || !strings.Contains(v, `Not searched: could not resolve "NoSuchThing"`) {
		t.Fatalf("pane %s:\n%s", m.Missions().Pane(), v)
	}
}
