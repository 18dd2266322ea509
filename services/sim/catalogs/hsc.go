package catalogs

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/portal"
)

// hscFilters are the filter columns of the HSC summary answers ("A_" ACS, "W3_" WFC3).
var hscFilters = [...]string{"A_F475W", "A_F606W", "A_F814W", "W3_F275W", "W3_F336W", "W3_F160W"}

func hscFields(version int) []field {
	fs := []field{
		f("MatchID", tLong, "", "Match identifier"), f("Distance", tDouble, "arcmin", "Distance from the search position"),
		f("MatchRA", tDouble, "deg", "Match right ascension"), f("MatchDec", tDouble, "deg", "Match declination"),
		f("DSigma", tDouble, "mas", "Standard deviation of the source positions"), f("AbsCorr", tString, "", "Absolute astrometry corrected (Y/N)"),
		f("NumFilters", tInt, "", "Number of filters"), f("NumVisits", tInt, "", "Number of visits"),
		f("NumImages", tInt, "", "Number of images"), f("StartTime", tString, "", "Earliest observation"),
		f("StopTime", tString, "", "Latest observation"), f("StartMJD", tDouble, "d", "Earliest MJD"),
		f("StopMJD", tDouble, "d", "Latest MJD"), f("TargetName", tString, "", "Target name of the first visit"),
		f("CI", tDouble, "mag", "Concentration index"), f("CI_Sigma", tDouble, "mag", "CI standard deviation"),
		f("KronRadius", tDouble, "arcsec", "Kron radius"), f("KronRadius_Sigma", tDouble, "arcsec", "Kron radius standard deviation"),
		f("Extinction", tDouble, "mag", "E(B-V) from Schlegel et al."),
	}
	if version >= 3 {
		fs = append(fs, f("SpectrumFlag", tString, "", "Has an HSC spectrum (Y/N)"))
	}
	for _, name := range hscFilters {
		fs = append(fs, f(name, tDouble, "mag", name+" magnitude"), f(name+"_Sigma", tDouble, "mag", name+" standard deviation"),
			f(name+"_N", tInt, "", "Number of "+name+" measurements"))
	}
	return fs
}

// hscCatalog is the HSC summary catalogue of a version; magtype 1 gives aperture
// magnitudes (MagAper2), 2 automatic ones (MagAuto): brighter, measured more often.
func hscCatalog(version int) *catalog {
	fields := hscFields(version)
	c := &catalog{name: fmt.Sprintf("hsc v%d", version), model: hscModel(), fields: fields,
		dist: fields[1], distAt: 1, distScale: 60}
	c.fields = append(fields[:1:1], fields[2:]...) // Distance is the positional column
	c.row = func(s *archive.Source, r *archive.Rand) []any { return hscRow(version, 1, s, r) }
	return c.init()
}

// hscRow draws a summary row without its Distance.
func hscRow(version, magtype int, s *archive.Source, r *archive.Rand) []any {
	images := 1 + r.Intn(12)
	filters := 1 + r.Intn(min(images, len(hscFilters)))
	start := r.Range(52300, 58800)
	stop := start + r.LogUniform(0.01, 3000)
	if images == 1 {
		stop = start
	}
	t0, t1 := archive.MJDTime(start), archive.MJDTime(stop)
	v := []any{
		int64(s.ID), s.RA, s.Dec, r.LogUniform(0.5, 30), []string{"Y", "Y", "N"}[r.Intn(3)],
		int64(filters), int64(1 + r.Intn(images)), int64(images), t0.Format("2006-01-02 15:04:05"), t1.Format("2006-01-02 15:04:05"),
		start, stop, []string{"NGC7078", "M15-CORE", "NGC6254", "M101-FIELD", "ANY"}[r.Intn(5)],
		r.Range(0.8, 1.6), r.Range(0.01, 0.2), r.Range(1.2, 3.5), r.Range(0.05, 0.5), r.Range(0.04, 0.2),
	}
	if version >= 3 {
		v = append(v, "N")
	}
	have := map[int]bool{}
	for len(have) < filters {
		have[r.Intn(len(hscFilters))] = true
	}
	for i := range hscFilters {
		m := s.Mag + []float64{0.6, 0.2, -0.3, 1.2, 1, -0.8}[i] + 0.1*r.Normal()
		sig := 0.01 + 0.05*r.Float()
		if magtype == 2 {
			m, sig = m-0.15-0.05*r.Float(), sig*1.3
		} else {
			r.Float() // same stream length for both magtypes
		}
		if !have[i] {
			v = append(v, nil, nil, int64(0))
			continue
		}
		v = append(v, math.Round(m*1e4)/1e4, math.Round(sig*1e4)/1e4, int64(1+r.Intn(images)))
	}
	return v
}

