package download

import (
	"context"
	"net/http"
)

// headSize asks the server for an item's size with HEAD, as astroquery probes before
// downloading (protocol 9.3): -1 when the answer carries none or the request fails (the
// caller then relies on the file's own structure).
func (m *Manager) headSize(ctx context.Context, it Item) int64 {
	ctx, cancel := context.WithTimeout(ctx, m.opts.StallTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, it.URL, nil)
	if err != nil {
		return -1
	}
	m.prepare(req)
	resp, err := m.client.Do(req)
	if err != nil {
		m.log.Debug("HEAD for the size failed", "id", it.ID, "err", err)
		return -1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ContentLength < 0 {
		return -1
	}
	return resp.ContentLength
}

// prepare sets the headers every request of the engine carries, the token included
// where it may go.
func (m *Manager) prepare(req *http.Request) {
	m.preparePublic(req)
	m.auth.apply(req)
}

// preparePublic sets the headers of a request to a public copy (Item.CloudURL): no
// token, no password, whatever its host (the simulator's bucket shares MAST's).
func (m *Manager) preparePublic(req *http.Request) {
	req.Header.Set("User-Agent", m.opts.UserAgent)
	req.Header.Set("Accept", "*/*")
	req.Header.Set("Accept-Encoding", "identity")
}
