package archive

import (
	"strings"
)

// recipe says how an observation's product list is made.
type recipe uint8

const (
	recipeNone recipe = iota
	recipeHST
	recipeHLA
	recipeJWSTL3
	recipeJWSTExp
	recipeTESS
	recipeTESSFFI
	recipeKepler
	recipeK2
	recipeGALEX
	recipeIUE
	recipeSWIFT
	recipeFUSE
	recipePS1
	recipeHLSP
	recipeSpitzer
	recipeSmall
	recipeKeplerFFI
	recipeK2FFI
)

// prodList accumulates the product rows of one Mast.Caom.Products listing. owner is
// the observation the next files belong to (obsID column); parent is the obsid asked for.
type prodList struct {
	a      *Archive
	owner  *Obs
	parent uint64
	out    []Product
}

const (
	kB = 1024.0
	mB = 1024 * 1024.0
)

// Product types and the one-letter "type" column MAST pairs with them.
const (
	ptScience     = "SCIENCE"
	ptCalibration = "CALIBRATION"
	ptAuxiliary   = "AUXILIARY"
	ptPreview     = "PREVIEW"
	ptThumbnail   = "THUMBNAIL"
	ptInfo        = "INFO"
)

func typeLetter(productType string) string {
	switch productType {
	case ptCalibration:
		return "C"
	case ptAuxiliary:
		return "D"
	default:
		return "S"
	}
}

// add appends one product of the current owner. The size depends only on the URI, so
// a file shared by several observations has one size wherever it is listed.
func (l *prodList) add(file, uri, desc, productType, sub string, calib int, mrp bool, lo, hi float64) {
	o := l.owner
	p := Product{
		ObsID:           o.Obsid,
		ParentObsID:     l.parent,
		Collection:      o.Collection,
		DataproductType: o.ProductType,
		ObsIDStr:        o.ObsID,
		Description:     desc,
		Type:            typeLetter(productType),
		DataURI:         uri,
		ProductType:     productType,
		SubGroup:        sub,
		Project:         o.Project,
		PrvVersion:      pipelineVersion(o),
		ProposalID:      o.ProposalID,
		Filename:        file,
		Size:            fileSize(l.a.seed, uri, lo, hi),
		DataRights:      o.DataRights,
		CalibLevel:      calib,
		Filters:         o.Filters,
		telescope:       telescopeOf(o.Collection),
		instrument:      o.Instrument,
		target:          o.Target,
		ra:              o.RA,
		dec:             o.Dec,
		mjd:             o.TMin,
	}
	if mrp {
		p.GroupDescription = "Minimum Recommended Products"
	}
	if productType == ptScience && docURLs[o.Collection] != "" && calib >= 2 {
		p.DocURL = docURLs[o.Collection]
	}
	l.out = append(l.out, p)
}

var docURLs = map[string]string{
	"HST":  "https://hst-docs.stsci.edu/hstdhb",
	"JWST": "https://jwst-docs.stsci.edu/accessing-jwst-data/jwst-science-data-overview",
	"TESS": "https://archive.stsci.edu/missions-and-data/tess/data-products",
}

func telescopeOf(collection string) string {
	switch collection {
	case "HLA":
		return "HST"
	case "K2", "Kepler", "KeplerFFI", "K2FFI":
		return "Kepler"
	case "SPITZER_SHA":
		return "Spitzer"
	case "HLSP":
		return "HLSP"
	default:
		return collection
	}
}

func pipelineVersion(o *Obs) string {
	switch o.Provenance {
	case "CALACS":
		return "10.4.0"
	case "CALWF3":
		return "3.7.2"
	case "CALSTIS":
		return "3.4.2"
	case "CALCOS":
		return "3.5.1"
	case "CALJWST":
		return "1.17.1"
	case "SPOC":
		return "5.0.75"
	}
	return ""
}

// productsOf builds the listing of observation i as asked for with obsid parent.
func (a *Archive) productsOf(i int32, parent uint64) []Product {
	o := &a.obs[i]
	l := &prodList{a: a, owner: o, parent: parent}
	switch o.recipe {
	case recipeHST:
		a.hstProducts(l, o)
	case recipeHLA:
		a.hlaProducts(l, o)
	case recipeJWSTL3:
		a.jwstL3Products(l, o)
	case recipeJWSTExp:
		a.jwstExpListing(l, o)
	case recipeTESS:
		tessProducts(l, o)
	case recipeTESSFFI:
		tessFFIProducts(l, o)
	case recipeKepler:
		keplerProducts(l, o)
	case recipeK2:
		k2Products(l, o)
	case recipeGALEX:
		galexProducts(l, o)
	case recipeIUE:
		iueProducts(l, o)
	case recipeSWIFT:
		swiftProducts(l, o)
	case recipeFUSE:
		fuseProducts(l, o)
	case recipePS1:
		ps1Products(l, o)
	case recipeHLSP:
		hlspProducts(l, o)
	case recipeSpitzer:
		spitzerProducts(l, o)
	case recipeSmall, recipeKeplerFFI, recipeK2FFI:
		smallProducts(l, o)
	}
	return l.out
}

// stemsOf lists the file-name prefixes of every file observation o lists as its own or
// shares; FileContent finds a file's owners through them without storing any product.
func (a *Archive) stemsOf(o *Obs) []string {
	switch o.recipe {
	case recipeHST:
		return append([]string{o.ObsID}, hstMembers(a.seed, o)...)
	case recipeJWSTL3:
		g := a.groupOf(o)
		out := []string{o.ObsID, g.prefix}
		for _, v := range g.visits {
			out = append(out, v.id)
		}
		return out
	case recipeJWSTExp:
		return []string{o.ObsID, o.ObsID[:13]}
	case recipeKepler, recipeK2:
		return []string{o.ObsID, o.key}
	case recipeGALEX:
		return galexStems(o)
	case recipeSWIFT:
		return swiftStems(o)
	case recipeIUE:
		return []string{o.ObsID, o.ObsID + "mxlo", o.ObsID + "mxhi"}
	case recipeFUSE:
		return []string{strings.ToLower(o.ObsID) + "000"}
	default:
		return []string{o.ObsID}
	}
}

// fileStems returns the candidate stems of a file name: every prefix that ends just
// before a separator, longest first.
func fileStems(name string) []string {
	var out []string
	for i := len(name) - 1; i > 0; i-- {
		switch name[i] {
		case '_', '-', '.':
			out = append(out, name[:i])
		}
	}
	return out
}
