package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

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

// datesMoved is the SQL of contracts.Dates.MayMoveBetween from a row's
// own day (dates_as_of) to the day bound twice, which comes first: the
// row is stored for an earlier day, and one of the dates that move the
// others once passed lies from that day on and before the bound one. The
// dates are ISO text, so comparing them as text compares the days; an
// absent date is the empty string, before any day.
var datesMoved = func() string {
	var or []string
	for _, col := range []string{"c.current_end", "c.committed_end", "c.notice_deadline", "c.option_decision"} {
		or = append(or, col+" >= c.dates_as_of AND "+col+" < ?1")
	}
	return "c.dates_as_of < ?1 AND (" + strings.Join(or, " OR ") + ")"
}()

// MovedContracts returns the contracts matching f, its date filters and
// paging ignored, whose stored dates predate asOf and may have moved since
// (datesMoved), with their stored dates and the buyer's code. It reads
// the rows once, without the joins of a list row; between midnight and
// the nightly refresh it scans the register once per list.
func (st *Store) MovedContracts(ctx context.Context, f contracts.ContractFilter, asOf contracts.Date) ([]contracts.ContractSummary, error) {
	f.EndsBefore, f.NoticeBefore, f.DatesToday = contracts.Date{}, contracts.Date{}, nil
	// datesMoved comes first: its ?1 is the first argument, asOf, and the
	// filter's plain ? are numbered after it.
	where, args := contractWhere(f)
	if where == "" {
		where = " WHERE " + datesMoved
	} else {
		where = " WHERE " + datesMoved + " AND " + strings.TrimPrefix(where, " WHERE ")
	}
	rows, err := st.read().QueryContext(ctx, `SELECT `+contractColumnList(contractFull)+`, o.code`+contractFilterFrom+where,
		append([]any{asOf.String()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: moved contracts: %w", err)
	}
	defer rows.Close()
	var out []contracts.ContractSummary
	sc := newContractScan(contractFull, func(cs *contracts.ContractSummary) []any { return []any{&cs.Organization} })
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan moved contract: %w", err)
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// datesCols names the SQL of the dates the list filters and sorts on.
type datesCols struct{ currentEnd, noticeDeadline string }

// datesColumns returns the stored dates, or, when f carries dates for
// today (contracts.ContractFilter.DatesToday), those where the row has
// them and the stored ones elsewhere (datesTodayJoin's t).
func datesColumns(f contracts.ContractFilter) datesCols {
	if len(f.DatesToday) == 0 {
		return datesCols{"c.current_end", "c.notice_deadline"}
	}
	return datesCols{"coalesce(t.current_end, c.current_end)", "coalesce(t.notice_deadline, c.notice_deadline)"}
}

// datesTodayJoin returns the join that brings f.DatesToday into a
// contract query as t (id, current_end, notice_deadline), with its one
// argument: the dates as one JSON array, so that any number of them
// binds as one value. Without dates for today there is no join and the
// query reads the stored dates through their indexes.
func datesTodayJoin(f contracts.ContractFilter) (string, []any, error) {
	if len(f.DatesToday) == 0 {
		return "", nil, nil
	}
	rows := make([][3]any, 0, len(f.DatesToday))
	for id, d := range f.DatesToday {
		rows = append(rows, [3]any{id, d.CurrentEnd.String(), d.NoticeDeadline.String()})
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return "", nil, fmt.Errorf("store: dates for today: %w", err)
	}
	return ` LEFT JOIN (SELECT value ->> 0 AS id, value ->> 1 AS current_end, value ->> 2 AS notice_deadline FROM json_each(?)) t
		ON t.id = c.id`, []any{string(b)}, nil
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
