package cli

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"mastui/download"
	"mastui/download/service"
	"mastui/model"
)

// downloadsCommand is `mastui downloads …`: the user's download queue as the download
// service holds it (see openDownloads), from any terminal or script.
func (e *cliEnv) downloadsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "downloads [status|watch|pause|resume|cancel|retry|clear|stop]",
		Short: "the download queue: status, live progress, controls, the background service",
		Long: "The queue lives in a background download service, started by the first mastui that needs it\n" +
			"(socket $XDG_RUNTIME_DIR/mastui/downloads.sock): it goes on when the terminal closes, and every\n" +
			"mastui of the user shares it. It exits once nothing is left to download and no mastui has been\n" +
			"attached for download_service_idle (default 5m), or on mastui downloads stop.\n" +
			"IDs are those of mastui downloads status; a unique prefix is enough.",
		Example: "  mastui downloads                         # the queue as a table (--format csv|json)\n" +
			"  mastui downloads watch --exit-when-done  # live progress until the queue is finished\n" +
			"  mastui downloads pause                   # hold every queued and active download\n" +
			"  mastui downloads clear failed\n" +
			"  mastui downloads stop",
		Args: unknownCommand,
		RunE: func(*cobra.Command, []string) error { return e.withQueue(false, e.printQueue) },
	}
	status := &cobra.Command{
		Use:   "status",
		Short: "the queue as a table, CSV or JSON (--format)",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return e.withQueue(false, e.printQueue) },
	}
	var exitWhenDone bool
	watch := &cobra.Command{
		Use:   "watch",
		Short: "live progress, one line per change (plain text: works in scripts and without a terminal)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return e.withQueue(false, func(q downloadQueue) error { return e.watchQueue(q, exitWhenDone) })
		},
	}
	watch.Flags().BoolVar(&exitWhenDone, "exit-when-done", false, "exit once nothing is queued or active")
	control := func(verb, short string, needID bool, one func(downloadQueue, string) error, all func(downloadQueue) error) *cobra.Command {
		use := verb + " [ID]"
		if needID {
			use = verb + " ID"
		}
		return &cobra.Command{
			Use: use, Short: short,
			RunE: func(_ *cobra.Command, args []string) error {
				if len(args) > 1 || (needID && len(args) == 0) {
					return usagef("downloads %s: give %s", verb, map[bool]string{true: "one download ID (see mastui downloads status)", false: "one download ID, or none for all"}[needID])
				}
				return e.withQueue(false, func(q downloadQueue) error {
					if len(args) == 0 {
						return all(q)
					}
					id, err := resolveID(q, args[0])
					if err != nil {
						return err
					}
					return one(q, id)
				})
			},
		}
	}
	clearCmd := &cobra.Command{
		Use:   "clear [finished|failed]",
		Short: "forget finished downloads (default; files stay) or failed ones (their .part files go)",
		RunE: func(_ *cobra.Command, args []string) error {
			what := "finished"
			if len(args) > 0 {
				what = args[0]
			}
			if len(args) > 1 || (what != "finished" && what != "failed") {
				return usagef("downloads clear: give finished or failed")
			}
			return e.withQueue(false, func(q downloadQueue) error {
				if what == "failed" {
					return q.ClearFailed()
				}
				return q.ClearFinished()
			})
		},
	}
	stop := &cobra.Command{
		Use:   "stop",
		Short: "stop the download service (the queue is kept; the next mastui that needs it starts it again)",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return e.stopService() },
	}
	cmd.AddCommand(status, watch,
		control("pause", "hold a download, or every queued and active one", false, downloadQueue.Pause, downloadQueue.PauseAll),
		control("resume", "resume a paused download, or all of them", false, downloadQueue.Resume, downloadQueue.ResumeAll),
		control("cancel", "cancel a download (its .part goes)", true, downloadQueue.Cancel, nil),
		control("retry", "retry a failed or cancelled download, or every failed one", false, downloadQueue.Retry, downloadQueue.RetryFailed),
		clearCmd, stop, e.serveDownloadsCommand())
	return cmd
}

