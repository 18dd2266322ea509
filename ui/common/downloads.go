package common

import (
	"mastui/download"
	"mastui/download/service"
)

// Downloads is the part of the download engine the TUI drives: *download.Manager and
// *service.Client implement it; tests fake it. Events must be read continuously (the queue panel's
// Listen Cmd does).
type Downloads interface {
	AddAll(items ...download.Item) (download.AddResult, error)
	Events() <-chan download.Event
	Snapshot() []download.Status
	Pause(id string) error
	Resume(id string) error
	Cancel(id string) error
	Retry(id string) error
	PauseAll() error
	ResumeAll() error
	RetryFailed() error
	ClearFinished() error
	ClearFailed() error
	// SetToken hands the engine a new MAST token (a login) and queues the items held as
	// login-required again.
	SetToken(token string) error
}

// Both engines the TUI runs on: a queue in this process, and the user's download
// service (which cannot assert this itself: it never imports ui/).
var (
	_ Downloads = (*download.Manager)(nil)
	_ Downloads = (*service.Client)(nil)
)
