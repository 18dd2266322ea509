package catalogs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"mastui/services/mast"
	"mastui/ui/common"
	"mastui/ui/components/form"
	"mastui/ui/views/results"
)

// Advanced is the picker's last entry: the advanced view (astroquery's
// Mast.service_request), any service by name with its params as JSON.
const Advanced = "advanced (any service)"

// advancedTo addresses the advanced view's answers (no catalog has this name).
const advancedTo = "~advanced"

// countTask is the advanced view's count request.
const countTask = "count"

// fService names the advanced view's service row.
const fService = "service"

// advanced is the advanced view: a picker row and the service name (with completion
// over the services the client knows) on the left, the params editor on the right,
// checked as typed; the answer in the shared results view, which replaces the editor.
type advanced struct {
	form     *form.Model // the picker and the service name
	comp     form.Completion
	editor   textarea.Model
	onEditor bool   // the editor has the keys, not the form
	example  string // the example last put in the editor: replaced while left as it is
	params   json.RawMessage
	paramErr string // what is wrong with the params ("" when they are one object)
	runErr   string // why the last run or count was refused

	req        *common.Requests // the count
	count      int64
	counted    string // the request counted ("" when no count shows)
	countErr   string
	pane       pane // paneForm or paneResults
	results    *results.Model
	resultsFor string // the service the results view is of
}

// newAdvanced builds the advanced view: an empty service name, {} as params.
func (m *Model) newAdvanced() *advanced {
	st := m.c.Styles
	choices := append(Names(), Advanced)
	service := form.NewText(st, fService, "Service", 128)
	service.Input.Placeholder = "Mast.Jwst.Filtered.Nirspec"
	service.Help = "Any MAST Portal service: tab completes the ones mastui knows, ↑/↓ pick; enter goes to the params."
	a := &advanced{form: form.New(form.NewChoice(fCatalog, "Catalog", choices, len(choices)-1), service),
		req: m.c.NewRequests(), example: "{}"}
	a.form.FocusIndex(1)
	ed := textarea.New()
	ed.Prompt = ""
	ed.ShowLineNumbers = true
	ed.CharLimit = 0
	ed.MaxHeight = 0
	ed.KeyMap.Paste = key.NewBinding(key.WithDisabled()) // over SSH the clipboard would be the server's
	focused, blurred := textarea.DefaultStyles()
	focused.Text, focused.CursorLine = st.FormInputText, st.FormInputText
	focused.LineNumber, focused.CursorLineNumber = st.FormHint, st.FormLabelFocused
	focused.Placeholder, focused.EndOfBuffer = st.FormPlaceholder, st.FormHint
	blurred.Text, blurred.CursorLine = st.FormInputText, st.FormInputText
	blurred.LineNumber, blurred.CursorLineNumber = st.FormHint, st.FormHint
	blurred.Placeholder, blurred.EndOfBuffer = st.FormPlaceholder, st.FormHint
	ed.FocusedStyle, ed.BlurredStyle = focused, blurred
	ed.Cursor.Style, ed.Cursor.TextStyle = st.FormCursor, st.FormInputText
	ed.Cursor.SetMode(cursor.CursorStatic) // nothing ticks while idle
	ed.SetValue(a.example)
	ed.Blur()
	a.editor = ed
	a.params, _ = checkParams(a.example)
	return a
}

// adv is the advanced view, made on first use.
func (m *Model) adv() *advanced {
	if m.advanced == nil {
		m.advanced = m.newAdvanced()
		m.layoutAdvanced()
	}
	return m.advanced
}

// openAdvanced shows the advanced view, on its service name until one is given.
func (m *Model) openAdvanced() tea.Cmd {
	m.showAdvanced = true
	a := m.adv()
	if a.pane == paneForm {
		m.focusAdvanced(a, a.onEditor && a.service() != "", 1)
	}
	return nil
}

// focusAdvanced gives the keys to the editor, or to the form's row i.
func (m *Model) focusAdvanced(a *advanced, editor bool, row int) {
	a.onEditor = editor
	if editor {
		a.form.Blur()
		a.editor.Focus()
		return
	}
	a.editor.Blur()
	a.form.FocusIndex(row)
	a.form.Focus()
}

func (a *advanced) service() string { return a.form.ByName(fService).Trimmed() }

// typing reports whether letters go to the service name or the editor.
func (a *advanced) typing() bool {
	return a.pane == paneForm && (a.onEditor || a.form.Typing())
}

// view is the results view when it has the keys.
func (a *advanced) view() *results.Model {
	if a.pane == paneResults {
		return a.results
	}
	return nil
}

