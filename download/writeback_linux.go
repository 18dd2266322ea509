package download

import (
	"os"
	"syscall"
)

// startWriteback asks the kernel to start writing n bytes of f from off to disk now,
// without waiting, so the disk works while the network does and the committer's fsync
// finds little left to write.
func startWriteback(f *os.File, off, n int64) {
	_ = syscall.SyncFileRange(int(f.Fd()), off, n, 0x2 /* SYNC_FILE_RANGE_WRITE */)
}
