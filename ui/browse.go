package ui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"mastui/keymap"
	"mastui/ui/common"
	"mastui/ui/views/products"
	"mastui/ui/views/results"
)

// updateBrowse routes the answers of the results and products views to them and applies
// their intents (open products, go back, save columns, queue products).
func (m *Model) updateBrowse(msg tea.Msg) tea.Cmd {
	if view, ok := viewOf(msg); ok && m.missions.Owns(view) {
		return m.missions.Update(msg)
	}
	switch msg := msg.(type) {
	case results.MetadataMsg:
		return m.results.Update(msg)
	case results.OpenProductsMsg:
		m.setFocus(focusProducts)
		return m.products.Start(msg.Obsids, msg.Labels)
	case results.ColumnsChosenMsg:
		return m.saveColumns(msg)
	case products.BatchMsg, products.RecomputeMsg:
		return m.products.Update(msg)
	case products.BackMsg:
		if m.focus == focusProducts {
			m.setFocus(focusResults)
		}
	case common.QueueProductsMsg:
		return m.queueProducts(msg.Products)
	}
	return nil
}

// viewOf is the name of the results or products view a message belongs to: the
// Observations tab and each mission of the Missions tab have their own.
func viewOf(msg tea.Msg) (string, bool) {
	switch msg := msg.(type) {
	case results.PageLoadedMsg:
		return msg.View, true
	case results.MetadataMsg:
		return msg.Which, true
	case results.OpenProductsMsg:
		return msg.View, true
	case products.BatchMsg:
		return msg.View, true
	case products.RecomputeMsg:
		return msg.View, true
	case products.BackMsg:
		return msg.View, true
	}
	return "", false
}

// onBrowseKey handles a key while the results or the products have focus.
func (m *Model) onBrowseKey(msg tea.KeyMsg) tea.Cmd {
	if m.focus == focusQueue {
		return m.queue.Update(msg)
	}
	if m.focus == focusProducts {
		return m.products.Update(msg)
	}
	rk := m.c.Keys.Results
	if !m.results.Capturing() && key.Matches(msg, rk.Search, rk.Back) {
		m.setFocus(focusForm)
		return nil
	}
	return m.results.Update(msg)
}

// typing reports whether the focused view takes typed text (a burst of runes is then
// typed, not split into commands).
func (m *Model) typing() bool {
	return m.focus == focusForm || m.capturing() || m.focus == focusMissions && m.missions.Typing()
}

// capturing reports whether a text filter of a products view takes every key.
func (m *Model) capturing() bool {
	switch m.focus {
	case focusProducts:
		return m.products.Capturing()
	case focusMissions:
		return m.missions.Pane() == "products" && m.missions.Products().Capturing()
	}
	return false
}

// activity is what runs, for the status bar and the spinner ("" when idle).
func (m *Model) activity() string {
	if m.preparing {
		return preparingActivity
	}
	if m.focus == focusMissions {
		if a := m.missions.Activity(); a != "" {
			return a
		}
	}
	if m.focus == focusProducts {
		if a := m.products.Activity(); a != "" {
			return a
		}
	}
	if a := m.results.Activity(); a != "" {
		return a
	}
	return m.products.Activity()
}

// saveColumns remembers the column choice through Options.SaveColumns, off the UI
// goroutine.
func (m *Model) saveColumns(msg results.ColumnsChosenMsg) tea.Cmd {
	m.c.Logger.Info("columns chosen", "table", msg.Table, "columns", len(msg.Columns))
	save := m.opts.SaveColumns
	if save == nil {
		return nil
	}
	cols, table, log := slices.Clone(msg.Columns), msg.Table, m.c.Logger
	return func() tea.Msg {
		if err := save(table, cols); err != nil {
			log.Error("save columns", "table", table, "err", err)
			return common.ToastMsg{Level: common.LevelError, Text: "Could not save the column choice: " + err.Error()}
		}
		return common.ToastMsg{Level: common.LevelInfo, Text: fmt.Sprintf("%d columns shown; remembered for next time", len(cols))}
	}
}

