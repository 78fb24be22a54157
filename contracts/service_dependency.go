package contracts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// This file assembles the dependency report for management (DESIGN §4 and
// §5) for one organization or for the whole cooperative: how concentrated
// the spend is over vendor groups, the contracts with the highest lock-in
// and why, the notice deadlines of the next 12 months and how ready the
// contracts in force are for leaving the vendor. The exports package
// renders it (PDF, Excel); it reads nothing itself.
//
// Both reports read the register once. An organization's figures are
// gathered by orgDependency from its contracts as a pass hands them over,
// the same for DependencySummary (one organization) and for the
// cooperative report (every organization from one pass over the whole
// register), so the cooperative report's figures per organization are
// DependencySummary's. The pass is in service_dependency_pass.go. When
// the spend model holds the year and the stored dates are today's, the
// cooperative report reads no contract one by one but the store's sums
// per organization × vendor × category, which add up to the same
// figures, and the few contracts in force that can reach its lock-in
// list; its deadlines come from the indexes of the stored dates
// (service_dependency_read.go, service_dependency_cells.go).

// DependencyQuery selects a dependency report.
type DependencyQuery struct {
	// Organization is the organization to report on; "" for the whole
	// cooperative, which needs a scope of every organization.
	Organization string
	Year         int
	// Generated is when the report is made, from the caller; it is shown,
	// never read from the clock, so that the same input gives the same
	// document.
	Generated time.Time
}

// DependencyReport is what the dependency report shows.
type DependencyReport struct {
	// Generated is when the report is made, from the caller.
	Generated time.Time
	Year      int
	AsOf      Date
	// Organization is the organization the report is about; the zero
	// value for the whole cooperative.
	Organization Organization
	// Organizations counts the organizations the report covers.
	Organizations int
	// Concentration is over the vendor groups' parts of the spend in Year.
	Concentration Concentration
	// Vendors are the vendor groups with spend, largest first.
	Vendors []VendorDependency
	// Categories are the concentration per category of the report's
	// spend (CooperativeConcentration's for the cooperative); Reach is the
	// vendor groups' reach, only in the cooperative report.
	Categories []CategoryConcentration
	Reach      []GroupReach
	// LockIn are the contracts with the highest lock-in, highest first
	// (ties: larger spend, then contract id): each organization's
	// DependencySummary list, merged and cut to DependencyLockInListed.
	LockIn  []DependencyLockIn
	Weights LockInWeights
	// Deadlines are the notice deadlines and option decisions of the next
	// 12 months, soonest first; MoreDeadlines counts those left out after
	// DependencyDeadlinesListed.
	Deadlines     []Alert
	MoreDeadlines int
	Exit          ExitSummary
	Index         IndexRates
}

// Cooperative reports whether the report covers the whole cooperative.
func (r DependencyReport) Cooperative() bool { return r.Organization.Code == "" }

// DependencyLockIn is a contract's lock-in with the name of its buyer.
type DependencyLockIn struct {
	OrganizationName string
	ContractLockIn
}

// ExitSummary is how ready the contracts in force are for leaving the
// vendor (GIBIT 2023): the spend under contracts with both an exit plan
// and open data (ExitReadiness), and how many contracts in force arrange
// each exit fact.
type ExitSummary struct {
	ExitReadiness
	// InForce counts the active contracts that have not ended: the
	// contracts the lock-in is scored for.
	InForce          int
	ExitPlan         int // GIBIT art. 26
	OpenData         int // art. 21 and 8
	Continuity       int // art. 36
	SourceRights     int // art. 20.4
	BusinessCritical int
	// CriticalWithoutContinuity counts business-critical contracts without
	// a continuity arrangement.
	CriticalWithoutContinuity int
}

