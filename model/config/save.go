package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// SaveSetting writes one setting into the config file at path and keeps the rest of
// the file as the user wrote it (comments, order, layout): the value of key is
// replaced in place, or added after the last setting. A missing or empty file is
// written whole, as Save does. cfg is the file's settings with the new value (what
// ReadFile gave, changed), used for that whole write.
func SaveSetting(path, key string, value any, cfg Config) error {
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(bytes.TrimSpace(stripComments(old))) == 0 {
		return Save(path, cfg)
	}
	if err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	encoded, err := json.MarshalIndent(value, "  ", "  ")
	if err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	stripped := stripComments(old)
	entries, err := objectEntries(stripped, 0, len(stripped), "")
	if err != nil {
		return &FileError{Path: path, Err: err}
	}
	var out []byte
	for _, e := range entries {
		if e.key == key {
			out = append(append(append([]byte{}, old[:e.start]...), encoded...), old[e.end:]...)
			break
		}
	}
	if out == nil {
		entry := fmt.Sprintf("  %q: %s", key, encoded)
		switch {
		case len(entries) > 0:
			end := entries[len(entries)-1].end
			out = append(append(append([]byte{}, old[:end]...), ",\n"+entry...), old[end:]...)
		default: // before the closing brace, after any comments (a commented template)
			end := bytes.LastIndexByte(stripped, '}')
			if end > 0 && stripped[end-1] != '\n' {
				entry = "\n" + entry
			}
			out = append(append(append([]byte{}, old[:end]...), entry+"\n"...), old[end:]...)
		}
	}
	var check Config = Default()
	if _, err := DecodeStrict(out, &check); err != nil {
		return fmt.Errorf("save config: the edited file would not read back (%v); not written", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return writeAtomic(path, out)
}

// ErrExists is a config file `config init` would overwrite.
var ErrExists = errors.New("config file exists")

// WriteTemplate writes Template to path, refusing (ErrExists) to replace a file unless
// force.
func WriteTemplate(path string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	return writeAtomic(path, []byte(Template()))
}
