package mast

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
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
}

// errAttemptTimeout marks the end of one attempt's RequestTimeout (retryable), as opposed
// to the caller's context or the query budget (not retryable).
var errAttemptTimeout = errors.New("request timeout")

// send performs call with the Portal headers, retrying connection errors, attempt
// timeouts, 5xx and 429 with full-jitter exponential backoff (Retry-After honoured).
func (c *Client) send(ctx context.Context, call httpCall) ([]byte, error) {
	if call.client == nil {
		call.client = c.hc
	}
	var lastErr error
	for attempt := 0; ; attempt++ {
		body, status, retryAfter, err := c.attempt(ctx, call)
		if err == nil && status < 400 {
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", call.what, context.Cause(ctx))
		}
		retryable := err != nil && isRetryableTransport(err)
		if err == nil {
			lastErr = &HTTPError{What: call.what, StatusCode: status, Body: bodySnippet(body)}
			retryable = status >= 500 && !(call.no500Retry && status == http.StatusInternalServerError) ||
				status == http.StatusTooManyRequests
		} else {
			lastErr = err
		}
		if !retryable || attempt >= call.maxRetries {
			if attempt > 0 {
				return nil, fmt.Errorf("after %d retries: %w", attempt, lastErr)
			}
			return nil, lastErr
		}
		delay := c.backoff(attempt)
		if retryAfter > 0 && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
			delay = retryAfter
			// Waiting past the deadline only to fail then helps nobody.
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < delay {
				return nil, fmt.Errorf("server asks to retry after %v, beyond the query's time left: %w", delay.Round(time.Second), lastErr)
			}
		}
		c.log.Info("mast retry", "what", call.what, "attempt", attempt+1, "delay", delay, "err", lastErr)
		if err := sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("%s: %w", call.what, err)
		}
	}
}

// attempt makes one request under its own RequestTimeout. A non-nil error is always a
// retryable transport failure or a context error.
func (c *Client) attempt(ctx context.Context, call httpCall) (body []byte, status int, retryAfter time.Duration, err error) {
	actx, cancel := context.WithTimeoutCause(ctx, c.cfg.RequestTimeout, errAttemptTimeout)
	defer cancel()
	var rd io.Reader
	if call.body != "" {
		rd = strings.NewReader(call.body)
	}
	req, err := http.NewRequestWithContext(actx, call.method, call.url, rd)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s: build request: %w", call.what, err)
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
	start := time.Now()
	resp, err := call.client.Do(req)
	if err != nil {
		return nil, 0, 0, c.transportErr(actx, call, err)
	}
	defer resp.Body.Close()
	body, err = readBody(resp)
	if err != nil {
		return nil, 0, 0, c.transportErr(actx, call, fmt.Errorf("read body: %w", err))
	}
	c.log.Debug("mast http", "what", call.what, "status", resp.StatusCode, "bytes", len(body), "took", time.Since(start))
	return body, resp.StatusCode, ParseRetryAfter(resp.Header.Get("Retry-After")), nil
}

func (c *Client) transportErr(actx context.Context, call httpCall, err error) error {
	if errors.Is(context.Cause(actx), errAttemptTimeout) {
		return fmt.Errorf("%s: no answer within %v: %w (%w)", call.what, c.cfg.RequestTimeout, errAttemptTimeout, err)
	}
	return fmt.Errorf("%s: %w", call.what, err)
}

// isRetryableTransport reports whether a failed exchange is worth repeating.
func isRetryableTransport(err error) bool {
	if errors.Is(err, errAttemptTimeout) {
		return true
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // *url.Error is itself a net.Error; judge what it wraps
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// backoff is full jitter: uniform in [0, min(cap, base·2^attempt)).
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.RetryBaseDelay << min(attempt, 30)
	if d <= 0 || d > c.cfg.RetryMaxDelay {
		d = c.cfg.RetryMaxDelay
	}
	return time.Duration(rand.Int64N(int64(d)) + 1)
}

// ParseRetryAfter reads an HTTP Retry-After header, delta-seconds or an HTTP date; 0
// when absent or unusable. The download engine shares it.
func ParseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(n * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
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

// readBody reads the whole answer, sized up front from Content-Length so a 50 MB page is
// not copied through repeated slice growth.
func readBody(resp *http.Response) ([]byte, error) {
	if n := resp.ContentLength; n > 0 && n < 1<<31 {
		buf := bytes.NewBuffer(make([]byte, 0, n+1))
		_, err := buf.ReadFrom(resp.Body)
		return buf.Bytes(), err
	}
	return io.ReadAll(resp.Body)
}
