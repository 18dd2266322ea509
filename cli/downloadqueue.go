package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mastui/download"
	"mastui/download/service"
	"mastui/model"
	"mastui/model/config"
	"mastui/services/cutouts"
	"mastui/ui/common"
)

// downloadQueue is the queue a command drives: the user's download service (a
// *service.Client) or a Manager in this process.
type downloadQueue interface {
	common.Downloads
	ClearFinishedOf(ids ...string) error
	Close() error
}

// queueOptions say how a command wants its queue.
type queueOptions struct {
	workers   int   // parallel transfers of a queue this command starts
	rate      int64 // bandwidth cap (bytes per second, 0: leave it)
	ephemeral bool  // a one-file queue without journal, always in this process
	noSpawn   bool  // reach a running service only (downloads stop)
	// tesscut is the client's TESScut limiter, shared by an in-process queue so both keep
	// to MAST's 10 requests per user together (nil: the queue's own).
	tesscut *cutouts.Limiter
}

// inProcess is a Manager running in this process, for the downloadQueue interface.
type inProcess struct{ *download.Manager }

// openDownloads opens the command's download queue. It is the user's download service
// (found, or started in the background), except:
//   - ephemeral queues (download-file) and --demo run in this process: the demo archive
//     lives and dies with the process, so its queue is journaled apart
//     (demo-downloads.jsonl in the state directory), never mixed into the user's;
//   - download_service "off" (MASTUI_DOWNLOAD_SERVICE=off) runs the queue in this
//     process, as before the service existed;
//   - a service that cannot be reached (no usable socket directory, say): the queue runs
//     in this process and notice says why.
func (e *cliEnv) openDownloads(o queueOptions, notice func(string)) (downloadQueue, error) {
	if o.workers <= 0 {
		o.workers = 4
	}
	if o.ephemeral || e.demo || e.cfg.DownloadService == "off" {
		return e.inProcessQueue(o)
	}
	c, err := e.connectService(o)
	if err == nil {
		return c, nil
	}
	if o.noSpawn {
		return nil, err
	}
	e.logger.Warn("download service unavailable: downloading in this process", "err", err)
	notice(fmt.Sprintf("Download service unavailable (%s): downloads run in this process and stop with it.", model.OneLine(err.Error())))
	return e.inProcessQueue(o)
}

// connectService reaches the user's download service, starting it when none answers,
// and hands it this session's token and --limit-rate.
func (e *cliEnv) connectService(o queueOptions) (*service.Client, error) {
	opts := service.DialOptions{Journal: download.DefaultJournalPath(), Logger: e.logger}
	if !o.noSpawn {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("find mastui to start the download service: %w", err)
		}
		// The service reads the same settings: the config file, and the archive this
		// session uses (in the environment, not argv: its URL may carry a password).
		env := append(os.Environ(), "MASTUI_CONFIG="+e.configFile(), "MASTUI_MAST_URL="+e.cfg.MastURL)
		opts.Spawn = service.Spawner(exe, []string{"downloads", "serve", "--workers", fmt.Sprint(o.workers)}, env)
	}
	c, err := service.Connect(e.ctx, opts)
	if err != nil {
		return nil, err
	}
	if tok := e.token(); tok != "" {
		if err := c.SetToken(tok); err != nil {
			e.logger.Warn("download service keeps its own token", "err", err)
		}
	}
	if o.rate > 0 {
		if err := c.SetRateLimit(o.rate); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

// inProcessQueue is a Manager in this process, started.
func (e *cliEnv) inProcessQueue(o queueOptions) (downloadQueue, error) {
	journal := "" // the default: the user's queue
	if e.demo {
		journal = filepath.Join(config.StateDir(), "demo-downloads.jsonl")
	}
	m, err := download.New(download.Options{
		Workers: o.workers, RateLimit: o.rate, Ephemeral: o.ephemeral, JournalPath: journal,
		Logger: e.logger, Durable: e.cfg.DurableDownloads, Token: e.token(), MastURL: e.cfg.MastURL,
		UserAgent: "mastui/" + e.version, TESScutLimiter: o.tesscut,
	})
	if err != nil {
		return nil, err
	}
	m.Start(e.ctx)
	return inProcess{m}, nil
}

// settled reports whether an item needs nothing more from the queue for now: nothing
// queued or active (as Manager.Wait counts; a paused item waits for the user).
func settled(s download.Status) bool { return s.State != download.Queued && s.State != download.Active }

// waitFor follows the queue until every item of want has settled (or is gone: cleared by
// another program) and returns their statuses in queue order. On a terminal it redraws
// one progress line of those items on stderr. The queue's events are read throughout,
// which an in-process Manager needs.
func (e *cliEnv) waitFor(q downloadQueue, want map[string]bool) ([]download.Status, error) {
	snap, err := snapshot(q)
	if err != nil {
		return nil, err
	}
	st := map[string]download.Status{}
	var order []string
	for _, s := range snap {
		if want[s.ID] {
			st[s.ID] = s
			order = append(order, s.ID)
		}
	}
	progress := e.progressLine()
	var tick <-chan time.Time
	if progress != nil {
		defer progress(nil)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		tick = t.C
	}
	busy := func() bool {
		for _, s := range st {
			if !settled(s) {
				return true
			}
		}
		return false
	}
	for busy() {
		select {
		case ev, ok := <-q.Events():
			if !ok {
				return nil, errors.New("the download queue closed with downloads unfinished")
			}
			if s := ev.EventStatus(); want[s.ID] {
				if _, seen := st[s.ID]; !seen {
					order = append(order, s.ID)
				}
				st[s.ID] = s
			}
		case <-tick:
			progress(st)
		case <-e.ctx.Done():
			if _, ok := q.(*service.Client); ok {
				return nil, fmt.Errorf("interrupted: the download service goes on with the downloads (mastui downloads watch; mastui downloads pause to hold them): %w", e.ctx.Err())
			}
			return nil, fmt.Errorf("download interrupted (run mastui download --resume to continue): %w", e.ctx.Err())
		}
	}
	out := make([]download.Status, 0, len(order))
	for _, id := range order {
		out = append(out, st[id])
	}
	if gone := len(want) - len(out); gone > 0 {
		fmt.Fprintf(e.stderr, "%d %s left the queue before finishing (cleared or cancelled by another mastui)\n", gone, plural(gone, "download", "downloads"))
	}
	return out, nil
}

// snapshot is the queue's statuses; a service that cannot be asked is an error, not an
// empty queue (Downloads.Snapshot has no error, for the TUI).
func snapshot(q downloadQueue) ([]download.Status, error) {
	if c, ok := q.(*service.Client); ok {
		return c.SnapshotErr()
	}
	return q.Snapshot(), nil
}

// progressLine returns a function drawing one status line of the items on stderr (nil:
// clear it), or nil when stderr is not a terminal (scripts get clean output).
func (e *cliEnv) progressLine() func(map[string]download.Status) {
	f, ok := e.stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	drawn := false
	return func(items map[string]download.Status) {
		if items == nil {
			if drawn {
				fmt.Fprint(f, "\r\033[K")
			}
			return
		}
		all := make([]download.Status, 0, len(items))
		for _, s := range items {
			all = append(all, s)
		}
		t := download.TotalsOf(all)
		drawn = true
		fmt.Fprintf(f, "\r\033[K%d/%d files · %s of %s · %s/s · ETA %s",
			t.Done+t.Skipped, t.Items, model.FormatBytes(t.DoneBytes), model.FormatBytes(t.TotalBytes),
			model.FormatBytes(int64(t.Rate)), t.ETA.Round(time.Second))
	}
}
