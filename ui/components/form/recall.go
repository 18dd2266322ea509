package form

import "mastui/model/history"

// Recall walks a form's search history with ↑/↓ in its target field, as a shell does:
// ↑ gives the previous search, ↓ the next, and past the newest the form as it was before
// the first ↑ (the draft). The owner puts what Step gives in the form and calls Stop on
// any other key, or when the form loses the keys.
type Recall struct {
	active  bool
	entries []history.Entry // oldest first, read at the first ↑
	at      int             // the entry in the form
	draft   history.Search
}

// Active reports whether a walk is on.
func (r *Recall) Active() bool { return r.active }

// Stop ends the walk (the form stays as it is).
func (r *Recall) Stop() { *r = Recall{} }

// Step moves the walk by dir (↑ -1, ↓ +1). ok is false when the key is not the walk's
// (↓ while not walking, or no history): it then does what it does elsewhere. Otherwise
// put is the search to put in the form; put is false at the oldest end (stay).
// entries lists the history (oldest first) at the first ↑, and snapshot is the form as
// it is then.
func (r *Recall) Step(dir int, entries func() ([]history.Entry, error), snapshot func() history.Search) (s history.Search, put, ok bool, err error) {
	if !r.active {
		if dir > 0 {
			return s, false, false, nil
		}
		list, err := entries()
		if err != nil {
			return s, false, true, err
		}
		if len(list) == 0 {
			return s, false, false, nil
		}
		*r = Recall{active: true, entries: list, at: len(list), draft: snapshot()}
	}
	next := r.at + dir
	switch {
	case next < 0:
		return s, false, true, nil
	case next >= len(r.entries):
		draft := r.draft
		r.Stop()
		return draft, true, true, nil
	}
	r.at = next
	return r.entries[next].Search, true, true, nil
}
