package download

import "sync"

// Event is what Events delivers: a StateEvent or a ProgressEvent. Both carry the item's
// full Status, so a consumer can simply upsert it.
type Event interface{ EventStatus() Status }

// StateEvent reports a state change (queued, active, paused, done, failed, ...). The
// latest state of every item is always delivered; intermediate states of an item the
// consumer has not caught up with may be merged into the newest one.
type StateEvent struct{ Status }

// ProgressEvent reports bytes, rate and ETA of an active item, at most once per
// Options.ProgressInterval; superseded ones are dropped.
type ProgressEvent struct{ Status }

func (e StateEvent) EventStatus() Status    { return e.Status }
func (e ProgressEvent) EventStatus() Status { return e.Status }

// eventsCap bounds the channel the consumer reads; the outbox behind it holds at most
// one pending event per item, so neither grows with the event rate.
const eventsCap = 64

// outbox queues events with one slot per item: a newer event for an item replaces the
// pending one in place (a state event is never downgraded to progress). Workers never
// block on a slow or absent consumer.
type outbox struct {
	mu    sync.Mutex
	order []string
	slots map[string]*slot
	wake  chan struct{} // capacity 1: "something was put"
}

type slot struct {
	st    Status
	state bool
}

func newOutbox() *outbox {
	return &outbox{slots: map[string]*slot{}, wake: make(chan struct{}, 1)}
}

func (o *outbox) put(st Status, state bool) {
	o.mu.Lock()
	if s, ok := o.slots[st.ID]; ok {
		s.st, s.state = st, s.state || state
	} else {
		o.slots[st.ID] = &slot{st: st, state: state}
		o.order = append(o.order, st.ID)
	}
	o.mu.Unlock()
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

func (o *outbox) pop() (Event, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.order) == 0 {
		return nil, false
	}
	id := o.order[0]
	o.order[0] = ""
	o.order = o.order[1:]
	if len(o.order) == 0 {
		o.order = nil // let the drained backing array go
	}
	s := o.slots[id]
	delete(o.slots, id)
	if s.state {
		return StateEvent{s.st}, true
	}
	return ProgressEvent{s.st}, true
}

// forward moves events from the outbox to the consumer's channel until done closes.
func (o *outbox) forward(done <-chan struct{}, out chan<- Event) {
	for {
		ev, ok := o.pop()
		if !ok {
			select {
			case <-o.wake:
				continue
			case <-done:
				return
			}
		}
		select {
		case out <- ev:
		case <-done:
			return
		}
	}
}
