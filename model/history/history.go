// Package history keeps what a user searched: the searches of every tab, newest last,
// in $XDG_DATA_HOME/mastui/history.jsonl (one JSON object a line), and searches saved
// under a name in saved.json beside it. Both files are the user's own (0600), rewritten
// whole through a temporary file and a rename, so a crash leaves the old file or the new
// one, never half of one. A search holds what was typed (target, radius, resolver,
// criteria), never a token or a server answer.
package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mastui/model"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultMax is how many searches the history file keeps (all tabs together); the
// oldest go first.
const DefaultMax = 500

// Criterion is one KEY=VALUE of a search, as typed (the CLI's syntax).
type Criterion struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Search is a search as the user typed it in a tab's form.
type Search struct {
	Tab      string      `json:"tab"`                // "observations", "missions.jwst", ...
	Target   string      `json:"target,omitempty"`   // a name or coordinates
	Radius   string      `json:"radius,omitempty"`   // as typed ("0.2 deg")
	Resolver string      `json:"resolver,omitempty"` // "" lets MAST choose
	Criteria []Criterion `json:"criteria,omitempty"`
}

// Same reports whether s and o are one search (the history keeps one of them): equal
// fields, the target and resolver compared case-blind, criteria in order.
func (s Search) Same(o Search) bool {
	return s.Tab == o.Tab && strings.EqualFold(strings.TrimSpace(s.Target), strings.TrimSpace(o.Target)) &&
		strings.TrimSpace(s.Radius) == strings.TrimSpace(o.Radius) && strings.EqualFold(s.Resolver, o.Resolver) &&
		slices.Equal(s.Criteria, o.Criteria)
}

// Empty reports a search with neither target nor criteria (nothing to remember).
func (s Search) Empty() bool { return strings.TrimSpace(s.Target) == "" && len(s.Criteria) == 0 }

// String is the search in one line, the CLI's way: `M101 r=0.2 deg obs_collection=JWST`.
func (s Search) String() string {
	var parts []string
	if t := strings.TrimSpace(s.Target); t != "" {
		parts = append(parts, t)
		if s.Radius != "" {
			parts = append(parts, "r="+s.Radius)
		}
	}
	if s.Resolver != "" {
		parts = append(parts, "via "+s.Resolver)
	}
	for _, c := range s.Criteria {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, " ")
}

// Entry is a search of the history and when it ran.
type Entry struct {
	At time.Time `json:"at"`
	Search
}

// Store is the history and the saved searches of one data directory. It is safe for
// concurrent use; one process's sessions should share one Store.
type Store struct {
	Dir string // $XDG_DATA_HOME/mastui
	Max int    // searches kept in the history; <= 0 means DefaultMax

	mu sync.Mutex
}

// Open is the store in dir.
func Open(dir string) *Store { return &Store{Dir: dir} }

// HistoryPath is the history file.
func (s *Store) HistoryPath() string { return filepath.Join(s.Dir, "history.jsonl") }

// SavedPath is the saved searches' file.
func (s *Store) SavedPath() string { return filepath.Join(s.Dir, "saved.json") }

func (s *Store) max() int {
	if s.Max <= 0 {
		return DefaultMax
	}
	return s.Max
}

// History lists the searches of tab ("" for every tab), oldest first. A missing file is
// an empty history; lines that do not parse (a file edited by hand) are skipped, and
// bad reports how many.
func (s *Store) History(tab string) (entries []Entry, bad int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all, bad, err := s.read()
	if err != nil || tab == "" {
		return all, bad, err
	}
	for _, e := range all {
		if e.Tab == tab {
			entries = append(entries, e)
		}
	}
	return entries, bad, nil
}

func (s *Store) read() ([]Entry, int, error) {
	b, err := os.ReadFile(s.HistoryPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read search history: %w", err)
	}
	var out []Entry
	bad := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Entry
		if json.Unmarshal(line, &e) != nil || e.Tab == "" || e.Empty() {
			bad++
			continue
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("read search history %s: %w", s.HistoryPath(), err)
	}
	return out, bad, nil
}

// Add records a search that ran at at: an earlier copy of the same search goes (it
// moves to the end), and the oldest searches go past Max. Empty searches are not kept.
func (s *Store) Add(search Search, at time.Time) error {
	if search.Tab == "" {
		return errors.New("search history: a search without a tab")
	}
	if search.Empty() {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all, _, err := s.read()
	if err != nil {
		return err
	}
	all = slices.DeleteFunc(all, func(e Entry) bool { return e.Same(search) })
	all = append(all, Entry{At: at.UTC().Truncate(time.Second), Search: search})
	if n := len(all) - s.max(); n > 0 {
		all = all[n:]
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, e := range all {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("search history: %w", err)
		}
	}
	if err := model.WritePrivate(s.HistoryPath(), buf.Bytes()); err != nil {
		return fmt.Errorf("write search history: %w", err)
	}
	return nil
}

// Targets are the distinct targets of tab's history, newest first (case-blind).
func (s *Store) Targets(tab string) ([]string, error) {
	entries, _, err := s.History(tab)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for i := len(entries) - 1; i >= 0; i-- {
		t := strings.TrimSpace(entries[i].Target)
		if k := strings.ToLower(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out, nil
}
