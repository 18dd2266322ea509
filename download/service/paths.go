package service

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"mastui/model/config"
)

// maxSocketPath is the longest path a unix socket address holds (sun_path less its NUL).
const maxSocketPath = 107

// SocketPath is where the user's download service listens:
// $XDG_RUNTIME_DIR/mastui/downloads.sock (a per-login tmpfs only the user can enter),
// else <state dir>/run/downloads.sock.
func SocketPath() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "mastui", "downloads.sock")
	}
	return filepath.Join(config.StateDir(), "run", "downloads.sock")
}

// prepareSocketDir makes the socket's directory (0700) and checks that only this user
// can enter it: a directory of another owner, or one others may enter, could let them
// swap the socket. An error means a socket cannot be used here (the caller falls back to
// in-process downloads).
func prepareSocketDir(socket string) error {
	if len(socket) > maxSocketPath {
		return fmt.Errorf("socket path %s is longer than a unix socket allows (%d bytes)", socket, maxSocketPath)
	}
	dir := filepath.Dir(socket)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("socket directory: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("socket directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("socket directory %s is not a directory", dir)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("socket directory %s belongs to another user (uid %d)", dir, st.Uid)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("socket directory %s is open to other users: %w", dir, err)
		}
	}
	return nil
}

// noService reports whether a dial error means nobody listens (no socket file, or a
// stale one a killed service left): then the client may start the service.
func noService(err error) bool {
	return errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOENT)
}
