//go:build !linux

package bigmem

import "unsafe"

const supported = false

func advise(unsafe.Pointer, uintptr) {}
