//go:build !unix

package mast

func allocBlock(n int) []byte { return make([]byte, n) }

func freeBlock([]byte) {}
