package common

import (
	"mastui/keymap"
	"mastui/model/config"
	"mastui/themes"
)

// Look is how the user set up the TUI: the theme's palette and the key overrides by
// action name. It is read once (from the settings) and shared by every session; each
// session builds its own styles and keymap from it.
type Look struct {
	Palette *themes.Palette     // nil: auto, dark or light from the session's terminal background
	Keys    map[string][]string // action name → keys (keymap.Override)
}

// ApplyLook gives the session the look's keymap and theme (NO_COLOR honoured). A bad
// key override is an error naming the action; the session keeps its keys then.
func (c *Common) ApplyLook(l Look) error {
	keys := keymap.Default()
	if err := keys.Override(l.Keys); err != nil {
		return err
	}
	c.Keys = keys
	p := themes.Dark()
	switch {
	case l.Palette != nil:
		p = *l.Palette
	case !c.Renderer.HasDarkBackground():
		p = themes.Light()
	}
	c.SetTheme(p)
	return nil
}

// SetTheme rebuilds the session's styles from palette p (NO_COLOR honoured). The
// styles change in place, so every view holding them draws its next frame in p; text
// fields copied their styles when built and keep the old ones until rebuilt.
func (c *Common) SetTheme(p themes.Palette) {
	*c.Styles = *themes.ForTerminal(c.Renderer, p)
}

// SwitchTheme changes the session's theme at runtime (what `:theme NAME` runs): a
// built-in name, "auto", a theme file name in the config dir's themes/, or a path. A
// name that is none of these is an error with the nearest one; the theme stays.
func (c *Common) SwitchTheme(name string) error {
	p, err := themes.Resolve(name, config.Dir(), c.Renderer.HasDarkBackground())
	if err != nil {
		return err
	}
	c.SetTheme(p)
	return nil
}
