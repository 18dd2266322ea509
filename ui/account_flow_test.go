package ui_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/download"
	"mastui/model"
	"mastui/services/account"
	"mastui/services/mast"
	"mastui/services/sim"
	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/uitest"
	"mastui/ui/views/queue"
)

// noKeyring is a system without a Secret Service: logins fall back to the 0600 file.
type noKeyring struct{}

var errNoKeyring = errors.New("no secret service")

func (noKeyring) Get(string, string) (string, error) { return "", errNoKeyring }
func (noKeyring) Set(string, string, string) error   { return errNoKeyring }
func (noKeyring) Delete(string, string) error        { return errNoKeyring }

// The whole path through the root, on the simulator: an exclusive-access product queued
// anonymously is held as login-required (the public one downloads), the queue panel says
// so and offers L; L opens the dialog, the demo token typed there is checked with MAST,
// stored in the token file (as `mastui login` would), named in the header, and handed to
// the engine, which resumes the held download: the file lands byte-identical. No frame
// shows the token.
func TestLoginResumesLoginRequiredDownloads(t *testing.T) {
	arch := demoArchive(t)
	s, err := sim.New(sim.Options{Archive: arch})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a hang guard
	defer cancel()
	excl, ok := arch.FindProduct(func(p sim.Product) bool { return p.Exclusive() && p.Size < 200<<10 })
	if !ok {
		t.Fatal("no exclusive-access product in the demo archive")
	}
	pub, ok := arch.FindProduct(func(p sim.Product) bool { return !p.Exclusive() && p.Size < 200<<10 })
	if !ok {
		t.Fatal("no small public product")
	}
	ref := func(p sim.Product) model.ProductRef {
		return model.ProductRef{URI: p.DataURI, Filename: p.Filename, ObsCollection: p.Collection, ObsID: p.ObsIDStr,
			Size: p.Size, DataRights: p.DataRights, ProductType: p.ProductType, CalibLevel: -1}
	}

	store := account.NewStore(ts.URL, filepath.Join(t.TempDir(), "config"))
	store.Keyring, store.Getenv = noKeyring{}, func(string) string { return "" }
	sess := ui.Session{Tokens: account.NewSource(store), WhoamiWith: func(ctx context.Context, tok string) (mast.Identity, error) {
		return mast.New(mast.Config{BaseURL: ts.URL, Token: func() string { return tok }}).Whoami(ctx)
	}}
	var logs syncBuf // the session's and the engine's log
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	journal := filepath.Join(t.TempDir(), "downloads.jsonl")
	mgr, err := download.New(download.Options{JournalPath: journal, MastURL: ts.URL, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	defer mgr.Close()
	mgr.Start(ctx)

	c, _ := uitest.ClockedCommon("demo")
	c.Ctx, c.Logger = ctx, logger
	dir := t.TempDir()
	client := mast.New(mast.Config{BaseURL: ts.URL, PollInterval: time.Millisecond})
	m := ui.NewModel(c, client, ui.Options{Downloads: mgr, DownloadDir: dir, MastURL: ts.URL, Account: sess})
	var frames bytes.Buffer
	frame := func() string {
		v := m.View()
		frames.WriteString(v)
		return v
	}
	sendSim(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	initCmd := m.Init()
	settleWait(t, m, initCmd, 3*time.Second)
	if h := header(frame()); !strings.Contains(h, "anon") {
		t.Fatalf("header before the login: %q", h)
	}

	sendSim(t, m, common.QueueProductsMsg{Products: []model.ProductRef{ref(excl), ref(pub)}})
	if toast := m.Toast(); !strings.Contains(toast, "1 exclusive-access: they need a MAST token (ctrl+x logs in)") {
		t.Fatalf("queueing anonymously: toast %q", toast)
	}
	pump := func(what string, cond func(download.Totals) bool) {
		t.Helper()
		for !cond(mgr.Totals()) || !cond(engineTotals(m.Queue().Statuses())) {
			lm, ok := common.Address(queue.ID, 0, m.Queue().Listen())().(common.ListenMsg)
			if !ok {
				t.Fatal("the queue's listener is not parked by the test clock")
			}
			msg := lm.Cmd()
			if ctx.Err() != nil {
				t.Fatalf("%s: never happened; engine %+v", what, mgr.Totals())
			}
			m.Update(msg)
		}
	}
	pump("login-required", func(t download.Totals) bool { return t.LoginRequired == 1 && t.Done == 1 })

	for range 5 { // ctrl+t from tab to tab (the form's field would take a w)
		if m.Tab() == queue.ID {
			break
		}
		sendSim(t, m, tea.KeyMsg{Type: tea.KeyCtrlT})
	}
	if m.Tab() != queue.ID {
		t.Fatalf("ctrl+t never reached the queue: %s", m.Tab())
	}
	v := frame()
	if !strings.Contains(v, "1 login required") || !strings.Contains(v, "login required · L to log in") {
		t.Fatalf("the queue does not show the login-required item:\n%s", v)
	}
	// L on the held item (the cursor starts on the first, the exclusive one).
	if st := m.Queue().Statuses(); st[0].State != download.LoginRequired {
		t.Fatalf("first item %s", st[0].State)
	}
	sendSim(t, m, key("L"))
	if !m.LoginVisible() {
		t.Fatalf("L did not open the login dialog:\n%s", frame())
	}
	sendSim(t, m, typeText(sim.DemoToken)...)
	frame()
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEnter})
	v = frame()
	if h := header(v); !strings.Contains(h, "● demo") {
		t.Fatalf("header after the login: %q\n%s", h, v)
	}
	if !strings.Contains(v, "Token stored in ") {
		t.Fatalf("the dialog does not say where the token went:\n%s", v)
	}
	if b, err := os.ReadFile(store.FilePath); err != nil || strings.TrimSpace(string(b)) != sim.DemoToken {
		t.Fatalf("token file: %v", err)
	}
	if fi, err := os.Stat(store.FilePath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file mode %v, %v", fi.Mode(), err)
	}

	pump("resumed and done", func(t download.Totals) bool { return t.Done == 2 && t.LoginRequired == 0 })
	for _, st := range mgr.Snapshot() {
		got, err := os.ReadFile(st.Dest)
		if err != nil {
			t.Fatal(err)
		}
		size, r, err := arch.FileContent(st.URI)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]byte, size)
		if _, err := r.ReadAt(want, 0); err != nil && err.Error() != "EOF" {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: %d bytes differ from the archive's %d", st.Filename, len(got), len(want))
		}
	}
	sendSim(t, m, tea.KeyMsg{Type: tea.KeyEsc})
	if m.LoginVisible() {
		t.Fatal("esc did not close the dialog")
	}
	frame()
	if strings.Contains(frames.String(), sim.DemoToken) {
		t.Fatal("a frame showed the token")
	}
	if err := mgr.Close(); err != nil {
		t.Fatal(err)
	}
	j, err := os.ReadFile(journal)
	if err != nil || !strings.Contains(string(j), string(download.LoginRequired)) {
		t.Fatalf("the journal does not record the login-required state (%v):\n%s", err, j)
	}
	if strings.Contains(string(j), sim.DemoToken) || strings.Contains(logs.String(), sim.DemoToken) {
		t.Fatal("the token is in the journal or the log")
	}
	if !strings.Contains(logs.String(), "logged in") {
		t.Fatalf("nothing logged of the login: the check above proves nothing\n%s", logs.String())
	}
}

// syncBuf is a log sink safe for concurrent handlers.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// header is the first line of a frame.
func header(view string) string { return strings.SplitN(view, "\n", 2)[0] }

// engineTotals counts the panel's statuses as the engine counts its own.
func engineTotals(st []download.Status) download.Totals {
	var t download.Totals
	for _, s := range st {
		switch s.State {
		case download.LoginRequired:
			t.LoginRequired++
		case download.Done:
			t.Done++
		}
	}
	return t
}
