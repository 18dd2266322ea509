package common

import (
	"context"

	"mastui/services/mast"
)

// Histogrammer is an Archive that also has the archive-wide distributions of the numeric
// CAOM columns (Mast.Caom.All; *mast.Client has them): the Observations form draws those
// of time and exposure beside their fields.
type Histogrammer interface {
	Histograms(ctx context.Context) (map[string]mast.Histogram, error)
}
