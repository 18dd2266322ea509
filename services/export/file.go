package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mastui/model"
)

// WriteFile writes t to path in format (model.ExportFormats) and returns the absolute
// path. A leading ~/ is the home directory; missing directories are made. The rows go
// to path.part first, renamed only when complete, so a failed export leaves no
// half-written table; an existing file is never overwritten.
func WriteFile(path string, t *model.Table, format string) (string, error) {
	path, err := ExpandPath(path)
	if err != nil {
		return "", err
	}
	if _, err := os.Lstat(path); err == nil {
		return "", fmt.Errorf("%s already exists: choose another name", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	part := path + ".part"
	f, err := os.OpenFile(part, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return "", err
	}
	err = model.WriteTable(f, t, format)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(part, path)
	}
	if err != nil {
		os.Remove(part)
		return "", fmt.Errorf("export to %s: %w", path, err)
	}
	return path, nil
}

// ExpandPath makes path absolute, with a leading ~/ as the home directory.
func ExpandPath(path string) (string, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return "", errors.New("no file name given")
	}
	if path == "~" || strings.HasPrefix(path, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("expand %s: %w", path, err)
		}
		path = filepath.Join(home, path[1:])
	}
	return filepath.Abs(path)
}
