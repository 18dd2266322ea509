// Package cutouts is the simulator's TESScut, Zcut and HAPCut (protocol section 8):
// sector lists from a deterministic TESS pointing model, moving targets for a few named
// bodies, cutouts made on request as real target pixel files (PRIMARY, PIXELS,
// APERTURE) or deep-field images, zipped with deflate like MAST. A cutout's bytes depend
// only on its request, so a GET resumed with Range is byte-exact. TESScut refuses more
// than 10 requests in flight from one client with 503 and Retry-After, as MAST does.
package cutouts

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mastui/services/sim/internal/simhttp"
)

// MaxInFlight is TESScut's limit of requests at once per client (protocol 8.2).
const MaxInFlight = 10

// Stats count what the TESScut limit saw.
type Stats struct {
	MaxInFlight int64 // most TESScut requests in flight at once from one client (the refused included)
	Rejected    int64 // requests refused with 503
}

// Service answers the cutout services over env.
type Service struct {
	env *simhttp.Env

	mu       sync.Mutex
	inFlight map[string]int64 // per client
	recent   []answer         // the last TESScut zips made, newest last (resumes ask again)
	max      atomic.Int64
	rejected atomic.Int64
}

// answer is a TESScut zip made for one request (path and parameters).
type answer struct {
	key, stem string
	zip       []byte
}

// maxRecent bounds the zips kept: a resume or a re-run asks for the same bytes again,
// and making a target pixel file costs far more than serving it.
const maxRecent = 8

func (s *Service) remembered(key string) (answer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.recent {
		if a.key == key {
			return a, true
		}
	}
	return answer{}, false
}

func (s *Service) remember(a answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.recent) == maxRecent {
		s.recent = s.recent[1:]
	}
	s.recent = append(s.recent, a)
}

// New makes the cutout services.
func New(env *simhttp.Env) *Service { return &Service{env: env, inFlight: map[string]int64{}} }

// Register adds the endpoints to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/tesscut/api/v0.1/sector", s.limited(s.sectors))
	mux.HandleFunc("/tesscut/api/v0.1/moving_target/sector", s.limited(s.movingSectors))
	mux.HandleFunc("/tesscut/api/v0.1/astrocut", s.limited(s.tesscut))
	mux.HandleFunc("/tesscut/api/v0.1/moving_target/astrocut", s.limited(s.tesscut))
	mux.HandleFunc("/zcut/api/v0.1/survey", s.zcutSurveys)
	mux.HandleFunc("/zcut/api/v0.1/astrocut", s.zcut)
	mux.HandleFunc("/hapcut/api/v0.1/astrocut", s.hapcut)
}

// Stats reports the TESScut limit's counts so far.
func (s *Service) Stats() Stats { return Stats{MaxInFlight: s.max.Load(), Rejected: s.rejected.Load()} }

// clientKey tells users apart as MAST would: by token, else by address.
func clientKey(r *http.Request) string {
	if c, err := r.Cookie("mast_token"); err == nil && c.Value != "" {
		sum := sha256.Sum256([]byte(c.Value))
		return "token:" + hex.EncodeToString(sum[:8])
	}
	if a := r.Header.Get("Authorization"); a != "" {
		sum := sha256.Sum256([]byte(a))
		return "token:" + hex.EncodeToString(sum[:8])
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limited counts h's requests in flight per client and refuses the 11th with 503.
func (s *Service) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := clientKey(r)
		s.mu.Lock()
		s.inFlight[key]++
		n := s.inFlight[key]
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			if s.inFlight[key]--; s.inFlight[key] == 0 {
				delete(s.inFlight, key)
			}
			s.mu.Unlock()
		}()
		for m := s.max.Load(); n > m && !s.max.CompareAndSwap(m, n); m = s.max.Load() {
		}
		if n > MaxInFlight {
			s.rejected.Add(1)
			w.Header().Set("Retry-After", "1")
			s.env.Error(w, http.StatusServiceUnavailable, "Service Temporarily Unavailable: at most 10 TESScut requests at once")
			return
		}
		if d := s.env.Faults.CutoutLatency; d > 0 {
			select {
			case <-time.After(d):
			case <-r.Context().Done():
				return
			}
		}
		h(w, r)
	}
}

