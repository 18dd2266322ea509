// Package downloads serves the simulator's product files: GET/HEAD
// /api/v0.1/Download/file with ranges and the download faults, the bundle.sh curl
// script, and the Search API's retrieve_product.
package downloads

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mastui/services/sim/archive"
	"mastui/services/sim/auth"
	"mastui/services/sim/internal/simhttp"
)

// Service serves product files: Download/file, bundle.sh and the Search API's
// retrieve_product.
type Service struct {
	env  *simhttp.Env
	auth *auth.Service
}

// New makes the download service; auth decides who may fetch exclusive-access files.
func New(env *simhttp.Env, auth *auth.Service) *Service { return &Service{env: env, auth: auth} }

// Register adds the service's endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/api/v0.1/Download/file", s.download)
	mux.HandleFunc("/api/v0.1/Download/bundle.sh", s.bundle)
}

// download answers GET/HEAD /api/v0.1/Download/file?uri=<mast URI>, with byte ranges.
func (s *Service) download(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.env.Error(w, http.StatusMethodNotAllowed, "use GET or HEAD")
		return
	}
	uri := downloadURI(r)
	if uri == "" {
		s.env.Error(w, http.StatusBadRequest, "missing uri parameter (a mast: URI)")
		return
	}
	f, err := s.env.Archive.File(uri)
	if errors.Is(err, archive.ErrNotFound) && strings.Contains(uri, " ") {
		f, err = s.env.Archive.File(strings.ReplaceAll(uri, " ", "+")) // an unescaped "+" decodes as a space
	}
	if errors.Is(err, archive.ErrNotFound) {
		s.env.Error(w, http.StatusNotFound, fmt.Sprintf("file not found: %s", uri))
		return
	} else if err != nil {
		s.env.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.ServeFile(w, r, f, uri)
}

// ServeFile sends a product's bytes (GET) or headers (HEAD), honouring Range, the
// exclusive-access check and the download faults.
func (s *Service) ServeFile(w http.ResponseWriter, r *http.Request, f *archive.File, uri string) {
	if f.Product.Exclusive() && !s.auth.Authorized(r) {
		s.env.Error(w, http.StatusUnauthorized, fmt.Sprintf("%s is exclusive-access data: log in with a MAST token that has access", uri))
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", f.Name))
	h.Set("ETag", fmt.Sprintf(`"%016x-%d"`, f.Key(), f.Size))
	h.Set("Last-Modified", archive.MJDTime(f.Product.MJD()+1).Format(http.TimeFormat))
	if !s.env.Faults.IgnoreRange {
		h.Set("Accept-Ranges", "bytes")
	}
	start, end, status := int64(0), f.Size, http.StatusOK
	if rg := r.Header.Get("Range"); rg != "" && !s.env.Faults.IgnoreRange {
		a, b, ok := parseRange(rg, f.Size)
		switch {
		case !ok:
			h.Set("Content-Range", fmt.Sprintf("bytes */%d", f.Size))
			s.env.Error(w, http.StatusRequestedRangeNotSatisfiable, fmt.Sprintf("range %q not satisfiable for %d bytes", rg, f.Size))
			return
		case a >= 0:
			start, end, status = a, b, http.StatusPartialContent
			h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", a, b-1, f.Size))
		}
	}
	cut := s.env.Faults.TruncateAfterBytes
	if r.Method == http.MethodGet && cut > 0 && cut < end-start {
		end = start + cut // no Content-Length below: the body just ends early
	} else if !s.env.Faults.NoContentLength {
		h.Set("Content-Length", strconv.FormatInt(end-start, 10))
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	if d := s.env.Faults.StallBody; d > 0 {
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	body := io.Reader(io.NewSectionReader(f, start, end-start))
	if drop := s.env.Faults.DropAfterBytes; drop > 0 && drop < end-start {
		io.CopyN(w, body, drop)
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		panic(http.ErrAbortHandler) // cut the connection mid-body, as a failing network does
	}
	// One line per body at -verbose, sent or interrupted: the e2e kill -9 scenario adds
	// up the bytes to tell what a resume fetched again.
	n, err := io.CopyBuffer(w, body, make([]byte, 64<<10))
	s.env.Log.Debug("download sent", "uri", uri, "from", start, "bytes", n, "err", err)
}

// downloadURI reads uri=, which astroquery sends with ':' and '/' unescaped and other
// clients fully escaped (then it may arrive escaped twice).
func downloadURI(r *http.Request) string {
	u := r.URL.Query().Get("uri")
	if u == "" {
		if _, raw, ok := strings.Cut(r.URL.RawQuery, "uri="); ok {
			u = raw
		}
	}
	for i := 0; i < 2 && strings.Contains(u, "%"); i++ {
		if v, err := url.PathUnescape(u); err == nil {
			u = v
		}
	}
	return strings.TrimSpace(u)
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
