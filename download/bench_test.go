package download

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mastui/services/sim"
)

// benchFiles is the loopback workload of the issue: 200 files of about 5 MB.
func benchFiles(tb testing.TB) []sim.Product { return pick(tb, 200, 4_500_000, 5_500_000) }

// benchSmallFiles is the many-small-files workload of issue 9: 356 files of about 0.8 MB,
// where per-file costs (requests, syncs, journal records) dominate.
func benchSmallFiles(tb testing.TB) []sim.Product { return pick(tb, 356, 750_000, 850_000) }

// fetchAll downloads items with 8 workers (as curl --parallel-max 8) and a journal.
func fetchAll(tb testing.TB, items []Item, journal string) time.Duration {
	m, err := New(Options{Workers: 8, PerHost: 8, JournalPath: journal})
	if err != nil {
		tb.Fatal(err)
	}
	defer m.Close()
	start := time.Now()
	if err := m.Add(items...); err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	m.Start(ctx)
	if err := m.Wait(ctx); err != nil {
		tb.Fatal(err)
	}
	el := time.Since(start)
	if tot := m.Totals(); tot.Done != len(items) {
		tb.Fatalf("totals %+v", tot)
	}
	return el
}

func BenchmarkDownloadLoopback(b *testing.B) { benchmarkDownload(b, benchFiles(b)) }

func BenchmarkDownloadSmallFiles(b *testing.B) { benchmarkDownload(b, benchSmallFiles(b)) }

func benchmarkDownload(b *testing.B, prods []sim.Product) {
	ts := httptest.NewServer(sharedSim(b).Handler())
	defer ts.Close()
	var total int64
	for _, p := range prods {
		total += p.Size
	}
	b.SetBytes(total)
	b.ResetTimer()
	var busy time.Duration
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		items := itemsFor(b, ts.URL, dir, prods)
		b.StartTimer()
		busy += fetchAll(b, items, filepath.Join(dir, "q.jsonl"))
	}
	b.ReportMetric(float64(total)*float64(b.N)/busy.Seconds()/1e6, "MB/s")
}

const simChildEnv = "MASTUI_DL_SIM_CHILD"

