package cutouts

import (
	"fmt"
	"math"

	"mastui/services/fits"
)

// LightCurve is the summed flux of a target pixel file, cadence by cadence.
type LightCurve struct {
	Time    []float64 // TIME of each kept cadence (BTJD: BJD - 2457000, days)
	Flux    []float64 // FLUX summed over the cutout's pixels (e-/s), NaN pixels left out
	Skipped int       // cadences left out: flagged QUALITY, NaN TIME, or no finite pixel
	Pixels  [2]int    // cutout width and height (columns, rows)
}

// ReadLightCurve reads the light curve of the target pixel file at path.
func ReadLightCurve(path string) (*LightCurve, error) {
	f, err := fits.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lc, err := LightCurveOf(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lc, nil
}

// LightCurveOf sums the PIXELS table's FLUX per cadence, keeping cadences with
// QUALITY 0, a finite TIME and at least one finite pixel.
func LightCurveOf(f *fits.File) (*LightCurve, error) {
	h, ok := f.HDU("PIXELS")
	if !ok {
		return nil, fmt.Errorf("no PIXELS table: not a target pixel file")
	}
	t, err := f.Table(h)
	if err != nil {
		return nil, err
	}
	tm, err := t.Values("TIME")
	if err != nil {
		return nil, err
	}
	flux, err := t.Values("FLUX")
	if err != nil {
		return nil, err
	}
	quality, err := t.Values("QUALITY")
	if err != nil {
		quality = make([]float64, t.Rows) // no QUALITY column: every cadence counts
	}
	ci, _ := t.Column("FLUX")
	col := t.Columns[ci]
	lc := &LightCurve{}
	if len(col.Dims) == 2 {
		lc.Pixels = [2]int{col.Dims[0], col.Dims[1]}
	}
	per := max(col.Repeat, 1)
	for r := 0; r < t.Rows; r++ {
		if quality[r] != 0 || math.IsNaN(tm[r]) {
			lc.Skipped++
			continue
		}
		sum, n := 0.0, 0
		for _, v := range flux[r*per : (r+1)*per] {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				sum += v
				n++
			}
		}
		if n == 0 {
			lc.Skipped++
			continue
		}
		lc.Time = append(lc.Time, tm[r])
		lc.Flux = append(lc.Flux, sum)
	}
	return lc, nil
}
