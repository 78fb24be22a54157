package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// The dates stored with each contract (current end, notice deadline, …):
// derived from what is recorded and refreshed when the day they were
// computed for has passed.

// HasStaleContracts reports whether any contract's dates were computed
// before asOf, through the dates_as_of index.
func (st *Store) HasStaleContracts(ctx context.Context, asOf contracts.Date) (bool, error) {
	var stale bool
	if err := st.read().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM contracts WHERE dates_as_of < ?)`, asOf.String()).Scan(&stale); err != nil {
		return false, fmt.Errorf("store: stale contracts: %w", err)
	}
	return stale, nil
}

// StaleContracts returns up to limit contracts whose stored dates were
// computed before asOf, with those dates. The id list comes from the
// dates_as_of index first, so the joins run for the batch only.
func (st *Store) StaleContracts(ctx context.Context, asOf contracts.Date, limit int) ([]contracts.ContractSummary, error) {
	rows, err := st.read().QueryContext(ctx, contractSelect+`
		WHERE c.id IN (SELECT id FROM contracts WHERE dates_as_of < ? ORDER BY dates_as_of LIMIT ?)`, asOf.String(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: stale contracts: %w", err)
	}
	return collectContracts(rows)
}

// collectContracts reads every row of a contractSelect query and closes
// rows.
func collectContracts(rows *sql.Rows) ([]contracts.ContractSummary, error) {
	defer rows.Close()
	var out []contracts.ContractSummary
	sc := newContractSummaryScan()
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan contract: %w", err)
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// MarkContractDatesCurrent stamps the contracts ids with asOf, their
// stored dates being right for that day.
func (st *Store) MarkContractDatesCurrent(ctx context.Context, ids []int64, asOf contracts.Date) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, asOf.String())
		for _, id := range chunk {
			args = append(args, id)
		}
		if _, err := st.write().ExecContext(ctx, `UPDATE contracts SET dates_as_of = ? WHERE id IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
			return fmt.Errorf("store: mark contract dates current: %w", err)
		}
	}
	return nil
}

// SetContractDates stores the dates of contract id computed for asOf. It
// is derived data, recomputed from what is recorded, so it is not audited.
func (st *Store) SetContractDates(ctx context.Context, id int64, d contracts.Dates, asOf contracts.Date) error {
	_, err := st.write().ExecContext(ctx, `UPDATE contracts SET dates_as_of = ?, current_end = ?, committed_end = ?,
		notice_deadline = ?, action_date = ?, option_decision = ?, final_end = ? WHERE id = ?`,
		asOf.String(), d.CurrentEnd.String(), d.CommittedEnd.String(), d.NoticeDeadline.String(), d.ActionDate.String(),
		d.OptionDecision.String(), d.FinalEnd.String(), id)
	if err != nil {
		return fmt.Errorf("store: set dates of contract %d: %w", id, err)
	}
	return nil
}
