package portal

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"mastui/services/sim/internal/simhttp"
)

// colMeta is one column's metadata as Mast.Caom columnsconfig describes it.
type colMeta struct {
	name, label, datatype, unit, desc, example string
	separator                                  string
	isMjd, remove                              bool
}

// caomMeta lists the CAOM columns in the order of MAST's columnsconfig (astroquery's
// get_metadata prints them in this order).
var caomMeta = []colMeta{
	{name: "obs_collection", label: "Mission", datatype: "char", desc: "Collection", example: "E.g. SWIFT, PS1, HST, IUE", separator: ";"},
	{name: "instrument_name", label: "Instrument", datatype: "char", desc: "Instrument Name", example: "E.g. WFPC2/WFC, UVOT, STIS/CCD"},
	{name: "project", label: "Project", datatype: "char", desc: "Processing project", example: "E.g. HST, HLA, EUVE, hlsp_legus", separator: ";"},
	{name: "filters", label: "Filters", datatype: "char", desc: "Instrument filters", example: "F469N, NUV, FUV, LOW DISP, MIRROR", separator: ";"},
	{name: "wavelength_region", label: "Waveband", datatype: "char", desc: "Energy Band", example: "EUV, XRAY, OPTICAL", separator: ";"},
	{name: "target_name", label: "Target Name", datatype: "char", desc: "Target Name", example: "Ex. COMET-67P-CHURYUMOV-GER-UPDATE"},
	{name: "target_classification", label: "Target Classification", datatype: "char", desc: "Type of target", example: "Ex: COMET;COMET BEING ORBITED BY THE ROSETTA SPACECRAFT;SOLAR SYSTEM", separator: ";"},
	{name: "obs_id", label: "Observation ID", datatype: "char", desc: "Observation identifier, given by mission", example: "U24Z0101T, N4QF18030"},
	{name: "s_ra", label: "RA", datatype: "double", unit: "deg", desc: "Observation Right Ascension", example: "May be displayed in the Portal as hh:mm:ss.sss, but should be searched as decimal"},
	{name: "s_dec", label: "Dec", datatype: "double", unit: "deg", desc: "Observation Declination", example: "May be displayed in the Portal as hh:mm:ss.sss, but should be searched as decimal"},
	{name: "proposal_id", label: "Proposal ID", datatype: "char", desc: "Proposal ID", example: "E.g. EGCJC, 11359, 9401"},
	{name: "proposal_pi", label: "Principal Investigator", datatype: "char", desc: "Principal investigator's last name", example: "Chander, Rao, Ettinger"},
	{name: "obs_title", label: "Observation Title", datatype: "char", desc: "Observation description from proposal", example: "Detection of unusual stars in M17"},
	{name: "dataproduct_type", label: "Product Type", datatype: "char", desc: "Type of product", example: "IMAGE, SPECTRUM, SED, TIMESERIES, VISIBILITY, EVENTLIST, CUBE, CATALOG, ENGINEERING, NULL"},
	{name: "calib_level", label: "Calibration", datatype: "int", desc: "Calibration level", example: "0 = raw, 1 = uncalibrated, 2 = calibrated, 3 = science product, 4 = contributed science product"},
	{name: "t_min", label: "Start Time", datatype: "double", unit: "MJD", desc: "Observation start datetime", example: "For distributed files, dates are in MJD", isMjd: true},
	{name: "t_max", label: "End Time", datatype: "double", unit: "MJD", desc: "Observation end datetime", example: "For distributed files, dates are in MJD", isMjd: true},
	{name: "t_obs_release", label: "Release Date", datatype: "double", unit: "MJD", desc: "Dataset release date", example: "For distributed files, dates are in MJD", isMjd: true},
	{name: "t_exptime", label: "Exposure Length", datatype: "double", unit: "sec", desc: "Exposure time", example: "May be a sum of exposures"},
	{name: "em_min", label: "Min. Wavelength", datatype: "double", unit: "nm", desc: "Minimum Wavelength", example: "Ex: 200"},
	{name: "em_max", label: "Max. Wavelength", datatype: "double", unit: "nm", desc: "Maximum Wavelength", example: "Ex: 900"},
	{name: "mtFlag", label: "Moving Target", datatype: "boolean", desc: "Moving Target Flag", example: "If True, observation contains a moving target, if False or absent observation may or may not contain a moving target"},
	{name: "srcDen", label: "Number of Catalog Objects", datatype: "double", desc: "Number of cataloged objects found in observation", example: "Ex: 1000"},
	{name: "intentType", label: "Observation Type", datatype: "char", desc: "Whether observation is for science or calibration", example: "Valid values: science, calibration"},
	{name: "dataRights", label: "Data Rights", datatype: "char", desc: "Data Rights", example: "Valid values: public, exclusive_access, restricted"},
	{name: "provenance_name", label: "Provenance Name", datatype: "char", desc: "Provenance name, or source of data", example: "E.g. TASOC, CALSTIS, PS1"},
	{name: "proposal_type", label: "Proposal Type", datatype: "char", desc: "Type of telescope proposal", example: "E.g. 3PI, GO, GO/DD, HLA, GII, AIS"},
	{name: "sequence_number", label: "Sequence Number", datatype: "int", desc: "Sequence number, e.g. Kepler quarter or TESS sector", example: "Ex: 14"},
	{name: "s_region", label: "s_region", datatype: "char", unit: "ICRS", desc: "ICRS Shape of observation", example: "Ex: POLYGON 210.7 54.3 210.9 54.3 210.9 54.4 210.7 54.4"},
	{name: "jpegURL", label: "Preview", datatype: "char", desc: "Preview image URL", example: "mast:HST/product/u9o40504m_c0m.jpg"},
	{name: "dataURL", label: "Data URL", datatype: "char", desc: "Data product URL", example: "mast:HST/product/u9o40504m_c0m.fits"},
	{name: "obsid", label: "Product Group ID", datatype: "long", desc: "Database identifier for obs_id", example: "Long integer, e.g. 2007590987"},
	{name: "objID", label: "Object ID", datatype: "long", desc: "Database identifier for the observation row", example: "Long integer, e.g. 2012969445", remove: true},
	{name: "distance", label: "Distance (\")", datatype: "double", unit: "arcsec", desc: "Angular separation from the search position", example: "Ex: 0.0, 39.49"},
	{name: "_selected_", label: "_selected_", datatype: "boolean", remove: true},
}