// form reads the parameters of a GET query or a POST form.
func form(r *http.Request) (map[string][]string, error) {
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("unreadable parameters: %w", err)
	}
	return r.Form, nil
}

func first(f map[string][]string, k string) string {
	if v := f[k]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

func number(f map[string][]string, k string, required bool, def float64) (float64, error) {
	v := first(f, k)
	if v == "" {
		if required {
			return 0, fmt.Errorf("missing parameter %s", k)
		}
		return def, nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("parameter %s=%q is not a number", k, v)
	}
	return x, nil
}

// position reads ra and dec.
func position(f map[string][]string) (float64, float64, error) {
	ra, err := number(f, "ra", true, 0)
	if err != nil {
		return 0, 0, err
	}
	dec, err := number(f, "dec", true, 0)
	if err != nil {
		return 0, 0, err
	}
	if ra < 0 || ra >= 360 || dec < -90 || dec > 90 {
		return 0, 0, fmt.Errorf("position %v %v is off the sky", ra, dec)
	}
	return ra, dec, nil
}

// size reads x, y and units (default 5 × 5 px).
func size(f map[string][]string) (x, y float64, units string, err error) {
	if x, err = number(f, "x", false, 5); err != nil {
		return
	}
	if y, err = number(f, "y", false, x); err != nil {
		return
	}
	switch units = first(f, "units"); units {
	case "", "px", "pixel", "pixels":
		units = "px"
	case "d", "deg", "degree", "degrees":
		units = "d"
	default:
		err = fmt.Errorf("units=%q: use px or d", units)
		return
	}
	if x <= 0 || y <= 0 {
		err = fmt.Errorf("cutout size %vx%v must be positive", x, y)
	}
	return
}

func (s *Service) bad(w http.ResponseWriter, err error) {
	s.env.Error(w, http.StatusBadRequest, err.Error())
}

// noData is the HTTP 200 JSON MAST sends instead of a zip when there is nothing.
func noData(w http.ResponseWriter, msg string, withResults bool) {
	v := map[string]any{"msg": msg}
	if withResults {
		v["results"] = []string{}
	}
	simhttp.WriteJSON(w, v)
}

type sectorJSON struct {
	SectorName string `json:"sectorName"`
	Sector     string `json:"sector"`
	Camera     string `json:"camera"`
	CCD        string `json:"ccd"`
}

func sectorList(hits []hit) map[string][]sectorJSON {
	out := []sectorJSON{}
	for _, h := range hits {
		out = append(out, sectorJSON{h.name(), strconv.Itoa(h.sector), strconv.Itoa(h.camera), strconv.Itoa(h.ccd)})
	}
	return map[string][]sectorJSON{"results": out}
}

// sectors answers POST sector: ra, dec, radius.
func (s *Service) sectors(w http.ResponseWriter, r *http.Request) {
	f, err := form(r)
	if err != nil {
		s.bad(w, err)
		return
	}
	ra, dec, err := position(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	radius, err := number(f, "radius", false, 0)
	if err != nil || radius < 0 || radius > 10 {
		s.bad(w, fmt.Errorf("radius=%q: give degrees from 0 to 10", first(f, "radius")))
		return
	}
	simhttp.WriteJSON(w, sectorList(sectorsAt(ra, dec, radius)))
}

// movingSectors answers POST moving_target/sector: obj_id[, obj_type].
func (s *Service) movingSectors(w http.ResponseWriter, r *http.Request) {
	f, err := form(r)
	if err != nil {
		s.bad(w, err)
		return
	}
	b, err := movingBody(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	simhttp.WriteJSON(w, sectorList(b.hits))
}

func movingBody(f map[string][]string) (*body, error) {
	id, kind := first(f, "obj_id"), first(f, "obj_type")
	if id == "" {
		return nil, fmt.Errorf("missing parameter obj_id")
	}
	if kind != "" && kind != "majorbody" && kind != "smallbody" {
		return nil, fmt.Errorf("obj_type=%q: use majorbody or smallbody", kind)
	}
	b, ok := findBody(id, kind)
	if !ok {
		return nil, fmt.Errorf("JPL Horizons does not know %q as a %s", id, orStr(kind, "major or small body"))
	}
	return b, nil
}

func orStr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// wantSectors reads the sector filter (repeated sector=N); nil means all.
func wantSectors(f map[string][]string) (map[int]bool, error) {
	if len(f["sector"]) == 0 {
		return nil, nil
	}
	out := map[int]bool{}
	for _, v := range f["sector"] {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("sector=%q is not a sector number", v)
		}
		out[n] = true
	}
	return out, nil
}

// Caps that keep simulated cutouts small (a few MB at most).
const (
	maxTESSPixels = 100
	fileBudget    = 1 << 20
	zipBudget     = 4 << 20
	minCadences   = 8
	maxCadences   = 1300
)

// tesscut answers astrocut and moving_target/astrocut (GET or POST).
func (s *Service) tesscut(w http.ResponseWriter, r *http.Request) {
	f, err := form(r)
	if err != nil {
		s.bad(w, err)
		return
	}
	key := r.URL.Path + "?" + url.Values(f).Encode()
	if a, ok := s.remembered(key); ok {
		s.sendZip(w, r, a.zip, a.stem)
		return
	}
	x, y, units, err := size(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	nx, ny := int(math.Round(x)), int(math.Round(y))
	if units == "d" {
		nx, ny = max(1, int(math.Round(x/tessPixelDeg))), max(1, int(math.Round(y/tessPixelDeg)))
	}
	if nx > maxTESSPixels || ny > maxTESSPixels || nx < 1 || ny < 1 {
		s.bad(w, fmt.Errorf("cutout of %dx%d pixels: the simulator serves 1 to %d pixels a side", nx, ny, maxTESSPixels))
		return
	}
	want, err := wantSectors(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	var specs []tpfSpec
	var label string
	if strings.Contains(r.URL.Path, "moving_target") {
		b, err := movingBody(f)
		if err != nil {
			s.bad(w, err)
			return
		}
		label = strings.ToLower(b.name)
		for _, h := range b.hits {
			if want == nil || want[h.sector] {
				ra, dec := ccdCentre(h)
				specs = append(specs, tpfSpec{hit: h, ra: ra, dec: dec, nx: nx, ny: ny, object: b.name})
			}
		}
	} else {
		ra, dec, err := position(f)
		if err != nil {
			s.bad(w, err)
			return
		}
		label = nameNumber(first(f, "ra")) + "_" + nameNumber(first(f, "dec"))
		for _, h := range sectorsAt(ra, dec, 0) {
			if want == nil || want[h.sector] {
				specs = append(specs, tpfSpec{hit: h, ra: ra, dec: dec, nx: nx, ny: ny})
			}
		}
	}
	if len(specs) == 0 {
		msg := "Cutout request returned no data: the target is not in any TESS sector."
		if want != nil {
			msg = "Cutout request returned no data: the target is not in the requested sector(s)."
		}
		noData(w, msg, false)
		return
	}
	budget := min(fileBudget, zipBudget/len(specs))
	cadences := min(max(budget/tpfRowBytes(nx, ny), minCadences), maxCadences)
	var ms []member
	for _, sp := range specs {
		sp.cadences = cadences
		data, err := makeTPF(sp)
		if err != nil {
			s.env.Error(w, http.StatusInternalServerError, err.Error())
			return
		}
		ms = append(ms, member{fmt.Sprintf("%s_%s_%dx%d_astrocut.fits", sp.hit.name(), label, ny, nx), data})
	}
	z, err := zipMembers(ms)
	if err != nil {
		s.env.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.remember(answer{key: key, stem: "astrocut_" + label, zip: z})
	s.sendZip(w, r, z, "astrocut_"+label)
}

// nameNumber is a parameter as it appears in a file name: the text sent, digits, sign,
// point and exponent only.
func nameNumber(v string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E' {
			return r
		}
		return -1
	}, v)
}

// serveZip zips ms and sends it like a download: Content-Length, Range, the faults.
func (s *Service) serveZip(w http.ResponseWriter, r *http.Request, ms []member, stem string) {
	z, err := zipMembers(ms)
	if err != nil {
		s.env.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.sendZip(w, r, z, stem)
}

// sendZip sends a made zip.
func (s *Service) sendZip(w http.ResponseWriter, r *http.Request, z []byte, stem string) {
	h := w.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", stem+".zip"))
	sum := sha256.Sum256(z)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	s.env.ServeRange(w, r, strings.NewReader(string(z)), int64(len(z)), r.URL.Path)
}

// zcutSurveys answers POST zcut survey: ra, dec, radius.
func (s *Service) zcutSurveys(w http.ResponseWriter, r *http.Request) {
	f, err := form(r)
	if err != nil {
		s.bad(w, err)
		return
	}
	ra, dec, err := position(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	radius, err := number(f, "radius", false, 0)
	if err != nil || radius < 0 {
		s.bad(w, fmt.Errorf("radius=%q: give degrees", first(f, "radius")))
		return
	}
	names := []string{}
	for _, sv := range surveysAt(ra, dec, radius) {
		names = append(names, sv.name)
	}
	simhttp.WriteJSON(w, map[string][]string{"surveys": names})
}

// zcut answers zcut astrocut: FITS (PRIMARY + a CUTOUT per band, one file per survey) or
// jpg/png (one image per band).
func (s *Service) zcut(w http.ResponseWriter, r *http.Request) {
	f, err := form(r)
	if err != nil {
		s.bad(w, err)
		return
	}
	ra, dec, err := position(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	x, y, units, err := size(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	format := first(f, "cutout_format")
	if format == "" {
		format = first(f, "format") // astroquery before 0.4.7 and the docs
	}
	switch format {
	case "":
		format = "fits"
	case "fits", "jpg", "png":
	default:
		s.bad(w, fmt.Errorf("cutout_format=%q: use fits, jpg or png", format))
		return
	}
	img, err := imageParams(f)
	if err != nil {
		s.bad(w, err)
		return
	}
	found := surveysAt(ra, dec, 0)
	if sv := first(f, "survey"); sv != "" {
		var keep []survey
		for _, x := range found {
			if x.name == sv {
				keep = append(keep, x)
			}
		}
		found = keep
	}
	if len(found) == 0 {
		noData(w, "No cutouts found: the position is not in an available deep field survey.", false)
		return
	}
	var ms []member
	for _, sv := range found {
		nx, ny, scale, err := imageSize(x, y, units, sv.scaleArcsec)
		if err != nil {
			s.bad(w, err)
			return
		}
		key := fmt.Sprintf("%s %.6f %.6f %dx%d %g", sv.name, ra, dec, nx, ny, scale)
		tail := fmt.Sprintf("_%.6f_%.6f_%d.0pix-x-%d.0pix_astrocut", ra, dec, nx, ny)
		if format == "fits" {
			primary := fitsPrimary("HST", sv.name, ra, dec)
			data, err := cutoutFITS(primary, ra, dec, scale, nx, ny, sv.bands, key)
			if err != nil {
				s.env.Error(w, http.StatusInternalServerError, err.Error())
				return
			}
			ms = append(ms, member{sv.name + tail + ".fits", data})
			continue
		}
		for _, band := range sv.bands {
			inst, filter := splitBand(band)
			data, err := renderImage(skyImage(key+band, nx, ny), nx, ny, img, format)
			if err != nil {
				s.env.Error(w, http.StatusInternalServerError, err.Error())
				return
			}
			ms = append(ms, member{fmt.Sprintf(sv.product, inst, filter) + tail + "." + format, data})
		}
	}
	s.serveZip(w, r, ms, "zcut")
}

// imageParams reads stretch, minmax_percent, minmax_value and invert.
func imageParams(f map[string][]string) (imgParams, error) {
	p := imgParams{stretch: "asinh", lo: 0.5, hi: 99.5}
	if v := first(f, "stretch"); v != "" {
		switch v {
		case "asinh", "sinh", "sqrt", "log", "linear":
			p.stretch = v
		default:
			return p, fmt.Errorf("stretch=%q: use asinh, sinh, sqrt, log or linear", v)
		}
	}
	for _, k := range []string{"minmax_percent", "minmax_value"} {
		v := first(f, k)
		if v == "" {
			continue
		}
		var pair []float64
		if err := json.Unmarshal([]byte(v), &pair); err != nil || len(pair) != 2 || pair[0] >= pair[1] {
			return p, fmt.Errorf("%s=%q: give [low, high]", k, v)
		}
		p.lo, p.hi, p.byValue = pair[0], pair[1], k == "minmax_value"
	}
	switch strings.ToLower(first(f, "invert")) {
	case "", "false", "0":
	case "true", "1":
		p.inv = true
	default:
		return p, fmt.Errorf("invert=%q: use True or False", first(f, "invert"))
	}
	return p, nil
}
