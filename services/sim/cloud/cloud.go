// Package cloud is the simulator's cloud side (protocol 12): path_lookup, which maps
// dataURIs to keys of the public bucket, and that bucket, S3-compatible and path-style
// under /s3/<bucket>/<key> on the simulator's own listener. It serves the very bytes of
// Download/file (the archive's files), with Range, HEAD, ListObjectsV2 of the top-level
// prefixes and S3's XML errors. Faults.BucketDown makes it answer 503 so clients'
// fallback to MAST can be tested.
package cloud

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// Bucket is the public bucket's name; Prefix is where the simulator serves buckets.
const (
	Bucket = "stpubdata"
	Prefix = "/s3/"
)

// Service answers path_lookup and the bucket.
type Service struct{ env *simhttp.Env }

// New makes the cloud service.
func New(env *simhttp.Env) *Service { return &Service{env: env} }

// Register adds path_lookup and the bucket to mux.
func (s *Service) Register(mux *http.ServeMux) {
	mux.HandleFunc("/api/v0.1/path_lookup/", s.pathLookup)
	mux.HandleFunc("/api/v0.1/path_lookup", s.pathLookup)
	mux.HandleFunc(Prefix, s.bucket)
}

// pathLookup answers GET /api/v0.1/path_lookup/?uri=..&uri=..&use_cloud_path=True with
// one entry per URI asked: {"status_code": 200, "path": "/<key>"} for a public product
// with a cloud copy, {"status_code": 404, "path": null} otherwise.
func (s *Service) pathLookup(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		s.env.Error(w, http.StatusMethodNotAllowed, "use GET")
		return
	}
	uris := r.URL.Query()["uri"]
	if len(uris) == 0 {
		s.env.Error(w, http.StatusBadRequest, "missing uri parameter (one or more mast: URIs)")
		return
	}
	out := make(simhttp.Ordered, 0, len(uris))
	for _, u := range uris {
		entry := simhttp.Ordered{{K: "status_code", V: 404}, {K: "path", V: nil}}
		if key := s.keyFor(u); key != "" {
			entry = simhttp.Ordered{{K: "status_code", V: 200}, {K: "path", V: "/" + key}}
		}
		out = append(out, simhttp.KV{K: u, V: entry})
	}
	simhttp.WriteJSON(w, out)
}

// keyFor is the key of a public product of the archive with a cloud copy, else "".
func (s *Service) keyFor(uri string) string {
	key := KeyOf(uri)
	if key == "" {
		return ""
	}
	if _, ok := s.file(uri); !ok {
		return ""
	}
	return key
}

// file is the archive's file of uri when it is public (the bucket holds no
// exclusive-access data).
func (s *Service) file(uri string) (*archive.File, bool) {
	f, err := s.env.Archive.File(uri)
	if err != nil || f.Product.Exclusive() {
		return nil, false
	}
	return f, true
}

// bucket answers /s3/<bucket>[/<key>]: GetObject and HeadObject, or ListObjectsV2 on
// the bucket itself.
func (s *Service) bucket(w http.ResponseWriter, r *http.Request) {
	name, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, Prefix), "/")
	w.Header().Set("x-amz-request-id", "SIMULATED")
	if s.env.Faults.BucketDown {
		w.Header().Set("Retry-After", "1")
		s.xmlError(w, r, http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate.", key)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.xmlError(w, r, http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.", key)
		return
	}
	if name != Bucket {
		s.xmlError(w, r, http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist", "")
		return
	}
	if key == "" {
		s.list(w, r)
		return
	}
	uri := URIOf(key)
	f, ok := s.file(uri)
	if uri == "" || !ok {
		s.xmlError(w, r, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.", key)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("ETag", fmt.Sprintf(`"%016x%016x"`, f.Key(), uint64(f.Size)))
	h.Set("Last-Modified", archive.MJDTime(f.Product.MJD()+1).Format(http.TimeFormat))
	s.env.ServeRange(w, r, f, f.Size, key)
}

// listResult is ListObjectsV2's answer, with the delimiter's CommonPrefixes only: the
// simulator lists the top level (astroquery's list_cloud_datasets).
type listResult struct {
	XMLName        xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name           string   `xml:"Name"`
	Prefix         string   `xml:"Prefix"`
	Delimiter      string   `xml:"Delimiter,omitempty"`
	KeyCount       int      `xml:"KeyCount"`
	MaxKeys        int      `xml:"MaxKeys"`
	IsTruncated    bool     `xml:"IsTruncated"`
	CommonPrefixes []struct {
		Prefix string `xml:"Prefix"`
	} `xml:"CommonPrefixes"`
}

// list answers GET /s3/<bucket>?list-type=2&delimiter=/[&prefix=P]: the "directories"
// one level below P, as far as the layouts know them (no objects are listed).
func (s *Service) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("list-type") != "2" {
		s.xmlError(w, r, http.StatusNotImplemented, "NotImplemented", "Only ListObjectsV2 (list-type=2) is simulated.", "")
		return
	}
	if q.Get("delimiter") != "/" {
		s.xmlError(w, r, http.StatusNotImplemented, "NotImplemented", "Only listings with delimiter=/ are simulated.", "")
		return
	}
	res := listResult{Name: Bucket, Prefix: q.Get("prefix"), Delimiter: "/", MaxKeys: 1000}
	for _, p := range commonPrefixes(res.Prefix) {
		res.CommonPrefixes = append(res.CommonPrefixes, struct {
			Prefix string `xml:"Prefix"`
		}{p})
	}
	res.KeyCount = len(res.CommonPrefixes)
	s.writeXML(w, r, http.StatusOK, res)
}

// s3Error is S3's error document.
type s3Error struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	Key       string   `xml:"Key,omitempty"`
	BucketN   string   `xml:"BucketName,omitempty"`
	RequestID string   `xml:"RequestId"`
}

func (s *Service) xmlError(w http.ResponseWriter, r *http.Request, status int, code, msg, key string) {
	e := s3Error{Code: code, Message: msg, Key: key, RequestID: "SIMULATED"}
	if code == "NoSuchBucket" {
		e.BucketN = strings.SplitN(strings.TrimPrefix(r.URL.Path, Prefix), "/", 2)[0]
	}
	s.writeXML(w, r, status, e)
}

// writeXML sends v as S3 does (no body for HEAD).
func (s *Service) writeXML(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		s.env.Error(w, http.StatusInternalServerError, errors.Join(errors.New("encode answer"), err).Error())
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write([]byte(xml.Header))
		w.Write(b)
	}
}
