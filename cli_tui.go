package main

import (
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

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
	})
	p := tea.NewProgram(root, tea.WithAltScreen(), tea.WithContext(e.ctx))
	if _, err := p.Run(); err != nil && e.ctx.Err() == nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}
