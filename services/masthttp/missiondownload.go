package masthttp

import (
	"errors"
	"fmt"
	"strings"

	"mastui/services/registry"
)

// MissionDownloadURL is where a product of a Search API mission is downloaded from
// (protocol 6.5): retrieve_product for hst, jwst and roman*, else Download/file, which
// needs a full "mast:" URI. The URI is percent-encoded whole ("/" → %2F, ":" → %3A).
func MissionDownloadURL(base, mission, uri string) (string, error) {
	base = strings.TrimRight(base, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	m, _ := registry.ResolveMission(mission)
	if err := registry.CheckMissionName(m.Name); err != nil {
		return "", err
	}
	if strings.TrimSpace(uri) == "" {
		return "", errors.New("no product URI given")
	}
	if m.UsesRetrieveProduct {
		return base + "/search/" + m.Name + "/api/v0.1/retrieve_product?product_name=" + PyQuote(uri, ""), nil
	}
	if !strings.HasPrefix(uri, "mast:") {
		return "", fmt.Errorf("for mission %q, a full MAST URI (mast:...) is required for downloading, got %q", m.Name, uri)
	}
	return base + "/api/v0.1/Download/file?uri=" + PyQuote(uri, ""), nil
}
