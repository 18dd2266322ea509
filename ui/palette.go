package ui

import (
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/model/config"
	"mastui/themes"
	"mastui/ui/common"
	"mastui/ui/components/palette"
)

// paletteHeight is the palette's share of the body: its rule, input line and matches.
func (m *Model) paletteHeight() int { return min(12, max(3, m.bodyHeight()/2)) }

// openPalette opens the palette over the focused view: the session's commands, then the
// actions of the focused view and the global keys (every binding with help text).
func (m *Model) openPalette() tea.Cmd {
	m.showHelp, m.showMsgs = false, false
	press := func(k string) tea.Cmd {
		msg, ok := common.KeyMsgOf(k)
		if !ok {
			return common.Toast(common.LevelError, "No key "+k)
		}
		return func() tea.Msg { return msg }
	}
	g := m.c.Keys.Global
	commandKeys := map[string]bool{} // a key a command shows already: its action would repeat it
	for _, c := range m.c.Commands.All() {
		commandKeys[c.Key] = c.Key != ""
	}
	var actions []palette.Item
	for _, s := range m.helpSections() {
		var bs []key.Binding
		for _, b := range s.Bindings {
			if b.Help() == g.Palette.Help() || b.Help() == g.PaletteAnywhere.Help() {
				continue // the palette does not reopen itself
			}
			if s.Title == globalTitle && commandKeys[b.Help().Key] {
				continue
			}
			bs = append(bs, b)
		}
		actions = append(actions, palette.Actions(s.Title, bs, press)...)
	}
	m.palette.Open(actions)
	m.layout()
	return nil
}

// registerCommands adds the root's commands to the session's registry: one per tab
// (":queue", ":catalogs" …), and the overlays and quit.
func (m *Model) registerCommands() {
	var cmds []common.Command
	for i, s := range m.specs {
		k := ""
		if s.key != nil {
			k = s.key(m.c.Keys).Help().Key
		}
		cmds = append(cmds, common.Command{
			Name: s.id, Help: "the " + m.tabs[i].Title() + " tab", Key: k,
			Run: func([]string) tea.Cmd { m.showHelp, m.showMsgs = false, false; return m.focusTab(i) },
		})
	}
	g := m.c.Keys.Global
	cmds = append(cmds,
		common.Command{Name: "help", Help: "every key of the view", Key: g.Help.Help().Key,
			Run: func([]string) tea.Cmd { m.openHelp(); return nil }},
		common.Command{Name: "messages", Help: "errors and warnings in full, the log file", Key: g.Messages.Help().Key,
			Run: func([]string) tea.Cmd { m.showMsgs, m.showHelp = true, false; return nil }},
		common.Command{Name: "login", Help: "MAST login: token, who you are, logout", Key: g.Login.Help().Key,
			Disabled: func() string {
				if !m.account.Enabled() {
					return "no MAST login in this session"
				}
				return ""
			},
			Run: func([]string) tea.Cmd { return m.openLogin() }},
		common.Command{Name: "export", Help: "export the table in view: csv, ecsv, votable, json (a duplicates report: markdown too)", Key: m.c.Keys.Results.Export.Help().Key,
			ArgsNow: func() []string {
				if f, ok := m.tabs[m.active].(exportFormatter); ok {
					return f.ExportFormats()
				}
				return model.ExportFormats()
			},
			Disabled: func() string {
				if _, ok := m.tabs[m.active].(exporter); !ok {
					return "no table to export on this tab"
				}
				return ""
			},
			Run: func(args []string) tea.Cmd {
				format := ""
				if len(args) > 0 {
					format = strings.ToLower(args[0])
				}
				t := m.focused()
				return m.address(t, t.(exporter).OpenExport(format))
			}},
		common.Command{Name: "save", Help: "save the Observations search under a name: :save m101-jwst", OpenArg: true,
			Disabled: func() string { return m.savesReason() },
			Run: func(args []string) tea.Cmd {
				if len(args) != 1 {
					return common.Toast(common.LevelWarn, "Give the search a name: :save m101-jwst")
				}
				return m.address(m.tabs[m.saverIndex()], m.saver().SaveSearch(args[0]))
			}},
		common.Command{Name: "open", Help: "run a saved search: :open m101-jwst (ctrl+o lists them)",
			Suggest:  m.savedNames,
			Disabled: func() string { return m.savesReason() },
			Run: func(args []string) tea.Cmd {
				if len(args) != 1 {
					return common.Toast(common.LevelWarn, "Name the saved search: :open m101-jwst (mastui saved list shows them)")
				}
				i := m.saverIndex()
				return tea.Batch(m.focusTab(i), m.address(m.tabs[i], m.saver().OpenSaved(args[0])))
			}},
		common.Command{Name: "theme", Help: "switch the theme: a name or a theme file",
			Suggest: themeChoices,
			Run: func(args []string) tea.Cmd {
				if len(args) != 1 {
					return common.Toast(common.LevelWarn, "Name a theme or a theme file: :theme "+strings.Join(themes.Names(), "|")+"|~/my-theme.json")
				}
				if err := m.c.SwitchTheme(args[0]); err != nil {
					return common.Toast(common.LevelError, err.Error())
				}
				m.layout()
				return common.Toast(common.LevelInfo, "theme "+m.c.Styles.Palette.Name+" for this session; set \"theme\" in the config file to keep it")
			}},
		common.Command{Name: "quit", Aliases: []string{"q"}, Help: "quit (asks first while downloads run)", Key: g.Quit.Help().Key,
			Run: func([]string) tea.Cmd { return m.quit() }},
	)
	if err := m.c.Commands.Add(cmds...); err != nil {
		m.c.Logger.Error("register the root's commands", "err", err)
	}
}

