package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// The spend model derived after the write (migration 0024). A contract
// write records the contract in spend_pending (queueSpend), one row,
// instead of moving its yearly amounts, cells and rollups in its own
// transaction; ApplySpendChanges brings the model up to date for every
// pending contract at once, so that a cell or rollup row that several
// writes touch is written once. The server runs a job that applies
// shortly after each write (SpendChanges wakes it, RegisterSpendJob
// announces it). Reads of the model never write: a read that finds a
// change pending waits for the job's next apply, briefly, and when none
// runs or it is late, computes from the contracts instead (spendSnapshot),
// so a view shows every write acknowledged before it was asked, in a
// server and in a command without one (an export, the doctor).

// spendApplyBatch bounds the contracts one transaction of
// ApplySpendChanges applies, so that it holds the writer briefly.
const spendApplyBatch = 256

// queueSpend records that contract id was written (created, changed or
// deleted), in the caller's transaction. Without a model it does nothing:
// the model computed later starts from the contracts as they are.
func (st *Store) queueSpend(ctx context.Context, id int64) error {
	_, ok, err := readSpendModel(ctx, st.write())
	if err != nil || !ok {
		return err
	}
	if _, err := st.write().ExecContext(ctx, `INSERT INTO spend_pending (contract_id) VALUES (?) ON CONFLICT (contract_id) DO NOTHING`, id); err != nil {
		return fmt.Errorf("spend model: contract %d: %w", id, err)
	}
	return nil
}

// SpendChanges returns the channel that receives a value after a write
// transaction that changed audited data, every contract write among it:
// the server calls ApplySpendChanges when it does, which finds nothing
// to do after a write that left no change of the model pending (one
// indexed lookup). One value stands for any number of writes.
func (st *Store) SpendChanges() <-chan struct{} { return st.spendWake }

// DataChanges returns the channel that receives a value after a write
// transaction that changed audited data (every change of the register,
// the tenders and the settings): the server refreshes the bundler's
// suggestions when it does. One value stands for any number of writes.
func (st *Store) DataChanges() <-chan struct{} { return st.dataWake }

// wake signals ch without waiting.
func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// ApplySpendChanges brings the spend model up to date with every contract
// written since it was last applied, in transactions of at most
// spendApplyBatch contracts, and returns how many it applied. Inside a
// write transaction (InTx) it applies there.
func (st *Store) ApplySpendChanges(ctx context.Context) (total int, err error) {
	if st.tx != nil {
		return st.applySpendPending(ctx, 0)
	}
	// Whatever the outcome, the readers waiting for an apply look again;
	// after a failure they stop waiting.
	defer func() { st.spendJobs.applied(err) }()
	for {
		pending, err := st.spendPending(ctx)
		if err != nil || !pending {
			return total, err
		}
		var n int
		if err := st.InTx(ctx, func(tx *Store) (err error) {
			n, err = tx.applySpendPending(ctx, spendApplyBatch)
			return err
		}); err != nil {
			return total, fmt.Errorf("store: apply spend changes: %w", err)
		}
		total += n
		if n < spendApplyBatch {
			return total, nil
		}
	}
}

// spendPending reports whether a change of the model is pending, as st
// sees it.
func (st *Store) spendPending(ctx context.Context) (bool, error) {
	var pending bool
	if err := st.read().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM spend_pending)`).Scan(&pending); err != nil {
		return false, fmt.Errorf("store: spend pending: %w", err)
	}
	return pending, nil
}

// applySpendPending applies up to limit pending contracts (0: all) in the
// caller's write transaction: each contract's yearly amounts as it is now
// stored, or none when it is gone, and the changes of the cells added up
// over all of them, each cell written once.
func (st *Store) applySpendPending(ctx context.Context, limit int) (int, error) {
	q := st.write()
	m, ok, err := readSpendModel(ctx, q)
	if err != nil {
		return 0, err
	}
	if !ok {
		_, err := q.ExecContext(ctx, `DELETE FROM spend_pending`)
		return 0, err
	}
	query, args := `SELECT contract_id FROM spend_pending ORDER BY contract_id`, []any{}
	if limit > 0 {
		query, args = query+` LIMIT ?`, append(args, limit)
	}
	ids, err := queryIDs(ctx, q, query, args...)
	if err != nil {
		return 0, fmt.Errorf("spend pending: %w", err)
	}
	d := spendDeltas{}
	read := newSpendTerms()
	for _, id := range ids {
		c, org, lines, err := read.of(ctx, st, id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			err = st.spendContract(ctx, m, id, 0, nil, nil, false, d)
		case err == nil:
			err = st.spendContract(ctx, m, id, org, &c, lines, false, d)
		}
		if err != nil {
			return 0, fmt.Errorf("spend pending: contract %d: %w", id, err)
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM spend_pending WHERE contract_id = ?`, id); err != nil {
			return 0, fmt.Errorf("spend pending: %w", err)
		}
	}
	return len(ids), d.apply(ctx, q)
}

// queryIDs returns the ids query selects.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, closeRows(rows)
}

// spendReadWait bounds how long a read of the model waits, in all, for
// the job to apply the changes pending in its snapshot; the job applies
// within spendSettle (cmd/samenkoop) of a write, unless the writer is
// busy, and the read then computes from the contracts instead. While it
// waits, it looks again after each apply of this process and every
// spendReadPoll, for the apply of another server on the same database.
const (
	spendReadWait = time.Second
	spendReadPoll = 25 * time.Millisecond
)