// advancedKey handles a key in the advanced view.
func (m *Model) advancedKey(a *advanced, msg tea.KeyMsg) tea.Cmd {
	k, rk := m.c.Keys.Catalogs, m.c.Keys.Results
	if v := a.view(); v != nil {
		switch {
		case v.Holds(msg):
		case key.Matches(msg, k.Advanced):
			return m.closeAdvanced()
		case key.Matches(msg, k.Search, k.Back, rk.Search, rk.Back):
			a.pane = paneForm
			m.focusAdvanced(a, true, 1)
			return nil
		case key.Matches(msg, rk.Open): // rows have no products: enter shows a row whole
			return common.Address(toResults, 0, v.ToggleDetails())
		}
		return common.Address(toResults, 0, v.Update(msg))
	}
	f := a.form.Current()
	onService := !a.onEditor && f != nil && f.Name == fService
	if !onService || !key.Matches(msg, k.Next, k.Down, k.Up) {
		a.comp.Stop()
	}
	switch {
	case key.Matches(msg, k.Advanced):
		return m.closeAdvanced()
	case key.Matches(msg, k.Run):
		return m.runAdvanced(a)
	case key.Matches(msg, k.Count):
		return m.countAdvanced(a)
	case key.Matches(msg, k.Back):
		if a.results != nil && a.results.QueryID() > 0 { // a request has run
			a.pane = paneResults
			a.form.Blur()
			a.editor.Blur()
		}
		return nil
	case a.onEditor && key.Matches(msg, k.Next):
		m.focusAdvanced(a, false, 0)
		return nil
	case a.onEditor && key.Matches(msg, k.Prev):
		m.focusAdvanced(a, false, 1)
		return nil
	case a.onEditor:
		before := a.editor.Value()
		var cmd tea.Cmd
		a.editor, cmd = a.editor.Update(msg)
		if a.editor.Value() != before {
			a.checkParams()
		}
		return cmd
	case onService && key.Matches(msg, k.Next) && m.completeService(a):
		return nil
	case onService && (key.Matches(msg, k.Down) && m.pickService(a, 1) || key.Matches(msg, k.Up) && m.pickService(a, -1)):
		return nil
	case onService && key.Matches(msg, k.Next, k.Down, k.Submit):
		m.focusAdvanced(a, true, 1)
		return nil
	case !onService && key.Matches(msg, k.Prev, k.Up): // the picker: back round to the editor
		m.focusAdvanced(a, true, 1)
		return nil
	case a.form.Navigate(msg, k.FormNav):
		return nil
	case f != nil && f.Kind == form.Choice:
		if key.Matches(msg, k.Cycle) {
			step := 1
			if msg.Type == tea.KeyLeft {
				step = -1
			}
			return m.pick(step)
		}
		return nil
	}
	changed, cmd := a.form.Type(msg)
	if changed {
		a.runErr = ""
		m.serviceEdited(a)
	}
	return cmd
}

// serviceEdited puts the new service's example in the editor while the user has not
// changed the previous one, and forgets the count.
func (m *Model) serviceEdited(a *advanced) {
	a.forgetCount()
	if a.editor.Value() != a.example {
		return
	}
	a.example = mast.ServiceParamsExample(a.service())
	a.editor.SetValue(a.example)
	a.checkParams()
}

// forgetCount drops the count of a request since changed (and its answer, if it is
// still to come).
func (a *advanced) forgetCount() {
	a.req.Cancel(countTask)
	a.counted, a.countErr = "", ""
}

// checkParams checks the editor's text as typed; a count shown was of other params.
func (a *advanced) checkParams() {
	a.forgetCount()
	a.runErr = ""
	p, err := checkParams(a.editor.Value())
	a.params, a.paramErr = p, ""
	if err != nil {
		a.paramErr = err.Error()
	}
}

// serviceCandidates are the known services matching what is typed.
func serviceCandidates(item string, limit int) []form.Candidate {
	var pool []form.Candidate
	for _, s := range mast.KnownServices() {
		pool = append(pool, form.Candidate{Value: s})
	}
	return form.Match(pool, item, false, limit)
}

// completeService handles tab on the service name: it completes and reports true; false
// (tab moves on) when nothing completes or the previous tab did.
func (m *Model) completeService(a *advanced) bool {
	if a.comp.On(1) {
		a.comp.Stop()
		return false
	}
	if !a.startCompletion() {
		return false
	}
	a.form.ByName(fService).SetValue(a.comp.Text())
	m.serviceEdited(a)
	return true
}

func (a *advanced) startCompletion() bool {
	item := a.service()
	return a.comp.Start(1, "", item, serviceCandidates(item, maxCandidates))
}

// pickService moves the selection among the completions by dir and puts it in.
func (m *Model) pickService(a *advanced, dir int) bool {
	if a.service() == "" || !a.comp.On(1) && !a.startCompletion() {
		return false
	}
	a.comp.Step(dir)
	a.form.ByName(fService).SetValue(a.comp.Text())
	m.serviceEdited(a)
	return true
}

