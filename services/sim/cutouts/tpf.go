package cutouts

import (
	"bytes"
	"fmt"
	"math"

	"mastui/services/fits"
)

// tpfSpec is one target pixel file to make.
type tpfSpec struct {
	hit      hit
	ra, dec  float64 // cutout centre
	nx, ny   int     // columns, rows
	cadences int
	object   string // moving target name, or ""
}

// Columns of a TESScut target pixel file, as astrocut writes them (seed 003: 12 columns
// [D, E, J, nJ, nE, nE, nE, nE, J, E, E, 38A]).
func tpfColumns(nx, ny int) []fits.Column {
	n, dims := nx*ny, []int{nx, ny}
	return []fits.Column{
		{Name: "TIME", Format: 'D', Unit: "BJD - 2457000, days"},
		{Name: "TIMECORR", Format: 'E', Unit: "d"},
		{Name: "CADENCENO", Format: 'J'},
		{Name: "RAW_CNTS", Format: 'J', Repeat: n, Unit: "count", Dims: dims},
		{Name: "FLUX", Format: 'E', Repeat: n, Unit: "e-/s", Dims: dims},
		{Name: "FLUX_ERR", Format: 'E', Repeat: n, Unit: "e-/s", Dims: dims},
		{Name: "FLUX_BKG", Format: 'E', Repeat: n, Unit: "e-/s", Dims: dims},
		{Name: "FLUX_BKG_ERR", Format: 'E', Repeat: n, Unit: "e-/s", Dims: dims},
		{Name: "QUALITY", Format: 'J'},
		{Name: "POS_CORR1", Format: 'E', Unit: "pixel"},
		{Name: "POS_CORR2", Format: 'E', Unit: "pixel"},
		{Name: "FFI_FILE", Format: 'A', Repeat: 38},
	}
}

// tpfRowBytes is the size of one PIXELS row.
func tpfRowBytes(nx, ny int) int { return 8 + 4 + 4 + 5*4*nx*ny + 4 + 4 + 4 + 38 }

// tpfSize is about the size of a target pixel file: its three headers, its PIXELS rows
// and its APERTURE image, each padded to FITS blocks.
func tpfSize(s tpfSpec) int {
	const block = 2880
	pad := func(n int) int { return (n + block - 1) / block * block }
	return 3*2*block + pad(s.cadences*tpfRowBytes(s.nx, s.ny)) + pad(4*s.nx*s.ny)
}

// Quality flags the simulator sets (TESS's bits).
const (
	qualityMomentumDump = 32
	qualityScatteredLt  = 4096
)

