package download

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// maxCachedDirs bounds dirCache: past it the cache starts over (a long session).
const maxCachedDirs = 4096

// dirCache remembers the directories of download trees this manager has made and
// checked, so each costs its walk (an Lstat per level, a mkdir for new ones) once rather
// than once per file: files of one observation share a directory, observations share
// their collection's.
type dirCache struct {
	mu   sync.Mutex
	dirs map[string]bool
}

func (c *dirCache) has(p string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dirs[p]
}

func (c *dirCache) add(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dirs == nil || len(c.dirs) >= maxCachedDirs {
		c.dirs = map[string]bool{}
	}
	c.dirs[p] = true
}

// reset forgets every directory: one was removed behind our back.
func (c *dirCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dirs = nil
}

// makeTree creates dir and the directories between root and it, refusing a symbolic
// link or a non-directory on the way: a link planted inside the download tree would send
// files elsewhere. Without a root, dir is simply created. Directories already checked
// (in c) are not walked again, unless one of them turns out to be gone.
func (c *dirCache) makeTree(root, dir string) error {
	err := c.walk(root, dir)
	if errors.Is(err, fs.ErrNotExist) { // removed since we made it
		c.reset()
		err = c.walk(root, dir)
	}
	return err
}

func (c *dirCache) walk(root, dir string) error {
	if c.has(dir) {
		return nil
	}
	if root == "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		c.add(dir)
		return nil
	}
	if !c.has(root) {
		if err := os.MkdirAll(root, 0o755); err != nil {
			return err
		}
		c.add(root)
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == "." {
		return err
	}
	p := root
	for _, comp := range strings.Split(rel, string(filepath.Separator)) {
		p = filepath.Join(p, comp)
		if c.has(p) {
			continue
		}
		if err := checkDir(p); err != nil {
			return err
		}
		c.add(p)
	}
	return nil
}

// checkDir makes p unless it exists, and makes sure it is a directory, not a link.
func checkDir(p string) error {
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		fi, err = os.Lstat(p) // another worker may have made it first
	}
	switch {
	case err != nil:
		return err
	case fi.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link inside the download directory: refusing to write through it", p)
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory", p)
	}
	return nil
}
