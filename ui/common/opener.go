package common

import (
	"os"
	"os/exec"
	"runtime"
)

// Opener shows a folder to the user (a file manager). Common.Opener is nil where that
// cannot be done for the user: no display, or a session over SSH (the folder is then on
// another machine) — the views copy the path instead.
type Opener func(dir string) error

// LocalOpener opens folders with xdg-open (open on macOS) when this process runs on
// the user's own display: not over SSH, and on Linux only with an X11 or Wayland
// display. nil otherwise.
func LocalOpener() Opener {
	if os.Getenv("SSH_CONNECTION") != "" || os.Getenv("SSH_TTY") != "" {
		return nil
	}
	tool := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		tool = "open"
	case "windows":
		tool = "explorer"
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return nil
		}
	}
	path, err := exec.LookPath(tool)
	if err != nil {
		return nil
	}
	return func(dir string) error {
		return exec.Command(path, dir).Run() // output discarded: never on the TUI's terminal
	}
}
