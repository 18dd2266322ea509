package common

import (
	"errors"
	"strings"

	"github.com/atotto/clipboard"
	"github.com/charmbracelet/bubbles/key"
	"github.com/muesli/termenv"
)

// Clipboard receives the text the user copies (y, Y, u). Sessions choose: the local
// TUI uses the system clipboard with an OSC 52 fallback, an SSH session only OSC 52
// (the server's clipboard is not the user's), tests a fake.
type Clipboard interface {
	Copy(text string) error
}

// ClipboardFunc adapts a function to Clipboard.
type ClipboardFunc func(text string) error

// Copy implements Clipboard.
func (f ClipboardFunc) Copy(text string) error { return f(text) }

// SystemClipboard copies with the system's clipboard tool (xclip, xsel, wl-copy,
// pbcopy, clip.exe via github.com/atotto/clipboard) and, when none works, writes an
// OSC 52 sequence to out so the terminal sets its clipboard. out may be nil (no
// fallback).
func SystemClipboard(out *termenv.Output) Clipboard {
	return ClipboardFunc(func(text string) error {
		text = CopyText(text)
		err := clipboard.WriteAll(text)
		if err == nil {
			return nil
		}
		if out == nil {
			return err
		}
		out.Copy(text)
		return nil
	})
}

// OSC52Clipboard copies through the terminal only (OSC 52 written to out): the choice
// for SSH sessions, where out is the session's output.
func OSC52Clipboard(out *termenv.Output) Clipboard {
	return ClipboardFunc(func(text string) error {
		if out == nil {
			return errors.New("no terminal to copy through")
		}
		out.Copy(CopyText(text))
		return nil
	})
}

// UseTerminalClipboard makes the session copy through its terminal only (OSC 52 on the
// renderer's output): over SSH the system clipboard is the server's, not the user's. The
// copy keys' help says so, since the terminal must allow OSC 52 (tmux: set-clipboard on).
func (c *Common) UseTerminalClipboard() {
	c.Clipboard = OSC52Clipboard(c.Renderer.Output())
	c.Opener = nil // a folder on the server cannot open on the user's machine: the path is shown
	k := c.Keys
	for _, b := range []*key.Binding{&k.Results.CopyCell, &k.Results.CopyObsID, &k.Results.CopyURL, &k.Products.Copy, &k.Queue.CopyPath} {
		h := b.Help()
		b.SetHelp(h.Key, h.Desc+" via OSC 52")
	}
}

// CopyText is text as it goes to the clipboard: sanitized (no CR/LF, ESC or other
// controls, so pasting it into a shell runs nothing) and trimmed.
func CopyText(text string) string { return strings.TrimSpace(Sanitize(text)) }

// NoClipboard refuses every copy (tests that must not touch the real clipboard).
func NoClipboard() Clipboard {
	return ClipboardFunc(func(string) error { return errors.New("no clipboard in this session") })
}
