package bigmem

import (
	"syscall"
	"unsafe"
)

const supported = true

// advise asks for huge pages on [p, p+n), which is aligned to them and not touched yet.
// Where THP is off ("never") or already "always", the advice changes nothing; an error
// only costs the faults it was meant to save.
func advise(p unsafe.Pointer, n uintptr) {
	const madvHugepage = 14 // MADV_HUGEPAGE, missing from package syscall
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(p), n, madvHugepage)
}