// TestSimChild serves the simulator from a separate process for TestThroughputVsCurl.
func TestSimChild(t *testing.T) {
	if os.Getenv(simChildEnv) == "" {
		t.Skip("helper process of TestThroughputVsCurl")
	}
	url, stop, err := sim.Start(context.Background(), "127.0.0.1:0", sim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	fmt.Println("SIM-URL", url)
	os.Stdin.Read(make([]byte, 1)) // serve until the parent closes our stdin
}

// TestThroughputVsCurl compares the engine with curl --parallel --parallel-max 8 on two
// workloads from a simulator in its own process: 356 files of 0.8 MB (per-file costs)
// and 200 files of 5 MB (bulk). Opt-in (MASTUI_PERF=1): it moves 1.3 GB per run and
// measures wall time. Run without -race. Runs alternate between curl and mastui so both
// see the same machine noise; the best of each is compared.
func TestThroughputVsCurl(t *testing.T) {
	if testing.Short() {
		t.Skip("throughput test")
	}
	if os.Getenv("MASTUI_PERF") == "" {
		t.Skip("set MASTUI_PERF=1 (and run without -race)")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("no curl")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSimChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), simChildEnv+"=1")
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	var base string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "SIM-URL "); ok {
			base = u
			break
		}
	}
	if base == "" {
		t.Fatal("the simulator process printed no URL")
	}
	rounds := 3
	if n, err := strconv.Atoi(os.Getenv("MASTUI_PERF_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	var low []string
	for _, set := range []struct {
		name  string
		prods []sim.Product
	}{
		{"356 x 0.8 MB", benchSmallFiles(t)},
		{"200 x 5 MB", benchFiles(t)},
	} {
		if only := os.Getenv("MASTUI_PERF_SET"); only != "" && !strings.HasPrefix(set.name, only) {
			continue
		}
		c, o, rs := throughputVsCurl(t, base, cmd.Process.Pid, set.prods, rounds)
		ratio := o.mbps / c.mbps
		t.Logf("download %s: curl --parallel-max 8: %.0f MB/s; mastui 8 workers (journal, verify): %.0f MB/s; ratio %.2f (median of the rounds' ratios %.2f)", set.name, c.mbps, o.mbps, ratio, medianRatio(rs))
		t.Logf("  rounds, curl/mastui MB/s: %v", rs)
		t.Logf("  CPU per run (median; client + server): curl %v + %v; mastui %v + %v", c.cpu, c.serverCPU, o.cpu, o.serverCPU)
		if ratio < 1.0 {
			low = append(low, fmt.Sprintf("%s: %.2f× curl's", set.name, ratio))
		}
	}
	if len(low) > 0 {
		t.Fatalf("throughput below curl's: %s", strings.Join(low, "; "))
	}
}

// runStats sums up the rounds of one client: its best throughput, and the median CPU
// time it and the simulator process spent per run (CPU is what two cores run out of).
type runStats struct {
	mbps           float64
	cpu, serverCPU time.Duration
}

// throughputVsCurl downloads prods from base (served by process serverPid) with curl and
// with the engine, rounds times each (after a warm-up), alternating, and returns the best
// MB/s of each with the median CPU times, and each round's pair of MB/s.
func throughputVsCurl(t *testing.T, base string, serverPid int, prods []sim.Product, rounds int) (curl, ours runStats, pairs []roundPair) {
	var total int64
	for _, p := range prods {
		total += p.Size
	}
	mbps := func(d time.Duration) float64 { return float64(total) / d.Seconds() / 1e6 }
	// Each run starts from a clean page cache: curl leaves its files dirty in memory (it
	// never syncs), and their writeback must not land on the next run's disk time.
	settle := func(dir string) {
		os.RemoveAll(dir)
		syscall.Sync()
	}
	// run times one download (wall clock and, from the same start, the CPU spent by the
	// client and by the simulator process).
	type run struct{ wall, cpu, serverCPU time.Duration }
	timed := func(client func() time.Duration, fetch func()) run {
		s0, c0, start := procCPU(serverPid), client(), time.Now()
		fetch()
		return run{time.Since(start), client() - c0, procCPU(serverPid) - s0}
	}
	curlRun := func() run {
		dir := t.TempDir()
		defer settle(dir)
		items := itemsFor(t, base, dir, prods)
		var cfg strings.Builder
		for _, it := range items {
			fmt.Fprintf(&cfg, "url = %q\noutput = %q\n", it.URL, it.Dest)
		}
		p := filepath.Join(dir, "curl.cfg")
		os.WriteFile(p, []byte(cfg.String()), 0o600)
		syscall.Sync()
		c := exec.Command("curl", "--parallel", "--parallel-max", "8", "--create-dirs", "--silent", "--fail", "--config", p)
		// curl's CPU is known once it has exited: the client clock reads it then.
		curlCPU := func() time.Duration {
			if c.ProcessState == nil {
				return 0
			}
			return c.ProcessState.UserTime() + c.ProcessState.SystemTime()
		}
		return timed(curlCPU, func() {
			if b, err := c.CombinedOutput(); err != nil {
				t.Fatalf("curl: %v\n%s", err, b)
			}
		})
	}
	oursRun := func() run {
		dir := t.TempDir()
		defer settle(dir)
		items := itemsFor(t, base, dir, prods)
		syscall.Sync()
		return timed(selfCPU, func() { fetchAll(t, items, filepath.Join(dir, "q.jsonl")) })
	}
	curlRun()         // warm-up
	var runs [2][]run // curl's, ours
	for range rounds {
		runs[0] = append(runs[0], curlRun())
		runs[1] = append(runs[1], oursRun())
	}
	stats := func(rs []run) runStats {
		best := slices.MinFunc(rs, func(a, b run) int { return cmp.Compare(a.wall, b.wall) })
		cpu := func(f func(run) time.Duration) time.Duration {
			ds := make([]time.Duration, len(rs))
			for i, r := range rs {
				ds[i] = f(r)
			}
			return median(ds)
		}
		return runStats{mbps(best.wall), cpu(func(r run) time.Duration { return r.cpu }),
			cpu(func(r run) time.Duration { return r.serverCPU })}
	}
	for i := range runs[0] {
		pairs = append(pairs, roundPair{mbps(runs[0][i].wall), mbps(runs[1][i].wall)})
	}
	return stats(runs[0]), stats(runs[1]), pairs
}

// roundPair is one round's MB/s of curl and of the engine, run back to back.
type roundPair struct{ curl, ours float64 }

func (p roundPair) String() string { return fmt.Sprintf("%.0f/%.0f", p.curl, p.ours) }

// medianRatio is the median of the rounds' ours/curl: each pair ran back to back, so a
// load that comes and goes weighs less than on the best of each.
func medianRatio(pairs []roundPair) float64 {
	rs := make([]float64, len(pairs))
	for i, p := range pairs {
		rs[i] = p.ours / p.curl
	}
	slices.Sort(rs)
	return rs[len(rs)/2]
}

func median(ds []time.Duration) time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// selfCPU is the user and system time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU is the user and system time process pid has used, from /proc (0 elsewhere).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	_, rest, _ := strings.Cut(string(b), ") ") // the command name may hold spaces
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * (time.Second / 100) // USER_HZ
}
