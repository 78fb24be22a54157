package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// The spend model derived after the write (migration 0024). A contract
// write records the contract in spend_pending (queueSpend), one row,
// instead of moving its yearly amounts, cells and rollups in its own
// transaction; ApplySpendChanges brings the model up to date for every
// pending contract at once, so that a cell or rollup row that several
// writes touch is written once. The server applies shortly after each write
// (SpendChanges wakes it); every read of the model applies first what is
// still pending (spendSnapshot), so a view shows every write acknowledged
// before it was asked, and a command without a server (an export, the
// doctor) sees the same.

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
func (st *Store) ApplySpendChanges(ctx context.Context) (int, error) {
	if st.tx != nil {
		return st.applySpendPending(ctx, 0)
	}
	total := 0
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
	// The contract's terms (what contracts.ContractYearSplit reads) and
	// its organization's id, without the names and counts of a summary.
	read := `SELECT ` + contractColumnList(contractTerms) + ` FROM contracts c WHERE c.id = ?`
	scan := newContractScan(contractTerms, nil)
	for _, id := range ids {
		row, err := scan.scan(q.QueryRowContext(ctx, read, id))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			err = st.spendContract(ctx, m, id, 0, nil, nil, false, d)
		case err == nil:
			var lines []contracts.LicenceLine
			if lines, err = st.licenceLines(ctx, id); err == nil {
				err = st.spendContract(ctx, m, id, int64(scan.row.org), &row.Contract, lines, false, d)
			}
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

// spendSnapshot returns st bound to a read snapshot in which no change of
// the spend model is pending, after applying what was, and the function
// that ends it; current is false when a change still is (writes kept
// landing between the apply and the snapshot, or the apply failed), and
// the caller then computes from the contracts instead of the model. A
// store in a write transaction applies there; one in a read snapshot is
// returned as it is.
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
	for try := 0; ; try++ {
		_, applyErr := st.ApplySpendChanges(ctx)
		s, end, err := st.snapshot(ctx)
		if err != nil {
			return nil, nil, false, err
		}
		pending, err := s.spendPending(ctx)
		if err != nil {
			end()
			return nil, nil, false, err
		}
		if !pending || applyErr != nil || try == 2 {
			return s, end, !pending, nil
		}
		end()
	}
}

// spendModelCurrent reads the model's row in a snapshot of spendSnapshot:
// false when there is none or a change is still pending.
func spendModelCurrent(ctx context.Context, st *Store, current bool) (spendModel, bool, error) {
	m, ok, err := readSpendModel(ctx, st.read())
	return m, ok && current, err
}
