package mast

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"mastui/services/masthttp"
)

// Cloud copies (protocol 12): MAST's public bucket stpubdata holds copies of the products
// of HST, JWST, TESS, Kepler, K2, GALEX, PanSTARRS and more. path_lookup maps a dataURI
// to its key; the object is public, so a plain HTTPS GET (Range works) fetches it without
// credentials or an AWS SDK.
const (
	CloudBucket = "stpubdata"
	// DefaultCloudURL is the bucket's HTTPS endpoint; an object is DefaultCloudURL/<key>.
	DefaultCloudURL = "https://" + CloudBucket + ".s3.amazonaws.com"
	// SimCloudPath is where a replaced base URL (the simulator) serves its bucket.
	SimCloudPath = "/s3/" + CloudBucket
	// pathLookupBatch is astroquery's chunk: more URIs make the URL too long (HTTP 414).
	pathLookupBatch = 40
	// cloudHeads bounds the HEAD checks in flight on the bucket.
	cloudHeads = 8
)

// CloudCopy is where a product's cloud copy is, or why it has none.
type CloudCopy struct {
	URI     string // the product's dataURI
	Key     string // object key in the bucket (no leading "/"); "" = no cloud copy
	Missing string // why there is no copy (Key ""): "no cloud path" or "not in the bucket"
}

// S3URI is the s3://stpubdata/<key> form astroquery's get_cloud_uris returns.
func S3URI(key string) string { return "s3://" + CloudBucket + "/" + key }

// CloudURL is the bucket's HTTPS base URL in use (Config.CloudURL).
func (c *Client) CloudURL() string { return c.cfg.CloudURL }

// ObjectURL is the HTTPS URL of a key in the bucket, each path segment escaped.
func (c *Client) ObjectURL(key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = masthttp.PyQuote(s, "")
	}
	return c.cfg.CloudURL + "/" + strings.Join(segs, "/")
}

// CloudCopies finds the cloud copy of each URI, in order: path_lookup in batches of 40
// (a simple GET, without the token), then, when verify, a HEAD of each key on the bucket
// (astroquery's HeadObject): a 404 there means no copy. Other failures are errors.
func (c *Client) CloudCopies(ctx context.Context, uris []string, verify bool) ([]CloudCopy, error) {
	out := make([]CloudCopy, len(uris))
	for start := 0; start < len(uris); start += pathLookupBatch {
		batch := uris[start:min(start+pathLookupBatch, len(uris))]
		keys, err := c.pathLookup(ctx, batch)
		if err != nil {
			return nil, err
		}
		for i, u := range batch {
			out[start+i] = CloudCopy{URI: u, Key: keys[i]}
			if keys[i] == "" {
				out[start+i].Missing = "no cloud path"
			}
		}
	}
	if !verify {
		return out, nil
	}
	return out, c.headObjects(ctx, out)
}

// pathLookup asks path_lookup for one batch and returns each URI's key ("" = none).
func (c *Client) pathLookup(ctx context.Context, uris []string) ([]string, error) {
	q := url.Values{"uri": uris, "use_cloud_path": {"True"}}
	u := c.cfg.BaseURL + "/api/v0.1/path_lookup/?" + q.Encode()
	ctx, cancel := c.withBudget(ctx)
	defer cancel()
	raw, err := c.send(ctx, httpCall{what: "path_lookup", method: http.MethodGet, url: u, metadata: true,
		client: c.bare, maxRetries: c.cfg.MaxRetries})
	if err != nil {
		return nil, fmt.Errorf("cloud paths: %w", err)
	}
	return parsePathLookup(raw, uris)
}

// parsePathLookup reads {"<uri>": {"path": "/hst/public/…" or null, …}, …}: one entry per
// URI asked (a missing one is an error, as it crashes astroquery), "path" a string or
// null. Other fields (status_code) are not used.
func parsePathLookup(raw []byte, uris []string) ([]string, error) {
	root, err := parseAnswer("path_lookup", raw)
	if err != nil {
		return nil, err
	}
	if _, err := root.NeedObject(); err != nil {
		return nil, err
	}
	keys := make([]string, len(uris))
	for i, u := range uris {
		e := root.Key(u)
		if _, err := e.NeedObject(); err != nil {
			return nil, err
		}
		p := e.Key("path")
		if p.Absent() {
			continue
		}
		s, ok := p.V.(string)
		if !ok {
			return nil, p.Fail("string or null")
		}
		keys[i] = strings.TrimLeft(s, "/")
	}
	return keys, nil
}

// headObjects checks that each found key is in the bucket; a 404 clears it.
func (c *Client) headObjects(ctx context.Context, copies []CloudCopy) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, cloudHeads)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for i := range copies {
		if copies[i].Key == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			cp := &copies[i]
			_, err := c.send(ctx, httpCall{what: "cloud " + S3URI(cp.Key), method: http.MethodHead, url: c.ObjectURL(cp.Key),
				metadata: true, client: c.bare, maxRetries: c.cfg.MaxRetries, accept: "*/*"})
			var he *HTTPError
			switch {
			case errors.As(err, &he) && he.StatusCode == http.StatusNotFound:
				cp.Key, cp.Missing = "", "not in the bucket"
			case err != nil:
				once.Do(func() { first = fmt.Errorf("cloud copy of %s: %w", cp.URI, err); cancel() })
			}
		}()
	}
	wg.Wait()
	return first
}
