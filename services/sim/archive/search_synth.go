package archive

import (
	"path"
	"strings"
	"sync"

	"mastui/services/registry"
)

// searchExtras holds one mission's dedicated rows and their files by URI, built once.
type searchExtras struct {
	once  sync.Once
	rows  []SearchRow
	byURI map[string][2]int // file URI -> the first row and file listing it
}

// extrasOf builds (once) and returns the mission's dedicated rows.
func (a *Archive) extrasOf(m *SearchMission) *searchExtras {
	e := a.extras[m.Name]
	e.once.Do(func() {
		e.rows = m.buildExtraRows(a)
		e.byURI = map[string][2]int{}
		for i, sr := range e.rows {
			if sr.meta == nil {
				continue
			}
			for j, f := range sr.meta.files {
				if _, ok := e.byURI[f.uri]; !ok {
					e.byURI[f.uri] = [2]int{i, j}
				}
			}
		}
	})
	return e
}

// synthMeta is what the products of a dedicated Search API row (one not backed by a
// CAOM observation) are made from.
type synthMeta struct {
	collection, project, kind string // product collection, project and dataproduct type
	target, telescope, inst   string
	filters, proposal         string
	ra, dec, mjd              float64
	files                     []synthFile
}

// synthFile is one product file of a dedicated row. Its size depends on the URI only,
// so a file listed by several rows (an HLSP coadd) has one size everywhere.
type synthFile struct {
	name, uri, ptype, sub, desc string
	calib                       int
	lo, hi                      float64
}

// MastURIMission tells whether a mission's products are addressed by full mast: URIs
// (downloaded with Download/file) rather than "<dataset>/<file>" (retrieve_product).
func MastURIMission(name string) bool {
	m, ok := registry.LookupMission(name)
	return ok && !m.UsesRetrieveProduct
}

// synthURIPrefix is the URI prefix of the files of a mission's dedicated rows.
func synthURIPrefix(name string) string {
	switch name {
	case "iue":
		return "mast:IUE/"
	case "ullyses":
		return "mast:HLSP/ullyses/"
	case "classy":
		return "mast:HLSP/classy/"
	case "roman":
		return "mast:ROMAN/product/"
	}
	return ""
}

var synthMissions = []string{"iue", "ullyses", "classy", "roman"}

func (a *Archive) synthProduct(sr SearchRow, f synthFile) Product {
	m := sr.meta
	p := Product{
		Collection: m.collection, DataproductType: m.kind, ObsIDStr: sr.ID, Description: f.desc,
		Type: typeLetter(f.ptype), DataURI: f.uri, ProductType: f.ptype, SubGroup: f.sub, Project: m.project,
		ProposalID: m.proposal, Filename: f.name, DataRights: "PUBLIC", Filters: m.filters, CalibLevel: f.calib,
		Size: fileSize(a.seed, f.uri, f.lo, f.hi),
	}
	if f.ptype == ptScience && f.calib >= 2 {
		p.GroupDescription = "Minimum Recommended Products"
	}
	p.telescope, p.instrument, p.target = m.telescope, m.inst, m.target
	p.ra, p.dec, p.mjd = m.ra, m.dec, m.mjd
	return p
}

// synthProducts lists the products of a dedicated row of the mission, nil when id is
// not one.
func (a *Archive) synthProducts(m *SearchMission, id string) []Product {
	if synthURIPrefix(m.Name) == "" {
		return nil
	}
	for _, sr := range m.ExtraRows(a) {
		if sr.meta != nil && strings.EqualFold(sr.ID, id) {
			out := make([]Product, 0, len(sr.meta.files))
			for _, f := range sr.meta.files {
				out = append(out, a.synthProduct(sr, f))
			}
			return out
		}
	}
	return nil
}

// synthProductByURI finds a file of a dedicated Search API row by its URI (the first
// row listing it, so the bytes served are always the same).
func (a *Archive) synthProductByURI(uri string) (Product, bool) {
	for _, name := range synthMissions {
		if !strings.HasPrefix(uri, synthURIPrefix(name)) {
			continue
		}
		e := a.extrasOf(searchMissions[name])
		if at, ok := e.byURI[uri]; ok {
			sr := e.rows[at[0]]
			return a.synthProduct(sr, sr.meta.files[at[1]]), true
		}
	}
	return Product{}, false
}

// FileSuffix is the product's file_suffix: what follows the last "_" of the name
// without its extension ("cal" of "x_cal.fits"), or the first extension of names
// without "_" ("mxlo" of "swp01234.mxlo.gz").
func FileSuffix(name string) string {
	base := strings.TrimSuffix(path.Base(name), ".gz")
	stem := strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndex(stem, "_"); i >= 0 {
		return stem[i+1:]
	}
	if i := strings.Index(base, "."); i >= 0 {
		return strings.SplitN(base[i+1:], ".", 2)[0]
	}
	return stem
}
