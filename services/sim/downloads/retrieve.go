package downloads

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"

	"mastui/services/sim/archive"
)

// Retrieve answers the Search API's GET/HEAD retrieve_product?product_name=<dataset>/<file>
// for mission m.
func (s *Service) Retrieve(w http.ResponseWriter, r *http.Request, m *archive.SearchMission) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.env.Error(w, http.StatusMethodNotAllowed, "use GET or HEAD")
		return
	}
	name := r.URL.Query().Get("product_name")
	for i := 0; i < 2 && strings.Contains(name, "%"); i++ {
		if v, err := url.PathUnescape(name); err == nil {
			name = v
		}
	}
	name = strings.TrimSpace(name)
	if name == "" {
		s.env.Error(w, http.StatusBadRequest, "missing product_name parameter")
		return
	}
	dir, base := path.Split(name)
	uri := "mast:" + strings.ToUpper(m.Name) + "/product/" + base
	f, err := s.env.Archive.File(uri)
	if errors.Is(err, archive.ErrNotFound) && dir != "" {
		for _, p := range s.env.Archive.SearchProducts(m, strings.Trim(dir, "/")) {
			if p.Filename == base {
				f, err = s.env.Archive.NewFile(p), nil
			}
		}
	}
	if err != nil {
		s.env.Error(w, http.StatusNotFound, fmt.Sprintf("product not found: %s", name))
		return
	}
	s.ServeFile(w, r, f, uri)
}
