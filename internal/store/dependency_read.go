package store

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
)

// The reads of the cooperative dependency report (issue 15) when the
// spend model holds its year and the stored dates are today's: its sums
// per organization × vendor × category and the contracts that can reach
// its lock-in list (DependencyCells, dependency_cells.go), the notice
// deadlines and option decisions of the next months from the indexes of
// their stored dates (DependencyDeadlines), and the contracts of the
// soonest, whole (DependencyContracts).

// dependencyDeadlineRanks are the kinds of alert the dependency report
// lists as deadlines: a missed notice deadline, a notice deadline and an
// option decision.
var dependencyDeadlineRanks = []int{contracts.AlertRankMissed, contracts.AlertRankNotice, contracts.AlertRankOption}

// DependencyDeadlineStatements returns the SQL of DependencyDeadlines:
// the staleness check, and per kind of deadline its count and the keys
// of its first limit rows.
func DependencyDeadlineStatements(today, until contracts.Date, limit int) (stale Statement, counts, arms []Statement, ranks []int) {
	s := AlertListStatements(contracts.AlertQuery{Scope: contracts.Everyone(), Today: today, Until: until, Limit: limit}, math.MaxInt32-1)
	for i, arm := range alertArms {
		if slices.Contains(dependencyDeadlineRanks, arm.rank) {
			counts = append(counts, s.Counts[i])
		}
	}
	for i, rank := range s.ArmRanks {
		if slices.Contains(dependencyDeadlineRanks, rank) {
			arms, ranks = append(arms, s.Arms[i]), append(ranks, rank)
		}
	}
	return s.Stale, counts, arms, ranks
}

// DependencyDeadlines implements the deadlines read of the cooperative
// dependency report: from the indexes of the stored dates (as the alerts
// list reads them), the number of missed notice deadlines, notice
// deadlines and option decisions from today up to until over the whole
// register, and the contracts of the limit soonest of them. Stale says
// some stored dates are not today's; then nothing else is read.
func (st *Store) DependencyDeadlines(ctx context.Context, today, until contracts.Date, limit int) (contracts.DependencyDeadlineRead, error) {
	var out contracts.DependencyDeadlineRead
	stale, counts, arms, ranks := DependencyDeadlineStatements(today, until, limit)
	if err := st.read().QueryRowContext(ctx, stale.SQL, stale.Args...).Scan(&out.Stale); err != nil {
		return out, fmt.Errorf("store: dependency deadlines: %w", err)
	}
	if out.Stale {
		return out, nil
	}
	for _, c := range counts {
		var n intCol
		if err := st.read().QueryRowContext(ctx, c.SQL, c.Args...).Scan(&n); err != nil {
			return out, fmt.Errorf("store: dependency deadlines: %w", err)
		}
		out.Count += int(n)
	}
	var keys []contracts.AlertKey
	for i, arm := range arms {
		k, err := st.alertArmKeys(ctx, arm, ranks[i], ranks[i] != contracts.AlertRankMissed, today)
		if err != nil {
			return out, err
		}
		keys = append(keys, k...)
	}
	slices.SortFunc(keys, contracts.CompareAlertKeys)
	out.Keys = keys[:min(len(keys), limit)]
	var ids []int64
	for _, k := range out.Keys {
		if !slices.Contains(ids, k.Contract) {
			ids = append(ids, k.Contract)
		}
	}
	cs, err := st.DependencyContracts(ctx, ids)
	if err != nil {
		return out, err
	}
	out.Contracts = cs
	return out, nil
}

// DependencyContracts returns the contracts ids names that are not
// terminated, with the names beside them (as the alerts read them), in
// id order.
func (st *Store) DependencyContracts(ctx context.Context, ids []int64) ([]contracts.ContractSummary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	out, err := st.alertRowContracts(ctx, args, ` ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("store: dependency contracts: %w", err)
	}
	return out, nil
}
