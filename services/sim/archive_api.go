package sim

import "mastui/services/sim/archive"

// The demo archive lives in package archive; these names keep the simulator's public
// API in one import for the rest of the repository.
type (
	// Archive is the deterministic synthetic CAOM archive a Server serves.
	Archive = archive.Archive
	// Obs is one CAOM observation of the archive.
	Obs = archive.Obs
	// Product is one row of a Mast.Caom.Products answer, plus what its file needs.
	Product = archive.Product
	// File is the content of one product file.
	File = archive.File
)

// ErrNotFound is returned for unknown observations and files.
var ErrNotFound = archive.ErrNotFound

// ReferenceMJD is the simulator's fixed "today" (2026-01-01).
const ReferenceMJD = archive.ReferenceMJD

// NewArchive builds the demo archive for seed (0 means 1), the same one New serves.
func NewArchive(seed int64) (*Archive, error) { return archive.New(seed) }