// spendJobs is what the readers of the spend model share with the jobs
// of this process that apply its pending changes: how many run, a channel
// closed after each apply, on which a reader waits, and whether that apply
// failed.
type spendJobs struct {
	mu     sync.Mutex
	jobs   int
	done   chan struct{}
	failed bool
}

func newSpendJobs() *spendJobs { return &spendJobs{done: make(chan struct{})} }

// running reports whether a job runs, and returns the channel the end of
// the next apply closes.
func (j *spendJobs) running() (bool, <-chan struct{}) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.jobs > 0, j.done
}

// applied wakes the readers waiting for an apply, which ended with err.
func (j *spendJobs) applied(err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.failed = err != nil
	close(j.done)
	j.done = make(chan struct{})
}

// lastFailed reports whether the last apply failed.
func (j *spendJobs) lastFailed() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.failed
}

// RegisterSpendJob announces a job that calls ApplySpendChanges shortly
// after every signal of SpendChanges, until the returned function is
// called: while one runs, a read that finds a change pending waits for it
// instead of computing from the contracts.
func (st *Store) RegisterSpendJob() (unregister func()) {
	j := st.spendJobs
	j.mu.Lock()
	j.jobs++
	j.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			j.mu.Lock()
			j.jobs--
			j.mu.Unlock()
		})
	}
}

// spendSnapshot returns st bound to a read snapshot and the function that
// ends it; current is false when a change of the spend model is pending in
// it, and the caller then computes from the contracts instead of the
// model. It never writes: while a job runs (RegisterSpendJob), it asks
// the job to apply (SpendChanges: the change may come from a process
// without a job, such as an import on the command line) and waits for the
// applies, up to spendReadWait in all, until a snapshot has nothing
// pending or an apply fails. A store in a write transaction applies there; one in a
// read snapshot is returned as it is.
func (st *Store) spendSnapshot(ctx context.Context) (_ *Store, end func(), current bool, _ error) {
	if st.tx != nil {
		if st.writing {
			if _, err := st.applySpendPending(ctx, 0); err != nil {
				return nil, nil, false, err
			}
		}
		pending, err := st.spendPending(ctx)
		return st, func() {}, !pending, err
	}
	deadline := time.Now().Add(spendReadWait)
	for {
		// Taken before the snapshot: an apply that ends after it wakes
		// the wait below.
		job, applied := st.spendJobs.running()
		s, end, err := st.snapshot(ctx)
		if err != nil {
			return nil, nil, false, err
		}
		pending, err := s.spendPending(ctx)
		if err != nil {
			end()
			return nil, nil, false, err
		}
		wait := min(spendReadPoll, time.Until(deadline))
		if !pending || !job || wait <= 0 {
			return s, end, !pending, nil
		}
		end()
		wake(st.spendWake)
		t := time.NewTimer(wait)
		select {
		case <-applied:
			if st.spendJobs.lastFailed() {
				// Looked at once more, without waiting for the next.
				deadline = time.Now()
			}
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, nil, false, ctx.Err()
		}
		t.Stop()
	}
}

// pendingYearSpend returns, for each contract with an id from fromID to
// toID (0: unbounded) whose change is pending in st's snapshot and that
// still exists, its spend in year as the model will hold it once applied
// (zero when none).
func (st *Store) pendingYearSpend(ctx context.Context, year int, fromID, toID int64) (map[int64]contracts.SpendSplit, error) {
	m, ok, err := readSpendModel(ctx, st.read())
	if err != nil || !ok {
		return nil, err
	}
	if toID == 0 {
		toID = math.MaxInt64
	}
	ids, err := queryIDs(ctx, st.read(), `SELECT p.contract_id FROM spend_pending p JOIN contracts c ON c.id = p.contract_id
		WHERE p.contract_id BETWEEN ? AND ? ORDER BY p.contract_id`, fromID, toID)
	if err != nil {
		return nil, fmt.Errorf("spend pending: %w", err)
	}
	out := make(map[int64]contracts.SpendSplit, len(ids))
	read := newSpendTerms()
	for _, id := range ids {
		c, _, lines, err := read.of(ctx, st, id)
		if err != nil {
			return nil, fmt.Errorf("spend pending: contract %d: %w", id, err)
		}
		if year >= m.first && year <= m.last {
			out[id] = contracts.ContractYearSplit(c, lines, year, m.asOf, m.index)
		}
	}
	return out, nil
}

// spendTerms reads a contract as the model computes from it: its terms
// (what contracts.ContractYearSplit reads), its organization's id and its
// licence lines, without the names and counts of a summary.
type spendTerms struct {
	query string
	scan  *contractScan
}

func newSpendTerms() spendTerms {
	return spendTerms{query: `SELECT ` + contractColumnList(contractTerms) + ` FROM contracts c WHERE c.id = ?`, scan: newContractScan(contractTerms, nil)}
}

// of reads contract id through st: sql.ErrNoRows when it is gone.
func (r spendTerms) of(ctx context.Context, st *Store, id int64) (contracts.Contract, int64, []contracts.LicenceLine, error) {
	row, err := r.scan.scan(st.read().QueryRowContext(ctx, r.query, id))
	if err != nil {
		return contracts.Contract{}, 0, nil, err
	}
	lines, err := st.licenceLines(ctx, id)
	return row.Contract, int64(r.scan.row.org), lines, err
}

// spendModelCurrent reads the model's row in a snapshot of spendSnapshot:
// false when there is none or a change is still pending.
func spendModelCurrent(ctx context.Context, st *Store, current bool) (spendModel, bool, error) {
	m, ok, err := readSpendModel(ctx, st.read())
	return m, ok && current, err
}
