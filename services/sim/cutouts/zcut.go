package cutouts

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"sort"

	"mastui/services/fits"
	"mastui/services/sim/archive"
)

// survey is a deep field Zcut serves.
type survey struct {
	name            string
	ra, dec, radius float64 // field centre and extent, degrees
	scaleArcsec     float64 // pixel scale
	product         string  // HLSP file stem with %s for the band
	bands           []string
}

// surveys are the CANDELS and GOODS fields at their real positions.
var surveys = []survey{
	{"candels_gn_60mas", 189.228621, 62.238572, 0.17, 0.06, "hlsp_candels_hst_%s_gn-tot-60mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w", "wfc3:f125w", "wfc3:f160w"}},
	{"candels_gn_30mas", 189.228621, 62.238572, 0.17, 0.03, "hlsp_candels_hst_%s_gn-tot-30mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w"}},
	{"goods_north", 189.228621, 62.238572, 0.17, 0.03, "hlsp_goods_hst_%s_n_%s_v2.0_drz", []string{"acs:f435w", "acs:f606w", "acs:f775w", "acs:f850lp"}},
	{"candels_gs_60mas", 53.122751, -27.805089, 0.17, 0.06, "hlsp_candels_hst_%s_gs-tot-60mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w", "wfc3:f125w", "wfc3:f160w"}},
	{"candels_gs_30mas", 53.122751, -27.805089, 0.17, 0.03, "hlsp_candels_hst_%s_gs-tot-30mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w"}},
	{"goods_south", 53.122751, -27.805089, 0.17, 0.03, "hlsp_goods_hst_%s_s_%s_v2.0_drz", []string{"acs:f435w", "acs:f606w", "acs:f775w", "acs:f850lp"}},
	{"candels_cos_60mas", 150.116321, 2.200973, 0.12, 0.06, "hlsp_candels_hst_%s_cos-tot-60mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w", "wfc3:f125w", "wfc3:f160w"}},
	{"candels_egs_60mas", 214.825000, 52.825000, 0.15, 0.06, "hlsp_candels_hst_%s_egs-tot-60mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w", "wfc3:f125w", "wfc3:f160w"}},
	{"candels_uds_60mas", 34.406250, -5.200000, 0.15, 0.06, "hlsp_candels_hst_%s_uds-tot-60mas_%s_v1.0_drz", []string{"acs:f606w", "acs:f814w", "wfc3:f125w", "wfc3:f160w"}},
}

// surveysAt lists the surveys whose field is within radius of the position.
func surveysAt(ra, dec, radius float64) []survey {
	var out []survey
	for _, s := range surveys {
		if archive.AngDist(ra, dec, s.ra, s.dec) <= s.radius+radius {
			out = append(out, s)
		}
	}
	return out
}

// maxImagePixels caps a Zcut or HAPCut cutout side; an angular size asking for more is
// served at a coarser scale, so files stay small.
const maxImagePixels = 200

// imageSize is a cutout's pixel size and scale (arcsec/pixel) for a request.
func imageSize(x, y float64, units string, scaleArcsec float64) (nx, ny int, scale float64, err error) {
	scale = scaleArcsec
	if units == "px" {
		nx, ny = int(math.Round(x)), int(math.Round(y))
		if nx > maxImagePixels || ny > maxImagePixels {
			return 0, 0, 0, fmt.Errorf("cutout of %dx%d pixels: the simulator serves at most %dx%d", nx, ny, maxImagePixels, maxImagePixels)
		}
	} else {
		side := math.Max(x, y) * 3600 / scale
		if side > maxImagePixels {
			scale *= side / maxImagePixels
		}
		nx, ny = int(math.Round(x*3600/scale)), int(math.Round(y*3600/scale))
	}
	return max(nx, 1), max(ny, 1), scale, nil
}

