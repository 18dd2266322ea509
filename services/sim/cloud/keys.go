package cloud

import (
	"path"
	"sort"
	"strings"
)

// layout maps the dataURIs of a collection with cloud copies to bucket keys, after the
// real bucket's shapes (protocol 12): "hst/public/u9o4/u9o40504m/u9o40504m_c3m.fits".
// Keys are a pure function of the URI and back, so the bucket needs no state.
type layout struct {
	uriPrefix, keyPrefix string
	// byDataset: the URI is <prefix><file>; the key adds <first 4 of dataset>/<dataset>/
	// (HST's shape). Otherwise the rest of the URI is the rest of the key.
	byDataset bool
}

var layouts = []layout{
	{"mast:HST/product/", "hst/public/", true},
	{"mast:JWST/product/", "jwst/public/", true},
	{"mast:TESS/product/", "tess/public/", true},
	{"mast:PS1/product/", "panstarrs/ps1/public/", true},
	{"mast:KEPLER/url/missions/kepler/", "kepler/public/", false},
	{"mast:K2/url/missions/k2/", "k2/public/", false},
	{"mast:GALEX/url/data/", "galex/public/", false},
}

// KeyOf is the bucket key of a dataURI of a collection with cloud copies ("" for others).
func KeyOf(uri string) string {
	for _, l := range layouts {
		rest, ok := strings.CutPrefix(uri, l.uriPrefix)
		if !ok || rest == "" || strings.Contains(rest, "..") || strings.ContainsAny(rest, "?#") {
			continue
		}
		if !l.byDataset {
			return l.keyPrefix + rest
		}
		if strings.Contains(rest, "/") {
			return ""
		}
		d := dataset(rest)
		return l.keyPrefix + d[:min(4, len(d))] + "/" + d + "/" + rest
	}
	return ""
}

// URIOf is the dataURI a key stands for ("" when no URI has that key).
func URIOf(key string) string {
	for _, l := range layouts {
		rest, ok := strings.CutPrefix(key, l.keyPrefix)
		if !ok {
			continue
		}
		uri := l.uriPrefix + rest
		if l.byDataset {
			uri = l.uriPrefix + path.Base(rest)
		}
		if KeyOf(uri) == key {
			return uri
		}
	}
	return ""
}

// dataset is the lower-cased file name up to its first '_' or '.'.
func dataset(file string) string {
	if i := strings.IndexAny(file, "_."); i > 0 {
		file = file[:i]
	}
	return strings.ToLower(file)
}

// commonPrefixes are the "directories" one level below prefix that the layouts make,
// sorted: with prefix "" the bucket's top level ("galex/", "hst/", ...).
func commonPrefixes(prefix string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range layouts {
		rest, ok := strings.CutPrefix(l.keyPrefix, prefix)
		i := strings.Index(rest, "/")
		if !ok || i < 0 {
			continue
		}
		if p := prefix + rest[:i+1]; !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