// count adds the exit facts of a contract in force.
func (e *ExitSummary) count(x ExitFacts) {
	e.InForce++
	for _, f := range []struct {
		n  *int
		ok bool
	}{{&e.ExitPlan, x.ExitPlan}, {&e.OpenData, x.OpenData}, {&e.Continuity, x.Continuity}, {&e.SourceRights, x.SourceRights},
		{&e.BusinessCritical, x.BusinessCritical}, {&e.CriticalWithoutContinuity, x.BusinessCritical && !x.Continuity}} {
		if f.ok {
			*f.n++
		}
	}
}

// add adds another part's spend and counts; BasisPoints is left to the
// caller.
func (e *ExitSummary) add(o ExitSummary) {
	e.Ready, e.Total = SatAdd(e.Ready, o.Ready), SatAdd(e.Total, o.Total)
	e.ReadyContracts += o.ReadyContracts
	e.Contracts += o.Contracts
	e.InForce += o.InForce
	e.ExitPlan += o.ExitPlan
	e.OpenData += o.OpenData
	e.Continuity += o.Continuity
	e.SourceRights += o.SourceRights
	e.BusinessCritical += o.BusinessCritical
	e.CriticalWithoutContinuity += o.CriticalWithoutContinuity
}

// The lengths of the dependency report's lists.
const (
	// DependencyLockInListed is the number of contracts the cooperative
	// report lists by lock-in.
	DependencyLockInListed = 25
	// DependencyDeadlinesListed is the number of deadlines a report lists;
	// the rest are counted.
	DependencyDeadlinesListed = 100
)

// DependencyReport returns the dependency report of q.Organization in
// q.Year, or with Organization "" of the whole cooperative. For one
// organization it is DependencySummary with the exit facts of its
// contracts in force counted. For the cooperative it is every
// organization's summary from one pass over the register, added up: the
// lock-in lists merged, the deadlines merged, the exit readiness summed;
// the concentration over vendor groups is over the whole cooperative's
// spend, with CooperativeConcentration's concentration per category and
// the vendor groups' reach beside it. A bad year is apperr.FieldErrors
// ("year"); an organization outside scope, or the cooperative for a
// caller scoped to some organizations, apperr.Forbidden; an unknown
// organization apperr.NotFound.
func (s *Service) DependencyReport(ctx context.Context, scope Scope, q DependencyQuery) (DependencyReport, error) {
	r := DependencyReport{Generated: q.Generated, Year: q.Year}
	var fe apperr.FieldErrors
	checkYear(&fe, "year", q.Year)
	if err := fe.Err(); err != nil {
		return r, err
	}
	if q.Organization == "" {
		if err := requireAll(scope); err != nil {
			return r, err
		}
	}
	weights, err := s.lockInWeights()
	if err != nil {
		return r, fmt.Errorf("contracts: dependency report: %w", err)
	}
	today := s.Today()
	r.AsOf, r.Index, r.Weights = today, s.opts.Index, weights
	if q.Organization != "" {
		o, err := s.scopedOrganization(ctx, scope, q.Organization)
		if err != nil {
			return r, fmt.Errorf("contracts: dependency report: %w", err)
		}
		pass, err := s.dependencyPass(ctx, SpendFilter{Scope: scope, Organization: o.Code}, q.Year, today, passOptions{markets: true})
		if err != nil {
			return r, fmt.Errorf("contracts: dependency report of %s: %w", o.Code, err)
		}
		acc := pass.of(o.Code)
		dep := acc.summary(s.dependencyOf(o, q.Year, today, weights), today)
		r.Organization = o
		r.Concentration, r.Vendors = dep.Concentration, dep.Vendors
		// The organization's own markets, for the conclusion per category.
		cc := CooperativeConcentration{}
		pass.markets.concentration(&cc)
		r.Categories = cc.Categories
		r.add(dep, acc.exit)
	} else if err := s.cooperativeDependency(ctx, &r, today, weights); err != nil {
		return r, fmt.Errorf("contracts: dependency report: %w", err)
	}
	sortLockIn(r.LockIn)
	if len(r.LockIn) > DependencyLockInListed {
		r.LockIn = r.LockIn[:DependencyLockInListed]
	}
	slices.SortStableFunc(r.Deadlines, CompareAlerts)
	if n := len(r.Deadlines); n > DependencyDeadlinesListed {
		r.MoreDeadlines, r.Deadlines = r.MoreDeadlines+n-DependencyDeadlinesListed, r.Deadlines[:DependencyDeadlinesListed]
	}
	if r.Exit.Total > 0 {
		r.Exit.BasisPoints = int((int64(r.Exit.Ready)*10_000 + int64(r.Exit.Total)/2) / int64(r.Exit.Total))
	}
	return r, nil
}

// add adds one organization's dependency summary and the exit facts of
// its contracts in force.
func (r *DependencyReport) add(dep Dependency, exit ExitSummary) {
	r.Organizations++
	for _, l := range dep.LockIn {
		r.LockIn = append(r.LockIn, DependencyLockIn{OrganizationName: dep.Organization.Name, ContractLockIn: l})
	}
	r.Deadlines = append(r.Deadlines, dep.Deadlines...)
	r.Exit.add(exit)
}

// cooperativeDependency fills in the cooperative report from one pass
// over the register: every organization's summary, the vendor groups'
// spend across all of them, and the concentration per category with the
// groups' reach. The pass makes each organization's summary as soon as it
// has read the organization's contracts, counted beforehand, and lets
// them go (errLateContract tells when the register changed in between;
// then the pass runs once more, keeping every organization to the end).
func (s *Service) cooperativeDependency(ctx context.Context, r *DependencyReport, today Date, weights LockInWeights) error {
	orgs, err := s.allOrganizations(ctx)
	if err != nil {
		return err
	}
	if rd, ok := s.store.(DependencyReader); ok {
		if err := s.cooperativeNarrow(ctx, rd, r, orgs, today, weights); !errors.Is(err, errNarrowUnfit) {
			return err
		}
	}
	counts, err := s.store.SpendContractCounts(ctx, SpendFilter{Scope: Everyone()})
	if err != nil {
		return err
	}
	err = s.cooperativeAttempt(ctx, r, orgs, counts, today, weights)
	if errors.Is(err, errLateContract) {
		err = s.cooperativeAttempt(ctx, r, orgs, nil, today, weights)
	}
	return err
}

// cooperativeAttempt is one pass of cooperativeDependency, with the
// organizations' contracts counted (expected) or not; r is only filled
// in when it succeeds.
func (s *Service) cooperativeAttempt(ctx context.Context, r *DependencyReport, orgs []Organization, expected map[string]int, today Date, weights LockInWeights) error {
	out := *r
	groups := map[int64]*SpendRow{}
	pass, err := s.eachDependency(ctx, orgs, expected, out.Year, today, weights, DependencyDeadlinesListed, func(dep Dependency, acc *orgDependency) {
		out.add(dep, acc.exit)
		for id, g := range acc.groups {
			addGroup(groups, id, *g)
		}
	})
	if err != nil {
		return err
	}
	out.Deadlines, out.MoreDeadlines = pass.soonest.alerts, pass.soonest.more
	wordAlerts(out.Deadlines)
	out.finishCooperative(groups, pass.markets, today, s.opts.Index)
	*r = out
	return nil
}

// finishCooperative fills in the cooperative report's concentration over
// the vendor groups' spend summed over the organizations (groups), and
// the concentration per category with the groups' reach from the spend
// per organization × category × vendor group (markets).
func (r *DependencyReport) finishCooperative(groups map[int64]*SpendRow, markets *marketSpend, today Date, index IndexRates) {
	cc := CooperativeConcentration{Year: r.Year, AsOf: today, Index: index}
	markets.concentration(&cc)
	r.Categories, r.Reach = cc.Categories, cc.Reach

	// The vendor groups as the spend by vendor group (Spend) has them:
	// every group with spend, largest first (ties by name, then id).
	rep := SpendReport{Rows: make([]SpendRow, 0, len(groups))}
	for _, row := range groups {
		rep.Total = SatAdd(rep.Total, row.Amount)
		rep.Rows = append(rep.Rows, *row)
	}
	finishReport(&rep)
	shares := make([]Share, len(rep.Rows))
	for i, row := range rep.Rows {
		shares[i] = Share{Key: row.Key, Label: row.Label, Amount: row.Amount}
	}
	r.Concentration = ConcentrationOf(shares)
	for _, row := range rep.Rows {
		id, _ := strconv.ParseInt(row.Key, 10, 64)
		r.Vendors = append(r.Vendors, VendorDependency{GroupID: id, GroupName: row.Label, Amount: row.Amount, BasisPoints: row.BasisPoints, Contracts: row.Contracts})
	}
}

