package contracts

import (
	"cmp"
	"context"
	"errors"
	"slices"
)

// The cooperative dependency report without reading every contract whole
// (issue 15). When the spend model holds the report's year and the stored
// dates are today's, the store reads of each contract only what the
// figures per organization need (its spend from the model, the exit
// facts, status, renewal kind and whether it expired: a third of the
// columns), the deadlines come from the indexes of the stored dates (the
// 100 soonest and how many there are), and only the contracts the report
// lists are read whole. The figures per organization are gathered by the
// same orgDependency as in the full pass, so they stay DependencySummary's;
// otherwise (a store without these reads, another indexation, dates not
// yet refreshed) the report takes the full pass.

// ErrDependencyStale says the stored dates of a contract were not those
// of the day asked, so a narrow read cannot tell whether it expired.
var ErrDependencyStale = errors.New("the stored dates of a contract are not today's")

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

// DependencyReader is what a store offers for the narrow assembly of the
// cooperative dependency report.
type DependencyReader interface {
	// EachDependencyContract is EachSpendContract for a SpendFilter with
	// ModelYear and StoredFor set, reading only what orgDependency.add
	// reads (no number, title, lines or other terms), with Stored fresh;
	// a contract whose stored dates are not those of StoredFor ends it
	// with ErrDependencyStale.
	EachDependencyContract(ctx context.Context, f SpendFilter, fn func(SpendContract) error) error
	// DependencyDeadlines reads the deadlines from today to until, and
	// the contracts of the limit soonest.
	DependencyDeadlines(ctx context.Context, today, until Date, limit int) (DependencyDeadlineRead, error)
	// DependencyContracts returns the contracts ids names that are not
	// terminated, with the buyer's and vendor's names.
	DependencyContracts(ctx context.Context, ids []int64) ([]ContractSummary, error)
}

// narrowStore is a Store whose spend pass is the narrow dependency read.
type narrowStore struct {
	Store
	r DependencyReader
}

func (n narrowStore) EachSpendContract(ctx context.Context, f SpendFilter, fn func(SpendContract) error) error {
	return n.r.EachDependencyContract(ctx, f, fn)
}

// errNarrowUnfit says the narrow assembly does not apply; the full pass
// makes the report.
var errNarrowUnfit = errors.New("the narrow dependency read does not apply")

// cooperativeNarrow fills in r as cooperativeDependency does, from the
// narrow reads; errNarrowUnfit when they do not apply.
func (s *Service) cooperativeNarrow(ctx context.Context, rd DependencyReader, r *DependencyReport, orgs []Organization, counts map[string]int,
	today Date, weights LockInWeights) error {
	holds, err := s.store.SpendModelHolds(ctx, s.spendModel(today, r.Year, r.Year))
	if err != nil {
		return err
	}
	if !holds {
		return errNarrowUnfit
	}
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
	out := *r
	attempt := func(expected map[string]int) error {
		return s.cooperativeAttempt(ctx, &out, orgs, expected, today, weights, rd)
	}
	err = attempt(counts)
	if errors.Is(err, errLateContract) {
		err = attempt(nil)
	}
	if errors.Is(err, ErrDependencyStale) {
		return errNarrowUnfit
	}
	if err != nil {
		return err
	}
	out.Deadlines, out.MoreDeadlines = deadlines, read.Count-len(deadlines)

	// Only the contracts listed by lock-in are read whole, for their
	// number and title.
	sortLockIn(out.LockIn)
	out.LockIn = out.LockIn[:min(len(out.LockIn), DependencyLockInListed)]
	ids := make([]int64, len(out.LockIn))
	for i, l := range out.LockIn {
		ids[i] = l.ContractID
	}
	cs, err := rd.DependencyContracts(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[int64]Contract, len(cs))
	for _, c := range cs {
		byID[c.ID] = c.Contract
	}
	for i := range out.LockIn {
		c, ok := byID[out.LockIn[i].ContractID]
		if !ok {
			return errNarrowUnfit // changed meanwhile
		}
		out.LockIn[i].Number, out.LockIn[i].Title = c.Number, c.Title
	}
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