var productMeta = []colMeta{
	{name: "obs_id", label: "Observation ID", datatype: "char", desc: "Observation identifier, given by mission", example: "U24Z0101T, N4QF18030"},
	{name: "obsID", label: "Product Group ID", datatype: "long", desc: "Database identifier for obs_id", example: "Long integer, e.g. 2007590987"},
	{name: "obs_collection", label: "Mission", datatype: "char", desc: "Mission, or collection", example: "HST, HLA, SWIFT, GALEX, Kepler, K2..."},
	{name: "dataproduct_type", label: "Product Type", datatype: "char", desc: "Product type", example: "IMAGE, SPECTRUM, TIMESERIES, CUBE"},
	{name: "description", label: "Description", datatype: "char", desc: "File description", example: "DADS FLT file - Calibrated exposure ACS"},
	{name: "type", label: "Type", datatype: "char", desc: "S = science, C = calibration, D = auxiliary data", example: "S, C, D"},
	{name: "dataURI", label: "Data URI", datatype: "char", desc: "Data access URI", example: "mast:HST/product/u9o40504m_c3m.fits"},
	{name: "productType", label: "Product Category", datatype: "char", desc: "Product category", example: "SCIENCE, CALIBRATION, AUXILIARY, PREVIEW, THUMBNAIL, INFO"},
	{name: "productGroupDescription", label: "Group Description", datatype: "char", desc: "Product group", example: "Minimum Recommended Products"},
	{name: "productSubGroupDescription", label: "Product Subgroup", datatype: "char", desc: "Product subgroup", example: "RAW, UNCAL, CAL, I2D, DRZ, FLT, X1D, ASN"},
	{name: "productDocumentationURL", label: "Documentation", datatype: "char", desc: "Product documentation URL", example: "https://hst-docs.stsci.edu/hstdhb"},
	{name: "project", label: "Project", datatype: "char", desc: "Processing project", example: "HST, JWST, TESS, hlsp_legus"},
	{name: "prvversion", label: "Provenance Version", datatype: "char", desc: "Pipeline version", example: "1.17.1"},
	{name: "proposal_id", label: "Proposal ID", datatype: "char", desc: "Proposal ID", example: "E.g. EGCJC, 11359, 9401"},
	{name: "productFilename", label: "Filename", datatype: "char", desc: "Product file name", example: "u9o40504m_c3m.fits"},
	{name: "size", label: "Size", datatype: "int", unit: "bytes", desc: "File size", example: "Ex: 185727"},
	{name: "parent_obsid", label: "Parent Product Group ID", datatype: "long", desc: "Product Group ID the product was listed for", example: "Long integer, e.g. 2007590987"},
	{name: "dataRights", label: "Data Rights", datatype: "char", desc: "Data Rights", example: "PUBLIC, EXCLUSIVE_ACCESS"},
	{name: "calib_level", label: "Calibration Level", datatype: "int", desc: "Calibration level of the product", example: "1, 2, 3, 4"},
	{name: "filters", label: "Filters", datatype: "char", desc: "Instrument filters", example: "F606W, NUV"},
	{name: "_selected_", label: "_selected_", datatype: "boolean", remove: true},
}

