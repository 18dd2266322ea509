package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"mastui/download/service"
	"mastui/model/config"
	"mastui/ui"
)

// tuiCommand makes the root command run the terminal UI: on real MAST, a custom URL, or
// (--demo) the embedded simulator running in-process on loopback.
func (e *cliEnv) tuiCommand(root *cobra.Command) {
	var dir, tab string
	var flat, mouse bool
	downloadDirFlags(root.Flags(), &dir, &flat, "", "directory `D` the TUI downloads into (default: the current directory)")
	root.Flags().StringVar(&tab, "tab", "", "open on tab `T`: "+strings.Join(ui.TabNames(), ", ")+" (default: the first)")
	root.Flags().BoolVar(&mouse, "mouse", false, "let the TUI take the mouse: click tabs, rows and filter toggles, wheel scroll (config: \"mouse\": true)")
	root.Flags().Bool("version", false, "print the version and exit") // cobra answers it
	root.RunE = func(*cobra.Command, []string) error { return e.runTUI(dir, tab, flat, mouse) }
}

func (e *cliEnv) runTUI(dir, tab string, flat, mouse bool) error {
	if tab != "" && !slices.Contains(ui.TabNames(), tab) {
		return usagef("--tab: unknown tab %q%s (tabs: %s)", tab, didYouMean(tab, ui.TabNames()), strings.Join(ui.TabNames(), ", "))
	}
	e.holdDemo = true // the TUI builds the demo archive after its first frame
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	opts := e.uiOptions(dir, flat)
	opts.StartTab, opts.Prepare = tab, e.prepareDemo
	opts.History = historyStore() // the local user's; SSH sessions keep none
	if opts.DownloadDir == "" {
		opts.DownloadDir = config.ExpandHome(e.cfg.DownloadDir)
	}
	if opts.DownloadDir == "" {
		if wd, err := os.Getwd(); err == nil {
			opts.DownloadDir = wd
		}
	}
	// The queue is the user's download service (started in the background if need be):
	// downloads go on when the TUI quits or its terminal closes, and `mastui download` in
	// another terminal shares it. --demo and a service that cannot be reached keep the
	// queue in this process (see openDownloads); its TESScut requests and the client's
	// then share MAST's limit of 10 per user.
	client := e.client()
	q, err := e.openDownloads(e.configQueue(client), func(msg string) { opts.DownloadsNotice = msg })
	if err != nil {
		e.logger.Error("download queue unavailable", "err", err)
		opts.DownloadsUnavailable = err.Error()
	} else {
		defer q.Close()
		opts.Downloads = q
		_, opts.DownloadsDetached = q.(*service.Client)
	}
	renderer := lipgloss.NewRenderer(os.Stdout)
	// Ask the terminal once, before Bubble Tea owns stdin (a later query can hang).
	renderer.SetHasDarkBackground(termenv.HasDarkBackground())
	common := ui.NewCommon(e.ctx, renderer, e.logger, e.serverLabel())
	look, err := lookOf(e.cfg)
	if err == nil {
		err = common.ApplyLook(look)
	}
	if err != nil {
		return err
	}
	root := ui.New(common, client, opts)
	in, err := terminalInput(e.stdin)
	if err != nil {
		return err
	}
	defer in.release()
	// Signals are main's alone (its context ends the program): Bubble Tea's own handler
	// could block forever sending a QuitMsg to a program the context had already stopped.
	popts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(e.ctx), tea.WithoutSignalHandler(), tea.WithInput(in)}
	if mouse || e.cfg.Mouse {
		popts = append(popts, tea.WithMouseCellMotion())
	}
	p := tea.NewProgram(panicLogged{root, e.logger}, popts...)
	_, err = p.Run()
	switch {
	case err == nil, e.ctx.Err() != nil: // quit, or a signal
	case errors.Is(err, errTerminalClosed):
		e.logger.Info("terminal closed: quitting")
	default:
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}

// errTerminalClosed is the end of the TUI's input: its terminal is gone (window closed,
// SSH connection dropped) and no SIGHUP came to say so.
var errTerminalClosed = errors.New("terminal closed")

// ttyInput is the terminal the TUI reads keys from. A terminal in raw mode never reads
// an end of file (ctrl+d is a key), so EOF or EIO means it was hung up: that becomes an
// error that ends the program, where Bubble Tea would wait for keys forever on EOF.
type ttyInput struct {
	*os.File
	opened bool // /dev/tty, opened here
}

func (t ttyInput) Read(b []byte) (int, error) {
	n, err := t.File.Read(b)
	if n == 0 && (errors.Is(err, io.EOF) || errors.Is(err, syscall.EIO)) {
		// Not wrapping io.EOF: Bubble Tea takes an EOF for a normal end and keeps waiting.
		return 0, fmt.Errorf("%w (%v)", errTerminalClosed, err)
	}
	return n, err
}

// release closes the terminal if terminalInput opened it.
func (t ttyInput) release() {
	if t.opened {
		t.File.Close()
	}
}

// terminalInput is stdin when it is a terminal, else /dev/tty (as Bubble Tea does: the
// keys come from the terminal even when data is piped in).
func terminalInput(stdin io.Reader) (ttyInput, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		return ttyInput{File: f}, nil
	}
	f, err := os.Open("/dev/tty")
	if err != nil {
		return ttyInput{}, fmt.Errorf("the terminal UI needs a terminal: %w", err)
	}
	return ttyInput{File: f, opened: true}, nil
}

// saveColumns persists a column-chooser choice into the config file. It reads the file
// itself (not the merged settings) so env and flag overrides are never written back;
// the mutex serialises saves, which run in Cmd goroutines.
func (e *cliEnv) saveColumns(table string, cols []string) error {
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	path := e.configFile()
	cfg, err := config.ReadFile(path)
	if err != nil {
		return err
	}
	if cfg.Columns == nil {
		cfg.Columns = map[string][]string{}
	}
	cfg.Columns[table] = cols
	return config.SaveSetting(path, "columns", cfg.Columns, cfg) // keeps the user's comments
}
