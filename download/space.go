package download

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"mastui/model"
)

// SpaceError is Add's refusal when the selection does not fit on disk.
type SpaceError struct {
	Dir        string // an existing directory on the filesystem that is short
	Need, Free int64  // bytes still to download there (this selection plus the queue), bytes free
}

func (e *SpaceError) Error() string {
	need, free := model.FormatBytes(e.Need), model.FormatBytes(e.Free)
	if need == free {
		need, free = fmt.Sprintf("%d bytes", e.Need), fmt.Sprintf("%d bytes", e.Free)
	}
	return fmt.Sprintf("not enough disk space in %s: the downloads need %s more but only %s is free", e.Dir, need, free)
}

// remaining is what an item still has to fetch, judged from the disk: nothing when the
// file is already complete, the size minus the .part otherwise.
func remaining(it Item) int64 {
	if it.Size <= 0 {
		return 0
	}
	if fi, err := os.Stat(it.Dest); err == nil && fi.Size() == it.Size {
		return 0
	}
	if fi, err := os.Stat(it.Dest + partSuffix); err == nil && fi.Size() < it.Size {
		return it.Size - fi.Size()
	}
	return it.Size
}

// checkSpace sums what items still need per filesystem and compares it with free space.
// Items share directories: each directory is looked up once, and the files of one that
// does not exist yet are not looked for.
func checkSpace(items []Item, free func(string) (int64, error)) error {
	type group struct {
		dir  string
		need int64
	}
	type place struct {
		group  *group
		exists bool // the item's directory itself exists
	}
	groups := map[string]*group{}
	places := map[string]place{}
	for _, it := range items {
		if it.Size <= 0 {
			continue
		}
		parent := filepath.Dir(it.Dest)
		pl, ok := places[parent]
		if !ok {
			dir := existingAncestor(parent)
			k := fsKey(dir)
			g := groups[k]
			if g == nil {
				g = &group{dir: dir}
				groups[k] = g
			}
			pl = place{group: g, exists: dir == parent}
			places[parent] = pl
		}
		n := it.Size
		if pl.exists {
			n = remaining(it)
		}
		pl.group.need += n
	}
	keys := make([]string, 0, len(groups))
	for k, g := range groups {
		if g.need > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := groups[k]
		avail, err := free(g.dir)
		if err != nil {
			continue // unknown free space must not block downloads
		}
		if avail < g.need {
			return &SpaceError{Dir: g.dir, Need: g.need, Free: avail}
		}
	}
	return nil
}

func existingAncestor(dir string) string {
	for {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