// makeTPF writes a target pixel file: PRIMARY, PIXELS (a star at the centre with a
// periodic dip, background and noise; momentum dumps flagged every 3.125 days and a
// stretch of scattered light with NaN pixels) and APERTURE.
func makeTPF(s tpfSpec) ([]byte, error) {
	key := fmt.Sprintf("%s %.6f %.6f %dx%d %d %s", s.hit.name(), s.ra, s.dec, s.nx, s.ny, s.cadences, s.object)
	r := newRNG(key)
	star := 2000 + 20000*r.float()
	period, depth, phase := 1+5*r.float(), 0.005+0.02*r.float(), r.float()
	bkg := 80 + 40*r.float()
	t0, t1 := sectorSpan(s.hit.sector)
	dt := (t1 - t0) / float64(s.cadences)
	cx, cy := float64(s.nx-1)/2, float64(s.ny-1)/2
	psf := make([]float64, s.nx*s.ny)
	for y := 0; y < s.ny; y++ {
		for x := 0; x < s.nx; x++ {
			d2 := (float64(x)-cx)*(float64(x)-cx) + (float64(y)-cy)*(float64(y)-cy)
			psf[y*s.nx+x] = math.Exp(-d2/(2*0.9*0.9)) / (2 * math.Pi * 0.9 * 0.9)
		}
	}
	var b bytes.Buffer
	b.Grow(tpfSize(s)) // one allocation, not a doubling series of copies
	w := fits.NewWriter(&b)
	objName := s.object
	primary := fits.Header{
		fits.NewCard("ORIGIN", "STScI/MAST", "institution responsible for creating this file"),
		fits.NewCard("CREATOR", "astrocut", "pipeline job and program used to produce this file"),
		fits.NewCard("PROCVER", "mastui-sim", "simulated data, not a real observation"),
		fits.NewCard("TELESCOP", "TESS", "telescope"),
		fits.NewCard("INSTRUME", "TESS Photometer", "detector type"),
		fits.NewCard("OBJECT", objName, "string version of target id"),
		fits.NewCard("RA_OBJ", round6(s.ra), "[deg] right ascension"),
		fits.NewCard("DEC_OBJ", round6(s.dec), "[deg] declination"),
		fits.NewCard("SECTOR", s.hit.sector, "Observing sector"),
		fits.NewCard("CAMERA", s.hit.camera, "Camera number"),
		fits.NewCard("CCD", s.hit.ccd, "CCD chip number"),
		fits.NewCard("TSTART", t0, "observation start time in TJD of first FFI"),
		fits.NewCard("TSTOP", t1, "observation stop time in TJD of last FFI"),
		fits.NewCard("MOVING", s.object != "", "moving target cutout"),
	}
	if err := w.Primary(primary); err != nil {
		return nil, err
	}
	n := s.nx * s.ny
	raw := make([]int32, n)
	flux, ferr, fbkg, fbkgErr := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	extra := fits.Header{
		fits.NewCard("TIMEREF", "SOLARSYSTEM", "barycentric correction applied to times"),
		fits.NewCard("TIMESYS", "TDB", "time system is Barycentric Dynamical Time (TDB)"),
		fits.NewCard("BJDREFI", 2457000, "integer part of BTJD reference date"),
		fits.NewCard("BJDREFF", 0.0, "fraction of the day in BTJD reference date"),
		fits.NewCard("TIMEUNIT", "d", "time unit for TIME, TSTART and TSTOP"),
		fits.NewCard("TSTART", t0, "observation start time in BTJD"),
		fits.NewCard("TSTOP", t1, "observation stop time in BTJD"),
		fits.NewCard("TIMEDEL", dt, "[d] time resolution of data"),
		fits.NewCard("EXPOSURE", round6((t1-t0)*0.8), "[d] time on source"),
		fits.NewCard("NCADENCE", s.cadences, "number of cadences"),
	}
	scatterFrom, scatterTo := s.cadences*6/10, s.cadences*6/10+max(1, s.cadences/40)
	err := w.BinTable("PIXELS", tpfColumns(s.nx, s.ny), s.cadences, extra, func(i int, row *fits.Row) error {
		t := t0 + (float64(i)+0.5)*dt
		quality := int32(0)
		if math.Mod(t-t0, 3.125) < dt {
			quality |= qualityMomentumDump
		}
		scattered := i >= scatterFrom && i < scatterTo
		if scattered {
			quality |= qualityScatteredLt
		}
		level := star
		if ph := math.Mod(t/period+phase, 1); ph < 0.03 {
			level *= 1 - depth
		}
		for k := 0; k < n; k++ {
			signal := level*psf[k] + bkg
			noise := math.Sqrt(signal) * r.norm()
			f := signal - bkg + noise
			flux[k], ferr[k] = float32(f), float32(math.Sqrt(signal))
			fbkg[k], fbkgErr[k] = float32(bkg+r.norm()), float32(math.Sqrt(bkg))
			raw[k] = int32((signal + noise) * 1.6)
			if scattered && k%3 == 0 {
				flux[k] = float32(math.NaN())
			}
		}
		row.Float64(t)
		row.Float32(float32(0.0027 + 0.0001*math.Sin(t/13)))
		row.Int32(int32(100000*s.hit.sector + i))
		row.Int32s(raw)
		row.Float32s(flux)
		row.Float32s(ferr)
		row.Float32s(fbkg)
		row.Float32s(fbkgErr)
		row.Int32(quality)
		row.Float32(float32(0.01 * r.norm()))
		row.Float32(float32(0.01 * r.norm()))
		row.String(fmt.Sprintf("tess%013d-s%04d-%d-%d-0000-s_ffic.fits", 2018206045859+int64(s.hit.sector)*1000000+int64(i), s.hit.sector, s.hit.camera, s.hit.ccd)[:38], 38)
		return nil
	})
	if err != nil {
		return nil, err
	}
	aperture := make([]int32, n)
	for k := range aperture {
		aperture[k] = 1 // collected
		if psf[k] > 0.02 {
			aperture[k] |= 2 // in the optimal aperture
		}
	}
	wcs := fits.Header{
		fits.NewCard("CTYPE1", "RA---TAN", ""), fits.NewCard("CTYPE2", "DEC--TAN", ""),
		fits.NewCard("CRVAL1", round6(s.ra), "[deg]"), fits.NewCard("CRVAL2", round6(s.dec), "[deg]"),
		fits.NewCard("CRPIX1", float64(s.nx+1)/2, ""), fits.NewCard("CRPIX2", float64(s.ny+1)/2, ""),
		fits.NewCard("CDELT1", -tessPixelDeg, "[deg/pixel]"), fits.NewCard("CDELT2", tessPixelDeg, "[deg/pixel]"),
	}
	if err := w.Image("APERTURE", []int{s.nx, s.ny}, aperture, wcs); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }
