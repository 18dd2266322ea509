package results

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/services/mast"
	"mastui/ui/common"
)

// PageTask is the task of page requests (common.Requests): a page's answer arrives as
// common.TabMsg{To: PageTask, Req: its request's number, Msg: PageLoadedMsg}, and only
// the newest request's is taken, so answers of an older search (or page) are dropped.
const PageTask = "results.page"

// PageLoadedMsg carries one page of a search back to the view.
type PageLoadedMsg struct {
	Page    int
	Result  *mast.Page
	Err     error
	Elapsed time.Duration
}

// StartSearch starts a new search: older in-flight requests are cancelled, and their
// answers will be dropped. It returns the Cmd fetching page 1.
func (m *Model) StartSearch(s common.Search) tea.Cmd {
	m.search = s
	m.state = stateLoading
	m.err, m.pageErr = nil, nil
	m.table, m.total, m.pages, m.loadedPage, m.inflight = nil, 0, 0, 0, 0
	m.resolved, m.notices = nil, nil
	m.all, m.order, m.sortCol, m.sortDesc = nil, nil, nil, false
	m.grid.SetColumns(nil)
	m.grid.SetSortMark(nil, false)
	m.grid.Selection().Reset()
	m.grid.SetRows(nil, 0)
	m.grid.SetColumnCursor(0)
	m.detailsFocus, m.chooser = false, nil
	m.sky.SetSearch(nil, 0)
	m.find, m.askAll, m.loadAll = finder{input: m.find.input}, false, false
	m.find.input.SetValue("")
	m.find.input.Blur()
	m.grid.SetFind("")
	cmd := m.fetch(1)
	m.c.Logger.Info("search", "query_id", m.queryID, "target", s.Target, "radius", s.Radius, "resolver", s.Query.Resolver)
	return cmd
}

// Retry repeats what failed: the whole search when page 1 failed, else the next page.
func (m *Model) Retry() tea.Cmd {
	switch {
	case m.state == stateFailed:
		return m.StartSearch(m.search)
	case m.pageErr != nil && m.inflight == 0:
		m.pageErr = nil
		return m.fetchNext()
	}
	return nil
}

// fetch returns the Cmd for one page, a request of PageTask: the one in flight (of an
// older search) is cancelled. The closure captures values only, never m.
func (m *Model) fetch(page int) tea.Cmd {
	m.inflight = page
	archive, s, size := m.archive, m.search, m.pageSize
	cmd := m.req.Run(PageTask, "", func(ctx context.Context) tea.Msg {
		start := time.Now()
		if archive == nil && s.Fetch == nil {
			return PageLoadedMsg{Page: page, Err: fmt.Errorf("no archive configured")}
		}
		p, err := pageOf(ctx, archive, s, page, size)
		return PageLoadedMsg{Page: page, Result: p, Err: err, Elapsed: time.Since(start)}
	})
	m.queryID = m.req.Current(PageTask)
	return cmd
}

func (m *Model) fetchNext() tea.Cmd {
	return m.fetch(m.loadedPage + 1)
}

// maybeFetch asks for the next page when the cursor nears the end of the loaded rows,
// more pages exist, and nothing is in flight. It prefetches: the request leaves once
// the cursor is within half a page (at least two screens) of the end, so the next
// page is usually there before the cursor is.
func (m *Model) maybeFetch() tea.Cmd {
	if m.state != stateReady || m.inflight != 0 || m.pageErr != nil || m.loadedPage >= m.pages {
		return nil
	}
	if m.loadAll {
		return m.fetchNext()
	}
	if m.find.text != "" || m.grid.Cursor()+m.prefetchMargin() < m.Loaded() {
		return nil // a find searches the loaded rows: more come with G
	}
	return m.fetchNext()
}

// prefetchMargin is how close to the end of the loaded rows the cursor gets before the
// next page is requested.
func (m *Model) prefetchMargin() int {
	return max(2*m.grid.RowsHeight(), 20, m.pageSize/2)
}