// request is the service request the view would send, or why it cannot.
func (a *advanced) request() (mast.ServiceRequest, error) {
	service := a.service()
	switch {
	case service == "":
		return mast.ServiceRequest{}, errors.New("give a service name (tab completes)")
	case a.paramErr != "":
		return mast.ServiceRequest{}, errors.New("params: " + a.paramErr)
	}
	return mast.ServiceRequest{Service: service, Params: a.params}, nil
}

// runAdvanced runs the request in the results view (paged as the service answers).
func (m *Model) runAdvanced(a *advanced) tea.Cmd {
	r, err := a.request()
	if err != nil {
		a.runErr = "Not run: " + err.Error()
		return nil
	}
	a.runErr = ""
	if a.results == nil || a.resultsFor != r.Service {
		p := results.Profile{Name: "catalogs.service." + r.Service, Noun: "rows", Describe: noDescriptions,
			KeyColumns: []string{"filename"}} // the file services' rows are files (seed 004 lists their names)
		a.results = results.NewWithProfile(m.c, nil, PageSize, p)
		a.results.SetColumnChoice(m.choices[p.Name])
		a.results.SetSize(m.width, m.height)
		a.resultsFor = r.Service
	}
	a.pane = paneResults
	a.form.Blur()
	a.editor.Blur()
	summary := common.Sanitize(r.Service + " " + ansi.Truncate(compactJSON(r.Params), 24, "…"))
	m.c.Logger.Info("service request", "service", r.Service)
	return common.Address(toResults, 0, a.results.StartSearch(m.serviceSearch(r, summary)))
}

// serviceSearch is the common.Search of a service request: its pages from the client.
func (m *Model) serviceSearch(r mast.ServiceRequest, summary string) common.Search {
	client := m.client
	return common.Search{Target: r.Service, Summary: summary,
		Fetch: func(ctx context.Context, page, size int) (*mast.Page, error) {
			if client == nil {
				return nil, errors.New("services are unavailable in this session")
			}
			q := r
			q.Page, q.PageSize = page, size
			res, err := client.Service(ctx, q)
			if err != nil {
				return nil, err
			}
			return &mast.Page{Table: res.Table, Page: page, PageSize: size, PagesFiltered: res.PagesFiltered,
				RowsFiltered: res.RowsFiltered}, nil
		}}
}

// CountedMsg is the answer of the advanced view's count.
type CountedMsg struct {
	Service string
	N       int64
	Err     error
}

// countAdvanced counts the request's rows (COUNT_BIG(*)); the client refuses .Rows
// services, which cannot count.
func (m *Model) countAdvanced(a *advanced) tea.Cmd {
	r, err := a.request()
	if err != nil {
		a.runErr = "Not counted: " + err.Error()
		return nil
	}
	if m.client == nil {
		a.runErr = "Not counted: services are unavailable in this session"
		return nil
	}
	a.runErr, a.counted, a.countErr = "", r.Service, ""
	client := m.client
	return a.req.Run(countTask, "Counting "+common.Sanitize(r.Service)+" rows…", func(ctx context.Context) tea.Msg {
		n, err := client.ServiceCount(ctx, r)
		return CountedMsg{Service: r.Service, N: n, Err: err}
	})
}

// advancedAnswer handles an answer addressed to the advanced view.
func (m *Model) advancedAnswer(msg tea.Msg) tea.Cmd {
	a := m.adv()
	env, ok := msg.(common.TabMsg)
	if !ok {
		return nil
	}
	if env.To == toResults {
		if a.results == nil {
			return nil
		}
		return common.Address(toResults, 0, a.results.Update(env.Msg))
	}
	inner, ok := a.req.Take(env) // only the newest count is taken
	if !ok {
		return nil
	}
	c, ok := inner.(CountedMsg)
	if !ok || c.Service != a.counted {
		return nil
	}
	if c.Err != nil {
		a.countErr = common.Sanitize(c.Err.Error())
		return common.Toast(common.LevelError, "Count failed: "+a.countErr)
	}
	a.count = c.N
	return nil
}

// closeAdvanced goes back to the catalog shown before.
func (m *Model) closeAdvanced() tea.Cmd {
	m.showAdvanced = false
	if m.advanced != nil {
		m.advanced.form.Blur()
		m.advanced.editor.Blur()
	}
	s := m.st()
	if s.pane == paneForm {
		s.form.FocusIndex(0)
		s.form.Focus()
	}
	return common.Address(s.name, 0, m.open(s))
}

// compactJSON is params on one line, for the results' title.
func compactJSON(p json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, p); err != nil {
		return string(p)
	}
	return b.String()
}
