package model

import (
	"strconv"
	"strings"
)

// ProductRef is one data product handed to the download queue: everything needed to
// fetch it (URI, size), to place it on disk (collection, obs_id, file name) and to
// show it in the queue. Values are as the archive sent them (not sanitized).
type ProductRef struct {
	URI           string // dataURI, e.g. "mast:JWST/product/jw01073…_i2d.fits"
	Filename      string // productFilename
	ObsCollection string // obs_collection: the first directory of mastDownload/<collection>/<obs_id>/
	ObsID         string // obs_id, the observation's name (a directory of the download layout)
	Obsid         string // obsID, MAST's numeric product group id
	ParentObsid   string // parent_obsid: the observation the product was listed for
	Size          int64  // bytes; 0 when unknown
	ProductType   string // SCIENCE, CALIBRATION, AUXILIARY, PREVIEW, INFO, THUMBNAIL
	SubGroup      string // productSubGroupDescription: RAW, UNCAL, CAL, I2D, DRZ …
	Description   string
	DataRights    string // PUBLIC, EXCLUSIVE_ACCESS, RESTRICTED
	CalibLevel    int    // calib_level; -1 when unknown
	// Mission is the Search API mission (hst, jwst, …) of a MastMissions product; it
	// picks the download route (retrieve_product or Download/file). "" for CAOM products.
	Mission string
	// CloudURL is the HTTPS URL of the file's copy in MAST's public cloud bucket, when
	// the user asked to download from the cloud (download.Item.CloudURL); "" for MAST.
	CloudURL string
}

// ProductRefs builds the refs of the given rows of a product table (Mast.Caom.Products
// columns). Missing columns leave their fields empty.
func ProductRefs(t *Table, rows []int) []ProductRef {
	if t == nil || len(rows) == 0 {
		return nil
	}
	str := func(names ...string) func(int) string {
		for _, n := range names {
			if c := t.Col(n); c != nil {
				return func(r int) string { return c.String(r) }
			}
		}
		return func(int) string { return "" }
	}
	num := func(name string, missing int64) func(int) int64 {
		c := t.Col(name)
		return func(r int) int64 {
			if v, ok := c.Int64(r); ok {
				return v
			}
			return missing
		}
	}
	uri, file, coll := str("dataURI"), str("productFilename"), str("obs_collection")
	obsID, obsid, parent := str("obs_id"), str("obsID", "obsid"), str("parent_obsid")
	ptype, sub, desc, rights := str("productType"), str("productSubGroupDescription"), str("description"), str("dataRights")
	size, level := num("size", 0), num("calib_level", -1)
	out := make([]ProductRef, 0, len(rows))
	for _, r := range rows {
		if r < 0 || r >= t.Rows() {
			continue
		}
		out = append(out, ProductRef{
			URI: uri(r), Filename: file(r), ObsCollection: coll(r), ObsID: obsID(r), Obsid: obsid(r),
			ParentObsid: parent(r), Size: size(r), ProductType: ptype(r), SubGroup: sub(r),
			Description: desc(r), DataRights: rights(r), CalibLevel: int(level(r)),
		})
	}
	return out
}

// MissionProductRefs builds the refs of the given rows of a Search API product list
// (post_list_products, or a subscription-service file): the uri (else the file name) is
// what is downloaded, the mission (a per-row "mission" column wins) and the dataset (else
// fileset) make the directories of mastDownload/<mission>/<dataset>/<file>.
func MissionProductRefs(mission string, t *Table, rows []int) []ProductRef {
	if t == nil || len(rows) == 0 {
		return nil
	}
	str := func(names ...string) func(int) string {
		for _, n := range names {
			if c := t.Col(n); c != nil {
				return func(r int) string {
					if c.IsMasked(r) {
						return ""
					}
					return strings.TrimSpace(c.String(r))
				}
			}
		}
		return func(int) string { return "" }
	}
	uri, file, ds, perRow := str("uri"), str("filename"), str("dataset", "fileset"), str("mission")
	typ, suffix, cat, access := str("type"), str("file_suffix"), str("category"), str("access")
	size := t.Col("size")
	mission = strings.ToLower(strings.TrimSpace(mission))
	out := make([]ProductRef, 0, len(rows))
	for _, r := range rows {
		if r < 0 || r >= t.Rows() {
			continue
		}
		m := mission
		if v := perRow(r); v != "" {
			m = strings.ToLower(v)
		}
		u := uri(r)
		if u == "" {
			u = file(r)
		}
		n, _ := size.Int64(r)
		out = append(out, ProductRef{
			URI: u, Filename: file(r), ObsCollection: m, ObsID: ds(r), Size: max(0, n),
			ProductType: typ(r), SubGroup: suffix(r), Description: cat(r), DataRights: access(r),
			CalibLevel: -1, Mission: m,
		})
	}
	return out
}

// TotalSize is the sum of the products' sizes in bytes.
func TotalSize(ps []ProductRef) int64 {
	var n int64
	for _, p := range ps {
		n += p.Size
	}
	return n
}

// FormatBytes renders a size in decimal (SI) units, as download tools show them:
// 0 B, 999 B, 1.0 KB, 117 MB, 2.1 GB, 3.4 TB. Negative sizes read "?".
func FormatBytes(n int64) string {
	if n < 0 {
		return "?"
	}
	if n < 1000 {
		return strconv.FormatInt(n, 10) + " B"
	}
	units := []string{"KB", "MB", "GB", "TB", "PB", "EB"}
	f := float64(n)
	i := -1
	for f >= 999.5 && i < len(units)-1 {
		f /= 1000
		i++
	}
	switch {
	case f >= 99.95:
		return strconv.FormatFloat(f, 'f', 0, 64) + " " + units[i]
	default:
		return strconv.FormatFloat(f, 'f', 1, 64) + " " + units[i]
	}
}
