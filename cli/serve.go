package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	charmlog "github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"mastui/model"
	"mastui/model/config"
	"mastui/services/mast"
	"mastui/ui"
	"mastui/ui/common"
	"mastui/ui/serve"
)

// serveFlags are `mastui serve`'s settings.
type serveFlags struct {
	listen, hostKey, authorized, dir string
	flat                             bool
	maxSessions                      int
	idle, maxTime                    time.Duration
}

// serveCommand is `mastui serve`: the TUI over SSH, one program per session.
func (e *cliEnv) serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: `serve the TUI over SSH (prints "listening on ssh://HOST:PORT")`,
		Long: "serve runs the TUI for every SSH session (public-key authentication against\n" +
			"--authorized-keys only; a terminal is required: ssh -t). Downloads land on the\n" +
			"server, under --dir. Copy keys (y, Y, u, o) reach your clipboard through your\n" +
			"terminal (OSC 52). SIGINT or SIGTERM tells every session and ends them.",
		Example: "  mastui serve --listen 127.0.0.1:23234 --authorized-keys ~/.ssh/authorized_keys --dir ~/mast\n" +
			"  ssh -t -p 23234 127.0.0.1",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := requireValues(c, "listen", "host-key", "authorized-keys", "dir"); err != nil {
				return err
			}
			return e.runServe(f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.listen, "listen", "127.0.0.1:23234", "listen on `HOST:PORT` (port 0: any free port)")
	fs.StringVar(&f.hostKey, "host-key", filepath.Join(config.StateDir(), "ssh_host_ed25519_key"),
		"the server's private key `PATH` (an ed25519 key is made there, 0600, if missing)")
	fs.StringVar(&f.authorized, "authorized-keys", filepath.Join(config.Dir(), "authorized_keys"),
		"`FILE` in authorized_keys format: the public keys that may log in (read at each login)")
	downloadDirFlags(fs, &f.dir, &f.flat, "", "directory `D` the sessions download into, on the server (default: the current directory)")
	fs.IntVar(&f.maxSessions, "max-sessions", serve.DefaultMaxSessions, "at most `N` sessions at once (the next one is told and closed)")
	fs.DurationVar(&f.idle, "idle-timeout", 30*time.Minute, "close a connection idle for `D` (0: never)")
	fs.DurationVar(&f.maxTime, "max-timeout", 0, "close every connection `D` after it opened (0: never)")
	return cmd
}

func (e *cliEnv) runServe(f serveFlags) error {
	if f.maxSessions < 1 {
		return usagef("--max-sessions %d: give 1 or more", f.maxSessions)
	}
	if f.idle < 0 || f.maxTime < 0 {
		return usagef("--idle-timeout and --max-timeout: give a positive duration, or 0 for none")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	// The library logs through charmbracelet/log's default logger: into our log file too.
	charmlog.SetOutput(slogWriter{e})
	if e.prepareDemo != nil { // one demo archive for the whole server, built before any session
		if err := e.prepareDemo(e.ctx); err != nil {
			return fmt.Errorf("demo archive: %w", err)
		}
	}
	if f.dir == "" {
		f.dir = config.ExpandHome(e.cfg.DownloadDir)
	}
	if f.dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		f.dir = wd
	}
	client := e.client()
	opts := e.uiOptions(f.dir, f.flat)
	look, err := lookOf(e.cfg)
	if err != nil {
		return err
	}
	downloads, stop := e.sessionDownloads(client)
	defer stop()
	srv, err := serve.New(serve.Config{
		Listen: f.listen, HostKeyPath: f.hostKey, AuthorizedKeys: f.authorized,
		MaxSessions: f.maxSessions, IdleTimeout: f.idle, MaxTimeout: f.maxTime,
		Logger: e.logger, Archive: client, Options: opts, ServerLabel: e.serverLabel(),
		Downloads: downloads, Look: look,
	})
	if err != nil {
		return err
	}
	addr, err := srv.Listen()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "listening on ssh://%s\n", addr)
	e.logger.Info("ssh server listening", "addr", addr.String(), "dir", f.dir)
	return srv.Serve(e.ctx)
}

// sessionDownloads gives each session its own client of the user's download service,
// so downloads outlive sessions (and the server) and the user's TUI and CLI share the
// queue. The service is found or started here, once, so a failure is said at start. With
// --demo (the archive lives in this process), with download_service off, or without a
// reachable service, the sessions share one engine in this process instead.
func (e *cliEnv) sessionDownloads(client *mast.Client) (serve.DownloadsFactory, func()) {
	if e.demo || e.cfg.DownloadService == "off" {
		return e.sharedDownloads(client)
	}
	first, err := e.connectService(e.configQueue(nil))
	if err != nil {
		e.logger.Warn("download service unavailable: sessions share downloads in this process", "err", err)
		fmt.Fprintf(e.stderr, "Download service unavailable (%s): downloads run in this server and stop with it.\n", model.OneLine(err.Error()))
		return e.sharedDownloads(client)
	}
	first.Close()
	return func(context.Context) (common.Downloads, io.Closer, error) {
		c, err := e.connectService(e.configQueue(nil))
		if err != nil {
			return nil, nil, err
		}
		return c, c, nil
	}, func() {}
}

// sharedDownloads is one in-process engine that every session sees through its own view
// (--demo: journaled apart, like the demo TUI's). A journal held by another mastui leaves
// the sessions without downloads, saying why.
func (e *cliEnv) sharedDownloads(client *mast.Client) (serve.DownloadsFactory, func()) {
	q, err := e.inProcessQueue(e.configQueue(client))
	if err != nil {
		e.logger.Error("download queue unavailable", "err", err)
		return func(context.Context) (common.Downloads, io.Closer, error) { return nil, nil, err }, func() {}
	}
	mgr := q.(inProcess).Manager
	shared := serve.ShareDownloads(mgr)
	return shared.Factory, func() {
		mgr.Close()
		shared.Wait()
	}
}

// uiOptions are the TUI's options from the configuration, for downloads into dir (the
// local TUI and every SSH session).
func (e *cliEnv) uiOptions(dir string, flat bool) ui.Options {
	return ui.Options{
		PageSize:         e.cfg.TUIPageSize,
		ServerLabel:      e.serverLabel(),
		ParseCoordinates: mast.ParseCoordinates,
		ParseRadius:      mast.ParseRadius,
		Columns:          e.cfg.Columns,
		SaveColumns:      e.saveColumns,
		DownloadDir:      dir,
		FlatDownloads:    flat,
		MastURL:          e.cfg.MastURL,
		HasToken:         e.token() != "",
		Account:          ui.Session{Tokens: e.tokens, WhoamiWith: e.whoamiWith},
		LogPath:          logPath(),

		DupcheckApertures: e.cfg.DupcheckApertures,
	}
}

// slogWriter sends what a library writes to its logger into the log file, a line each.
type slogWriter struct{ e *cliEnv }

func (w slogWriter) Write(p []byte) (int, error) {
	w.e.logger.Info(strings.TrimRight(string(p), "\r\n"))
	return len(p), nil
}
