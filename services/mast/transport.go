package mast

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"mastui/services/masthttp"
)

// httpCall is one HTTP exchange, retried as a unit.
type httpCall struct {
	what        string // service name or endpoint, for messages and logs
	method, url string
	body        string // sent as is; empty for GET
	client      *http.Client
	maxRetries  int
	contentType string // default application/x-www-form-urlencoded
	accept      string // default text/plain
	no500Retry  bool   // HTTP 500 means "invalid input" (Search API): do not retry it
	metadata    bool   // capped by MaxMetadataBytes instead of MaxPageBytes
	// cut, when set, reads the answer in segments cut where it says (readSegments);
	// otherwise the answer comes as one segment.
	cut func([]byte) int
}

// errAttemptTimeout marks the end of one attempt's RequestTimeout (retryable), as opposed
// to the caller's context or the query budget (not retryable).
var errAttemptTimeout = errors.New("request timeout")

// send performs call with the Portal headers, retrying what may succeed next time
// (connection errors, attempt timeouts, 5xx and 429) with full-jitter exponential
// backoff (Retry-After honoured). What cannot succeed (an unknown host, a TLS or
// certificate failure, a bad URL, an answer over the cap) fails at once.
func (c *Client) send(ctx context.Context, call httpCall) ([]byte, error) {
	call.cut = nil // one segment: the whole answer
	segs, err := c.sendSegments(ctx, call)
	if err != nil {
		return nil, err
	}
	return segs[0], nil
}

// sendSegments is send for an answer read in segments (see httpCall.cut).
func (c *Client) sendSegments(ctx context.Context, call httpCall) ([][]byte, error) {
	if call.client == nil {
		call.client = c.hc
	}
	var lastErr error
	var he *HTTPError
	for attempt := 0; ; attempt++ {
		body, status, retryAfter, tokenSent, err := c.attempt(ctx, call)
		if err == nil && status < 400 {
			return body, nil
		}
		if err == nil && status == http.StatusUnauthorized {
			withheld := !tokenSent && call.client != c.bare && c.token() != ""
			return nil, &LoginRequiredError{What: call.what, TokenSent: tokenSent, Withheld: withheld}
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", call.what, context.Cause(ctx))
		}
		var te *TransportError
		retryable := errors.As(err, &te) && te.retryable
		if err == nil {
			he = &HTTPError{What: call.what, StatusCode: status, Body: bodySnippet(c.redact(body[0]))}
			lastErr = he
			retryable = status >= 500 && !(call.no500Retry && status == http.StatusInternalServerError) ||
				status == http.StatusTooManyRequests
		} else {
			lastErr = err
		}
		if !retryable || attempt >= call.maxRetries {
			if attempt == 0 {
				return nil, lastErr
			}
			switch {
			case te != nil:
				te.Retries = attempt
			case he != nil && err == nil:
				he.Retries = attempt
			default:
				return nil, fmt.Errorf("%w (after %d retries)", lastErr, attempt)
			}
			return nil, lastErr
		}
		delay := c.backoff(attempt)
		if retryAfter > 0 && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			delay = retryAfter
			// Waiting past the deadline only to fail then helps nobody.
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
				return nil, fmt.Errorf("%w (the server asks to retry after %v, beyond the query's time left)", lastErr, delay.Round(time.Second))
			}
		}
		c.log.Info("mast retry", "what", call.what, "attempt", attempt+1, "delay", delay, "err", lastErr)
		if err := sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("%s: %w", call.what, err)
		}
	}
}

