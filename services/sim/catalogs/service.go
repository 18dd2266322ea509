// Package catalogs is the simulator's Portal catalogs (protocol 3.7 "Catalogs (Portal
// side)"): TIC, CTL, Disk Detective, Gaia, HSC (cones, matches, spectra), GALEX, PLATO
// and SkyMapper cones, the TIC/CTL/DD criteria services with their columnsconfig and
// extjs histograms, the Mast.Jwst.Filtered.* and Mast.Hst.Filtered.* file services,
// and the HLA spectrum files. It answers through the Portal (portal.Extension), so
// names are matched case-insensitively there.
package catalogs

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/downloads"
	"mastui/services/sim/internal/simhttp"
	"mastui/services/sim/portal"
)

// Service answers the catalog services over env's archive. Its catalogs are built
// once (column sets); their rows are drawn on demand.
type Service struct {
	env   *simhttp.Env
	files *downloads.Service

	tic, ctl, dd, galex, plato, skymapper *catalog
	gaia                                  map[string]*catalog // by lower-cased release: dr1, dr2, dr3, tgas
	hsc                                   map[int]*catalog    // by version
	fileSets                              map[string]*fileSet // Mast.{Jwst,Hst}.Filtered.<instrument>, lower-cased
}

// rowsOfFields is c.fieldRows, made once per archive: every criteria query and count of
// every server on it filters the same rows (they are only read).
func (s *Service) rowsOfFields(c *catalog) []Row {
	a := s.env.Archive
	return a.Memo("catalogs: field rows "+c.name, func() any { return c.fieldRows(a) }).([]Row)
}

// New makes the catalogs service; files serves the HLA spectrum files.
func New(env *simhttp.Env, files *downloads.Service) *Service {
	s := &Service{env: env, files: files,
		tic: ticCatalog(), ctl: ctlCatalog(), dd: ddCatalog(), galex: galexCatalog(),
		plato: platoCatalog(), skymapper: skymapperCatalog(),
		gaia: map[string]*catalog{"dr1": gaiaCatalog(1), "dr2": gaiaCatalog(2), "dr3": gaiaCatalog(3), "tgas": gaiaCatalog(0)},
		hsc:  map[int]*catalog{2: hscCatalog(2), 3: hscCatalog(3)},
	}
	s.fileSets = fileSets()
	return s
}

// Register adds the HLA spectrum endpoints (protocol 9.5) to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/cgi-bin/getdata.cgi", s.spectrumFile)
	mux.HandleFunc("/cgi-bin/ecfproxy", s.spectrumFile)
}

// Services names what the catalogs answer, for the unknown-service error.
func (s *Service) Services() string {
	return "Mast.Catalogs.{Tess,Tic,Ctl,Dd,GaiaDR1,GaiaDR2,GaiaDR3,Tgas,Plato,SkyMapper}.Cone, " +
		"Mast.Catalogs.Filtered.{Tic,Ctl}[.Position][.Rows], Mast.Catalogs.Filtered.DiskDetective[.Position], " +
		"Mast.Catalogs.All.{Tic,DiskDetective}, Mast.Hsc.Db.v2/v3, Mast.HscMatches.Db.v2/v3, Mast.HscSpectra.Db.All, " +
		"Mast.Galex.Catalog, Mast.Jwst.Filtered.{Nircam,Niriss,Nirspec,Miri,Fgs,Guidestar}, Mast.Hst.Filtered.{Acs,Wfc3,Stis,Cos,Wfpc2,Nicmos}"
}

// ColumnsConfig returns the columnsconfig of a lower-cased id.
func (s *Service) ColumnsConfig(id string) ([]byte, bool) {
	b, ok := s.env.Archive.Memo("catalogs: columnsconfig", s.configs).(map[string][]byte)[id]
	return b, ok
}

// configs renders every columnsconfig the catalogs answer. They are static, so they are
// made on the first request and shared by every server on the archive: rendering them
// all costs more than a test's whole simulator otherwise (seconds under -race).
func (s *Service) configs() any {
	configs := map[string][]byte{
		"mast.catalogs.tess.cone":      configJSON(s.tic.posFields),
		"mast.catalogs.tic.cone":       configJSON(s.tic.posFields),
		"mast.catalogs.ctl.cone":       configJSON(s.ctl.posFields),
		"mast.catalogs.dd.cone":        configJSON(s.dd.posFields),
		"mast.galex.catalog":           configJSON(s.galex.posFields),
		"mast.catalogs.plato.cone":     configJSON(s.plato.posFields),
		"mast.catalogs.skymapper.cone": configJSON(s.skymapper.posFields),
		"mast.hscmatches.db.v2":        configJSON(matchFields()),
		"mast.hscmatches.db.v3":        configJSON(matchFields()),
		"mast.hscspectra.db.all":       configJSON(spectrumFields()),
	}
	for rel, c := range s.gaia {
		configs["mast.catalogs."+gaiaService(rel)+".cone"] = configJSON(c.posFields)
	}
	for v, c := range s.hsc {
		configs[fmt.Sprintf("mast.hsc.db.v%d", v)] = configJSON(c.posFields)
	}
	for name, fs := range s.fileSets {
		configs[name] = configJSON(fs.fields)
	}
	return configs
}