// hscCone answers Mast.Hsc.Db.v2/v3: ra, dec, radius, nr (row cap, nearest first),
// ni (minimum number of images) and magtype (1 aperture, 2 automatic magnitudes).
func (s *Service) hscCone(req portal.Request, c *catalog) (portal.Answer, bool, error) {
	magtype := portal.ParamInt(req.Params, "magtype", 1)
	if magtype != 1 && magtype != 2 {
		return nil, true, fmt.Errorf("magtype must be 1 (MagAper2) or 2 (MagAuto), got %d", magtype)
	}
	nr, ni := portal.ParamInt(req.Params, "nr", 50000), portal.ParamInt(req.Params, "ni", 1)
	if nr <= 0 {
		return nil, true, fmt.Errorf("nr must be positive, got %d", nr)
	}
	version := 2
	if strings.HasSuffix(req.Service, "3") {
		version = 3
	}
	ra, dec, radius, err := portal.ConeParams(req.Params)
	if err != nil {
		return nil, true, err
	}
	srcs, dist := s.env.Archive.Sources(c.model, ra, dec, radius)
	var rows []Row
	for i := range srcs {
		if len(rows) == nr {
			break
		}
		v := hscRow(version, magtype, &srcs[i], srcs[i].Rand())
		if v[7].(int64) < int64(ni) {
			continue
		}
		rows = append(rows, Row{V: append(v[:1:1], append([]any{dist[i] * 60}, v[1:]...)...)})
	}
	ans, err := portal.TableAnswer(req, c.posCols, rows, false)
	return ans, true, err
}

func matchFields() []field {
	return []field{
		f("CatID", tLong, "", "Catalog (source) identifier"), f("MatchID", tLong, "", "Match identifier"),
		f("MemID", tInt, "", "Member number in the match"), f("SourceID", tLong, "", "Source identifier in its image"),
		f("ImageID", tInt, "", "Image identifier"), f("Det", tString, "", "Detection filter"),
		f("ImageName", tString, "", "HLA image name"), f("Instrument", tString, "", "Instrument"),
		f("Detector", tString, "", "Detector"), f("Filter", tString, "", "Filter"),
		f("StartMJD", tDouble, "d", "Exposure start MJD"), f("ExposureTime", tDouble, "s", "Exposure time"),
		f("SourceRA", tDouble, "deg", "Source right ascension"), f("SourceDec", tDouble, "deg", "Source declination"),
		f("XImage", tDouble, "pixel", "X in the image"), f("YImage", tDouble, "pixel", "Y in the image"),
		f("MagAper2", tDouble, "mag", "Aperture magnitude"), f("MagAuto", tDouble, "mag", "Automatic magnitude"),
		f("CI", tDouble, "mag", "Concentration index"), f("KronRadius", tDouble, "arcsec", "Kron radius"),
		f("Flags", tInt, "", "SExtractor flags"), f("cd_matrix", tString, "", "Image CD matrix"),
	}
}

// hscMatches answers Mast.HscMatches.Db.v2/v3 {"input": "<MatchID>"}: one row per
// image the match was measured in (NumImages of its summary row).
func (s *Service) hscMatches(req portal.Request) (portal.Answer, bool, error) {
	in := strings.TrimSpace(portal.ParamString(req.Params, "input"))
	id, err := strconv.ParseUint(strings.TrimSuffix(in, ".0"), 10, 64)
	if err != nil {
		return nil, true, fmt.Errorf("input %q is not an HSC MatchID (an integer)", in)
	}
	var rows []Row
	if src, ok := s.env.Archive.SourceByID(s.hsc[3].model, id); ok {
		rows = hscMatchRows(&src)
	}
	ans, err := portal.TableAnswer(req, columns(matchFields()), rows, false)
	return ans, true, err
}

