package contracts

import (
	"cmp"
	"context"
	"errors"
	"slices"
)

// The cooperative dependency report without reading every contract
// (issue 15). When the spend model holds the report's year and the stored
// dates are today's, the store adds up the figures per organization in
// SQL, per organization × vendor × category (service_dependency_cells.go),
// reads whole only the contracts in force that can reach the lock-in
// list, and the deadlines come from the indexes of the stored dates (the
// 100 soonest and how many there are). The figures per organization are
// those orgDependency gathers in the full pass, so they stay
// DependencySummary's; otherwise (a store without these reads, another
// indexation, dates not yet refreshed) the report takes the full pass.

// DependencyDeadlineRead is what the store read of the deadlines of the
// cooperative dependency report (DependencyReader.DependencyDeadlines).
type DependencyDeadlineRead struct {
	// Stale says some stored dates are not today's: nothing else was read.
	Stale bool
	// Count counts the missed notice deadlines, notice deadlines and
	// option decisions of the window over the whole register.
	Count int
	// Keys are the soonest of them, in order (CompareAlertKeys), and
	// Contracts the contracts they belong to.
	Keys      []AlertKey
	Contracts []ContractSummary
}

// DependencyReader is what a store offers for the cooperative dependency
// report read in sums.
type DependencyReader interface {
	// DependencyCells reads, in one snapshot, the cells of every
	// organization's contracts for q (DependencyCell), calls choose with
	// them, and reads the contracts in force it chooses
	// (DependencyCandidate). Unfit, with nothing read, when the spend
	// model does not hold q.Model or a stored date is not of its day.
	DependencyCells(ctx context.Context, q DependencyCellQuery, choose func([]DependencyCell) DependencyCandidates) (DependencyCellRead, error)
	// DependencyDeadlines reads the deadlines from today to until, and
	// the contracts of the limit soonest.
	DependencyDeadlines(ctx context.Context, today, until Date, limit int) (DependencyDeadlineRead, error)
}

// errNarrowUnfit says the report cannot be read in sums; the full pass
// makes it.
var errNarrowUnfit = errors.New("the dependency report's sums do not apply")

// cooperativeNarrow fills in r as cooperativeDependency does, from the
// store's sums; errNarrowUnfit when they do not apply.
func (s *Service) cooperativeNarrow(ctx context.Context, rd DependencyReader, r *DependencyReport, orgs []Organization, today Date, weights LockInWeights) error {
	until := today.AddMonths(DependencyDeadlineMonths)
	read, err := rd.DependencyDeadlines(ctx, today, until, DependencyDeadlinesListed)
	if err != nil {
		return err
	}
	if read.Stale {
		return errNarrowUnfit
	}
	deadlines, err := dependencyDeadlines(read, today, until)
	if err != nil {
		return err
	}
	byCode := make(map[string]Organization, len(orgs))
	for _, o := range orgs {
		byCode[o.Code] = o
	}
	var plan *dependencyPlan
	cells, err := rd.DependencyCells(ctx, DependencyCellQuery{Model: s.spendModel(today, r.Year, r.Year), Weights: weights},
		func(cells []DependencyCell) DependencyCandidates {
			plan = newDependencyPlan(cells, byCode, today, weights)
			return plan.candidates(cells)
		})
	if err != nil {
		return err
	}
	if cells.Unfit || plan == nil {
		return errNarrowUnfit
	}
	out := *r
	groups := map[int64]*SpendRow{}
	for _, o := range orgs {
		out.Organizations++
		if acc := plan.orgs[o.Code]; acc != nil {
			out.Exit.add(acc.exit)
			for id, g := range acc.groups {
				addGroup(groups, id, *g)
			}
		}
	}
	out.LockIn = plan.lockIn(cells.Candidates, byCode)
	out.Deadlines, out.MoreDeadlines = deadlines, read.Count-len(deadlines)
	out.finishCooperative(groups, plan.markets, today, s.opts.Index)
	*r = out
	return nil
}

// sortLockIn sorts a report's lock-in list: highest score first, then
// larger spend, then contract id.
func sortLockIn(ls []DependencyLockIn) {
	slices.SortFunc(ls, func(a, b DependencyLockIn) int {
		return cmp.Or(cmp.Compare(b.LockIn.Score, a.LockIn.Score), cmp.Compare(b.Spend, a.Spend), cmp.Compare(a.ContractID, b.ContractID))
	})
}

// dependencyDeadlines computes the alerts of the soonest deadlines read
// and checks them against their keys: the stored dates and the contracts'
// own dates must agree, or (a contract changed between the reads)
// errNarrowUnfit.
func dependencyDeadlines(read DependencyDeadlineRead, today, until Date) ([]Alert, error) {
	var all []Alert
	for _, cs := range read.Contracts {
		// As the pass hands the contract over: without its revision.
		for _, a := range appendAlertsMode(nil, ContractSummary{Contract: cs.Contract, OrganizationName: cs.OrganizationName, VendorName: cs.VendorName},
			today, today, until, alertsUnworded) {
			if a.Kind == AlertNotice || a.Kind == AlertOption {
				all = append(all, a)
			}
		}
	}
	slices.SortFunc(all, CompareAlerts)
	if len(all) < len(read.Keys) || read.Count < len(read.Keys) {
		return nil, errNarrowUnfit
	}
	all = all[:len(read.Keys)]
	for i, a := range all {
		if a.Key() != read.Keys[i] {
			return nil, errNarrowUnfit
		}
	}
	wordAlerts(all)
	return all, nil
}
