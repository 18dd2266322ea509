// Package downloads serves the simulator's product files: GET/HEAD
// /api/v0.1/Download/file with ranges and the download faults, the bundle.sh curl
// script, and the Search API's retrieve_product.
package downloads

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

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
	s.env.ServeRange(w, r, f, f.Size, uri)
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
