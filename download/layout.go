package download

import (
	"fmt"
	"path/filepath"
	"strings"

	"mastui/model"
)

// PathFor places an item like astroquery's download_products:
// <dir>/mastDownload/<obs_collection>/<obs_id>/<file name>, or <dir>/<file name> when
// flat. The file name is the base of Filename (else of URI); every component coming from
// the server is sanitized, so the result always lies inside dir.
func PathFor(dir string, it Item, flat bool) (string, error) {
	name := it.Filename
	if name == "" {
		name = it.URI
	}
	name = SanitizeName(name)
	if name == "" {
		return "", fmt.Errorf("no usable file name for %q", it.URI)
	}
	p := filepath.Join(dir, name)
	if !flat {
		p = filepath.Join(dir, "mastDownload", segment(it.Collection), segment(it.ObsID), name)
	}
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("file name %q escapes %s", it.Filename, dir) // unreachable after sanitizing; kept as a guard
	}
	return p, nil
}

// segment sanitizes a directory name from metadata; separators become "_" so an
// obs_id with a slash stays one directory.
func segment(s string) string {
	s = strings.NewReplacer("/", "_", "\\", "_").Replace(s)
	if s = SanitizeName(s); s == "" {
		return "unknown"
	}
	return s
}

// SanitizeName is model.SanitizeName: a server-supplied name made a safe single file name.
func SanitizeName(s string) string { return model.SanitizeName(s) }

// truncateName is model.TruncateName.
func truncateName(s string, n int) string { return model.TruncateName(s, n) }
