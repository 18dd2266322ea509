package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// attempt is one HTTP request for the rest of an item, appended to its .part.
type attempt struct {
	m    *Manager
	e    *entry
	it   Item
	k    fileKind
	f    *os.File
	part string
	off  int64 // bytes in the .part
	buf  []byte
	// url is the source asked: the item's URL, or its CloudURL (public: no credentials).
	url    string
	public bool
	start  int64 // .part size when the attempt began
}

// fetch sends GET (with Range when resuming) and copies the body into the .part, accepting
// only answers that provably continue or replace it.
func (a *attempt) fetch(ctx context.Context) outcome {
	m := a.m
	if cutoutService(a.it.URL) == "TESScut" { // MAST's limit of 10 per user, shared with the client
		release, err := m.tesscut.Acquire(ctx)
		if err != nil {
			return a.fail(retryErr(err))
		}
		defer release()
	}
	actx, acancel := context.WithCancelCause(ctx)
	defer acancel(nil)
	wait := m.opts.StallTimeout
	if a.it.Unpack != "" { // the service computes the cutout before its first byte
		wait = max(wait, m.opts.ComputeTimeout)
	}
	watch := newStallWatch(wait, acancel)
	defer watch.stop()

	req, err := http.NewRequestWithContext(actx, http.MethodGet, a.url, nil)
	if err != nil {
		return a.fail(fatalErr(fmt.Errorf("build request: %w", err)))
	}
	if a.off > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", a.off))
		if a.e.etag != "" {
			req.Header.Set("If-Range", a.e.etag) // a changed file comes back whole (200)
		}
	}
	if a.public {
		m.preparePublic(req)
	} else {
		m.prepare(req)
	}
	tokenSent := strings.HasPrefix(req.Header.Get("Authorization"), "Bearer ")
	m.countAttempt(a.e)
	m.progress(a.e, a.off, a.it.Size)

	resp, err := m.client.Do(req)
	if err != nil {
		return a.fail(wireErr(actx, err)) // *url.Error names the method and URL
	}
	defer resp.Body.Close()
	watch.setWait(m.opts.StallTimeout) // the answer has started: a pause now is a stall
	watch.kick()

	total, whole, ae := a.accept(resp, tokenSent)
	if ae != nil {
		return a.fail(ae)
	}
	if whole { // 416: the .part already holds every byte
		return m.finalize(a.f, a.part, a.it, a.k, a.off, true)
	}
	if a.it.Size == 0 && total > 0 {
		m.learnSize(a.e, total)
		a.it.Size = total
	}
	if et := resp.Header.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
		a.e.etag = et
	}
	return a.copyBody(actx, resp.Body, watch, total)
}

