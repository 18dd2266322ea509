package main

import (
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/download"
	"mastui/model"
	"mastui/services/mast"
	"mastui/ui"
)

// runTUI starts the terminal UI on real MAST, a custom URL, or (--demo) the embedded
// simulator running in-process on loopback.
func (e *cliEnv) runTUI(args []string) error {
	fs := e.flags("mastui")
	dir := fs.String("dir", "", "directory the TUI downloads into (default: the current directory)")
	flat := fs.Bool("flat", false, "download into --dir itself, not mastDownload/<collection>/<obs_id>/")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	opts := ui.Options{
		PageSize:         e.cfg.TUIPageSize,
		ServerLabel:      e.serverLabel(),
		ParseCoordinates: mast.ParseCoordinates,
		ParseRadius:      mast.ParseRadius,
		Columns:          e.cfg.Columns,
		SaveColumns:      e.saveColumns,
		DownloadDir:      *dir,
		FlatDownloads:    *flat,
		MastURL:          e.cfg.MastURL,
		HasToken:         os.Getenv("MAST_API_TOKEN") != "",
		LogPath:          logPath(),
	}
	if opts.DownloadDir == "" {
		if wd, err := os.Getwd(); err == nil {
			opts.DownloadDir = wd
		}
	}
	// The queue is journaled in the XDG state dir: downloads unfinished when the TUI quits
	// come back (and resume from their .part files) on the next start.
	if mgr, err := download.New(download.Options{
		Workers: 4, Logger: e.logger, UserAgent: "mastui/" + version,
		Token: os.Getenv("MAST_API_TOKEN"), MastURL: e.cfg.MastURL,
	}); err != nil {
		e.logger.Error("download queue unavailable", "err", err)
		opts.DownloadsUnavailable = err.Error()
	} else {
		defer mgr.Close()
		mgr.Start(e.ctx)
		opts.Downloads = mgr
	}
	renderer := lipgloss.NewRenderer(os.Stdout)
	// Ask the terminal once, before Bubble Tea owns stdin (a later query can hang).
	renderer.SetHasDarkBackground(termenv.HasDarkBackground())
	common := ui.NewCommon(e.ctx, renderer, e.logger, e.serverLabel())
	root := ui.New(common, e.client(), opts)
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithContext(e.ctx))
	if _, err := p.Run(); err != nil && e.ctx.Err() == nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}

// saveColumns persists a column-chooser choice into the config file. It reads the file
// itself (not the merged settings) so env and flag overrides are never written back;
// the mutex serialises saves, which run in Cmd goroutines.
func (e *cliEnv) saveColumns(table string, cols []string) error {
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	path := e.configFile()
	cfg, err := model.ReadConfigFile(path)
	if err != nil {
		return err
	}
	if cfg.Columns == nil {
		cfg.Columns = map[string][]string{}
	}
	cfg.Columns[table] = cols
	return model.SaveConfig(path, cfg)
}