// skyImage is a deterministic field of galaxies: a smooth background, noise and a few
// elliptical blobs; key decides everything.
func skyImage(key string, nx, ny int) []float32 {
	r := newRNG(key)
	type blob struct{ x, y, amp, sx, sy float64 }
	var blobs []blob
	for i := 0; i < 3+int(r.float()*6); i++ {
		blobs = append(blobs, blob{r.float() * float64(nx), r.float() * float64(ny), 0.2 + 2*r.float(), 0.8 + 4*r.float(), 0.8 + 3*r.float()})
	}
	out := make([]float32, nx*ny)
	for y := 0; y < ny; y++ {
		for x := 0; x < nx; x++ {
			v := 0.002 * r.norm()
			for _, b := range blobs {
				dx, dy := (float64(x)-b.x)/b.sx, (float64(y)-b.y)/b.sy
				v += b.amp * math.Exp(-(dx*dx+dy*dy)/2)
			}
			out[y*nx+x] = float32(v)
		}
	}
	return out
}

// cutoutFITS is a PRIMARY plus one CUTOUT image per band.
func cutoutFITS(primary fits.Header, ra, dec float64, scale float64, nx, ny int, bands []string, key string) ([]byte, error) {
	var b bytes.Buffer
	w := fits.NewWriter(&b)
	if err := w.Primary(primary); err != nil {
		return nil, err
	}
	for _, band := range bands {
		inst, filter := splitBand(band)
		h := fits.Header{
			fits.NewCard("INSTRUME", inst, ""), fits.NewCard("FILTER", filter, ""),
			fits.NewCard("CTYPE1", "RA---TAN", ""), fits.NewCard("CTYPE2", "DEC--TAN", ""),
			fits.NewCard("CRVAL1", round6(ra), "[deg]"), fits.NewCard("CRVAL2", round6(dec), "[deg]"),
			fits.NewCard("CRPIX1", float64(nx+1)/2, ""), fits.NewCard("CRPIX2", float64(ny+1)/2, ""),
			fits.NewCard("CDELT1", -scale/3600, "[deg/pixel]"), fits.NewCard("CDELT2", scale/3600, "[deg/pixel]"),
			fits.NewCard("BUNIT", "ELECTRONS/S", ""),
		}
		if err := w.Image("CUTOUT", []int{nx, ny}, skyImage(key+band, nx, ny), h); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

func splitBand(band string) (string, string) {
	for i := 0; i < len(band); i++ {
		if band[i] == ':' {
			return band[:i], band[i+1:]
		}
	}
	return "", band
}

// imgParams are Zcut's jpg/png options (astrocut img_cut).
type imgParams struct {
	stretch      string
	lo, hi       float64 // percentiles, or values when byValue
	byValue, inv bool
}

// renderImage scales data to 8-bit grey with the stretch and encodes it as jpg or png.
// FITS rows run bottom-up; images top-down.
func renderImage(data []float32, nx, ny int, p imgParams, format string) ([]byte, error) {
	lo, hi := p.lo, p.hi
	if !p.byValue {
		sorted := make([]float64, len(data))
		for i, v := range data {
			sorted[i] = float64(v)
		}
		sort.Float64s(sorted)
		at := func(q float64) float64 { return sorted[min(len(sorted)-1, int(q/100*float64(len(sorted))))] }
		lo, hi = at(p.lo), at(p.hi)
	}
	if hi <= lo {
		hi = lo + 1
	}
	img := image.NewGray(image.Rect(0, 0, nx, ny))
	for y := 0; y < ny; y++ {
		for x := 0; x < nx; x++ {
			v := math.Max(0, math.Min(1, (float64(data[y*nx+x])-lo)/(hi-lo)))
			switch p.stretch {
			case "asinh":
				v = math.Asinh(10*v) / math.Asinh(10)
			case "sinh":
				v = math.Sinh(3*v) / math.Sinh(3)
			case "sqrt":
				v = math.Sqrt(v)
			case "log":
				v = math.Log(1000*v+1) / math.Log(1001)
			}
			if p.inv {
				v = 1 - v
			}
			img.SetGray(x, ny-1-y, color.Gray{Y: uint8(math.Round(v * 255))})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	}
	return b.Bytes(), err
}