// focusedHints are the status-line hints of the focused view.
func (m *Model) focusedHints() []key.Binding {
	keys := m.c.Keys
	switch m.focus {
	case focusMissions:
		switch m.missions.Pane() {
		case "results":
			return append([]key.Binding{keys.Missions.Observe}, resultsHints(keys, m.missions.Results())...) // O goes first when narrow
		case "products":
			return productsHints(keys, m.missions.Products())
		}
		if m.missions.Jumping() {
			return keys.TextInput.ShortHelp()
		}
		return []key.Binding{keys.Missions.Jump, keys.Missions.Back, keys.Missions.Next, keys.Missions.Submit} // dropped from the left when narrow
	case focusForm:
		return keys.Form.ShortHelp()
	case focusQueue:
		if !m.queue.Available() {
			return []key.Binding{keys.Queue.Back}
		}
		return keys.Queue.ShortHelp()
	case focusProducts:
		return productsHints(keys, m.products)
	}
	return resultsHints(keys, m.results)
}

// productsHints are the status-line hints of a products view.
func productsHints(keys *keymap.KeyMap, p *products.Model) []key.Binding {
	switch {
	case p.Capturing():
		return keys.TextInput.ShortHelp()
	case p.PanelFocused():
		return append(keys.Filters.ShortHelp(), keys.Products.Queue)
	}
	return keys.Products.ShortHelp()
}

// resultsHints are the status-line hints of a results view.
func resultsHints(keys *keymap.KeyMap, r *results.Model) []key.Binding {
	switch shown, focused := r.DetailsShown(); {
	case r.Failed() && !r.Ready():
		return []key.Binding{keys.Results.Retry, keys.Results.Search}
	case !r.Ready() || r.Loaded() == 0:
		return []key.Binding{keys.Results.Search}
	case r.ChooserOpen():
		return keys.Chooser.ShortHelp()
	case focused:
		return keys.Details.ShortHelp()
	case shown:
		return append(keys.Results.ShortHelp(), keys.Results.Focus)
	}
	return keys.Results.ShortHelp()
}

// focusedSections are the help overlay's sections of the focused view (the part with
// focus first).
func (m *Model) focusedSections() []keymap.Section {
	keys := m.c.Keys
	sec := section // short: the lines below are long
	switch m.focus {
	case focusMissions:
		switch m.missions.Pane() {
		case "results":
			return append(resultsSections(keys, m.missions.Results()), sec("Missions", keys.Missions))
		case "products":
			return append(productsSections(keys, m.missions.Products()), sec("Missions", keys.Missions))
		}
		return []keymap.Section{sec("Missions", keys.Missions)}
	case focusForm:
		return []keymap.Section{sec("Search form", keys.Form)}
	case focusQueue:
		return []keymap.Section{sec("Download queue", keys.Queue)}
	case focusProducts:
		return productsSections(keys, m.products)
	}
	return resultsSections(keys, m.results)
}

func section(title string, k interface{ FullHelp() [][]key.Binding }) keymap.Section {
	return keymap.Section{Title: title, Bindings: keymap.Flatten(k.FullHelp())}
}

// productsSections are the help sections of a products view (the part with focus first).
func productsSections(keys *keymap.KeyMap, p *products.Model) []keymap.Section {
	switch {
	case p.Capturing():
		return []keymap.Section{section("Text filter", keys.TextInput), section("Filter panel", keys.Filters), section("Products", keys.Products)}
	case p.PanelFocused():
		return []keymap.Section{section("Filter panel", keys.Filters), section("Products", keys.Products)}
	}
	return []keymap.Section{section("Products", keys.Products), section("Filter panel", keys.Filters)}
}

// resultsSections are the help sections of a results view.
func resultsSections(keys *keymap.KeyMap, r *results.Model) []keymap.Section {
	if r.ChooserOpen() {
		return []keymap.Section{section("Column chooser", keys.Chooser), section("Results", keys.Results)}
	}
	if _, focused := r.DetailsShown(); focused {
		return []keymap.Section{section("Details", keys.Details), section("Results", keys.Results)}
	}
	return []keymap.Section{section("Results", keys.Results)}
}
