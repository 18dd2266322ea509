//go:build unix

package mast

import "syscall"

// allocBlock maps a block outside the Go heap, so that freeBlock gives it back to the
// system at once instead of waiting for a garbage collection: the peak of reading a big
// answer stays at twice its size even if the decoder allocates right after.
func allocBlock(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n)
	}
	return b
}

func freeBlock(b []byte) {
	if err := syscall.Munmap(b); err != nil {
		_ = err // a heap block from the fallback: the collector frees it
	}
}