// Invoke prepares the answer of a catalog service.
func (s *Service) Invoke(req portal.Request) (portal.Answer, bool, error) {
	svc := req.Service
	switch svc {
	case "mast.catalogs.tess.cone", "mast.catalogs.tic.cone":
		return s.cone(req, s.tic, 0, nil)
	case "mast.catalogs.ctl.cone":
		return s.cone(req, s.ctl, 0, nil)
	case "mast.catalogs.dd.cone", "mast.catalogs.diskdetective.cone":
		return s.cone(req, s.dd, 0, nil)
	case "mast.catalogs.plato.cone":
		return s.cone(req, s.plato, 0, nil)
	case "mast.catalogs.skymapper.cone":
		return s.cone(req, s.skymapper, 0, nil)
	case "mast.galex.catalog":
		return s.cone(req, s.galex, portal.ParamInt(req.Params, "maxrecords", 50000), nil)
	case "mast.hsc.db.v2", "mast.hsc.db.v3":
		return s.hscCone(req, s.hsc[int(svc[len(svc)-1]-'0')])
	case "mast.hscmatches.db.v2", "mast.hscmatches.db.v3":
		return s.hscMatches(req)
	case "mast.hscspectra.db.all":
		return s.hscSpectra(req)
	case "mast.catalogs.all.tic":
		return s.histograms(s.tic, ticDiscrete()), true, nil
	case "mast.catalogs.all.diskdetective":
		return s.histograms(s.dd, ddDiscrete()), true, nil
	}
	if rel, ok := strings.CutPrefix(svc, "mast.catalogs."); ok {
		if name, ok := strings.CutSuffix(rel, ".cone"); ok {
			for r, c := range s.gaia {
				if name == gaiaService(r) {
					return s.cone(req, c, 0, nil)
				}
			}
		}
	}
	if rest, ok := strings.CutPrefix(svc, "mast.catalogs.filtered."); ok {
		return s.filtered(req, rest)
	}
	if fs, ok := s.fileSets[svc]; ok {
		ans, err := fs.answer(s.env, req)
		return ans, true, err
	}
	return nil, false, nil
}

// cone answers a catalog cone (ra, dec, radius). limit caps the rows (nr, maxrecords).
func (s *Service) cone(req portal.Request, c *catalog, limit int, extra func(*archive.Source) bool) (portal.Answer, bool, error) {
	ra, dec, radius, err := portal.ConeParams(req.Params)
	if err != nil {
		return nil, true, err
	}
	rows, _ := c.cone(s.env.Archive, ra, dec, radius, limit, extra)
	ans, err := portal.TableAnswer(req, c.posCols, rows, false)
	return ans, true, err
}

// filtered answers Mast.Catalogs.Filtered.{Tic,Ctl}[.Position][.Rows] and
// .DiskDetective[.Position]: criteria (AND of filters), optionally within ra/dec/radius.
// The TIC/CTL services without .Rows only count; .Rows cannot count (MAST's
// "Incorrect syntax near '*'.").
func (s *Service) filtered(req portal.Request, rest string) (portal.Answer, bool, error) {
	parts := strings.Split(rest, ".")
	var c *catalog
	switch parts[0] {
	case "tic":
		c = s.tic
	case "ctl":
		c = s.ctl
	case "diskdetective":
		c = s.dd
	default:
		return nil, false, nil
	}
	positional, rows := false, false
	for _, p := range parts[1:] {
		switch p {
		case "position":
			positional = true
		case "rows":
			rows = c != s.dd
			if !rows {
				return nil, false, nil
			}
		default:
			return nil, false, nil
		}
	}
	count := portal.IsCount(req.Params)
	switch {
	case rows && count:
		return nil, true, fmt.Errorf("Incorrect syntax near '*'.")
	case !rows && c != s.dd && !count:
		return nil, true, fmt.Errorf("%s only counts (columns COUNT_BIG(*)); use %s.Rows for rows", req.Sent, req.Sent)
	}
	var list []Row
	cols := c.cols
	if positional {
		ra, dec, radius, err := portal.ConeParams(req.Params)
		if err != nil {
			return nil, true, err
		}
		list, _ = c.cone(s.env.Archive, ra, dec, radius, 0, nil)
		cols = c.posCols
	} else {
		list = s.rowsOfFields(c)
	}
	ans, err := portal.TableAnswer(req, cols, list, true)
	return ans, true, err
}

// histograms answers Mast.Catalogs.All.* (extjs), counted over the catalog's fields,
// once per archive.
func (s *Service) histograms(c *catalog, discrete []string) portal.Answer {
	a := s.env.Archive
	key := "catalogs: histograms " + c.name
	b := a.Memo(key, func() any { return histogramAnswer(c.fields, s.rowsOfFields(c), discrete) }).([]byte)
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}