// attempt makes one request under its own RequestTimeout. A non-nil error is a
// *TransportError, a *TooLargeError or a context error.
func (c *Client) attempt(ctx context.Context, call httpCall) (body [][]byte, status int, retryAfter time.Duration, tokenSent bool, err error) {
	actx, cancel := context.WithTimeoutCause(ctx, c.cfg.RequestTimeout, errAttemptTimeout)
	defer cancel()
	var rd io.Reader
	if call.body != "" {
		rd = strings.NewReader(call.body)
	}
	req, err := http.NewRequestWithContext(actx, call.method, call.url, rd)
	if err != nil {
		return nil, 0, 0, false, &TransportError{What: call.what, Cause: fmt.Sprintf("bad URL %q: %v", call.url, unwrapAll(err)), Err: err}
	}
	ct, accept := call.contentType, call.accept
	if ct == "" {
		ct = "application/x-www-form-urlencoded"
	}
	if accept == "" {
		accept = "text/plain"
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	// The simple GETs (resolver, column_list, PanSTARRS metadata) use the bare client and,
	// like astroquery's fresh client for them, carry no token (protocol 2.1).
	tokenSent = call.client != c.bare && c.authorize(req)
	start := time.Now()
	resp, err := call.client.Do(req)
	if err != nil {
		return nil, 0, 0, false, c.transportErr(actx, call, req.URL.Host, err)
	}
	defer resp.Body.Close()
	limit, key := c.cfg.MaxPageBytes, "max_page_bytes"
	if call.metadata {
		limit, key = c.cfg.MaxMetadataBytes, "max_metadata_bytes"
	}
	tooLarge := func() error { return &TooLargeError{What: call.what, Limit: limit, Key: key} }
	if call.cut != nil {
		body, err = readSegments(resp.Body, resp.ContentLength, limit, call.cut, c.cfg.HugePages, tooLarge)
	} else {
		var b []byte
		b, err = readBody(resp.Body, resp.ContentLength, limit, tooLarge)
		body = [][]byte{b}
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return nil, 0, 0, false, err
	}
	if err != nil {
		return nil, 0, 0, false, c.transportErr(actx, call, req.URL.Host, fmt.Errorf("read body: %w", err))
	}
	c.log.Debug("mast http", "what", call.what, "status", resp.StatusCode, "bytes", segmentsLen(body), "took", time.Since(start))
	return body, resp.StatusCode, masthttp.ParseRetryAfter(resp.Header.Get("Retry-After")), tokenSent, nil
}

// TransportError is a request that got no (whole) HTTP answer. It reads cause first,
// short enough to be read whole: "no such host mast.stsci.edu (Mast.Caom.Cone)".
type TransportError struct {
	What    string // service or endpoint
	Cause   string
	Retries int
	Err     error
	// retryable: the same request may succeed later (a refused or dropped connection,
	// a timeout), unlike an unknown host, a TLS failure or a bad URL.
	retryable bool
}

func (e *TransportError) Error() string {
	if e.Retries > 0 {
		return fmt.Sprintf("%s (%s, after %d retries)", e.Cause, e.What, e.Retries)
	}
	return fmt.Sprintf("%s (%s)", e.Cause, e.What)
}

func (e *TransportError) Unwrap() error { return e.Err }

// transportErr describes a failed exchange with host and says whether to retry it.
func (c *Client) transportErr(actx context.Context, call httpCall, host string, err error) error {
	te := &TransportError{What: call.what, Err: err, retryable: true}
	var dns *net.DNSError
	var certInvalid x509.CertificateInvalidError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var certVerify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.Is(context.Cause(actx), errAttemptTimeout):
		te.Cause = fmt.Sprintf("no answer from %s within %v", host, c.cfg.RequestTimeout)
		te.Err = fmt.Errorf("%w (%w)", errAttemptTimeout, err)
	case errors.As(err, &dns):
		te.Cause = fmt.Sprintf("cannot look up host %s: %s", dns.Name, dns.Err)
		if dns.IsNotFound {
			te.Cause, te.retryable = "no such host "+dns.Name, false
		}
	case errors.As(err, &certVerify), errors.As(err, &certInvalid), errors.As(err, &unknownCA), errors.As(err, &hostname),
		errors.As(err, &record), errors.As(err, &alert):
		te.Cause, te.retryable = fmt.Sprintf("TLS with %s failed: %v", host, unwrapAll(err)), false
	case isBadURL(err):
		te.Cause, te.retryable = fmt.Sprintf("bad URL %q: %v", call.url, unwrapAll(err)), false
	case errors.Is(err, syscall.ECONNREFUSED):
		te.Cause = host + " refused the connection"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET):
		te.Cause = host + " closed the connection before the answer was complete"
	default:
		var ne net.Error
		te.retryable = errors.As(err, &ne)
		te.Cause = fmt.Sprintf("%v (talking to %s)", unwrapAll(err), host)
	}
	return te
}

// isBadURL reports request errors no retry can fix: an unsupported scheme, a URL
// without a host.
func isBadURL(err error) bool {
	s := err.Error()
	return strings.Contains(s, "unsupported protocol scheme") || strings.Contains(s, "no Host in request URL") ||
		strings.Contains(s, "invalid URL")
}

// unwrapAll is the innermost error of a chain of single wraps (the url.Error around a
// net.OpError around a syscall error reads best as the last).
func unwrapAll(err error) error {
	for {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Err != nil {
			err = ue.Err
			continue
		}
		var oe *net.OpError
		if errors.As(err, &oe) && oe.Err != nil {
			err = oe.Err
			continue
		}
		return err
	}
}

// backoff is full jitter: uniform in [0, min(cap, base·2^attempt)).
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.RetryBaseDelay << min(attempt, 30)
	if d <= 0 || d > c.cfg.RetryMaxDelay {
		d = c.cfg.RetryMaxDelay
	}
	return time.Duration(rand.Int64N(int64(d)) + 1)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
