package mast

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// MissionDownloadURL is where a product of a mission is downloaded from: retrieve_product
// for hst, jwst and roman*, else Download/file, which needs a full "mast:" URI.
func MissionDownloadURL(base, mission, uri string) (string, error) {
	base = strings.TrimRight(base, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	m, _ := MissionInfo(mission)
	if err := validMissionPath(m.Name); err != nil {
		return "", err
	}
	if strings.TrimSpace(uri) == "" {
		return "", errors.New("no product URI given")
	}
	if m.UsesRetrieveProduct {
		return base + "/search/" + m.Name + "/api/v0.1/retrieve_product?product_name=" + fullEscape(uri), nil
	}
	if !strings.HasPrefix(uri, "mast:") {
		return "", fmt.Errorf("for mission %q, a full MAST URI (mast:...) is required for downloading, got %q", m.Name, uri)
	}
	return base + "/api/v0.1/Download/file?uri=" + fullEscape(uri), nil
}

// fullEscape percent-encodes everything but unreserved characters ("/" → %2F, ":" → %3A,
// " " → %20).
func fullEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
