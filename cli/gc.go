package cli

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"

	"mastui/model/config"
)

// oneShotCommands read answers, print them and exit: they run with oneShotGC, and their
// client reads big answers on huge pages (mast.Config.HugePages).
var oneShotCommands = map[string]bool{"query": true, "products": true, "collections": true,
	"metadata": true, "resolve": true, "mission": true}

// oneShotHeap is the heap a one-shot command may reach before the collector runs: the
// default max_page_bytes, what one answer may cost anyway.
const oneShotHeap = config.DefaultMaxPageBytes

// oneShotGC sets the collector for a one-shot command: off until the heap reaches
// limit, then the default pacing (GOGC=100), so the heap stays below the larger of limit
// and twice what is live. Such a command keeps what it reads until it prints it (tables
// alias the answers), so collecting finds little garbage, while marking tables of
// millions of strings cost a fifth of a run's CPU (and on virtual machines, reading
// column arrays before they are written faults their pages twice). GOGC or GOMEMLIMIT
// in the environment win.
func oneShotGC(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	// The first collection (the heap reached limit) hands over to the default pacing.
	runtime.SetFinalizer(new([64]byte), func(*[64]byte) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}