func hscMatchRows(src *archive.Source) []Row {
	summary := hscRow(3, 1, src, src.Rand())
	n := int(summary[7].(int64))
	r := archive.NewRand(src.ID, 0x3a7c)
	insts := []struct{ inst, det, filt string }{{"ACS", "WFC", "F606W"}, {"ACS", "WFC", "F814W"}, {"WFC3", "UVIS", "F275W"}, {"WFC3", "IR", "F160W"}}
	var rows []Row
	for k := range n {
		in := insts[r.Intn(len(insts))]
		prop := 9000 + r.Intn(7000)
		cd := 1.10059e-5 + 1e-9*r.Normal()
		rot := 1e-9 * r.Normal()
		m := src.Mag + 0.05*r.Normal()
		rows = append(rows, Row{V: []any{
			int64(300000000 + (src.ID*7+uint64(k)*104729)%100000000), int64(src.ID), int64(k + 1), int64(r.Intn(60000)), int64(100000 + r.Intn(900000)),
			in.filt, fmt.Sprintf("hst_%05d_%02d_%s_%s_%s", prop, 1+r.Intn(40), strings.ToLower(in.inst), strings.ToLower(in.det), strings.ToLower(in.filt)),
			in.inst, in.det, in.filt, r.Range(52300, 58800), r.Range(30, 2400),
			src.RA + 1e-6*r.Normal(), src.Dec + 1e-6*r.Normal(), r.Range(1, 4096), r.Range(1, 2048),
			math.Round(m*1e4) / 1e4, math.Round((m-0.12)*1e4) / 1e4, r.Range(0.8, 1.6), r.Range(1.2, 3.5), int64(0),
			fmt.Sprintf("%.5e %.5e %.5e %.5e", -cd, rot, rot, cd),
		}})
	}
	return rows
}

func spectrumFields() []field {
	return []field{
		f("ObjID", tInt, "", "Spectrum identifier"), f("DatasetName", tString, "", "HLA spectrum dataset name"),
		f("MatchID", tLong, "", "HSC match of the spectrum's source"), f("MatchRA", tDouble, "deg", "Right ascension"),
		f("MatchDec", tDouble, "deg", "Declination"), f("Instrument", tString, "", "Instrument"),
		f("Grating", tString, "", "Grism or grating"), f("Target", tString, "", "Target name"),
		f("SpectrumType", tInt, "", "0, 1: HLA grism extraction; 2: external (ECF) spectrum"),
		f("StartMJD", tDouble, "d", "Observation MJD"), f("ExposureTime", tDouble, "s", "Exposure time"),
		f("PropID", tInt, "", "Proposal identifier"), f("HSCMatch", tString, "", "Matched in the HSC (Y/N)"),
	}
}

// spectra are the HSC spectra (Mast.HscSpectra.Db.All): HSC sources of the clusters,
// built once per archive.
func (s *Service) spectra() []Row {
	a := s.env.Archive
	return a.Memo("catalogs: hsc spectra", func() any {
		m := s.hsc[3].model
		var rows []Row
		obj := 20010
		for ci, c := range m.Clusters {
			srcs, _ := a.Sources(m, c.RA, c.Dec, 0.01)
			for k := 0; k < len(srcs) && k < 60; k++ {
				src := &srcs[k]
				r := archive.NewRand(src.ID, 0x5bec)
				ds := fmt.Sprintf("J%s%c", strings.ToUpper(strconv.FormatUint(uint64(r.Intn(1<<30))+1<<35, 36))[:7], 'A'+byte(r.Intn(26)))
				name := fmt.Sprintf("HAG_%s_%s_V01.SPEC1D", jName(src.RA, src.Dec, 2, 1), ds)
				typ := int64(k % 3)
				rows = append(rows, Row{V: []any{int64(obj), name, int64(src.ID), src.RA, src.Dec, "ACS/WFC", "G800L",
					[]string{"NGC7078", "NGC6254", "NGC5457", "NGC6121"}[ci%4], typ, r.Range(53000, 56000), r.Range(300, 2000),
					int64(9000 + r.Intn(5000)), []string{"Y", "Y", "N"}[r.Intn(3)]}})
				obj++
			}
		}
		return rows
	}).([]Row)
}

func (s *Service) hscSpectra(req portal.Request) (portal.Answer, bool, error) {
	ans, err := portal.TableAnswer(req, columns(spectrumFields()), s.spectra(), false)
	return ans, true, err
}

// spectrumFile serves an HSC spectrum FITS file as HLA does: getdata.cgi?dataset=<name>
// and ecfproxy?file_id=<name>.fits (protocol 9.5).
func (s *Service) spectrumFile(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	name := q.Get("dataset")
	if strings.HasSuffix(r.URL.Path, "ecfproxy") {
		name = strings.TrimSuffix(q.Get("file_id"), ".fits")
	}
	for _, row := range s.spectra() {
		if row.V[1].(string) == name && name != "" {
			p := archive.Product{DataURI: "hla:HSC/" + name, Filename: name + ".fits", Collection: "HSC", ObsIDStr: name,
				Size: int64(2880 * (3 + row.V[0].(int64)%5))}
			s.files.ServeFile(w, r, s.env.Archive.NewFile(p), p.DataURI)
			return
		}
	}
	s.env.Error(w, http.StatusNotFound, fmt.Sprintf("no such HSC spectrum: %q", name))
}
