package main

import (
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui"
)

// runTUI starts the terminal UI on real MAST, a custom URL, or (--demo) the embedded
// simulator running in-process on loopback.
func (e *cliEnv) runTUI(args []string) error {
	fs := e.flags("mastui")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	renderer := lipgloss.NewRenderer(os.Stdout)
	// Ask the terminal once, before Bubble Tea owns stdin (a later query can hang).
	renderer.SetHasDarkBackground(termenv.HasDarkBackground())
	common := ui.NewCommon(e.ctx, renderer, e.logger, e.serverLabel())
	root := ui.New(common, e.client(), ui.Options{
		PageSize:         e.cfg.TUIPageSize,
		ServerLabel:      e.serverLabel(),
		ParseCoordinates: mast.ParseCoordinates,
		ParseRadius:      mast.ParseRadius,
		Columns:          e.cfg.Columns["observations"],
		SaveColumns:      e.saveColumns,
	})
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
