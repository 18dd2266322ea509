package mast

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkPageMemory reads and decodes one big Portal page through the client and
// reports the peak resident memory it cost per byte of answer (peak-rss/byte, Linux;
// the goal is at most 2) and the bytes allocated on the Go heap per byte (alloc/byte).
// The page size is MASTUI_BENCH_PAGE_MB (default 256); the server writes it row by row,
// so it holds no copy. With Content-Length (cl) and without (chunked), and as the CLI
// reads (on huge pages).
func BenchmarkPageMemory(b *testing.B) {
	mb := 256
	if v, err := strconv.Atoi(os.Getenv("MASTUI_BENCH_PAGE_MB")); err == nil && v > 0 {
		mb = v
	}
	size := int64(mb) << 20
	row := `{"intentType": "science", "obs_collection": "HST", "obs_id": "u27xcs01t", "s_ra": 23.118, "s_dec": 60.658, ` +
		`"calib_level": 3, "t_exptime": 1200.5, "target_name": "NGC 598", "obsid": 2003585980, ` +
		`"s_region": "POLYGON 23.1 60.6 23.2 60.6 23.2 60.7 23.1 60.7", "dataURL": "mast:HST/product/u27xcs01t_drz.fits"}`
	head := `{"status": "COMPLETE", "msg": "", "data": [`
	tail := `], "fields": [{"name": "intentType", "type": "string"}, {"name": "obs_collection", "type": "string"}, ` +
		`{"name": "obs_id", "type": "string"}, {"name": "s_ra", "type": "float"}, {"name": "s_dec", "type": "float"}, ` +
		`{"name": "calib_level", "type": "int"}, {"name": "t_exptime", "type": "float"}, {"name": "target_name", "type": "string"}, ` +
		`{"name": "obsid", "type": "string"}, {"name": "s_region", "type": "string"}, {"name": "dataURL", "type": "string"}]}`
	rows := (size - int64(len(head)+len(tail))) / int64(len(row)+2)
	total := int64(len(head)+len(tail)) + rows*int64(len(row)+2) - 2
	for _, v := range []struct{ withLength, huge bool }{{true, false}, {false, false}, {false, true}} {
		withLength := v.withLength
		name := "chunked"
		if withLength {
			name = "cl"
		}
		if v.huge {
			name += "/huge-pages" // as the CLI reads
		}
		b.Run(fmt.Sprintf("%dMiB/%s", mb, name), func(b *testing.B) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if withLength {
					w.Header().Set("Content-Length", strconv.FormatInt(total, 10))
				}
				bw := bufio.NewWriterSize(w, 64<<10)
				bw.WriteString(head)
				for i := int64(0); i < rows; i++ {
					if i > 0 {
						bw.WriteString(", ")
					}
					bw.WriteString(row)
				}
				bw.WriteString(tail)
				bw.Flush()
			}))
			defer srv.Close()
			c := New(Config{BaseURL: srv.URL, MaxPageBytes: 2 * size, HugePages: v.huge})
			var peak, alloc float64
			for b.Loop() {
				runtime.GC()
				debug.FreeOSMemory()
				base := resetPeakRSS()
				var ms0, ms1 runtime.MemStats
				runtime.ReadMemStats(&ms0)
				rs, err := c.Invoke(context.Background(), InvokeRequest{Service: "Mast.Caom.Cone", PageSize: int(rows) + 1})
				if err != nil {
					b.Fatal(err)
				}
				runtime.ReadMemStats(&ms1)
				if base > 0 {
					peak = max(peak, float64(peakRSS()-base)/float64(total))
				}
				alloc = float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(total)
				if n := rs[0].Table.Rows(); int64(n) != rows {
					b.Fatalf("%d rows, want %d", n, rows)
				}
				runtime.KeepAlive(rs)
			}
			if peak > 0 {
				b.ReportMetric(peak, "peak-rss/byte")
			}
			b.ReportMetric(alloc, "alloc/byte")
			b.SetBytes(total)
		})
	}
}

// resetPeakRSS resets the process's peak resident size (Linux) and returns the current
// resident size in bytes; 0 where it cannot.
func resetPeakRSS() int64 {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return 0
	}
	return procStatus("VmRSS:")
}

func peakRSS() int64 { return procStatus("VmHWM:") }

// procStatus reads a "kB" line of /proc/self/status, in bytes.
func procStatus(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
