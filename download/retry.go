package download

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/xml"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"mastui/services/masthttp"
)

// attemptErr is a failed attempt and what to do about it.
type attemptErr struct {
	err      error
	retry    bool          // worth another attempt
	after    time.Duration // the server's Retry-After, 0 = use the backoff
	hostWide bool          // the server asked every client to slow down (429/503)
}

func (e *attemptErr) Error() string { return e.err.Error() }
func (e *attemptErr) Unwrap() error { return e.err }

func retryErr(err error) *attemptErr { return &attemptErr{err: err, retry: true} }
func fatalErr(err error) *attemptErr { return &attemptErr{err: err} }

// errLoginRequired starts the message of a 401: the item needs a (valid) MAST token.
var errLoginRequired = errors.New("login required")

// classifyTransport judges an error from the connection or the body: certificate and
// URL problems will not heal; everything else on the wire might.
func classifyTransport(err error) *attemptErr {
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	if errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) ||
		strings.Contains(err.Error(), "unsupported protocol scheme") {
		return fatalErr(err)
	}
	return retryErr(err)
}

// statusErr maps an HTTP error answer. tokenSent tells a refused token from a missing one.
func statusErr(resp *http.Response, body []byte, tokenSent, tokenSet bool) *attemptErr {
	code := resp.StatusCode
	msg := fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))
	if s := snippet(body); s != "" {
		if looksHTML(body) {
			s = pageTitle(body)
		} else if code, text, ok := s3Error(body); ok {
			s = code + ": " + text
		}
		if s = withoutStatusLine(s, code); s != "" {
			msg += ": " + s
		}
	}
	switch {
	case code == http.StatusUnauthorized:
		hint := "exclusive-access data; log in with a MAST token"
		switch {
		case tokenSent:
			hint = "MAST refused the token (expired, or without access to this exclusive-access product)"
		case tokenSet:
			hint = "exclusive-access data, and this host is not a MAST token host"
		}
		return fatalErr(fmt.Errorf("%w: %s (%s)", errLoginRequired, hint, msg))
	case code == http.StatusForbidden:
		return fatalErr(fmt.Errorf("access denied (%s)", msg))
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		return &attemptErr{err: errors.New(msg), retry: true, after: masthttp.ParseRetryAfter(resp.Header.Get("Retry-After")), hostWide: true}
	case code == http.StatusRequestTimeout || code == 425 || code >= 500 && code != http.StatusNotImplemented:
		return &attemptErr{err: errors.New(msg), retry: true, after: masthttp.ParseRetryAfter(resp.Header.Get("Retry-After"))}
	}
	return fatalErr(errors.New(msg))
}

// withoutStatusLine drops the status line a body may start with ("400 Bad Request: …",
// as the cutout services and http.Error write it): the message says it already.
func withoutStatusLine(s string, code int) string {
	text := http.StatusText(code)
	for _, head := range []string{fmt.Sprintf("HTTP %d %s", code, text), fmt.Sprintf("%d %s", code, text), text} {
		if text == "" || !strings.HasPrefix(s, head) {
			continue
		}
		rest := s[len(head):]
		trimmed := strings.TrimLeft(rest, " :-–")
		if rest != "" && trimmed == rest { // "Bad Requests…": a word going on, not the status
			return s
		}
		return trimmed
	}
	return s
}

// s3Error reads the code and message of an S3 error document (the cloud bucket's,
// protocol 12): <Error><Code>NoSuchKey</Code><Message>…</Message>…</Error>.
func s3Error(body []byte) (code, msg string, ok bool) {
	var e struct {
		XMLName xml.Name `xml:"Error"`
		Code    string   `xml:"Code"`
		Message string   `xml:"Message"`
	}
	if !bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")) || xml.Unmarshal(body, &e) != nil || e.Code == "" {
		return "", "", false
	}
	return snippet([]byte(e.Code)), snippet([]byte(e.Message)), true
}

// backoff is exponential with equal jitter: uniform in [d/2, d], d = base·2^(fails-1)
// capped at max. Half the wait is kept so a burst of failures still spreads out.
func backoff(fails int, base, maxd time.Duration) time.Duration {
	d := base << min(max(fails-1, 0), 30)
	if d <= 0 || d > maxd {
		d = maxd
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(d-half)+1))
}
