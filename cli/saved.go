package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"mastui/model"
	"mastui/model/config"
	"mastui/model/history"
	"mastui/services/mast"
	"mastui/ui/views/observations"
	"mastui/ui/views/searchform"
)

// historyStore is the search history and saved searches ($XDG_DATA_HOME/mastui).
func historyStore() *history.Store { return history.Open(config.DataDir()) }

// howToSave is how a CLI user saves a search, said when none is saved yet.
const howToSave = "save one with ctrl+s in the TUI"

// getSaved is the search saved as name (*history.NotFoundError when none).
func getSaved(name string) (history.Saved, error) {
	s, err := historyStore().Get(name)
	return s, history.ExplainNotFound(err, howToSave)
}

// savedCommand is `mastui saved list|show|rm`: the searches saved in the TUI (ctrl+s).
// `mastui query --saved NAME` runs one.
func (e *cliEnv) savedCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "saved",
		Short: "searches saved in the TUI (ctrl+s): list, show, rm; run one with query --saved NAME",
		RunE:  subcommandRequired,
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "the saved searches: name, tab and the search",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("saved list takes no arguments")
			}
			all, err := historyStore().SavedList()
			if err != nil {
				return err
			}
			name, tab, search, saved := model.NewColumn("name", model.KindString, len(all)), model.NewColumn("tab", model.KindString, len(all)),
				model.NewColumn("search", model.KindString, len(all)), model.NewColumn("saved", model.KindString, len(all))
			for _, s := range all {
				name.Str = append(name.Str, s.Name)
				tab.Str = append(tab.Str, s.Tab)
				search.Str = append(search.Str, s.Search.String())
				saved.Str = append(saved.Str, s.Saved.Format(time.RFC3339))
			}
			return e.write(model.NewTable(name, tab, search, saved), nil)
		},
	}
	show := &cobra.Command{
		Use:   "show NAME",
		Short: "a saved search as the query command that runs it",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("saved show: give one name (mastui saved list lists them)")
			}
			s, err := getSaved(args[0])
			if err != nil {
				return err
			}
			line, err := queryLine(s.Search)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(e.stdout, model.SanitizeText(line))
			return err
		},
	}
	rm := &cobra.Command{
		Use:   "rm NAME...",
		Short: "delete saved searches",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("saved rm: give the names to delete (mastui saved list lists them)")
			}
			st := historyStore()
			for _, n := range args {
				if err := st.Remove(n); err != nil {
					return history.ExplainNotFound(err, howToSave)
				}
				fmt.Fprintf(e.stderr, "removed saved search %s\n", n)
			}
			return nil
		},
	}
	cmd.AddCommand(list, show, rm)
	return cmd
}

// savedQuery is the observation query a saved search describes, read as the TUI's
// form reads it: a target that looks like coordinates is a position, else a name.
func savedQuery(s history.Search) (mast.Query, error) {
	if s.Tab != observations.ID {
		return mast.Query{}, fmt.Errorf("saved search is a %s search: query --saved runs observation searches", s.Tab)
	}
	q := mast.Query{Resolver: s.Resolver}
	if t := strings.TrimSpace(s.Target); t != "" {
		if searchform.LooksLikeCoordinates(t) {
			p, err := mast.ParseCoordinates(t)
			if err != nil {
				return q, fmt.Errorf("saved target %q: %w", t, err)
			}
			q.Position = &p
		} else {
			q.Object = t
		}
		q.RadiusDeg = mast.DefaultRadiusDeg
		if r := strings.TrimSpace(s.Radius); r != "" {
			deg, err := mast.ParseRadius(r)
			if err != nil {
				return q, fmt.Errorf("saved radius %q: %w", r, err)
			}
			q.RadiusDeg = deg
		}
	}
	for _, c := range s.Criteria {
		q.Criteria = append(q.Criteria, mast.Criterion{Name: c.Name, Value: c.Value})
	}
	if q.Object == "" && q.Position == nil && len(q.Criteria) == 0 {
		return q, errors.New("saved search has neither a target nor criteria")
	}
	return q, nil
}

// queryLine is the mastui command line that runs a saved observation search.
func queryLine(s history.Search) (string, error) {
	q, err := savedQuery(s)
	if err != nil {
		return "", err
	}
	quote := func(v string) string {
		if v != "" && !strings.ContainsAny(v, " \t'\"\\$`!*?;&|<>(){}[]#~") {
			return v
		}
		return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
	}
	words := []string{"mastui", "query"}
	target := strings.TrimSpace(s.Target)
	switch {
	case len(q.Criteria) > 0:
		words = append(words, "criteria")
		if q.Object != "" {
			words = append(words, "--object", quote(target))
		} else if q.Position != nil {
			words = append(words, "--coordinates", quote(target))
		}
		for _, c := range q.Criteria {
			words = append(words, quote(c.Name+"="+c.Value))
		}
	case q.Object != "":
		words = append(words, "object", quote(target))
	default:
		words = append(words, "region", quote(target))
	}
	if target != "" && strings.TrimSpace(s.Radius) != "" {
		words = append(words, "--radius", quote(strings.TrimSpace(s.Radius)))
	}
	if s.Resolver != "" {
		words = append(words, "--resolver", s.Resolver)
	}
	return strings.Join(words, " "), nil
}