// addGroup adds an organization's spend with vendor group id to the
// cooperative's groups.
func addGroup(groups map[int64]*SpendRow, id int64, g VendorDependency) {
	row := groups[id]
	if row == nil {
		row = &SpendRow{Key: strconv.FormatInt(id, 10), Label: g.GroupName}
		groups[id] = row
	}
	row.Amount = SatAdd(row.Amount, g.Amount)
	row.Contracts += g.Contracts
}

// allOrganizations returns every organization, by name.
func (s *Service) allOrganizations(ctx context.Context) ([]Organization, error) {
	var orgs []Organization
	for page := 1; ; page++ {
		p, err := s.store.Organizations(ctx, OrganizationFilter{Page: page, PageSize: 500}.Normalize())
		if err != nil {
			return nil, err
		}
		orgs = append(orgs, p.Items...)
		if len(p.Items) == 0 || len(orgs) >= p.Total {
			return orgs, nil
		}
	}
}

// eachDependency reads every contract of the register once (spendPass)
// and calls fn, one call at a time, with the dependency summary in year
// of every organization of orgs, as DependencySummary computes it, with
// what the pass gathered of it (its vendor groups' spend and the exit
// facts of its contracts in force). With expected, the number of
// contracts per organization, an organization's summary is made as soon
// as the pass has read all of its contracts (passOptions); otherwise
// every summary is made at the end. It returns the pass, with the spend
// per organization × category × vendor group for the cooperative's
// concentration. With soonest above 0 the pass keeps only the soonest
// deadlines across all organizations, and the summaries have none.
func (s *Service) eachDependency(ctx context.Context, orgs []Organization, expected map[string]int, year int, today Date, weights LockInWeights,
	soonest int, fn func(Dependency, *orgDependency)) (*dependencyPassResult, error) {
	byCode := make(map[string]Organization, len(orgs))
	for _, o := range orgs {
		byCode[o.Code] = o
	}
	var (
		mu   sync.Mutex
		made = make(map[string]bool, len(orgs))
	)
	done := func(code string, acc *orgDependency) {
		o, ok := byCode[code]
		if !ok {
			return // added after the organizations were read
		}
		dep := acc.summary(s.dependencyOf(o, year, today, weights), today)
		mu.Lock()
		defer mu.Unlock()
		made[code] = true
		fn(dep, acc)
	}
	pass, err := s.dependencyPass(ctx, SpendFilter{Scope: Everyone()}, year, today, passOptions{markets: true, soonest: soonest, expected: expected, done: done})
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if !made[o.Code] {
			done(o.Code, pass.of(o.Code))
			delete(pass.orgs, o.Code)
		}
	}
	return pass, nil
}

// lockInWeights returns the configured lock-in weights, checked.
func (s *Service) lockInWeights() (LockInWeights, error) {
	w := s.opts.LockInWeights
	if err := w.Validate(); err != nil {
		return w, fmt.Errorf("the configured lock-in weights are invalid: %s", apperr.Detail(err, err.Error()))
	}
	return w, nil
}

// dependencyOf is the start of o's dependency summary: what it says
// before its contracts are read.
func (s *Service) dependencyOf(o Organization, year int, today Date, weights LockInWeights) Dependency {
	return Dependency{Organization: o, Year: year, AsOf: today, Index: s.opts.Index, Weights: weights}
}