// themeChoices are the themes :theme offers: the built-in ones and the theme files in
// the config dir's themes/ (by name, as the config file's "theme" takes them).
func themeChoices() []string {
	out := themes.Names()
	files, _ := filepath.Glob(filepath.Join(config.Dir(), "themes", "*.json"))
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	return out
}

// savedNames are the saved searches' names (what :open offers), read now: a search
// saved a moment ago is among them.
func (m *Model) savedNames() []string {
	if m.c.History == nil {
		return nil
	}
	saved, err := m.c.History.SavedList()
	if err != nil {
		m.c.Logger.Warn("read the saved searches for :open", "err", err)
	}
	names := make([]string, 0, len(saved))
	for _, s := range saved {
		names = append(names, s.Name)
	}
	return names
}

// exporter is a tab with tables to export (":export").
type exporter interface {
	OpenExport(format string) tea.Cmd
}

// exportFormatter is an exporter whose formats are not the tables' (model.ExportFormats).
type exportFormatter interface {
	ExportFormats() []string
}

// searchSaver is the tab whose searches are saved by name (":save", ":open").
type searchSaver interface {
	SaveSearch(name string) tea.Cmd
	OpenSaved(name string) tea.Cmd
}

// saverIndex is the index of the tab that saves searches (-1 when none).
func (m *Model) saverIndex() int {
	for i, t := range m.tabs {
		if _, ok := t.(searchSaver); ok {
			return i
		}
	}
	return -1
}

func (m *Model) saver() searchSaver { return m.tabs[m.saverIndex()].(searchSaver) }

// savesReason says why searches cannot be saved or opened ("" when they can).
func (m *Model) savesReason() string {
	switch {
	case m.c.History == nil:
		return "searches are not kept in this session"
	case m.saverIndex() < 0:
		return "no tab saves searches"
	}
	return ""
}

// PaletteOpen reports whether the command palette is open (for tests).
func (m *Model) PaletteOpen() bool { return m.palette.IsOpen() }

// PaletteMatches are the palette's matches, best first (for tests).
func (m *Model) PaletteMatches() []string { return m.palette.Matches() }

// PaletteProblem is the palette's complaint ("unknown command …"), for tests.
func (m *Model) PaletteProblem() string { return strings.TrimSpace(m.palette.Problem()) }

// Typing reports whether typed letters go to a text field now (for tests).
func (m *Model) Typing() bool { return m.typing() }
