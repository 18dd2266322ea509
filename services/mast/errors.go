package mast

import (
	"errors"
	"fmt"
	"net/http"

	"mastui/model"
)

// ErrBudget is wrapped by the error of a query that ran out of its QueryBudget.
var ErrBudget = errors.New("query budget exceeded")

// HTTPError is an HTTP status >= 400 from MAST (after any retries).
type HTTPError struct {
	What       string // service name or endpoint
	StatusCode int
	Body       string // start of the body, for the message (sanitized by Error)
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %d %s", e.What, e.StatusCode, http.StatusText(e.StatusCode))
	if b := model.OneLine(e.Body); b != "" {
		msg += ": " + b
	}
	return msg
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
