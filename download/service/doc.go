// Package service makes one download queue per user a service: a background process
// (Server) owns the download.Manager and so the journal's lock, and every mastui of the
// user (the TUI, the CLI, SSH sessions) is a Client of it over a unix socket. The queue
// thus outlives terminals, SIGHUP and SSH disconnects, and two programs of one user
// share it instead of the second being turned away by the journal lock.
//
// # Protocol (version 1)
//
// JSON Lines over a unix socket (SocketPath: $XDG_RUNTIME_DIR/mastui/downloads.sock, else
// the state directory's run/downloads.sock; directory 0700, socket 0600, peers of another
// uid refused). A client sends one Request per line and reads one Response per line, in
// order. The first request names the protocol version (op "hello"); the answer carries
// the service's version, pid and journal path, so a client never drives the queue of
// another state directory by mistake.
//
//	{"op":"hello","version":1}            → {"ok":true,"hello":{"version":1,"pid":…,"journal":"…"}}
//	{"op":"enqueue","items":[…]}          → {"ok":true,"added":{AddResult}}
//	{"op":"snapshot"}                     → {"ok":true,"items":[Status…]}
//	{"op":"pause"|"resume"|"cancel"|"retry","id":"…"}
//	{"op":"pause-all"|"resume-all"|"retry-failed"}
//	{"op":"clear","what":"finished"|"failed"}   "finished" with "ids": only those
//	{"op":"set-token","token":"…"}        the token is never journaled or logged
//	{"op":"set-rate","rate":N}            bytes per second, 0 = no cap
//	{"op":"stop"}                         the service answers, then exits
//	{"op":"subscribe"}                    the connection becomes an event stream:
//	    {"t":"snapshot","items":[Status…]} first, and again after a resync
//	    {"t":"state","s":Status} / {"t":"progress","s":Status}
//
// A failed request answers {"ok":false,"err":"…","code":"unknown"|"state"|"closed"|
// "space"|""}; the client turns the code back into download.ErrUnknownItem, ErrState,
// ErrClosed or a *download.SpaceError, so callers test errors as with a Manager.
//
// The package never imports ui/ (ui/common asserts that *Client implements its
// Downloads interface) and keeps no package-level mutable state.
package service