var nameLookupMeta = []colMeta{
	{name: "searchString", label: "Search String", datatype: "char", desc: "The name as searched, lower-cased"},
	{name: "resolver", label: "Resolver", datatype: "char", desc: "Name resolver (SIMBAD, NED, ...)"},
	{name: "canonicalName", label: "Canonical Name", datatype: "char", desc: "Resolver's name for the object"},
	{name: "ra", label: "RA", datatype: "double", unit: "deg", desc: "Right Ascension"},
	{name: "decl", label: "Dec", datatype: "double", unit: "deg", desc: "Declination"},
	{name: "objectType", label: "Object Type", datatype: "char", desc: "Resolver object type"},
}

// configJSON renders a columnsconfig dictionary.
func configJSON(meta []colMeta) []byte {
	out := simhttp.Ordered{}
	for i, m := range meta {
		c := simhttp.Ordered{{"text", m.label}, {"type", m.datatype}, {"vot.datatype", m.datatype}}
		if m.unit != "" {
			c = append(c, simhttp.KV{"unit", m.unit}, simhttp.KV{"vot.unit", m.unit})
		}
		if m.desc != "" {
			c = append(c, simhttp.KV{"vot.description", m.desc})
		}
		if m.example != "" {
			c = append(c, simhttp.KV{"example", m.example})
		}
		if m.separator != "" {
			c = append(c, simhttp.KV{"separator", m.separator})
		}
		if m.isMjd {
			c = append(c, simhttp.KV{"isMjd", true})
		}
		if m.remove {
			c = append(c, simhttp.KV{"remove", true})
		}
		c = append(c, simhttp.KV{"order", i}, simhttp.KV{"visible", !m.remove})
		out = append(out, simhttp.KV{m.name, c})
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Sprintf("sim: columnsconfig: %v", err)) // static tables; a failure is a bug
	}
	return b
}

// columnsConfigs maps lower-cased colConfigIds to their rendered answers.
func columnsConfigs() map[string][]byte {
	caom := configJSON(caomMeta)
	return map[string][]byte{
		"mast.caom.cone":              caom,
		"mast.caom.filtered":          caom,
		"mast.caom.filtered.position": caom,
		"mast.caom.all":               caom,
		"mast.caom.products":          configJSON(productMeta),
		"mast.name.lookup":            configJSON(nameLookupMeta),
	}
}

// columnsConfig answers POST /portal/Mashup/Mashup.asmx/columnsconfig. astroquery sends
// the raw body "colConfigId=<id>" (not percent-encoded); forms and GET work too.
func (s *Service) columnsConfig(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("colConfigId")
	if body, err := simhttp.ReadBody(r); err != nil {
		s.env.Error(w, http.StatusBadRequest, err.Error())
		return
	} else if v, perr := url.ParseQuery(body); perr == nil && v.Get("colConfigId") != "" {
		id = v.Get("colConfigId")
	} else if k, val, ok := strings.Cut(strings.TrimSpace(body), "="); ok && strings.EqualFold(k, "colConfigId") {
		id = val
	}
	key := strings.ToLower(strings.TrimSpace(id))
	answer, ok := s.configs[key]
	for _, e := range s.extensions {
		if !ok {
			answer, ok = e.ColumnsConfig(key)
		}
	}
	if !ok {
		answer = []byte("{}")
	}
	s.env.Log.Debug("columnsconfig", "id", id, "known", ok)
	w.Header().Set("Content-Type", "application/json")
	w.Write(answer)
}
