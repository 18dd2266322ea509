package serve

import (
	"context"
	"io"
	"sync"

	"mastui/download"
	"mastui/ui/common"
)

// SharedDownloads gives every session its own view of one in-process download engine.
// An engine has one Events channel, so sessions reading it directly would split its
// events between them; here one pump reads it and every view gets each event, through a
// buffer that keeps the newest event per item (a slow session never blocks the others
// nor grows without bound).
//
// TEMPORARY (issue 14): the per-user download service replaces this; its client gives
// each session its own connection and event stream, and cli/serve.go's factory then
// returns that client instead of a view.
type SharedDownloads struct {
	src  common.Downloads
	mu   sync.Mutex
	subs map[*sharedView]struct{}
	done bool // src's events ended: new views start closed
	wg   sync.WaitGroup
}

// ShareDownloads starts the pump over src's events; it ends when src closes Events.
func ShareDownloads(src common.Downloads) *SharedDownloads {
	s := &SharedDownloads{src: src, subs: map[*sharedView]struct{}{}}
	s.wg.Add(1)
	go s.pump()
	return s
}

func (s *SharedDownloads) pump() {
	defer s.wg.Done()
	for ev := range s.src.Events() {
		s.mu.Lock()
		for v := range s.subs {
			v.put(ev)
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.done = true
	for v := range s.subs {
		v.stop()
	}
	s.mu.Unlock()
}

// Wait returns once the pump has ended (src closed) and every view's forwarder with it.
func (s *SharedDownloads) Wait() { s.wg.Wait() }

// Factory is a DownloadsFactory over the shared engine: each session gets a view, closed
// when the session ends.
func (s *SharedDownloads) Factory(context.Context) (common.Downloads, io.Closer, error) {
	v := &sharedView{
		Downloads: s.src,
		events:    make(chan download.Event, 16),
		pending:   map[string]download.Event{},
		wake:      make(chan struct{}, 1),
		quit:      make(chan struct{}),
		owner:     s,
	}
	s.mu.Lock()
	if s.done {
		close(v.quit)
	} else {
		s.subs[v] = struct{}{}
	}
	s.wg.Add(1)
	s.mu.Unlock()
	go v.forward()
	return v, v, nil
}

// sharedView is one session's view: the engine's controls, its own event stream.
type sharedView struct {
	common.Downloads
	events   chan download.Event
	mu       sync.Mutex
	pending  map[string]download.Event // newest event per item not yet delivered
	order    []string
	wake     chan struct{}
	quit     chan struct{}
	quitOnce sync.Once
	owner    *SharedDownloads
}

// Events implements common.Downloads: this session's copy of the engine's events.
func (v *sharedView) Events() <-chan download.Event { return v.events }

// put keeps ev as the item's pending event; a state change is never downgraded to
// progress (the newest status wins, as in the engine's own outbox).
func (v *sharedView) put(ev download.Event) {
	st := ev.EventStatus()
	v.mu.Lock()
	if old, ok := v.pending[st.ID]; ok {
		if _, wasState := old.(download.StateEvent); wasState {
			ev = download.StateEvent{Status: st}
		}
	} else {
		v.order = append(v.order, st.ID)
	}
	v.pending[st.ID] = ev
	v.mu.Unlock()
	select {
	case v.wake <- struct{}{}:
	default:
	}
}

func (v *sharedView) pop() (download.Event, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.order) == 0 {
		return nil, false
	}
	id := v.order[0]
	v.order = v.order[1:]
	ev := v.pending[id]
	delete(v.pending, id)
	return ev, true
}

// forward delivers the pending events until the view is closed or the engine's events
// end; then it closes the view's channel (the queue panel reads that as "closed").
func (v *sharedView) forward() {
	defer v.owner.wg.Done()
	defer close(v.events)
	for {
		ev, ok := v.pop()
		if !ok {
			select {
			case <-v.wake:
				continue
			case <-v.quit:
				return
			}
		}
		select {
		case v.events <- ev:
		case <-v.quit:
			return
		}
	}
}

func (v *sharedView) stop() { v.quitOnce.Do(func() { close(v.quit) }) }

// Close ends the view (the session is over): it no longer receives events and its
// forwarder returns. The engine and the other views go on.
func (v *sharedView) Close() error {
	v.owner.mu.Lock()
	delete(v.owner.subs, v)
	v.owner.mu.Unlock()
	v.stop()
	return nil
}
