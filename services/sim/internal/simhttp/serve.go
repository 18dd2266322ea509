package simhttp

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ServeRange sends size bytes of body (GET) or only the headers (HEAD), honouring a
// single Range and the download faults (IgnoreRange, NoContentLength, TruncateAfterBytes,
// StallBody, DropAfterBytes). The caller has set Content-Type and the like; what names
// the body in logs.
func (e *Env) ServeRange(w http.ResponseWriter, r *http.Request, body io.ReaderAt, size int64, what string) {
	h := w.Header()
	if !e.Faults.IgnoreRange {
		h.Set("Accept-Ranges", "bytes")
	}
	start, end, status := int64(0), size, http.StatusOK
	if rg := r.Header.Get("Range"); rg != "" && !e.Faults.IgnoreRange {
		a, b, ok := parseRange(rg, size)
		switch {
		case !ok:
			h.Set("Content-Range", fmt.Sprintf("bytes */%d", size))
			e.Error(w, http.StatusRequestedRangeNotSatisfiable, fmt.Sprintf("range %q not satisfiable for %d bytes", rg, size))
			return
		case a >= 0:
			start, end, status = a, b, http.StatusPartialContent
			h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", a, b-1, size))
		}
	}
	cut := e.Faults.TruncateAfterBytes
	if r.Method == http.MethodGet && cut > 0 && cut < end-start {
		end = start + cut // no Content-Length below: the body just ends early
	} else if !e.Faults.NoContentLength {
		h.Set("Content-Length", strconv.FormatInt(end-start, 10))
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	if d := e.Faults.StallBody; d > 0 {
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	rd := io.Reader(io.NewSectionReader(body, start, end-start))
	if drop := e.Faults.DropAfterBytes; drop > 0 && drop < end-start {
		io.CopyN(w, rd, drop)
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		panic(http.ErrAbortHandler) // cut the connection mid-body, as a failing network does
	}
	// One line per body at -verbose, sent or interrupted: the e2e kill -9 scenario adds
	// up the bytes to tell what a resume fetched again.
	n, err := io.CopyBuffer(w, rd, make([]byte, 64<<10))
	e.Log.Debug("download sent", "what", what, "from", start, "bytes", n, "err", err)
}

// parseRange reads a single "bytes=a-b", "bytes=a-" or "bytes=-n" range. It returns
// [start, end) and ok; start = -1 with ok means "ignore" (several ranges: we send all).
func parseRange(h string, size int64) (int64, int64, bool) {
	spec, ok := strings.CutPrefix(strings.TrimSpace(h), "bytes=")
	if !ok {
		return 0, 0, false
	}
	if strings.Contains(spec, ",") {
		return -1, 0, true
	}
	a, b, ok := strings.Cut(strings.TrimSpace(spec), "-")
	if !ok {
		return 0, 0, false
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" { // suffix: the last n bytes
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			return 0, 0, false
		}
		return max(size-n, 0), size, size > 0
	}
	start, err := strconv.ParseInt(a, 10, 64)
	if err != nil || start < 0 || start >= size {
		return 0, 0, false
	}
	end := size
	if b != "" {
		e, err := strconv.ParseInt(b, 10, 64)
		if err != nil || e < start {
			return 0, 0, false
		}
		end = min(e+1, size)
	}
	return start, end, true
}
