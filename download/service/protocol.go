package service

import (
	"errors"
	"fmt"

	"mastui/download"
)

// ProtocolVersion is the version of the socket protocol (see the package comment). A
// client meeting a service of another version asks it to stop and starts its own.
const ProtocolVersion = 1

// Request is one line a client sends.
type Request struct {
	Op      string          `json:"op"`
	Version int             `json:"version,omitempty"`
	ID      string          `json:"id,omitempty"`
	IDs     []string        `json:"ids,omitempty"` // clear finished: only these
	Items   []download.Item `json:"items,omitempty"`
	What    string          `json:"what,omitempty"`
	Token   string          `json:"token,omitempty"` // set-token only; never logged
	Rate    int64           `json:"rate,omitempty"`
}

// Response answers one Request.
type Response struct {
	OK    bool                 `json:"ok"`
	Err   string               `json:"err,omitempty"`
	Code  string               `json:"code,omitempty"`
	Space *download.SpaceError `json:"space,omitempty"`
	Hello *Hello               `json:"hello,omitempty"`
	Added *download.AddResult  `json:"added,omitempty"`
	Items []download.Status    `json:"items,omitempty"`
}

// Hello is what a service says about itself.
type Hello struct {
	Version int    `json:"version"`
	PID     int    `json:"pid"`
	Journal string `json:"journal"`
}

// streamLine is one line of an event stream: T is "snapshot" (Items: the whole queue,
// first and after a resync), "state" or "progress" (Status: one item).
type streamLine struct {
	T      string            `json:"t"`
	Items  []download.Status `json:"items,omitempty"`
	Status *download.Status  `json:"s,omitempty"`
}

// Error codes of a Response, so the client can rebuild the engine's sentinel errors.
const (
	codeUnknown = "unknown"
	codeState   = "state"
	codeClosed  = "closed"
	codeSpace   = "space"
)

// errorResponse turns an engine error into a Response.
func errorResponse(err error) Response {
	r := Response{Err: err.Error()}
	var space *download.SpaceError
	switch {
	case errors.Is(err, download.ErrUnknownItem):
		r.Code = codeUnknown
	case errors.Is(err, download.ErrState):
		r.Code = codeState
	case errors.Is(err, download.ErrClosed):
		r.Code = codeClosed
	case errors.As(err, &space):
		r.Code, r.Space = codeSpace, space
	}
	return r
}

// remoteError is an error the service answered, keeping its message and (through
// Unwrap) the engine error it stands for.
type remoteError struct {
	msg  string
	kind error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.kind }

// responseError is the error a failed Response stands for (nil when it succeeded).
func responseError(r Response) error {
	if r.OK {
		return nil
	}
	switch r.Code {
	case codeUnknown:
		return &remoteError{r.Err, download.ErrUnknownItem}
	case codeState:
		return &remoteError{r.Err, download.ErrState}
	case codeClosed:
		return &remoteError{r.Err, download.ErrClosed}
	case codeSpace:
		if r.Space != nil {
			return fmt.Errorf("add download: %w", r.Space)
		}
	}
	return errors.New(r.Err)
}
