package mast

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"mastui/model"
	"mastui/services/wire"
)

// ErrBudget is wrapped by the error of a query that ran out of its QueryBudget.
var ErrBudget = errors.New("query budget exceeded")

// HTTPError is an HTTP status >= 400 from MAST (after any retries). It reads cause
// first: "HTTP 502 Bad Gateway: <body> (Mast.Caom.Cone, after 2 retries)".
type HTTPError struct {
	What       string // service name or endpoint
	StatusCode int
	Body       string // start of the body, for the message (sanitized by Error)
	Retries    int
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("HTTP %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if b := model.OneLine(e.Body); b != "" {
		msg += ": " + b
	}
	if e.Retries > 0 {
		return fmt.Sprintf("%s (%s, after %d retries)", msg, e.What, e.Retries)
	}
	return fmt.Sprintf("%s (%s)", msg, e.What)
}

// RemoteError is a Portal answer with status ERROR (sent with HTTP 200).
type RemoteError struct {
	Service string
	Msg     string // as the server sent it (sanitized by Error)
}

func (e *RemoteError) Error() string {
	msg := model.OneLine(e.Msg)
	if msg == "" {
		msg = "There was an error with your request."
	}
	return "MAST error: " + msg
}

// bodySnippet keeps error messages short, on one line and free of terminal controls.
func bodySnippet(b []byte) string { return model.Snippet(b, 200) }

// parseAnswer decodes a whole JSON answer of service (numbers as json.Number) for
// reading with wire.Val, which names the field whose shape is wrong.
func parseAnswer(service string, raw []byte) (wire.Val, error) {
	var body any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return wire.Val{}, fmt.Errorf("%s: unreadable answer: %w (body starts %q)", service, err, bodySnippet(raw))
	}
	return wire.Root(service, body), nil
}

// IncompleteError is a paged answer that lost rows: the server returned fewer rows than
// rowsFiltered promised and asking again did not bring them (astroquery#2788).
type IncompleteError struct {
	Service          string
	Got, Want, Total int // rows received, rows asked for, rowsFiltered
	Why              string
}

func (e *IncompleteError) Error() string {
	of := ""
	if e.Want != e.Total {
		of = fmt.Sprintf(" (of %d matching)", e.Total)
	}
	return fmt.Sprintf("%s: server returned %d of %d rows%s; %s: refusing a partial result",
		e.Service, e.Got, e.Want, of, e.Why)
}
