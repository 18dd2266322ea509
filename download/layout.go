package download

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
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

// SanitizeName turns a server-supplied name into a safe single file name: the part after
// the last '/' or '\', without control or invalid UTF-8 characters, with characters
// Windows and shells mishandle (<>:"|?*) replaced by '_', no leading '-' or dots, no
// trailing dots or spaces, at most 200 bytes (extension kept). "" when nothing is left.
func SanitizeName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			// invalid UTF-8 byte: dropped
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r):
			// control and invisible formatting characters (bidi overrides included)
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s = strings.TrimRight(strings.TrimSpace(b.String()), ". ")
	s = strings.TrimLeft(s, ".")
	if strings.HasPrefix(s, "-") {
		s = "_" + s[1:]
	}
	if reservedWindowsName(s) {
		s = "_" + s
	}
	return truncateName(s, 200)
}

func reservedWindowsName(s string) bool {
	stem := strings.ToUpper(strings.SplitN(s, ".", 2)[0])
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9'
}

// truncateName shortens s to at most n bytes on a rune boundary, keeping its extension.
func truncateName(s string, n int) string {
	if len(s) <= n {
		return s
	}
	ext := path.Ext(s)
	if len(ext) > 16 {
		ext = ""
	}
	stem := s[:len(s)-len(ext)]
	cut := n - len(ext)
	for cut > 0 && !utf8.RuneStart(stem[cut]) {
		cut--
	}
	return stem[:cut] + ext
}
