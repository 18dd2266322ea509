package service

import (
	"bufio"
	"encoding/json"
	"net"
	"sync"

	"mastui/download"
)

// subBuffer is how many events a subscriber may fall behind before it is resynced.
const subBuffer = 256

// subscriber is one client's event stream. The fan-out never waits for it: when its
// buffer is full, events are dropped and the stream is marked lagging; its writer, once
// it has sent what it holds, sends a fresh snapshot instead of what was dropped. A slow
// or stuck client thus costs its own buffer and goroutine, never the engine's or the
// other clients' time.
type subscriber struct {
	ch chan download.Event

	mu      sync.Mutex
	lagging bool
	wake    chan struct{} // capacity 1: "lagging was set"
}

// offer hands ev to the subscriber without blocking.
func (sub *subscriber) offer(ev download.Event) {
	select {
	case sub.ch <- ev:
		return
	default:
	}
	sub.mu.Lock()
	sub.lagging = true
	sub.mu.Unlock()
	select {
	case sub.wake <- struct{}{}:
	default:
	}
}

// takeLag reports and clears the lagging mark. It is cleared before the resync
// snapshot is taken, so every change after the snapshot arrives as an event after it.
func (sub *subscriber) takeLag() bool {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	l := sub.lagging
	sub.lagging = false
	return l
}

// drain discards the buffered events and reports whether the channel is closed (the
// server stops). Events offered after it arrive after the snapshot that follows it.
func (sub *subscriber) drain() (closed bool) {
	for {
		select {
		case _, ok := <-sub.ch:
			if !ok {
				return true
			}
		default:
			return false
		}
	}
}

// fanOut reads the manager's events (continuously, as the Manager asks) and offers each
// to every subscriber, until the manager closes its channel.
func (s *Server) fanOut() {
	for ev := range s.mgr.Events() {
		s.mu.Lock()
		for sub := range s.subs {
			sub.offer(ev)
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	for sub := range s.subs {
		close(sub.ch)
	}
	clear(s.subs)
	s.mu.Unlock()
}

// stream sends a snapshot and then every event to c until the client goes (its reading
// side sees the end) or the server stops.
func (s *Server) stream(c net.Conn, r *bufio.Reader) {
	sub := &subscriber{ch: make(chan download.Event, subBuffer), wake: make(chan struct{}, 1)}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.subs[sub] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, sub) // (fanOut may have closed ch and cleared subs already)
		s.mu.Unlock()
	}()
	gone := make(chan struct{})
	go func() { // the client sends nothing more: its end of file is its leaving
		defer close(gone)
		for {
			if _, err := r.ReadByte(); err != nil {
				c.Close() // unblocks a write to a client that is gone
				return
			}
		}
	}()
	defer func() { c.Close(); <-gone }()
	enc := json.NewEncoder(c)
	if enc.Encode(streamLine{T: "snapshot", Items: s.mgr.Snapshot()}) != nil {
		return
	}
	for {
		select {
		case ev, ok := <-sub.ch:
			if !ok {
				return
			}
			st := ev.EventStatus()
			line := streamLine{T: "progress", Status: &st}
			if _, isState := ev.(download.StateEvent); isState {
				line.T = "state"
			}
			if enc.Encode(line) != nil {
				return
			}
			if len(sub.ch) > 0 {
				continue
			}
		case <-sub.wake:
		case <-gone:
			return
		}
		if sub.takeLag() {
			// The events still buffered are older than the snapshot taken below, which
			// holds what they say. Sent after it they would roll the client back: an item
			// the snapshot shows done would end on a stale "active" whose successor was
			// the event dropped.
			closed := sub.drain()
			if enc.Encode(streamLine{T: "snapshot", Items: s.mgr.Snapshot()}) != nil || closed {
				return
			}
		}
	}
}
