// Package portal is the simulator's MAST Portal: /api/v0/invoke (the Mast.Caom.*,
// Mast.Name.Lookup and Mast.Bundle.Request services, with paging and EXECUTING polls),
// the columnsconfig metadata and the staged bundle scripts.
package portal

import (
	"net/http"
	"sync"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// Service answers the Portal endpoints over env's archive. It keeps per-server job
// and staged-bundle state.
type Service struct {
	env       *simhttp.Env
	executing int // EXECUTING answers per new job before COMPLETE
	configs   map[string][]byte
	filtCols  []Column[obsRow] // Mast.Caom.Filtered answers
	posCols   []Column[obsRow] // cone and position answers (with distance)
	prodCols  []Column[archive.Product]
	// extensions answer the services this package does not know (catalogs).
	extensions []Extension

	mu      sync.Mutex
	jobs    map[uint64]int    // EXECUTING answers given per job
	bundles map[string][]byte // scripts staged by Mast.Bundle.Request, by "<id>/<file>"
}

// New makes the Portal; executing is how many times a new job answers EXECUTING.
func New(env *simhttp.Env, executing int) *Service {
	return &Service{
		env:       env,
		executing: executing,
		configs:   columnsConfigs(),
		filtCols:  append(obsColumns(), selectedCol[obsRow]()),
		posCols:   append(obsColumns(), distanceColumn(), selectedCol[obsRow]()),
		prodCols:  productColumns(),
		jobs:      map[uint64]int{},
	}
}

// Register adds the service's endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/api/v0/invoke", s.invoke)
	mux.HandleFunc("/portal/Mashup/Mashup.asmx/columnsconfig", s.columnsConfig)
	mux.HandleFunc("/portal/Download/stage/anonymous/public/", s.stagedBundle)
}