// accept judges the answer's status and headers. It returns the file's total size (-1
// unknown), whether the .part is already whole (416 at its end), or why the answer is
// refused.
func (a *attempt) accept(resp *http.Response, tokenSent bool) (int64, bool, *attemptErr) {
	want, had := a.it.Size, a.off
	restartFile := func(why error) (int64, bool, *attemptErr) {
		var err error
		if a.off, err = restart(a.f); err != nil {
			return 0, false, localErr(err)
		}
		return 0, false, retryErr(why)
	}
	switch resp.StatusCode {
	case http.StatusOK:
		if had > 0 {
			// Range ignored: the body is the whole file, never to be appended.
			a.m.log.Info("server ignored Range; restarting the file", "id", a.it.ID, "had", had)
			var err error
			if a.off, err = restart(a.f); err != nil {
				return 0, false, localErr(err)
			}
		}
		total := resp.ContentLength
		if want > 0 && total >= 0 && total != want {
			return 0, false, retryErr(fmt.Errorf("the server announces %d bytes, the product list %d", total, want))
		}
		return total, false, a.checkType(resp)
	case http.StatusPartialContent:
		cr := resp.Header.Get("Content-Range")
		start, end, size, ok := parseContentRange(cr)
		if !ok || start != had || size <= 0 || end != size-1 || want > 0 && size != want {
			return restartFile(fmt.Errorf("the server answered a resume from byte %d with Content-Range %q; restarting the file", had, cr))
		}
		return size, false, a.checkType(resp)
	case http.StatusRequestedRangeNotSatisfiable:
		if _, _, size, ok := parseContentRange(resp.Header.Get("Content-Range")); ok && had > 0 && size == had && (want == 0 || want == had) {
			return had, true, nil
		}
		return restartFile(fmt.Errorf("the server refused to resume from byte %d (HTTP 416); restarting the file", had))
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode < 300 {
		return 0, false, fatalErr(fmt.Errorf("unexpected HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
	}
	return 0, false, statusErr(resp, body, tokenSent, a.m.auth.current() != "")
}

// checkType refuses a body whose Content-Type says it is an error page.
func (a *attempt) checkType(resp *http.Response) *attemptErr {
	if err := checkContentType(resp.Header.Get("Content-Type"), a.k); err != nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if nd := noDataAnswer(a.it, body); nd != nil {
			return fatalErr(nd) // the service has nothing here: asking again will not change that
		}
		if t := pageTitle(body); t != "" {
			err = fmt.Errorf("%w: %s", err, t)
		}
		return retryErr(err)
	}
	return nil
}

// copyBody appends the body to the .part with large reads and writes, publishing
// throttled progress, then finalizes a complete file.
func (a *attempt) copyBody(ctx context.Context, body io.Reader, watch *stallWatch, total int64) outcome {
	m := a.m
	want := a.it.Size
	if want <= 0 {
		want = total
	}
	r := &meteredReader{ctx: ctx, r: body, watch: watch, lim: m.lim}
	sniff := a.off == 0
	last := time.Now()
	flushed := a.off // start of the bytes not yet sent on their way to the disk
	for {
		need := fillSize
		if sniff {
			need = sniffSize
		}
		if want > 0 {
			need = int(max(min(int64(need), want-a.off), 1))
		}
		n, rerr := fill(r, a.buf, need, fillWait)
		if n > 0 {
			if sniff {
				if nd := noDataAnswer(a.it, a.buf[:n]); nd != nil {
					return a.fail(fatalErr(nd))
				}
				if err := checkHead(a.buf[:n], a.k); err != nil {
					return a.fail(retryErr(err)) // nothing of it was written
				}
				sniff = false
			}
			if want > 0 && a.off+int64(n) > want {
				a.off, _ = restart(a.f) // too long: not the product we expect, start over
				return a.fail(retryErr(fmt.Errorf("the server sent more than the expected %d bytes", want)))
			}
			if _, err := a.f.WriteAt(a.buf[:n], a.off); err != nil {
				return a.fail(localErr(err))
			}
			a.off += int64(n)
			if m.opts.Durable && a.off-flushed >= writebackChunk {
				startWriteback(a.f, flushed, a.off-flushed)
				flushed = a.off
			}
			if now := time.Now(); now.Sub(last) >= m.opts.ProgressInterval {
				last = now
				m.progress(a.e, a.off, want)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return a.fail(wireErr(ctx, fmt.Errorf("reading the body after %d bytes: %w", a.off, rerr)))
		}
	}
	if want > 0 && a.off != want {
		return a.fail(retryErr(fmt.Errorf("the answer ended after %d of %d bytes", a.off, want)))
	}
	if m.opts.Durable {
		startWriteback(a.f, flushed, a.off-flushed)
	}
	confirmed := want > 0
	// Nothing said how long the body would be: ask (astroquery's HEAD), except a cutout
	// service, which would compute the cutout again; its zip's end proves it whole.
	if !confirmed && a.it.Unpack == "" {
		switch size := m.headSize(ctx, a.it); {
		case size == a.off:
			confirmed = true
		case size > a.off:
			return a.fail(retryErr(fmt.Errorf("the answer ended after %d bytes; HEAD announces %d", a.off, size)))
		case size >= 0:
			got := a.off
			a.off, _ = restart(a.f) // longer than the file: not a prefix of it
			return a.fail(retryErr(fmt.Errorf("the answer sent %d bytes; HEAD announces %d", got, size)))
		}
	}
	m.progress(a.e, a.off, a.off)
	return m.finalize(a.f, a.part, a.it, a.k, a.off, confirmed)
}

func (a *attempt) fail(ae *attemptErr) outcome {
	return outcome{reached: a.off, err: ae, progressed: a.off > a.start}
}

// wireErr classifies a network error, naming a stall as such.
func wireErr(actx context.Context, err error) *attemptErr {
	if cause := context.Cause(actx); errors.Is(cause, errStalled) {
		return retryErr(cause)
	}
	return classifyTransport(err)
}

// parseContentRange reads "bytes a-b/n" or "bytes */n"; a = -1 for the latter, n = -1
// for an unknown total.
func parseContentRange(v string) (start, end, size int64, ok bool) {
	spec, found := strings.CutPrefix(strings.TrimSpace(v), "bytes ")
	if !found {
		return 0, 0, 0, false
	}
	rng, tot, found := strings.Cut(strings.TrimSpace(spec), "/")
	if !found {
		return 0, 0, 0, false
	}
	size = -1
	if tot != "*" {
		n, err := strconv.ParseInt(tot, 10, 64)
		if err != nil || n < 0 {
			return 0, 0, 0, false
		}
		size = n
	}
	if rng == "*" {
		return -1, -1, size, true
	}
	as, bs, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, 0, false
	}
	s, err1 := strconv.ParseInt(as, 10, 64)
	e, err2 := strconv.ParseInt(bs, 10, 64)
	if err1 != nil || err2 != nil || s < 0 || e < s {
		return 0, 0, 0, false
	}
	return s, e, size, true
}
