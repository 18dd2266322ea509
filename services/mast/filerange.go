package mast

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"mastui/download"
	"mastui/model"
)

// ErrRangeTooLarge is returned by ReadRange when limit bytes are asked and the file
// has more (a preview image too large to show).
var ErrRangeTooLarge = errors.New("larger than the preview limit")

// ReadRange reads up to n bytes of a product file from byte off (protocol 9.1:
// Download/file with a Range header), with the session's token on MAST hosts only. uri
// is a mast: dataURI or an http(s) URL. A server that ignores Range (200) is read from
// its start and the bytes before off are dropped, so the answer is right either way;
// fewer than n bytes come back at the end of the file. For previews: one attempt, no
// retries (the user asks again).
func (c *Client) ReadRange(ctx context.Context, uri string, off, n int64) ([]byte, error) {
	u := uri
	if !strings.HasPrefix(uri, "http://") && !strings.HasPrefix(uri, "https://") {
		u = download.FileURL(c.cfg.BaseURL, uri)
	}
	what := "preview of " + model.OneLine(uri)
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &TransportError{What: what, Cause: "bad URL", Err: err}
	}
	req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-"+strconv.FormatInt(off+n-1, 10))
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	c.authorize(req)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.transportErr(ctx, httpCall{what: what}, req.URL.Host, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusPartialContent:
		if start, ok := contentRangeStart(resp.Header.Get("Content-Range")); !ok || start != off {
			return nil, fmt.Errorf("%s: the server sent bytes from %q, not %d", what, resp.Header.Get("Content-Range"), off)
		}
	case http.StatusOK: // Range ignored: the whole file comes
		if _, err := io.CopyN(io.Discard, resp.Body, off); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
	case http.StatusRequestedRangeNotSatisfiable:
		return nil, nil // off is at or past the end
	default:
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return nil, fmt.Errorf("%s: HTTP %d: %s", what, resp.StatusCode, model.Snippet(b, 200))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, n))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return b, nil
}

// ReadSmallFile reads a whole file of at most limit bytes (a preview image).
func (c *Client) ReadSmallFile(ctx context.Context, uri string, limit int64) ([]byte, error) {
	b, err := c.ReadRange(ctx, uri, 0, limit+1)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: %w (%d bytes)", model.OneLine(uri), ErrRangeTooLarge, limit)
	}
	return b, nil
}

// contentRangeStart reads the first byte of "bytes a-b/size".
func contentRangeStart(v string) (int64, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), "bytes ")
	if !ok {
		return 0, false
	}
	a, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(a, 10, 64)
	return n, err == nil
}
