package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// recomputeDatesAfter lists the migrations after which the stored derived
// dates of contracts (current_end … final_end) are recomputed in Go,
// because the rules they follow changed in a way SQL cannot compute well.
var recomputeDatesAfter = map[int64]string{
	8: "terms by the month rule (Reg. 1182/71 art. 3(2)(c))",
}

// DatesRecompute says what Migrate's recomputation of the stored contract
// dates did.
type DatesRecompute struct {
	// Version is the migration that asked for it; Reason why.
	Version int64
	Reason  string
	// Contracts were read, Changed of them had other dates.
	Contracts, Changed int
}

// RecomputedDates returns what the last Migrate's recomputation of the
// stored contract dates did, and false when it ran none.
func (st *Store) RecomputedDates() (DatesRecompute, bool) {
	if st.recomputed == nil {
		return DatesRecompute{}, false
	}
	return *st.recomputed, true
}

// recomputeDatesBatch bounds one transaction of recomputeContractDates.
const recomputeDatesBatch = 2000

// recomputeContractDates recomputes the stored dates of every contract
// with the rules of this binary, each for the day they were computed for
// (dates_as_of), so that only a change of the rules changes them; the
// daily refresh (contracts.Service.RefreshDates) moves them on to today.
// It returns how many contracts it read and how many it changed.
//
// Should it fail after the migration committed, the rows keep dates from
// the old rules until their next refresh, at the latest the next day.
func (st *Store) recomputeContractDates(ctx context.Context) (read, changed int, err error) {
	var after int64
	for {
		batch, asOf, err := st.contractsWithDatesAsOf(ctx, after)
		if err != nil {
			return read, changed, fmt.Errorf("store: recompute contract dates: %w", err)
		}
		if len(batch) == 0 {
			return read, changed, nil
		}
		err = st.InTx(ctx, func(tx *Store) error {
			for i, cs := range batch {
				day := asOf[i]
				d := cs.Contract.Dates(day)
				if storedDatesEqual(cs.Dates, d) {
					continue
				}
				changed++
				if err := tx.SetContractDates(ctx, cs.ID, d, day); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return read, changed, fmt.Errorf("store: recompute contract dates: %w", err)
		}
		read += len(batch)
		after = batch[len(batch)-1].ID
	}
}

// contractsWithDatesAsOf returns the next recomputeDatesBatch contracts
// with ids after after, by id, with their stored dates and the day each
// was computed for (dates_as_of, read beside the contract's columns).
func (st *Store) contractsWithDatesAsOf(ctx context.Context, after int64) ([]contracts.ContractSummary, []contracts.Date, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT `+contractColumnList(contractFull)+`, o.code, c.dates_as_of
		FROM contracts c JOIN organizations o ON o.id = c.organization_id
		WHERE c.id IN (SELECT id FROM contracts WHERE id > ? ORDER BY id LIMIT ?) ORDER BY c.id`, after, recomputeDatesBatch)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		asOfText string
		out      []contracts.ContractSummary
		asOf     []contracts.Date
	)
	sc := newContractScan(contractFull, func(cs *contracts.ContractSummary) []any { return []any{&cs.Organization, &asOfText} })
	for rows.Next() {
		cs, err := sc.scan(rows)
		if err != nil {
			return nil, nil, err
		}
		day, err := contracts.ParseDate(strings.TrimSpace(asOfText))
		if err != nil {
			return nil, nil, fmt.Errorf("dates as of contract %d: %w", cs.ID, err)
		}
		out, asOf = append(out, cs), append(asOf, day)
	}
	return out, asOf, rows.Err()
}

// storedDatesEqual reports whether a and b agree on the dates the store
// keeps.
func storedDatesEqual(a, b contracts.Dates) bool {
	return a.CurrentEnd == b.CurrentEnd && a.CommittedEnd == b.CommittedEnd && a.NoticeDeadline == b.NoticeDeadline &&
		a.ActionDate == b.ActionDate && a.OptionDecision == b.OptionDecision && a.FinalEnd == b.FinalEnd
}
