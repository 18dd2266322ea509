package keymap

import "github.com/charmbracelet/bubbles/key"

// Sky bindings apply in a results view while its sky panel shows (the timeline has no
// keys of its own: it spans every loaded row); the table's own keys keep moving the
// cursor, which the sky and the timeline highlight.
type Sky struct {
	Toggle   key.Binding // shows / hides the sky panel (beside the table when wide, else over it)
	Timeline key.Binding // shows / hides the timeline strip under the results
	ZoomIn   key.Binding
	ZoomOut  key.Binding
	PanLeft  key.Binding
	PanRight key.Binding
	PanUp    key.Binding
	PanDown  key.Binding
	Fit      key.Binding // zooms to show every footprint and the search cone
	Next     key.Binding // the next footprint under the crosshair becomes the table's cursor row
	Prev     key.Binding
	Colour   key.Binding // colours footprints by collection or by instrument
}

// DefaultSky returns the default sky-panel bindings.
func DefaultSky() Sky {
	return Sky{
		Toggle:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "sky view of the footprints")),
		Timeline: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "timeline of the observations (no keys of its own)")),
		ZoomIn:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "zoom the sky in")),
		ZoomOut:  key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "zoom the sky out")),
		PanLeft:  key.NewBinding(key.WithKeys("H", "shift+left"), key.WithHelp("H/shift+←", "pan east (left)")),
		PanRight: key.NewBinding(key.WithKeys("L", "shift+right"), key.WithHelp("L/shift+→", "pan west (right)")),
		PanUp:    key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K/shift+↑", "pan north")),
		PanDown:  key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J/shift+↓", "pan south")),
		Fit:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fit the sky to all footprints")),
		Next:     key.NewBinding(key.WithKeys(">", "."), key.WithHelp(">", "next footprint under the crosshair")),
		Prev:     key.NewBinding(key.WithKeys("<", ","), key.WithHelp("<", "previous footprint under the crosshair")),
		Colour:   key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "colour by collection / instrument")),
	}
}

// ShortHelp implements help.KeyMap.
func (k Sky) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.ZoomIn, k.ZoomOut, k.Fit, k.Next}
}

// FullHelp implements help.KeyMap.
func (k Sky) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Toggle, k.Timeline, k.ZoomIn, k.ZoomOut, k.Fit, k.Colour},
		{k.PanLeft, k.PanRight, k.PanUp, k.PanDown, k.Next, k.Prev},
	}
}

// SetActive enables the panel's own keys only while it shows (the toggles stay on).
func (k *Sky) SetActive(on bool) {
	for _, b := range []*key.Binding{&k.ZoomIn, &k.ZoomOut, &k.PanLeft, &k.PanRight, &k.PanUp, &k.PanDown, &k.Fit, &k.Next, &k.Prev, &k.Colour} {
		b.SetEnabled(on)
	}
}
