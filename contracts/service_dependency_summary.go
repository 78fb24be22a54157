package contracts

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// One organization's dependency on its vendors in one year
// (DependencySummary) and the types the dependency report builds on; the
// pass that gathers it is dependencyPass.

// VendorDependency is one vendor group's part of an organization's spend.
type VendorDependency struct {
	GroupID     int64
	GroupName   string
	Amount      Money
	BasisPoints int
	// Contracts counts the organization's contracts with the group that
	// have spend in the year: its applications from this vendor.
	Contracts int
}

// ContractLockIn is one contract's lock-in score with what it rests on.
type ContractLockIn struct {
	ContractID   int64
	Number       string
	Title        string
	VendorID     int64
	VendorName   string
	GroupID      int64
	GroupName    string
	CategoryID   int64
	CategoryName string
	// Spend is the contract's committed spend in the year.
	Spend Money
	// TenureYears are the full years since the organization's earliest
	// contract with the same vendor group in the same category started
	// (for a contract without a category, since its own start).
	TenureYears int
	// VendorShareBP is the vendor group's share of the organization's
	// spend in the year.
	VendorShareBP int
	LockIn        LockInScore
}

// ExitReadiness is how much of an organization's spend could move: the
// part under contracts with both an exit plan (GIBIT art. 26) and data
// access and export in an open standard (art. 21, art. 8).
type ExitReadiness struct {
	Ready Money
	Total Money
	// BasisPoints is Ready / Total; 0 without spend.
	BasisPoints    int
	ReadyContracts int
	Contracts      int
}

// Dependency is an organization's dependency on its vendors in one year
// (DESIGN §4 and §5, the management dependency report).
type Dependency struct {
	Organization Organization
	Year         int
	AsOf         Date
	Index        IndexRates
	// Concentration is over vendor groups of the organization's spend in
	// the year: HHI, CR1, CR3, the EU band and every group's share.
	Concentration Concentration
	// Vendors are the vendor groups with spend, largest first.
	Vendors []VendorDependency
	// LockIn lists the contracts in force today with the highest lock-in
	// scores, at most DependencyLockInTop, highest first (ties: larger
	// spend, then contract id).
	LockIn []ContractLockIn
	// Weights are the lock-in weights the scores used.
	Weights LockInWeights
	// Deadlines are the notice deadlines (tacit renewal) and option
	// decisions (express renewal) from today up to 12 months ahead,
	// soonest first, with a missed notice deadline first, dated today.
	Deadlines []Alert
	Exit      ExitReadiness
}

// DependencyLockInTop is the number of contracts the dependency view
// lists by lock-in.
const DependencyLockInTop = 10

// DependencyDeadlineMonths is how far ahead the dependency view lists
// notice deadlines.
const DependencyDeadlineMonths = 12

// DependencySummary returns organization's dependency on its vendors in
// year: concentration over vendor groups, vendor shares and applications,
// the contracts with the highest lock-in and why, the notice deadlines of
// the next 12 months and its exit readiness. The lock-in tenure is counted
// from the earliest start of the organization's contracts with the same
// vendor group in the same category, in any status but draft; the vendor
// share is that group's share of the organization's spend in year. The
// organization must be in scope and exist.
func (s *Service) DependencySummary(ctx context.Context, scope Scope, organization string, year int) (Dependency, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", year)
	if err := fe.Err(); err != nil {
		return Dependency{}, err
	}
	weights, err := s.lockInWeights()
	if err != nil {
		return Dependency{}, fmt.Errorf("contracts: dependency: %w", err)
	}
	o, err := s.scopedOrganization(ctx, scope, organization)
	if err != nil {
		return Dependency{}, fmt.Errorf("contracts: dependency: %w", err)
	}
	today := s.Today()
	pass, err := s.dependencyPass(ctx, SpendFilter{Scope: scope, Organization: o.Code}, year, today, passOptions{})
	if err != nil {
		return Dependency{}, fmt.Errorf("contracts: dependency of %s: %w", o.Code, err)
	}
	return pass.of(o.Code).summary(s.dependencyOf(o, year, today, weights), today), nil
}

// fullYears returns the number of whole years from from to today (0 when
// from is zero or later): 1 March 2020 to 28 February 2026 is 5.
func fullYears(from, today Date) int {
	if from.IsZero() || from.After(today) {
		return 0
	}
	n := today.Year() - from.Year()
	if today.Month() < from.Month() || today.Month() == from.Month() && today.Day() < from.Day() {
		n--
	}
	return n
}

// DependencyConclusion is what the dependency report concludes, in the
// terms of its categories. A category is a market: its concentration
// says how many vendors could supply it. The concentration over every
// vendor group of all spend at once mixes markets (a different vendor
// leads in each category, so the pooled index comes out lower) and gave a
// headline of "moderately concentrated" while every category was
// concentrated; the verdict is therefore taken from the categories
// (ConcludeDependency).
type DependencyConclusion struct {
	// Categories counts the categories with spend in the year.
	Categories int
	// ByBand counts the categories per EU band.
	ByBand map[HHIBand]int
	// FewVendors counts the categories in which the largest one or two
	// vendor groups hold more than half of the spend.
	FewVendors int
	// Verdict is the band under which most of the categorized spend
	// falls (ties: the more concentrated band); "" without categories.
	Verdict HHIBand
	// Risk is, of the categories where one or two vendor groups hold
	// more than half, the one with the most spend at one vendor group
	// (its largest share); nil when there is none.
	Risk *CategoryConcentration
}

// ConcludeDependency returns the conclusion of the categories' own
// concentration (the report's Categories).
func ConcludeDependency(categories []CategoryConcentration) DependencyConclusion {
	out := DependencyConclusion{ByBand: map[HHIBand]int{}}
	spend := map[HHIBand]Money{}
	var riskAmount Money
	for i, c := range categories {
		k := c.Concentration
		if c.Suppressed || k.Total <= 0 {
			continue
		}
		out.Categories++
		out.ByBand[k.Band]++
		spend[k.Band] = SatAdd(spend[k.Band], k.Total)
		var top Money
		for _, sh := range k.Shares[:min(len(k.Shares), 2)] {
			top = SatAdd(top, sh.Amount)
		}
		if top <= k.Total-top { // not more than half, exactly
			continue
		}
		out.FewVendors++
		if k.Shares[0].Amount > riskAmount {
			riskAmount, out.Risk = k.Shares[0].Amount, &categories[i]
		}
	}
	var most Money
	for _, b := range []HHIBand{Concentrated, ModeratelyConcentrated, Unconcentrated} {
		if spend[b] > most {
			most, out.Verdict = spend[b], b
		}
	}
	return out
}
