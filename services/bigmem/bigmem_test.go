package bigmem

import (
	"testing"
	"unsafe"
)

// TestMake: slices of any length and element size are zeroed, usable to their length
// (and no further: appending reallocates), and big ones start on a huge page.
func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, hugePage/16 - 1, hugePage / 16, hugePage/16 + 1, 3 * hugePage / 16} {
		s := Make[string](n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("Make[string](%d): len %d cap %d", n, len(s), cap(s))
		}
		for i := range s {
			if s[i] != "" {
				t.Fatalf("Make[string](%d)[%d] = %q", n, i, s[i])
			}
			s[i] = "x"
		}
		if p := uintptr(unsafe.Pointer(unsafe.SliceData(s))); supported && n*16 >= hugePage && p%hugePage != 0 {
			t.Errorf("Make[string](%d) starts at %#x, not on a huge page", n, p)
		}
		b := Make[byte](n * 16)
		if len(b) != n*16 {
			t.Fatalf("Make[byte](%d): len %d", n*16, len(b))
		}
		for i := range b {
			if b[i] != 0 {
				t.Fatalf("Make[byte](%d)[%d] = %d", n*16, i, b[i])
			}
		}
		type odd [3]byte
		if o := Make[odd](n * 5); len(o) != n*5 {
			t.Fatalf("Make[odd](%d): len %d", n*5, len(o))
		}
	}
}

func BenchmarkMake(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s := Make[byte](16 << 20)
		for i := 0; i < len(s); i += 4096 {
			s[i] = 1
		}
	}
}
