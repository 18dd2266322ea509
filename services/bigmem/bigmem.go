// Package bigmem makes the large slices a big answer lives in (the blocks its body is
// read into, the column arrays it is decoded into) on transparent huge pages where the
// system hands them out on request (Linux with THP "madvise", the usual default).
//
// Touching fresh memory costs a page fault per 4 KiB page; on virtual machines each
// fault is expensive, and for a CLI run that reads tens of MB and prints them, the
// faults were most of the CPU it used. A 2 MiB page costs one fault instead of 512.
//
// It is for processes that exit once they printed what they read: in a long-lived one,
// the kernel's khugepaged may later fill the freed ranges back into whole huge pages
// around the few small objects reusing them, growing its resident memory.
package bigmem

import "unsafe"

// hugePage is the size of a transparent huge page on the systems that have them.
const hugePage = 2 << 20

// Make returns a zeroed slice of n elements: with huge set, on huge pages when it is at
// least one huge page long and the system allows it; otherwise it is make([]T, n). The
// slice may alias a larger allocation (alignment slack that is never written, so never
// resident).
func Make[T any](n int, huge bool) []T {
	size := int(unsafe.Sizeof(*new(T)))
	if !huge || size == 0 || n*size < hugePage || !supported {
		return make([]T, n)
	}
	// Room to start on a huge page boundary and to end on one.
	bytes := (n*size + hugePage - 1) &^ (hugePage - 1)
	buf := make([]T, (bytes+hugePage+size-1)/size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	off := int(((p+hugePage-1)&^(hugePage-1) - p)) / size
	if (p+uintptr(off*size))%hugePage != 0 { // an element size that cannot align (odd sizes)
		return buf[:n:n]
	}
	out := buf[off : off+n : off+n]
	advise(unsafe.Pointer(unsafe.SliceData(out)), uintptr(bytes))
	return out
}
