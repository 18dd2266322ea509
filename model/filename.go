package model

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
	return TruncateName(s, 200)
}

func reservedWindowsName(s string) bool {
	stem := strings.ToUpper(strings.SplitN(s, ".", 2)[0])
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '1' && stem[3] <= '9'
}

// TruncateName shortens s to at most n bytes on a rune boundary, keeping its extension.
func TruncateName(s string, n int) string {
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
