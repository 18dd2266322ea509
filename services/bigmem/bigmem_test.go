package bigmem

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestMake: slices of any length and element size are zeroed, usable to their length
// (and no further: appending reallocates), and big ones start on a huge page; without
// huge, they are plain.
func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, hugePage/16 - 1, hugePage / 16, hugePage/16 + 1, 3 * hugePage / 16} {
		s := Make[string](n, true)
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
		b := Make[byte](n*16, true)
		if len(b) != n*16 {
			t.Fatalf("Make[byte](%d): len %d", n*16, len(b))
		}
		for i := range b {
			if b[i] != 0 {
				t.Fatalf("Make[byte](%d)[%d] = %d", n*16, i, b[i])
			}
		}
		if p := Make[string](n, false); len(p) != n || cap(p) != n {
			t.Fatalf("Make[string](%d, false): len %d cap %d", n, len(p), cap(p))
		}
		type odd [3]byte
		if o := Make[odd](n*5, true); len(o) != n*5 {
			t.Fatalf("Make[odd](%d): len %d", n*5, len(o))
		}
	}
}

func BenchmarkMake(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s := Make[byte](16<<20, true)
		for i := 0; i < len(s); i += 4096 {
			s[i] = 1
		}
	}
}

// TestMakeAdvisesHugePages: the memory of a big slice made with huge is advised for huge
// pages (VmFlags "hg" in /proc/self/smaps, Linux).
func TestMakeAdvisesHugePages(t *testing.T) {
	if !supported {
		t.Skip("no transparent huge pages here")
	}
	s := Make[int64](3*hugePage/8, true)
	s[0] = 1
	flags, ok := vmFlags(uintptr(unsafe.Pointer(unsafe.SliceData(s))))
	if !ok {
		t.Skip("no VmFlags in /proc/self/smaps")
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("VmFlags %q: not advised for huge pages", flags)
	}
}

// vmFlags are the VmFlags of the mapping holding p.
func vmFlags(p uintptr) (string, bool) {
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return "", false
	}
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			lo, hi, _ := strings.Cut(f[0], "-")
			a, err1 := strconv.ParseUint(lo, 16, 64)
			z, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uint64(p) >= a && uint64(p) < z
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), true
		}
	}
	return "", false
}
