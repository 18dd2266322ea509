package common_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
)

type answerMsg struct{ n int }

// A new request of a task cancels the previous one's context; only the newest answer
// is taken, and a dropped one is logged.
func TestRequestsNewestWins(t *testing.T) {
	var log bytes.Buffer
	r := common.NewRequests(context.Background(), slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug})))
	var ctxs []context.Context
	run := func(n int) tea.Cmd {
		return r.Run("count", "Counting…", func(ctx context.Context) tea.Msg {
			ctxs = append(ctxs, ctx)
			return answerMsg{n}
		})
	}
	first, second := run(1), run(2)
	a1, a2 := first().(common.TabMsg), second().(common.TabMsg)
	if ctxs[0].Err() == nil {
		t.Fatal("the first request's context was not cancelled by the second")
	}
	if ctxs[1].Err() != nil {
		t.Fatal("the newest request started cancelled")
	}
	if a1.To != "count" || a2.Req <= a1.Req {
		t.Fatalf("answers %+v %+v", a1, a2)
	}
	if got := r.Activity(); got != "Counting…" {
		t.Fatalf("activity %q while the count runs", got)
	}
	if _, ok := r.Take(a1); ok {
		t.Fatal("the older answer was taken")
	}
	if !strings.Contains(log.String(), "dropped a stale answer") {
		t.Fatalf("the drop was not logged: %s", log.String())
	}
	msg, ok := r.Take(a2)
	if !ok || msg.(answerMsg).n != 2 {
		t.Fatalf("newest answer %v %v", msg, ok)
	}
	if ctxs[1].Err() == nil {
		t.Fatal("the taken request's context was not released")
	}
	if r.Activity() != "" || r.Running("count") {
		t.Fatal("the task still runs after its answer")
	}
	if _, ok := r.Take(a2); ok {
		t.Fatal("an answer was taken twice")
	}
}

// Cancel drops what is in flight; tasks do not disturb each other.
func TestRequestsCancelAndTasks(t *testing.T) {
	r := common.NewRequests(context.Background(), nil)
	ctxA, _ := r.Start("a", "")
	ctxB, idB := r.Start("b", "")
	cmd := r.Debounce("a", 0, answerMsg{7}) // a wait replaces a's request
	if ctxA.Err() == nil || ctxB.Err() != nil {
		t.Fatalf("a %v b %v", ctxA.Err(), ctxB.Err())
	}
	tick := cmd().(common.TabMsg)
	if msg, ok := r.Take(tick); !ok || msg.(answerMsg).n != 7 {
		t.Fatalf("the wait's answer %v %v", msg, ok)
	}
	r.Cancel("b")
	if ctxB.Err() == nil {
		t.Fatal("Cancel did not cancel")
	}
	if _, ok := r.Take(common.TabMsg{To: "b", Req: idB}); ok {
		t.Fatal("a cancelled request's answer was taken")
	}
	ctxC, _ := r.Start("c", "")
	r.CancelAll()
	if ctxC.Err() == nil || r.Running("c") {
		t.Fatal("CancelAll left a request running")
	}
}

// Address wraps every answer of a batch and lets intents for the root through.
func TestAddress(t *testing.T) {
	cmd := common.Address("missions", 3, tea.Batch(
		func() tea.Msg { return answerMsg{1} },
		common.Toast(common.LevelInfo, "hi"),
	))
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("batch %#v", batch)
	}
	if env, ok := batch[0]().(common.TabMsg); !ok || env.To != "missions" || env.Req != 3 || env.Msg != (answerMsg{1}) {
		t.Fatalf("answer %#v", env)
	}
	if _, ok := batch[1]().(common.ToastMsg); !ok {
		t.Fatal("a toast was addressed to a tab")
	}
	if common.Address("x", 0, nil) != nil {
		t.Fatal("nil Cmd wrapped")
	}
	if common.Address("x", 0, func() tea.Msg { return nil })() != nil {
		t.Fatal("nil answer wrapped")
	}
}

// The views of one session number their requests from one counter: an answer delivered
// to the wrong view is never taken there.
func TestRequestsOfASessionNeverShareNumbers(t *testing.T) {
	c := common.New(context.Background(), nil, nil, "")
	jwst, hst := c.NewRequests(), c.NewRequests()
	jwst.Run("page", "", func(context.Context) tea.Msg { return answerMsg{1} })
	wrong := hst.Run("page", "", func(context.Context) tea.Msg { return answerMsg{2} })().(common.TabMsg)
	if _, ok := jwst.Take(wrong); ok {
		t.Fatalf("one view took another's answer (request %d)", wrong.Req)
	}
}
