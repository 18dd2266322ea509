package download

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// bundleAttempts bounds retries of the bundle.sh request (5xx, 429, connection errors).
const bundleAttempts = 4

// maxBundleScript bounds the script held in memory (about 300 bytes per file).
const maxBundleScript = 64 << 20

// FetchBundleScript asks MAST to write its curl script for uris (POST
// <baseURL>/api/v0.1/Download/bundle.sh, one uri= form field each, protocol 9.4) and
// copies it to w. The script is fetched whole and checked before anything is written,
// so w never receives an error page. A non-empty token is sent as cookie and Bearer
// under the engine's rules (MAST hosts and baseURL's, over https or to loopback).
// client nil means a private client, closed before returning.
func FetchBundleScript(ctx context.Context, client *http.Client, baseURL, token string, uris []string, w io.Writer) error {
	if len(uris) == 0 {
		return errors.New("bundle.sh: no products")
	}
	if client == nil {
		tr := newTransport(1)
		defer tr.CloseIdleConnections()
		client = &http.Client{Transport: tr}
	}
	a := newAuth(token, nil, baseURL)
	client = a.guardRedirects(client)
	form := url.Values{"uri": uris}.Encode()
	endpoint := strings.TrimRight(StripCredentials(baseURL), "/") + "/api/v0.1/Download/bundle.sh"
	var last *attemptErr
	for attempt := 1; ; attempt++ {
		script, ae := bundleOnce(ctx, client, endpoint, a, form)
		if ae == nil {
			if _, err := w.Write(script); err != nil {
				return fmt.Errorf("bundle.sh: write: %w", err)
			}
			return nil
		}
		last = ae
		if ctx.Err() != nil {
			return fmt.Errorf("bundle.sh: %w", context.Cause(ctx))
		}
		if !ae.retry || attempt >= bundleAttempts {
			break
		}
		delay := backoff(attempt, time.Second, 10*time.Second)
		if ae.after > 0 {
			delay = min(ae.after, 30*time.Second)
		}
		if err := sleepCtx(ctx, delay); err != nil {
			return fmt.Errorf("bundle.sh: %w", err)
		}
	}
	return fmt.Errorf("bundle.sh: %w", last)
}

func bundleOnce(ctx context.Context, client *http.Client, endpoint string, a *auth, form string) ([]byte, *attemptErr) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form))
	if err != nil {
		return nil, fatalErr(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/x-sh, text/plain, */*")
	a.apply(req)
	tokenSent := strings.HasPrefix(req.Header.Get("Authorization"), "Bearer ")
	resp, err := client.Do(req)
	if err != nil {
		return nil, classifyTransport(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBundleScript+1))
	if err != nil {
		return nil, classifyTransport(fmt.Errorf("read the script: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		return nil, statusErr(resp, body, tokenSent, a.current() != "")
	}
	if len(body) > maxBundleScript {
		return nil, fatalErr(fmt.Errorf("the script is larger than %d bytes", maxBundleScript))
	}
	// A page instead of a script is reported at once: the user asked and can ask again.
	if err := checkContentType(resp.Header.Get("Content-Type"), kindText); err != nil {
		return nil, fatalErr(fmt.Errorf("%w: %s", err, pageTitle(body)))
	}
	if t := bytes.TrimSpace(body); looksHTML(t) || len(t) > 0 && t[0] == '{' {
		return nil, fatalErr(fmt.Errorf("%w: MAST sent no script: %s", errBadContent, pageTitle(t)))
	}
	return body, nil
}
