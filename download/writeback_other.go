//go:build !linux

package download

import "os"

// startWriteback is a no-op where sync_file_range is unavailable: the fsync does it all.
func startWriteback(*os.File, int64, int64) {}
