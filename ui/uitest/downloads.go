package uitest

import (
	"slices"
	"sync"
	"time"

	"mastui/download"
)

// Downloads is a fake download engine (common.Downloads): a fixed snapshot, an events
// channel the test feeds, and a record of the controls called ("pause id", "retry-failed").
type Downloads struct {
	mu     sync.Mutex
	Status []download.Status // what Snapshot returns
	Ch     chan download.Event
	Added  []download.Item
	calls  []string
	Err    error  // returned by every control and Add when set
	Token  string // the last SetToken's
}

// NewDownloads builds a fake holding st.
func NewDownloads(st ...download.Status) *Downloads {
	return &Downloads{Status: st, Ch: make(chan download.Event, 64)}
}

func (d *Downloads) call(s string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, s)
	return d.Err
}

// Calls lists the controls called, in order.
func (d *Downloads) Calls() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.calls...)
}

// AddAll records the items; each new one becomes queued in the snapshot. Like the
// engine, an item (by URL and path) already held or repeated in the batch is counted,
// not added.
func (d *Downloads) AddAll(items ...download.Item) (download.AddResult, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var res download.AddResult
	if d.Err != nil {
		return res, d.Err
	}
	held := map[string]download.State{}
	for _, s := range d.Status {
		held[download.ItemID(s.URL, s.Dest)] = s.State
	}
	seen := map[string]bool{}
	for _, it := range items {
		id := download.ItemID(it.URL, it.Dest)
		dup := seen[id]
		seen[id] = true
		switch st, ok := held[id]; {
		case dup:
			res.Duplicates++
			continue
		case ok && (st == download.Done || st == download.Skipped):
			res.AlreadyDone++
			continue
		case ok:
			res.AlreadyQueued++
			continue
		}
		d.Added = append(d.Added, it)
		d.Status = append(d.Status, download.Status{Item: it, State: download.Queued, Total: it.Size})
		res.Added++
		res.Bytes += it.Size
	}
	return res, nil
}

// Events implements common.Downloads.
func (d *Downloads) Events() <-chan download.Event { return d.Ch }

// Snapshot implements common.Downloads.
func (d *Downloads) Snapshot() []download.Status {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]download.Status(nil), d.Status...)
}

// Pause implements common.Downloads.
func (d *Downloads) Pause(id string) error { return d.call("pause " + id) }

// Resume implements common.Downloads.
func (d *Downloads) Resume(id string) error { return d.call("resume " + id) }

// Cancel implements common.Downloads.
func (d *Downloads) Cancel(id string) error { return d.call("cancel " + id) }

// Retry implements common.Downloads.
func (d *Downloads) Retry(id string) error { return d.call("retry " + id) }

// SetToken implements common.Downloads: login-required items become queued. The call is
// recorded without the token ("set-token").
func (d *Downloads) SetToken(token string) error {
	if err := d.call("set-token"); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Token = token
	for i := range d.Status {
		if d.Status[i].State == download.LoginRequired && token != "" {
			d.Status[i].State = download.Queued
		}
	}
	return nil
}

// PauseAll implements common.Downloads.
func (d *Downloads) PauseAll() error { return d.call("pause-all") }

// ResumeAll implements common.Downloads.
func (d *Downloads) ResumeAll() error { return d.call("resume-all") }

// RetryFailed implements common.Downloads.
func (d *Downloads) RetryFailed() error { return d.call("retry-failed") }

// ClearFinished implements common.Downloads: finished items leave the snapshot.
func (d *Downloads) ClearFinished() error {
	if err := d.call("clear"); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	kept := d.Status[:0]
	for _, s := range d.Status {
		if s.State != download.Done && s.State != download.Skipped && s.State != download.Unverified && s.State != download.Cancelled {
			kept = append(kept, s)
		}
	}
	d.Status = kept
	return nil
}

// ClearFailed implements common.Downloads: failed and login-required items leave the
// snapshot.
func (d *Downloads) ClearFailed() error {
	if err := d.call("clear-failed"); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Status = slices.DeleteFunc(d.Status, func(s download.Status) bool {
		return s.State == download.Failed || s.State == download.LoginRequired
	})
	return nil
}

// DemoStatuses is one download in each state the panel draws: active with progress,
// queued, paused, done, login-required, waiting to retry at retryAt, failed with a reason.
func DemoStatuses(retryAt time.Time) []download.Status {
	it := func(id, name string, size int64) download.Item {
		return download.Item{ID: id, URL: "https://mast.example/" + name, Dest: "/data/mastDownload/JWST/jw01073/" + name,
			Size: size, URI: "mast:JWST/product/" + name, Filename: name, Collection: "JWST", ObsID: "jw01073"}
	}
	return []download.Status{
		{Item: it("a", "jw01073-o001_t001_nircam_f277w_i2d.fits", 2_100_000_000), State: download.Active,
			Done: 1_344_000_000, Total: 2_100_000_000, Rate: 21_000_000, ETA: 36 * time.Second, Attempt: 1},
		{Item: it("b", "jw01073001001_02101_00001_nrcb1_cal.fits", 117_000_000), State: download.Queued, Total: 117_000_000},
		{Item: it("c", "jw01073001001_02101_00002_nrcb1_cal.fits", 117_000_000), State: download.Paused,
			Done: 48_000_000, Total: 117_000_000},
		{Item: it("d", "jw01073001001_02101_00003_nrcb1_rate.fits", 90_000_000), State: download.Done,
			Done: 90_000_000, Total: 90_000_000},
		{Item: it("e", "o6au01msq_x1d.fits", 1_200_000), State: download.LoginRequired, Total: 1_200_000,
			Err: "login required: exclusive-access data; log in with a MAST token (HTTP 401 Unauthorized)", Attempt: 1},
		{Item: it("g", "o6au02nkq_raw.fits", 2_400_000), State: download.Failed, Total: 2_400_000,
			Err: "HTTP 404 Not Found", Attempt: 1},
		{Item: it("f", "u9o40504m_drz.fits", 32_000_000), State: download.Queued, Total: 32_000_000,
			Err: "HTTP 503", Attempt: 1, NextRetry: retryAt},
	}
}
