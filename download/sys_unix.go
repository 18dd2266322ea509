//go:build linux || darwin || freebsd

package download

import (
	"fmt"
	"os"
	"syscall"
)

// oNoFollow makes opening a symbolic link fail.
const oNoFollow = syscall.O_NOFOLLOW

// lockFile takes an exclusive, non-blocking flock. flock locks belong to the open file,
// so a second manager in the same process is refused too.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// freeSpace is the space available to unprivileged users in dir's filesystem.
func freeSpace(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("statfs %s: %w", dir, err)
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// fsKey names the filesystem holding path, so needs on one disk are added up.
func fsKey(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return path
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprint("dev:", st.Dev)
	}
	return path
}
