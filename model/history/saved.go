package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mastui/model"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Saved is a search kept under a name.
type Saved struct {
	Name  string    `json:"name"`
	Saved time.Time `json:"saved"`
	Search
}

// savedFile is saved.json: a version, then the searches by name.
type savedFile struct {
	Version  int              `json:"version"`
	Searches map[string]Saved `json:"searches"`
}

// nameRule: a name is typed after ":save" and `mastui query --saved`, so no spaces,
// no path characters.
var nameRule = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$`)

// CheckName says what is wrong with a saved search's name (nil when fine), short
// enough for one line of an 80-column screen.
func CheckName(name string) error {
	switch {
	case nameRule.MatchString(name):
		return nil
	case name == "":
		return errors.New("give the search a name, e.g. m101-all")
	case utf8.RuneCountInString(name) > 64:
		return fmt.Errorf("a name of %d characters: at most 64 (e.g. m101-all)", utf8.RuneCountInString(name))
	case !nameRule.MatchString("x" + name):
		return fmt.Errorf("bad name %q: use 1-64 letters, digits, - _ . + (e.g. m101-all)", name)
	}
	return fmt.Errorf("bad name %q: start with a letter or digit (e.g. m101-all)", name)
}

// NotFoundError is a name no search is saved under.
type NotFoundError struct {
	Name  string
	Names []string // the names there are
	// HowToSave is how the caller's user saves a search ("ctrl+s saves the form's
	// search" in the TUI), said when none is saved yet; the caller sets it.
	HowToSave string
}

func (e *NotFoundError) Error() string {
	switch {
	case len(e.Names) > 0:
		return fmt.Sprintf("no saved search %q (saved: %s)", e.Name, strings.Join(e.Names, ", "))
	case e.HowToSave != "":
		return fmt.Sprintf("no saved search %q (none saved yet: %s)", e.Name, e.HowToSave)
	}
	return fmt.Sprintf("no saved search %q (none saved yet)", e.Name)
}

// ExplainNotFound sets how to save a search (NotFoundError.HowToSave) in err when it is
// a *NotFoundError, and returns err.
func ExplainNotFound(err error, howToSave string) error {
	var nf *NotFoundError
	if errors.As(err, &nf) {
		nf.HowToSave = howToSave
	}
	return err
}

// readSaved reads saved.json (missing: nothing saved). A file that does not parse is an
// error naming it: the user's saved searches are not silently dropped.
func (s *Store) readSaved() (savedFile, error) {
	f := savedFile{Version: 1, Searches: map[string]Saved{}}
	b, err := os.ReadFile(s.SavedPath())
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("read saved searches: %w", err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("saved searches %s: %w", s.SavedPath(), err)
	}
	if f.Searches == nil {
		f.Searches = map[string]Saved{}
	}
	return f, nil
}

// SavedList lists the saved searches by name.
func (s *Store) SavedList() ([]Saved, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.readSaved()
	if err != nil {
		return nil, err
	}
	out := make([]Saved, 0, len(f.Searches))
	for name, v := range f.Searches {
		v.Name = name
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Get is the search saved as name (*NotFoundError when none).
func (s *Store) Get(name string) (Saved, error) {
	list, err := s.SavedList()
	if err != nil {
		return Saved{}, err
	}
	var names []string
	for _, v := range list {
		if v.Name == name {
			return v, nil
		}
		names = append(names, v.Name)
	}
	return Saved{}, &NotFoundError{Name: name, Names: names}
}

// Save keeps search as name (replacing the one saved under that name), at at; it
// reports whether one was replaced.
func (s *Store) Save(name string, search Search, at time.Time) (replaced bool, err error) {
	if err := CheckName(name); err != nil {
		return false, err
	}
	if search.Empty() {
		return false, errors.New("nothing to save: the search has neither a target nor criteria")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.readSaved()
	if err != nil {
		return false, err
	}
	_, replaced = f.Searches[name]
	f.Searches[name] = Saved{Name: name, Saved: at.UTC().Truncate(time.Second), Search: search}
	return replaced, s.writeSaved(f)
}

// Remove deletes the search saved as name (*NotFoundError when none).
func (s *Store) Remove(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.readSaved()
	if err != nil {
		return err
	}
	if _, ok := f.Searches[name]; !ok {
		var names []string
		for n := range f.Searches {
			names = append(names, n)
		}
		sort.Strings(names)
		return &NotFoundError{Name: name, Names: names}
	}
	delete(f.Searches, name)
	return s.writeSaved(f)
}

func (s *Store) writeSaved(f savedFile) error {
	f.Version = 1
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("saved searches: %w", err)
	}
	if err := model.WritePrivate(s.SavedPath(), append(b, '\n')); err != nil {
		return fmt.Errorf("write saved searches: %w", err)
	}
	return nil
}
