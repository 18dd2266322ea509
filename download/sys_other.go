//go:build !(linux || darwin || freebsd)

package download

import (
	"errors"
	"os"
)

// oNoFollow is unavailable here; openPart still checks what it opened.
const oNoFollow = 0

// lockFile is a no-op where flock is unavailable: one manager per journal is then the
// caller's duty.
func lockFile(*os.File) error { return nil }

// freeSpace is unknown here; the free-disk check is skipped.
func freeSpace(string) (int64, error) { return 0, errors.New("free space unknown on this platform") }

func fsKey(path string) string { return path }
