package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
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
	where, args := contractWhere(f, tableCols)
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

// The contract list between midnight and the nightly refresh: the
// service hands the dates for today of the rows whose stored dates moved
// (contracts.ContractFilter.DatesToday, a few thousand at most at
// national scale), and the list filters and sorts on those for them.
// They come in as one JSON array bound as one value. A LEFT JOIN of it
// would be read once per contract (SQLite builds no index on json_each),
// so the list is a union instead: the other rows on their stored dates,
// those rows excepted (NOT IN builds an index of them), and the moved
// rows on their dates for today, read through json_each by id.

// todayKeys returns the SQL and arguments of the union that selects the
// id and the sort keys (keyCols) of every contract matching f, on the
// dates for today of the contracts in f.DatesToday and on the stored
// dates of the others.
func todayKeys(f contracts.ContractFilter) (string, []any, error) {
	moved := make([][4]any, 0, len(f.DatesToday))
	for id, d := range f.DatesToday {
		moved = append(moved, [4]any{id, d.CurrentEnd.String(), d.NoticeDeadline.String(), d.CommittedEnd.String()})
	}
	b, err := json.Marshal(moved)
	if err != nil {
		return "", nil, fmt.Errorf("store: dates for today: %w", err)
	}
	const keys = `SELECT c.id AS id, %[1]s AS current_end, %[2]s AS notice_deadline, %[3]s AS committed_end,
		CASE WHEN %[2]s = '' THEN '~' ELSE %[2]s END AS notice_key, o.code AS code, c.number AS number,
		-c.annual_value AS neg_value, c.title_key AS title_key`
	today := tableCols
	today.currentEnd, today.noticeDeadline, today.committedEnd = "t.value ->> 1", "t.value ->> 2", "t.value ->> 3"
	storedWhere, storedArgs := contractWhere(f, tableCols)
	todayWhere, todayArgs := contractWhere(f, today)
	q := fmt.Sprintf(keys, tableCols.currentEnd, tableCols.noticeDeadline, tableCols.committedEnd) + contractFilterFrom + andWhere(storedWhere) +
		`c.id NOT IN (SELECT value ->> 0 FROM json_each(?))
		UNION ALL ` + fmt.Sprintf(keys, today.currentEnd, today.noticeDeadline, today.committedEnd) + `
		FROM json_each(?) t
		JOIN contracts c ON c.id = t.value ->> 0
		JOIN organizations o ON o.id = c.organization_id
		JOIN vendors v ON v.id = c.vendor_id` + todayWhere
	return q, slices.Concat(storedArgs, []any{string(b), string(b)}, todayArgs), nil
}

// andWhere returns where (" WHERE …" or "") ready for one more condition.
func andWhere(where string) string {
	if where == "" {
		return " WHERE "
	}
	return where + " AND "
}

// todayIDs returns the ids of every contract matching f in its order
// on the dates for today (todayKeys).
func (st *Store) todayIDs(ctx context.Context, f contracts.ContractFilter) ([]int64, error) {
	keys, args, err := todayKeys(f)
	if err != nil {
		return nil, err
	}
	rows, err := st.read().QueryContext(ctx, `SELECT id FROM (`+keys+`) AS k`+contractOrder(f.Sort, keyCols), args...)
	if err != nil {
		return nil, fmt.Errorf("store: contracts: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: contracts: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// contractsByID returns the summaries of the contracts ids, in the order
// of ids.
func (st *Store) contractsByID(ctx context.Context, ids []int64) ([]contracts.ContractSummary, error) {
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("store: contracts: %w", err)
	}
	rows, err := st.read().QueryContext(ctx, contractSelect+` WHERE c.id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, fmt.Errorf("store: contracts: %w", err)
	}
	found, err := collectContracts(rows)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	slices.SortFunc(found, func(a, b contracts.ContractSummary) int { return at[a.ID] - at[b.ID] })
	return found, nil
}

// todayChunk is how many rows eachContractToday reads at once.
const todayChunk = 500

// eachContractToday is EachContract for a filter with dates for today:
// the ids in order first (8 bytes a contract), then their rows a chunk
// at a time.
func (st *Store) eachContractToday(ctx context.Context, f contracts.ContractFilter, fn func(contracts.ContractSummary) error) error {
	ids, err := st.todayIDs(ctx, f)
	if err != nil {
		return err
	}
	for start := 0; start < len(ids); start += todayChunk {
		chunk, err := st.contractsByID(ctx, ids[start:min(start+todayChunk, len(ids))])
		if err != nil {
			return err
		}
		for _, cs := range chunk {
			if err := fn(cs); err != nil {
				return err
			}
		}
	}
	return nil
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
