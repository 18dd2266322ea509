package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// errStalled is the cause given to an attempt whose connection stopped sending.
var errStalled = errors.New("stalled")

// stallWatch cancels an attempt when no byte arrived for its wait. It is armed before the
// request, so a server that never answers the headers is caught as well.
type stallWatch struct {
	d     time.Duration // (the fetching goroutine) the current wait
	shown atomic.Int64  // d, for the timer's message
	timer *time.Timer
}

func newStallWatch(d time.Duration, cancel context.CancelCauseFunc) *stallWatch {
	w := &stallWatch{d: d}
	w.shown.Store(int64(d))
	w.timer = time.AfterFunc(d, func() {
		cancel(fmt.Errorf("%w: no data for %v", errStalled, time.Duration(w.shown.Load())))
	})
	return w
}

// setWait changes the wait from the next kick on (a cutout's answer has started).
func (w *stallWatch) setWait(d time.Duration) {
	w.d = d
	w.shown.Store(int64(d))
}

func (w *stallWatch) kick()  { w.timer.Reset(w.d) }
func (w *stallWatch) pause() { w.timer.Stop() }
func (w *stallWatch) stop()  { w.timer.Stop() }

// meteredReader feeds the stall watch and the bandwidth cap from every body read.
type meteredReader struct {
	ctx   context.Context
	r     io.Reader
	watch *stallWatch
	lim   *limiter
}

func (m *meteredReader) Read(p []byte) (int, error) {
	p = p[:m.lim.chunk(len(p))]
	n, err := m.r.Read(p)
	if n > 0 {
		m.watch.pause() // sleeping off the rate cap is not a stall
		if werr := m.lim.take(m.ctx, n); werr != nil && err == nil {
			err = werr
		}
		m.watch.kick()
	}
	return n, err
}

// fill reads into buf until it holds min bytes, EOF, an error, or maxWait has passed
// (so a slow link still writes and reports progress often). Unlike io.ReadAtLeast it
// never hides the reader's error nor turns a clean EOF into ErrUnexpectedEOF.
func fill(r io.Reader, buf []byte, min int, maxWait time.Duration) (int, error) {
	n := 0
	start := time.Now()
	for n < min {
		k, err := r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
		if n > 0 && time.Since(start) >= maxWait {
			break
		}
	}
	return n, nil
}
