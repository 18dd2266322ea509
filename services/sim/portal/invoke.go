package portal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// invokeRequest is a MashupRequest. Go's decoder matches keys case-insensitively.
type invokeRequest struct {
	Service  string          `json:"service"`
	Params   json.RawMessage `json:"params"`
	Format   string          `json:"format"`
	PageSize json.RawMessage `json:"pagesize"`
	Page     json.RawMessage `json:"page"`
}

// defaultPageSize is MAST's documented MashupRequest default; astroquery always sends
// its own (50000).
const defaultPageSize = 1000

// invoke answers POST/GET /api/v0/invoke with request=<percent-encoded JSON>.
func (s *Service) invoke(w http.ResponseWriter, r *http.Request) {
	raw, err := requestField(r)
	if err != nil {
		s.portalError(w, err.Error())
		return
	}
	var req invokeRequest
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		s.portalError(w, fmt.Sprintf("The request is not valid JSON: %v", err))
		return
	}
	params := map[string]json.RawMessage{}
	if p := bytes.TrimSpace(req.Params); len(p) > 0 && string(p) != "null" {
		if err := json.Unmarshal(p, &params); err != nil {
			s.portalError(w, fmt.Sprintf("params must be a JSON object: %v", err))
			return
		}
	}
	svc := strings.ToLower(strings.TrimSpace(req.Service))
	pr := pageReq{size: intOr(req.PageSize, defaultPageSize), page: intOr(req.Page, 1)}
	if pr.size <= 0 {
		pr.size = defaultPageSize
	}
	pr.page = max(pr.page, 1)
	var ans answer
	switch svc {
	case "mast.name.lookup":
		s.nameLookup(w, params)
		return
	case "mast.caom.cone", "mast.caom.filtered", "mast.caom.filtered.position":
		ans, err = s.caomQuery(svc, params, pr)
	case "mast.caom.products":
		ans, err = s.productsQuery(params, pr)
	case "mast.caom.all":
		ans = func(w io.Writer) error { _, err := w.Write(s.caomAll()); return err }
	case "mast.bundle.request":
		ans, err = s.bundleRequest(r, params)
	case "":
		err = fmt.Errorf("the request has no service")
	default:
		ans, err = s.extensionAnswer(Request{Service: svc, Sent: req.Service, Params: params, Format: req.Format,
			Page: pr, PageSizeCap: s.env.Faults.PageSizeCap})
	}
	if err != nil {
		s.env.Log.Debug("invoke error", "service", req.Service, "err", err)
		s.portalError(w, err.Error())
		return
	}
	if pct, running := s.stillExecuting(raw); running {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status": "EXECUTING", "msg": "", "percent complete": %d}`, pct)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := ans(w); err != nil {
		s.env.Log.Debug("invoke write", "service", req.Service, "err", err)
	}
	s.env.Log.Debug("invoke", "service", req.Service, "page", pr.page, "pagesize", pr.size)
}

// requestField extracts the request JSON from a form body, a query string, or a body
// that is JSON itself.
func requestField(r *http.Request) (string, error) {
	if v := r.URL.Query().Get("request"); v != "" {
		return v, nil
	}
	body, err := simhttp.ReadBody(r)
	if err != nil {
		return "", err
	}
	if t := strings.TrimSpace(body); strings.HasPrefix(t, "{") {
		return t, nil
	}
	form, err := url.ParseQuery(body)
	if err != nil {
		return "", fmt.Errorf("the body is not a form: %v", err)
	}
	if v := form.Get("request"); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("missing form field \"request\" (a percent-encoded MashupRequest JSON)")
}

// intOr reads a JSON number or numeric string.
func intOr(raw json.RawMessage, def int) int {
	s, ok := scalarText(raw)
	if !ok {
		return def
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return def
	}
	return int(f)
}

// portalError is MAST's error answer: HTTP 200 with status ERROR.
func (s *Service) portalError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	b, _ := json.Marshal(simhttp.Ordered{{"status", "ERROR"}, {"msg", msg}})
	w.Write(b)
}

// stillExecuting counts the polls of a job, identified by the request minus "page"
// (cacheBreaker included, so a new cacheBreaker is a new job), and reports whether the
// job should still answer EXECUTING.
func (s *Service) stillExecuting(raw string) (int, bool) {
	if s.executing <= 0 {
		return 100, false
	}
	key := jobKey(raw)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.jobs) > 100000 {
		s.jobs = map[uint64]int{} // bounded: forgetting old jobs only makes them run again
	}
	n := s.jobs[key]
	if n >= s.executing {
		return 100, false
	}
	s.jobs[key] = n + 1
	return 100 * n / (s.executing + 1), true
}

func jobKey(raw string) uint64 {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return archive.HashString(raw)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !strings.EqualFold(k, "page") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		var compact bytes.Buffer
		if err := json.Compact(&compact, m[k]); err != nil {
			compact.Write(m[k])
		}
		b.WriteString(k)
		b.WriteByte(0)
		b.Write(compact.Bytes())
		b.WriteByte(0)
	}
	return archive.HashString(b.String())
}

// extensionAnswer asks the extensions for a service this package does not know.
func (s *Service) extensionAnswer(req Request) (answer, error) {
	known := []string{"Mast.Caom.Cone, Mast.Caom.Filtered, Mast.Caom.Filtered.Position, Mast.Caom.Products, " +
		"Mast.Caom.All, Mast.Bundle.Request, Mast.Name.Lookup"}
	for _, e := range s.extensions {
		ans, ok, err := e.Invoke(req)
		if ok {
			return ans, err
		}
		known = append(known, e.Services())
	}
	return nil, fmt.Errorf("Unknown service: %s. This simulator answers %s.", req.Sent, strings.Join(known, ", "))
}
