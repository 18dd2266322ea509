package products

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"mastui/model"
	"mastui/ui/common"
)

// BatchTask is the task of batch requests (common.Requests): a batch's answer arrives as
// common.TabMsg{To: BatchTask, Req: its request's number, Msg: BatchMsg}, and only the
// newest request's is taken, so answers of a cancelled (or older) fetch are dropped.
const BatchTask = "products.batch"

// BatchMsg carries one batch of a product fetch.
type BatchMsg struct {
	Batch   int
	Table   *model.Table
	Err     error
	Elapsed time.Duration
}

// BackMsg is the intent to leave the products view (back to the list the ids came from).
type BackMsg struct{}

// Start lists the products of the ids (observations or datasets, as the profile says;
// labels name them for humans):
// an older fetch is cancelled and its batches will be dropped. Batches are fetched one
// after another, each as its own Cmd; this returns the first.
func (m *Model) Start(ids, labels []string) tea.Cmd {
	m.Cancel()
	m.ids, m.labels = ids, labels
	m.batches, m.queue, m.failed, m.done = nil, nil, nil, 0
	for i := 0; i < len(ids); i += m.batchSize {
		m.queue = append(m.queue, len(m.batches))
		m.batches = append(m.batches, ids[i:min(i+m.batchSize, len(ids))])
	}
	m.table, m.shown, m.filterErr = nil, nil, ""
	m.dup, m.ndup, m.seen = nil, 0, map[string]struct{}{}
	m.req.Cancel(CloudTask)
	m.cloudCol, m.cloudKeys, m.cloudAsked, m.cloudBusy = nil, map[string]string{}, 0, false
	m.selN, m.selSize = 0, 0
	m.values = nil
	m.grid.SetColumns(nil)
	m.grid.SetRows(nil, 0)
	m.grid.Selection().Reset()
	m.grid.SetColumnCursor(0)
	m.grid.MoveTo(0)
	m.focusPanel = false
	m.panel.SetFocused(false)
	cmd := m.nextBatch()
	m.c.Logger.Info("products", "view", m.p.Name, "fetch_id", m.req.Current(BatchTask), "ids", len(ids), "batches", len(m.batches))
	return cmd
}

// Cancel stops the fetch: the batch in flight is cancelled (its context ends) and
// whatever it answers is dropped.
func (m *Model) Cancel() {
	if m.inflight >= 0 {
		m.c.Logger.Info("products fetch cancelled", "fetch_id", m.req.Current(BatchTask), "batch", m.inflight+1, "of", len(m.batches))
	}
	m.req.Cancel(BatchTask)
	m.inflight, m.queue = -1, nil
}

// nextBatch starts the next queued batch (nil when none is left).
func (m *Model) nextBatch() tea.Cmd {
	if len(m.queue) == 0 || m.inflight >= 0 {
		return nil
	}
	b := m.queue[0]
	m.queue = m.queue[1:]
	m.inflight = b
	archive, ids, fetch := m.archive, m.batches[b], m.p.Fetch
	return m.req.Run(BatchTask, "", func(ctx context.Context) tea.Msg {
		start := time.Now()
		if archive == nil {
			return BatchMsg{Batch: b, Err: errors.New("no archive configured")}
		}
		t, err := fetch(ctx, archive, ids)
		return BatchMsg{Batch: b, Table: t, Err: err, Elapsed: time.Since(start)}
	})
}

// onBatch applies the answer of the batch in flight (Requests.Take dropped any other)
// and starts the next.
func (m *Model) onBatch(req uint64, msg BatchMsg) tea.Cmd {
	m.inflight = -1
	log := m.c.Logger.With("fetch_id", req, "batch", msg.Batch+1, "of", len(m.batches), "elapsed", msg.Elapsed)
	var toast tea.Cmd
	if msg.Err != nil {
		log.Warn("product batch failed", "err", msg.Err)
		m.failed = append(m.failed, msg.Batch)
		toast = common.Toast(common.LevelError, fmt.Sprintf("Products batch %d/%d failed: %s (r retries)",
			msg.Batch+1, len(m.batches), common.Sanitize(msg.Err.Error())))
	} else if err := m.appendTable(msg.Table); err != nil {
		log.Error("append product batch", "err", err)
		m.failed = append(m.failed, msg.Batch)
		toast = common.Toast(common.LevelError, "Products: "+common.Sanitize(err.Error()))
	} else {
		m.done++
		log.Info("product batch loaded", "rows", msg.Table.Rows(), "total", m.Rows())
	}
	next := tea.Batch(m.nextBatch(), m.lookupCloud())
	if next == nil && len(m.failed) == 0 {
		log.Info("products loaded", "rows", m.Rows(), "duplicates", m.ndup)
	}
	return tea.Batch(toast, next)
}

// Retry fetches the failed batches again.
func (m *Model) Retry() tea.Cmd {
	if m.inflight >= 0 || len(m.failed) == 0 {
		return nil
	}
	m.queue = append(m.queue, m.failed...)
	m.failed = nil
	return m.nextBatch()
}

// appendTable adds a batch's rows, extends the duplicate index, and refreshes columns,
// the filter panel's options and the rows shown.
func (m *Model) appendTable(t *model.Table) error {
	if t == nil || t.Rows() == 0 && len(t.Columns) == 0 {
		return nil
	}
	from := m.Rows()
	ncols := 0
	if m.table == nil {
		m.table = &model.Table{}
	} else {
		ncols = len(m.table.Columns)
	}
	if err := m.table.Append(t); err != nil {
		return err
	}
	m.indexDuplicates(from)
	m.growCloud(from)
	if len(m.table.Columns) != ncols {
		m.buildColumns()
	} else {
		for _, c := range m.grid.Columns() {
			c.Measure(from, m.Rows())
		}
	}
	m.grid.Selection().Grow(m.Rows())
	m.values = nil
	m.recompute()
	if from == 0 {
		m.panel.Home() // the data's first toggle, not a flag added before the data
	}
	m.layout()
	return nil
}
