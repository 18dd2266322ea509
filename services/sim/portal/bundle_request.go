package portal

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"mastui/services/sim/archive"
	"mastui/services/sim/internal/simhttp"
)

// bundleRequest answers the Portal service Mast.Bundle.Request (protocol 9.5, used by
// astroquery's download_hsc_spectra(curl_flag=True)): it stages a curl script for
// urlList/pathList and answers with its URL under /portal/Download/stage/, where
// stagedBundle serves it. Scripts are kept per server (a real MAST keeps them a while).
func (s *Service) bundleRequest(r *http.Request, params map[string]json.RawMessage) (answer, error) {
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
	status := simhttp.Ordered{}
	for i, u := range urls {
		fmt.Fprintf(&b, "curl --globoff --location-trusted -f --progress-bar --create-dirs -C - --output %s %s\n",
			simhttp.ShellQuote(sanitizePath(paths[i])), simhttp.ShellQuote(u))
		status = append(status, simhttp.KV{K: u, V: "COMPLETE"})
	}
	id := fmt.Sprintf("%016x", archive.HashString(strings.Join(urls, "\n")+"\x00"+strings.Join(paths, "\n")))
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
	body, err := json.Marshal(simhttp.Ordered{{K: "status", V: "COMPLETE"}, {K: "msg", V: ""}, {K: "bytesStreamed", V: 0},
		{K: "url", V: stage + file}, {K: "manifestUrl", V: stage + sanitizePath(name) + "_MANIFEST.html"},
		{K: "statusList", V: status}, {K: "progress", V: 1}})
	if err != nil {
		return nil, err
	}
	return func(w io.Writer) error { _, err := w.Write(body); return err }, nil
}

// stagedBundle serves a script staged by Mast.Bundle.Request.
func (s *Service) stagedBundle(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/portal/Download/stage/anonymous/public/")
	s.mu.Lock()
	script, ok := s.bundles[key]
	s.mu.Unlock()
	if !ok {
		s.env.Error(w, http.StatusNotFound, "no staged bundle "+key)
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
