package download

import (
	"strings"

	"mastui/model"
)

// TESSFullFrameImages counts the TESS full-frame images among products and their bytes:
// calibrated or raw frames (productSubGroupDescription FFIC or FFIR, "…-s_ffic.fits").
// A sector holds thousands of 35 MB frames per camera and CCD, so, as astroquery does,
// a download that includes them is stopped with a pointer to TESScut, which cuts out
// just the pixels around a target (`mastui tesscut cutout`).
func TESSFullFrameImages(ps []model.ProductRef) (n int, bytes int64) {
	for _, p := range ps {
		if isTESSFFI(p) {
			n++
			bytes += p.Size
		}
	}
	return n, bytes
}

func isTESSFFI(p model.ProductRef) bool {
	if !strings.EqualFold(p.ObsCollection, "TESS") {
		return false
	}
	switch strings.ToUpper(strings.TrimSpace(p.SubGroup)) {
	case "FFIC", "FFIR":
		return true
	}
	name := strings.ToLower(p.Filename)
	return strings.HasSuffix(name, "_ffic.fits") || strings.HasSuffix(name, "_ffir.fits")
}