// onPage applies the answer of the page request in flight (Requests.Take dropped any
// other).
func (m *Model) onPage(msg PageLoadedMsg) tea.Cmd {
	m.inflight = 0
	log := m.c.Logger.With("query_id", m.queryID, "page", msg.Page, "elapsed", msg.Elapsed)
	if msg.Err != nil {
		log.Warn("page failed", "err", msg.Err)
		text := common.Sanitize(msg.Err.Error())
		if msg.Page == 1 {
			m.state, m.err = stateFailed, msg.Err
			return common.Toast(common.LevelError, "Search failed: "+text)
		}
		m.pageErr = msg.Err
		return common.Toast(common.LevelError, fmt.Sprintf("Page %d failed: %s (r retries)", msg.Page, text))
	}
	res := msg.Result
	if res == nil {
		res = &mast.Page{}
	}
	t := res.Table
	if t == nil {
		t = &model.Table{}
	}
	total := m.total
	if msg.Page == 1 {
		total = max(res.RowsFiltered, int64(t.Rows()))
	}
	if err := m.shortPage(msg.Page, total, t.Rows()); err != nil {
		// Taking it would skip rows: the next page starts a whole page later.
		log.Warn("short page", "err", err)
		if msg.Page == 1 {
			m.state, m.err = stateFailed, err
			return common.Toast(common.LevelError, "Search failed: "+err.Error())
		}
		m.pageErr = err
		return common.Toast(common.LevelError, fmt.Sprintf("Page %d failed: %s (r retries)", msg.Page, err))
	}
	if msg.Page == 1 {
		m.table, m.state = t, stateReady
		m.total, m.resolved = res.RowsFiltered, res.Resolved
		m.pages = res.PagesFiltered
		if m.total < int64(t.Rows()) {
			m.total = int64(t.Rows())
		}
		if need := int((m.total + int64(m.pageSize) - 1) / int64(m.pageSize)); m.pages < need {
			m.pages = need
		}
		m.buildColumns()
		m.skySearch()
	} else {
		// A search whose total is not known ahead (PanSTARRS pages) learns it as pages come.
		m.total, m.pages = max(m.total, res.RowsFiltered), max(m.pages, res.PagesFiltered)
		from, ncols := m.table.Rows(), len(m.table.Columns)
		if err := m.table.Append(t); err != nil {
			log.Error("append page", "err", err)
			m.pageErr = err
			return common.Toast(common.LevelError, fmt.Sprintf("Page %d: %s", msg.Page, common.Sanitize(err.Error())))
		}
		if len(m.table.Columns) != ncols {
			m.buildColumns()
		} else {
			for _, c := range m.all {
				c.Measure(from, m.table.Rows())
			}
		}
	}
	var notice tea.Cmd
	if fresh := m.addNotices(res.Notices); len(fresh) > 0 {
		log.Info("server notices", "notices", fresh)
		notice = common.Toast(common.LevelWarn, common.Sanitize(strings.Join(fresh, " · ")))
	}
	m.grid.Selection().Grow(m.Loaded())
	m.resort()
	m.loadedPage = msg.Page
	if m.pages < m.loadedPage {
		m.pages = m.loadedPage
	}
	if t.Rows() == 0 {
		m.pages = m.loadedPage // an empty page ends the result set (none is missing: see shortPage)
	}
	log.Info("page loaded", "rows", t.Rows(), "loaded", m.Loaded(), "total", m.total)
	if m.profile.Sources {
		m.c.PublishSources(m.profile.Name, sourcesOf(m.table))
	}
	if m.loadAll && m.loadedPage >= m.pages { // every page is in: G's jump
		m.loadAll = false
		m.grid.MoveTo(m.grid.Len() - 1)
	}
	m.layout()
	return tea.Batch(notice, m.maybeFetch())
}

// shortPage says when page holds fewer rows than total promises for it: the server lost
// rows (astroquery#2788), and showing the page would hide that.
func (m *Model) shortPage(page int, total int64, rows int) error {
	want := min(int64(m.pageSize), total-int64(page-1)*int64(m.pageSize))
	if int64(rows) >= want {
		return nil
	}
	return fmt.Errorf("the server returned %s of the %s rows of page %d (%s matching): refusing to skip rows",
		common.Commas(int64(rows)), common.Commas(want), page, common.Commas(total))
}

// addNotices keeps the server's warnings of the search for its title and returns those
// not seen before: every page of a capped search says the same thing, one toast says it.
func (m *Model) addNotices(notices []string) []string {
	var fresh []string
	for _, n := range notices {
		if !slices.Contains(m.notices, n) {
			m.notices = append(m.notices, n)
			fresh = append(fresh, n)
		}
	}
	return fresh
}

// Notices are the server's warnings of the current search.
func (m *Model) Notices() []string { return slices.Clone(m.notices) }