// withQueue runs do on the user's queue (starting the service unless noSpawn).
func (e *cliEnv) withQueue(noSpawn bool, do func(downloadQueue) error) error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if e.demo {
		return usagef("downloads: the demo's queue lives in its own process; open it in the TUI (mastui --demo, w)")
	}
	q, err := e.openDownloads(queueOptions{noSpawn: noSpawn}, e.noticeLine)
	if err != nil {
		return err
	}
	defer q.Close()
	return do(q)
}

// resolveID finds the download an ID or a unique prefix of one names.
func resolveID(q downloadQueue, arg string) (string, error) {
	snap, err := snapshot(q)
	if err != nil {
		return "", err
	}
	var found []string
	for _, s := range snap {
		if s.ID == arg {
			return arg, nil
		}
		if strings.HasPrefix(s.ID, arg) {
			found = append(found, s.ID)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no download %q in the queue (see mastui downloads status)", arg)
	default:
		return "", usagef("%q names %d downloads: give more of the ID", arg, len(found))
	}
}

// printQueue writes the queue as a table (--format).
func (e *cliEnv) printQueue(q downloadQueue) error {
	snap, err := snapshot(q)
	if err != nil {
		return err
	}
	return e.write(queueTable(snap), []string{"ID", "State", "Progress", "Size", "File", "Error"})
}

// queueTable is the queue, one row per download.
func queueTable(st []download.Status) *model.Table {
	names := []string{"ID", "State", "Progress", "Size", "Bytes", "Total Bytes", "File", "Path", "URL", "Error"}
	cols := make([]*model.Column, len(names))
	for i, n := range names {
		kind := model.KindString
		if n == "Bytes" || n == "Total Bytes" {
			kind = model.KindInt
		}
		cols[i] = model.NewColumn(n, kind, len(st))
	}
	for _, s := range st {
		size := ""
		if s.Total > 0 {
			size = model.FormatBytes(s.Total)
		}
		for i, v := range []string{s.ID, string(s.State), percent(s), size} {
			cols[i].Str = append(cols[i].Str, v)
		}
		cols[4].Int = append(cols[4].Int, s.Done)
		cols[5].Int = append(cols[5].Int, s.Total)
		for i, v := range []string{model.SanitizeText(s.Filename), s.Dest, download.StripCredentials(s.URL), model.OneLine(s.Err)} {
			cols[6+i].Str = append(cols[6+i].Str, v)
		}
	}
	return model.NewTable(cols...)
}

// percent is how much of an item is on disk, "" when its size is unknown.
func percent(s download.Status) string {
	switch {
	case s.State == download.Done || s.State == download.Skipped:
		return "100%"
	case s.Total > 0:
		return fmt.Sprintf("%d%%", min(100, s.Done*100/s.Total))
	}
	return ""
}

// watchQueue prints a line per state change and, at most once a second while bytes
// arrive, a line of totals: plain lines, so it works in a pipe and a log as on a
// terminal. It ends on ctrl-c, or with exitWhenDone once nothing is queued or active.
func (e *cliEnv) watchQueue(q downloadQueue, exitWhenDone bool) error {
	snap, err := snapshot(q)
	if err != nil {
		return err
	}
	st := map[string]download.Status{}
	for _, s := range snap {
		st[s.ID] = s
	}
	all := func() []download.Status {
		out := make([]download.Status, 0, len(st))
		for _, s := range st {
			out = append(out, s)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out
	}
	line := func(format string, a ...any) {
		fmt.Fprintf(e.stdout, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, a...)...)
	}
	totals := func() download.Totals {
		t := download.TotalsOf(all())
		line("%d/%d files · %s of %s · %s/s · %d queued, %d active, %d paused, %d failed",
			t.Done+t.Skipped, t.Items, model.FormatBytes(t.DoneBytes), model.FormatBytes(t.TotalBytes),
			model.FormatBytes(int64(t.Rate)), t.Queued, t.Active, t.Paused, t.Failed)
		return t
	}
	if t := totals(); exitWhenDone && t.Queued+t.Active == 0 {
		return nil
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	moved := false
	for {
		select {
		case ev, ok := <-q.Events():
			if !ok {
				return errors.New("the download queue closed")
			}
			s := ev.EventStatus()
			old, seen := st[s.ID]
			st[s.ID] = s
			if _, isState := ev.(download.StateEvent); !isState || (seen && old.State == s.State) {
				moved = true
				continue
			}
			msg := ""
			if s.Err != "" {
				msg = ": " + model.OneLine(s.Err)
			}
			line("%-10s %s %s%s", s.State, s.ID, model.SanitizeText(s.Filename), msg)
			if exitWhenDone && s.State != download.Queued && s.State != download.Active {
				if t := totals(); t.Queued+t.Active == 0 {
					return nil
				}
			}
		case <-tick.C:
			if moved {
				moved = false
				totals()
			}
		case <-e.ctx.Done():
			return nil
		}
	}
}

// stopService is `downloads stop`: it never starts a service to stop it.
func (e *cliEnv) stopService() error {
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	if e.cfg.DownloadService == "off" {
		fmt.Fprintln(e.stderr, "the download service is off (download_service, MASTUI_DOWNLOAD_SERVICE): downloads run in each mastui")
		return nil
	}
	h, err := service.Ping(service.SocketPath())
	if service.IsNotRunning(err) {
		fmt.Fprintln(e.stderr, "no download service is running")
		return nil
	} else if err != nil {
		return err
	}
	c, err := e.connectService(queueOptions{noSpawn: true})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Stop(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "download service (pid %d) stopped; its queue is kept in %s\n", h.PID, h.Journal)
	return nil
}

// serveDownloadsCommand is the hidden `downloads serve`: the download service itself,
// as mastui starts it (detached), or a systemd user unit runs it.
func (e *cliEnv) serveDownloadsCommand() *cobra.Command {
	var idle time.Duration
	var workers int
	cmd := &cobra.Command{
		Use:    "serve",
		Short:  "run the download service in the foreground (what mastui starts in the background)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := e.setup(); err != nil {
				service.NotifyReady(err)
				return err
			}
			defer e.close()
			if !c.Flags().Changed("idle") {
				idle = time.Duration(e.cfg.DownloadServiceIdle)
			}
			return e.serveDownloads(idle, workers)
		},
	}
	cmd.Flags().DurationVar(&idle, "idle", service.DefaultIdle, "exit after `D` with no client and nothing to download (negative: never)")
	cmd.Flags().IntVar(&workers, "workers", 4, fmt.Sprintf("`N` parallel transfers (1 to %d)", download.MaxWorkers))
	return cmd
}

func (e *cliEnv) serveDownloads(idle time.Duration, workers int) error {
	fail := func(err error) error { service.NotifyReady(err); return err }
	switch {
	case e.demo:
		return fail(usagef("downloads serve: the demo's queue lives in its own process"))
	case workers < 1 || workers > download.MaxWorkers:
		return fail(usagef("--workers: give 1 to %d parallel transfers, not %d", download.MaxWorkers, workers))
	}
	srv, err := service.Start(e.ctx, service.ServerOptions{
		Idle: idle, Logger: e.logger,
		Manager: download.Options{
			Workers: workers, Logger: e.logger, UserAgent: "mastui/" + e.version, Durable: e.cfg.DurableDownloads,
			Token: e.token(), MastURL: e.cfg.MastURL,
		},
	})
	if err != nil {
		return fail(err)
	}
	if srv == nil {
		// Two mastuis started a service at once: the other one won the journal, and its
		// clients (ours too) use it.
		e.logger.Info("download service: another one serves the queue; exiting", "pid", os.Getpid())
		service.NotifyReady(nil)
		return nil
	}
	service.NotifyReady(nil)
	return srv.Serve(e.ctx)
}
