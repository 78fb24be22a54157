package contracts

import (
	"context"
	"runtime"
	"sync"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The spend, dependency and concentration views (DESIGN §4, issue #6) and
// what they share: the filter and the contract as a view loads them, the
// year check, the organization in scope, and the pass over the register
// (spendPass). Each view loads the contracts it needs once, through
// Store.EachSpendContract, and computes everything in Go with the rules of
// spend.go (ContractYearSpend), lockin.go (LockIn) and concentration.go
// (ConcentrationOf): SQL only loads. When the maintained spend model
// (spend_model.go) holds the year, today and the indexation, the views
// read its cells instead, each contract's spend computed with the same
// rule when it was written, and SQL only adds those up (spendEach). The
// views (Spend and SpendYears,
// SpendForecast, PeerComparison, DependencySummary,
// CooperativeConcentration, VendorReach) each have a file of their own.
//
// Scope works as elsewhere in the service: a view covers the
// organizations of the caller's scope, and naming an organization outside
// it is apperr.Forbidden. Views across the whole cooperative
// (CooperativeConcentration, VendorReach) need the scope of everyone.
// PeerComparison compares with every organization of the size class but
// names none of them, so it only needs the organization itself in scope.

// SpendFilter selects the contracts a spend, dependency or concentration
// view loads (Store.EachSpendContract).
type SpendFilter struct {
	// Scope limits the load to the organizations of a caller's scope; the
	// zero Scope loads nothing. The service sets it from its scope
	// parameter.
	Scope Scope
	// Organization narrows the load to one buyer ("" for any).
	Organization string
	// MarketsOf, when not 0, limits the load to the categories in which the
	// vendor group with this top vendor holds at least one contract: the
	// markets whose shares its reach is measured in.
	MarketsOf int64
	// FromID and ToID, when not 0, bound the contract ids (both
	// inclusive), so that a pass over many contracts can be split into
	// ranges that load side by side (Store.SpendContractIDs).
	FromID, ToID int64
	// Lean loads only what ContractYearSpend reads, for views that add up
	// amounts across the register (a third faster): the contract's
	// number, title, CPV code, lead days and exit facts are left zero, and
	// the lines carry only their contract, quantity, unit price, price
	// period and dates (SeatsInUse −1, unknown). The names beside the
	// contract are filled in either way. In a lean pass a contract's Lines
	// are only valid while fn runs: the next contract's lines reuse them.
	Lean bool
	// ModelYear, when not 0, reads each contract's spend in that year
	// from the maintained spend model into SpendContract.ModelSpend, and
	// leaves the licence lines unread (Lines nil). The caller has checked
	// that the model holds the year for its day and indexation
	// (Store.SpendModelHolds).
	ModelYear int
	// StoredFor and StoredUntil, when StoredFor is not zero, read what
	// each contract's stored dates say for the day StoredFor into
	// SpendContract.Stored (StoredFacts): whether they were computed for
	// that day, whether the contract expired, and whether it may have a
	// notice deadline or option decision from StoredFor to StoredUntil.
	// The contracts_notice index keeps these columns for the lists; a
	// pass reads them so that it computes Dates only where they may
	// matter.
	StoredFor, StoredUntil Date
}

// StoredFacts are what a contract's stored dates (Store.SetContractDates)
// say for the day a pass asks about (SpendFilter.StoredFor). They count
// only when Fresh: computed for that day; otherwise the pass computes the
// contract's Dates itself.
type StoredFacts struct {
	// Fresh says the stored dates were computed for the day asked.
	Fresh bool
	// Expired is Dates.Expired on that day.
	Expired bool
	// Deadline says the contract may have a notice deadline or option
	// decision in the window asked, or missed a notice deadline (its
	// committed end lies past its current end); without it the contract
	// has neither, and its alerts of those kinds need not be computed.
	Deadline bool
}

// SpendContract is one contract as the spend, dependency and
// concentration views load it: the contract with its licence lines, the
// names and the vendor group beside it, and its buyer's kind and
// population (for spend per inhabitant and size-class peers).
type SpendContract struct {
	Contract
	Lines            []LicenceLine
	OrganizationName string
	OrganizationKind OrgKind
	Population       int
	VendorName       string
	VendorGroupID    int64
	VendorGroupName  string
	CategoryName     string
	// ModelSpend is the contract's spend in SpendFilter.ModelYear, from
	// the maintained spend model.
	ModelSpend SpendSplit
	// Stored is what the stored dates say (SpendFilter.StoredFor).
	Stored StoredFacts
}

// checkYear adds a field error when year lies outside MinYear–MaxYear.
func checkYear(fe *apperr.FieldErrors, field string, year int) {
	if year < MinYear || year > MaxYear {
		fe.Add(field, apperr.CalendarYear, MinYear, MaxYear)
	}
}

// scopedOrganization returns the organization code, which must lie in
// scope and exist.
func (s *Service) scopedOrganization(ctx context.Context, scope Scope, code string) (Organization, error) {
	if err := scope.check(code); err != nil {
		return Organization{}, err
	}
	return s.store.Organization(ctx, code)
}

// spendPassMin is the number of contracts from which a pass is split into
// id ranges that load side by side; below it the few extra queries of a
// split cost about what it saves.
const spendPassMin = 2000

// PassReaders is how many reads of the store a pass over the register
// runs side by side, one id range each: one per processor, at most four.
// The reader pool is sized for it (store.ReaderPool).
func PassReaders() int { return min(runtime.GOMAXPROCS(0), 4) }

// spendPass calls add for every contract f selects. A pass over many
// contracts is split into id ranges, one per processor (at most four,
// within the store's reader pool), each with its own accumulator from
// newAcc, so that loading and computing run in parallel; the caller
// merges the accumulators it gets back. Each range reads its own
// snapshot, so a write committed while the ranges start may show in one
// and not yet in another; every contract is counted exactly once.
func spendPass[A any](ctx context.Context, st Store, f SpendFilter, newAcc func() A, add func(A, SpendContract)) ([]A, error) {
	first, last, n, err := st.SpendContractIDs(ctx, f)
	if err != nil {
		return nil, err
	}
	parts := PassReaders()
	if n < spendPassMin || parts < 2 {
		acc := newAcc()
		err := st.EachSpendContract(ctx, f, func(sc SpendContract) error { add(acc, sc); return nil })
		return []A{acc}, err
	}
	var (
		accs     = make([]A, parts)
		step     = (last - first + int64(parts)) / int64(parts)
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for i := range parts {
		accs[i] = newAcc()
		part := f
		part.FromID, part.ToID = first+int64(i)*step, min(first+int64(i+1)*step-1, last)
		wg.Go(func() {
			err := st.EachSpendContract(ctx, part, func(sc SpendContract) error { add(accs[i], sc); return nil })
			// The other ranges run to their end: a failure is rare, and a
			// cancellable context would slow every row of the driver's
			// steps down.
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return accs, nil
}
