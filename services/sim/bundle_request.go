package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// bundleRequest answers the Portal service Mast.Bundle.Request (protocol 9.5, used by
// astroquery's download_hsc_spectra(curl_flag=True)): it stages a curl script for
// urlList/pathList and answers with its URL under /portal/Download/stage/, where
// stagedBundle serves it. Scripts are kept per server (a real MAST keeps them a while).
func (s *Server) bundleRequest(r *http.Request, params map[string]json.RawMessage) (answer, error) {
	str := func(k string) string { return paramString(params, k) }
	urls := splitList(str("urlList"))
	paths := splitList(str("pathList"))
	name := str("filename")
	if ext := str("extension"); ext != "" && !strings.EqualFold(ext, "curl") {
		return nil, fmt.Errorf("extension %q is not supported by this simulator: use \"curl\"", ext)
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("urlList is empty")
	}
	if len(paths) != len(urls) {
		return nil, fmt.Errorf("pathList has %d entries for %d URLs", len(paths), len(urls))
	}
	if name == "" {
		name = "mastDownload"
	}
	var b strings.Builder
	b.WriteString("#!/bin/sh\n#\n# Staged by the MAST simulator (Mast.Bundle.Request).\n#\n")
	status := ordered{}
	for i, u := range urls {
		fmt.Fprintf(&b, "curl --globoff --location-trusted -f --progress-bar --create-dirs -C - --output %s %s\n",
			shSingle(sanitizePath(paths[i])), shSingle(u))
		status = append(status, kv{k: u, v: "COMPLETE"})
	}
	id := fmt.Sprintf("%016x", hashString(strings.Join(urls, "\n")+"\x00"+strings.Join(paths, "\n")))
	file := sanitizePath(name) + ".sh"
	s.mu.Lock()
	if s.bundles == nil {
		s.bundles = map[string][]byte{}
	}
	s.bundles[id+"/"+file] = []byte(b.String())
	s.mu.Unlock()
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	stage := base + "/portal/Download/stage/anonymous/public/" + id + "/"
	body, err := json.Marshal(ordered{{k: "status", v: "COMPLETE"}, {k: "msg", v: ""}, {k: "bytesStreamed", v: 0},
		{k: "url", v: stage + file}, {k: "manifestUrl", v: stage + sanitizePath(name) + "_MANIFEST.html"},
		{k: "statusList", v: status}, {k: "progress", v: 1}})
	if err != nil {
		return nil, err
	}
	return func(w io.Writer) error { _, err := w.Write(body); return err }, nil
}

// stagedBundle serves a script staged by Mast.Bundle.Request.
func (s *Server) stagedBundle(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/portal/Download/stage/anonymous/public/")
	s.mu.Lock()
	script, ok := s.bundles[key]
	s.mu.Unlock()
	if !ok {
		s.httpError(w, http.StatusNotFound, "no staged bundle "+key)
		return
	}
	w.Header().Set("Content-Type", "text/x-sh")
	w.Header().Set("Content-Length", fmt.Sprint(len(script)))
	if r.Method != http.MethodHead {
		w.Write(script)
	}
}

// splitList splits MAST's comma-joined list parameters.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sanitizePath keeps a staged path relative and free of "..".
func sanitizePath(p string) string {
	parts := strings.Split(strings.ReplaceAll(p, "\\", "/"), "/")
	keep := parts[:0]
	for _, x := range parts {
		if x != "" && x != "." && x != ".." {
			keep = append(keep, x)
		}
	}
	return strings.Join(keep, "/")
}
