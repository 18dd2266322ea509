package mast

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Catalog is one catalog astroquery.mast's Catalogs knows (protocol 3.7 "Catalogs
// (Portal side)"), with how to query it. The registry (Catalogs) is the one place that
// maps names, versions and services.
type Catalog struct {
	Name        string   // canonical name: HSC, GALEX, Gaia, TIC, CTL, DiskDetective, PLATO, SkyMapper, PanSTARRS
	Aliases     []string // other accepted names (case-insensitive)
	Description string
	// Versions lists the accepted versions, DefaultVersion the one used when none is
	// given (HSC 2/3 -> 3; Gaia DR1/DR2/DR3/TGAS -> DR3).
	Versions       []string
	DefaultVersion string
	// Releases and Tables are PanSTARRS's data releases and tables (its queries go to the
	// Catalogs.MAST REST API, protocol 7, not the Portal).
	Releases, Tables []string
	DefaultRelease   string
	// Criteria tells whether criteria (column filters) are supported.
	Criteria bool
	// ExtraParams are the extra cone parameters accepted (HSC nr/ni/magtype, GALEX
	// maxrecords); LimitParam is the row cap among them (MaxResultsWarning when reached),
	// DefaultLimit its value when not given.
	ExtraParams  []string
	LimitParam   string
	DefaultLimit int
	// REST marks PanSTARRS: not a Portal catalog.
	REST bool
	// IDColumn names a row; KeyColumns are the columns shown first (the Catalogs tab)
	// or alone (the CLI's table format); DistanceColumns appear in positional answers
	// only. Columns absent from an answer are skipped.
	IDColumn        string
	KeyColumns      []string
	DistanceColumns []string

	cone     map[string]string // version (lower-cased) -> cone service
	filtered string            // Mast.Catalogs.Filtered.<X>
	rows     bool              // criteria rows come from <filtered>[.Position].Rows
	colCfgID string            // columnsconfig of criteria queries (protocol 3.5)
	hist     string            // Mast.Catalogs.All.<X> extjs histograms merged into it
}

// Catalogs lists every known catalog, HSC (astroquery's default) first.
func Catalogs() []Catalog {
	return []Catalog{
		{Name: "HSC", Aliases: []string{"Hsc"}, Description: "Hubble Source Catalog",
			IDColumn: "MatchID", KeyColumns: []string{"MatchID", "MatchRA", "MatchDec", "Distance", "NumImages", "NumFilters", "NumVisits", "TargetName", "SpectrumFlag"}, DistanceColumns: []string{"Distance"},
			Versions: []string{"2", "3"}, DefaultVersion: "3",
			ExtraParams: []string{"nr", "ni", "magtype"}, LimitParam: "nr", DefaultLimit: 50000,
			cone: map[string]string{"2": "Mast.Hsc.Db.v2", "3": "Mast.Hsc.Db.v3"}},
		{Name: "GALEX", Description: "GALEX catalog of UV sources",
			IDColumn: "objID", KeyColumns: []string{"objID", "ra", "dec", "distance_arcmin", "survey", "fuv_mag", "nuv_mag"}, DistanceColumns: []string{"distance_arcmin"},
			ExtraParams: []string{"maxrecords"}, LimitParam: "maxrecords", DefaultLimit: 50000,
			cone: map[string]string{"": "Mast.Galex.Catalog"}},
		{Name: "Gaia", Description: "Gaia DR1, DR2, DR3 and TGAS",
			IDColumn: "source_id", KeyColumns: []string{"source_id", "ra", "dec", "phot_g_mean_mag", "parallax", "pmra", "pmdec", "distance"}, DistanceColumns: []string{"distance"},
			Versions: []string{"DR1", "DR2", "DR3", "TGAS"}, DefaultVersion: "DR3",
			cone: map[string]string{"dr1": "Mast.Catalogs.GaiaDR1.Cone", "dr2": "Mast.Catalogs.GaiaDR2.Cone",
				"dr3": "Mast.Catalogs.GaiaDR3.Cone", "tgas": "Mast.Catalogs.Tgas.Cone"}},
		{Name: "TIC", Aliases: []string{"Tic", "Tess"}, Description: "TESS Input Catalog", Criteria: true,
			IDColumn: "ID", KeyColumns: []string{"ID", "ra", "dec", "Tmag", "Teff", "objType", "dstArcSec"}, DistanceColumns: []string{"dstArcSec"},
			cone:     map[string]string{"": "Mast.Catalogs.Tic.Cone"},
			filtered: "Mast.Catalogs.Filtered.Tic", rows: true, colCfgID: "Mast.Catalogs.Tess.Cone", hist: "Mast.Catalogs.All.Tic"},
		{Name: "CTL", Aliases: []string{"Ctl"}, Description: "TESS Candidate Target List", Criteria: true,
			IDColumn: "ID", KeyColumns: []string{"ID", "ra", "dec", "Tmag", "Teff", "objType", "dstArcSec"}, DistanceColumns: []string{"dstArcSec"},
			cone:     map[string]string{"": "Mast.Catalogs.Ctl.Cone"},
			filtered: "Mast.Catalogs.Filtered.Ctl", rows: true, colCfgID: "Mast.Catalogs.Tess.Cone", hist: "Mast.Catalogs.All.Tic"},
		{Name: "DiskDetective", Aliases: []string{"DD", "Disk Detective"}, Description: "Disk Detective catalog", Criteria: true,
			IDColumn: "designation", KeyColumns: []string{"designation", "ra", "dec", "w1mpro", "distance"}, DistanceColumns: []string{"distance"},
			cone:     map[string]string{"": "Mast.Catalogs.Dd.Cone"},
			filtered: "Mast.Catalogs.Filtered.DiskDetective", colCfgID: "Mast.Catalogs.Dd.Cone", hist: "Mast.Catalogs.All.DiskDetective"},
		{Name: "PLATO", Description: "PLATO input catalog", cone: map[string]string{"": "Mast.Catalogs.Plato.Cone"},
			IDColumn: "PICidDR1", KeyColumns: []string{"PICidDR1", "RAdeg", "DEdeg"}},
		{Name: "SkyMapper", Description: "SkyMapper Southern Survey", cone: map[string]string{"": "Mast.Catalogs.SkyMapper.Cone"},
			IDColumn: "object_id", KeyColumns: []string{"object_id", "raj2000", "dej2000"}},
		{Name: "PanSTARRS", Aliases: []string{"PS1", "Pan-STARRS"}, Description: "Pan-STARRS1 (Catalogs.MAST REST API)",
			IDColumn: "objID", KeyColumns: []string{"objID", "objName", "raMean", "decMean", "nDetections", "distance"}, DistanceColumns: []string{"distance"},
			Releases: []string{"dr1", "dr2"}, DefaultRelease: "dr2", Tables: []string{"mean", "stack", "detection", "forced_mean"},
			Criteria: true, REST: true},
	}
}

// DefaultCatalog is astroquery's default catalog.
const DefaultCatalog = "HSC"

// LookupCatalog finds a catalog by name or alias, case-insensitively. Any other name
// gives a Catalog for "Mast.Catalogs.<name>.Cone" with the name as typed (ok=false),
// as astroquery does.
func LookupCatalog(name string) (Catalog, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultCatalog
	}
	for _, c := range Catalogs() {
		if strings.EqualFold(c.Name, name) || slices.ContainsFunc(c.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			return c, true
		}
	}
	return Catalog{Name: name, Description: "Mast.Catalogs." + name + ".Cone",
		cone: map[string]string{"": "Mast.Catalogs." + name + ".Cone"}}, false
}

// Version normalises a version ("" = default): "3", "v3" for HSC; "2", "dr2", "DR2"
// for Gaia. An unknown version is an error naming the value as typed and the valid ones
// (astroquery warns and falls back instead: a typo should not silently query another
// release); its callers add the catalog's name.
func (c Catalog) Version(v string) (string, error) {
	typed := strings.TrimSpace(v)
	v = strings.ToLower(typed)
	if v == "" {
		return strings.ToLower(c.DefaultVersion), nil
	}
	if len(c.Versions) == 0 {
		return "", errors.New("no versions")
	}
	v = strings.TrimPrefix(v, "v")
	if c.Name == "Gaia" && len(v) == 1 {
		v = "dr" + v
	}
	for _, k := range c.Versions {
		if strings.EqualFold(k, v) {
			return strings.ToLower(k), nil
		}
	}
	return "", fmt.Errorf("no version %q: use one of %s", typed, strings.Join(c.Versions, ", "))
}

// ConeService is the Portal service of a cone (or name) query.
func (c Catalog) ConeService(version string) (string, error) {
	if c.REST {
		return "", fmt.Errorf("%s is queried through the Catalogs.MAST REST API, not a Portal service", c.Name)
	}
	v, err := c.Version(version)
	if err != nil {
		return "", err
	}
	return c.cone[v], nil
}

// CriteriaService is the Portal service of a criteria query (protocol 3.7): TIC and
// CTL rows come from Mast.Catalogs.Filtered.<X>[.Position].Rows, counts from the
// services without .Rows; Disk Detective's serve both.
func (c Catalog) CriteriaService(positional, count bool) (string, error) {
	if !c.Criteria || c.filtered == "" {
		return "", fmt.Errorf("criteria queries are not available for catalog %s (only TIC, CTL, DiskDetective and PanSTARRS)", c.Name)
	}
	s := c.filtered
	if positional {
		s += ".Position"
	}
	if c.rows && !count {
		s += ".Rows"
	}
	return s, nil
}

// ColumnsConfigID is the columnsconfig criteria are checked against, and the
// Mast.Catalogs.All.* service whose histograms are merged into it ("" when none).
func (c Catalog) ColumnsConfigID() (id, histograms string) { return c.colCfgID, c.hist }
