package contracts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
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
// DependencySummary's.

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
	// Categories and Reach are the cooperative's concentration per
	// category and the vendor groups' reach (CooperativeConcentration);
	// only in the cooperative report.
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
func (s *Service) DependencyReport(ctx context.Context, scope []string, q DependencyQuery) (DependencyReport, error) {
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
		orgs, _, err := s.dependencyPass(ctx, SpendFilter{Organization: o.Code}, q.Year, today, false)
		if err != nil {
			return r, fmt.Errorf("contracts: dependency report of %s: %w", o.Code, err)
		}
		acc := orgs[o.Code]
		if acc == nil {
			acc = newOrgDependency()
		}
		dep := acc.summary(s.dependencyOf(o, q.Year, today, weights), today)
		r.Organization = o
		r.Concentration, r.Vendors = dep.Concentration, dep.Vendors
		r.add(dep, acc.exit)
	} else if err := s.cooperativeDependency(ctx, &r, today, weights); err != nil {
		return r, fmt.Errorf("contracts: dependency report: %w", err)
	}
	slices.SortFunc(r.LockIn, func(a, b DependencyLockIn) int {
		return cmp.Or(cmp.Compare(b.LockIn.Score, a.LockIn.Score), cmp.Compare(b.Spend, a.Spend), cmp.Compare(a.ContractID, b.ContractID))
	})
	if len(r.LockIn) > DependencyLockInListed {
		r.LockIn = r.LockIn[:DependencyLockInListed]
	}
	slices.SortStableFunc(r.Deadlines, CompareAlerts)
	if n := len(r.Deadlines); n > DependencyDeadlinesListed {
		r.MoreDeadlines, r.Deadlines = n-DependencyDeadlinesListed, r.Deadlines[:DependencyDeadlinesListed]
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
// groups' reach.
func (s *Service) cooperativeDependency(ctx context.Context, r *DependencyReport, today Date, weights LockInWeights) error {
	groups := map[int64]*SpendRow{}
	markets, err := s.eachDependency(ctx, r.Year, today, weights, func(dep Dependency, acc *orgDependency) {
		r.add(dep, acc.exit)
		for id, g := range acc.groups {
			row := groups[id]
			if row == nil {
				row = &SpendRow{Key: strconv.FormatInt(id, 10), Label: g.GroupName}
				groups[id] = row
			}
			row.Amount = SatAdd(row.Amount, g.Amount)
			row.Contracts += g.Contracts
		}
	})
	if err != nil {
		return err
	}
	cc := CooperativeConcentration{Year: r.Year, AsOf: today, Index: s.opts.Index}
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
	return nil
}

// eachDependency reads every contract of the register once (spendPass)
// and calls fn with every organization's dependency summary in year, as
// DependencySummary computes it, in the order of the organization list,
// with what the pass gathered of it (its vendor groups' spend and the
// exit facts of its contracts in force). It returns the spend per
// organization × category × vendor group, for the cooperative's
// concentration.
func (s *Service) eachDependency(ctx context.Context, year int, today Date, weights LockInWeights, fn func(Dependency, *orgDependency)) (*marketSpend, error) {
	var orgs []Organization
	for page := 1; ; page++ {
		p, err := s.store.Organizations(ctx, OrganizationFilter{Page: page, PageSize: 500}.Normalize())
		if err != nil {
			return nil, err
		}
		orgs = append(orgs, p.Items...)
		if len(p.Items) == 0 || len(orgs) >= p.Total {
			break
		}
	}
	accs, markets, err := s.dependencyPass(ctx, SpendFilter{}, year, today, true)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		acc := accs[o.Code]
		if acc == nil {
			acc = newOrgDependency()
		}
		// Done with: the organization's contracts in force go as soon as
		// its summary is made.
		delete(accs, o.Code)
		fn(acc.summary(s.dependencyOf(o, year, today, weights), today), acc)
	}
	return markets, nil
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

// tenureKey is a vendor group in a category: where the lock-in tenure of
// an organization's contract counts from.
type tenureKey struct{ group, category int64 }

// orgDependency is what a pass gathers of one organization's contracts
// for its dependency summary. A pass split into id ranges gathers one per
// range, merged in range order (merge), so that the contracts are seen in
// id order either way.
type orgDependency struct {
	// earliest is the earliest start of the organization's contracts, in
	// any status but draft, per vendor group and category.
	earliest map[tenureKey]Date
	// groups is the spend in the year per vendor group.
	groups map[int64]*VendorDependency
	// inForce are the active contracts that have not expired, with their
	// spend in the year (without their lines): the contracts scored for
	// lock-in once the vendor shares and tenures are known.
	inForce   []inForceContract
	deadlines []Alert
	// exit is the exit readiness of the spend in the year, and the exit
	// facts of the contracts in force.
	exit ExitSummary
}

// inForceContract is a contract in force with its spend in the year.
type inForceContract struct {
	SpendContract
	spend Money
}

func newOrgDependency() *orgDependency {
	return &orgDependency{earliest: map[tenureKey]Date{}, groups: map[int64]*VendorDependency{}}
}

// add gathers one contract with its spend in the year, as of today; until
// is the last day of the deadlines listed.
func (o *orgDependency) add(sc SpendContract, amount Money, today, until Date) {
	if sc.Status != StatusDraft && sc.CategoryID != 0 {
		k := tenureKey{sc.VendorGroupID, sc.CategoryID}
		if e, ok := o.earliest[k]; !ok || sc.Start.Before(e) {
			o.earliest[k] = sc.Start
		}
	}
	if amount != 0 {
		g := o.groups[sc.VendorGroupID]
		if g == nil {
			g = &VendorDependency{GroupID: sc.VendorGroupID, GroupName: sc.VendorGroupName}
			o.groups[sc.VendorGroupID] = g
		}
		g.Amount = SatAdd(g.Amount, amount)
		g.Contracts++
		o.exit.Total = SatAdd(o.exit.Total, amount)
		o.exit.Contracts++
		if sc.Exit.ExitPlan && sc.Exit.OpenData {
			o.exit.Ready = SatAdd(o.exit.Ready, amount)
			o.exit.ReadyContracts++
		}
	}
	for _, a := range appendAlerts(nil, ContractSummary{Contract: sc.Contract, OrganizationName: sc.OrganizationName, VendorName: sc.VendorName},
		today, today, until, true) {
		if a.Kind == AlertNotice || a.Kind == AlertOption {
			o.deadlines = append(o.deadlines, a)
		}
	}
	if sc.Status == StatusActive && !sc.Dates(today).Expired {
		sc.Lines = nil // a pass hands them out in shared slabs
		o.inForce = append(o.inForce, inForceContract{SpendContract: sc, spend: amount})
		o.exit.count(sc.Exit)
	}
}

// merge adds what a later id range gathered of the same organization.
func (o *orgDependency) merge(later *orgDependency) {
	for k, e := range later.earliest {
		if cur, ok := o.earliest[k]; !ok || e.Before(cur) {
			o.earliest[k] = e
		}
	}
	for id, g := range later.groups {
		if cur := o.groups[id]; cur != nil {
			cur.Amount = SatAdd(cur.Amount, g.Amount)
			cur.Contracts += g.Contracts
		} else {
			o.groups[id] = g
		}
	}
	o.inForce = append(o.inForce, later.inForce...)
	o.deadlines = append(o.deadlines, later.deadlines...)
	o.exit.add(later.exit)
}

// summary completes dep, the start of the organization's dependency
// summary (dependencyOf), from what the pass gathered: the deadlines
// sorted, the vendor groups' shares and concentration, and the lock-in of
// the contracts in force.
func (o *orgDependency) summary(dep Dependency, today Date) Dependency {
	dep.Deadlines = o.deadlines
	slices.SortFunc(dep.Deadlines, CompareAlerts)
	dep.Exit = o.exit.ExitReadiness
	dep.Exit.BasisPoints = basisPoints(dep.Exit.Ready, dep.Exit.Total)

	shares := make([]Share, 0, len(o.groups))
	for _, g := range o.groups {
		shares = append(shares, Share{Key: strconv.FormatInt(g.GroupID, 10), Label: g.GroupName, Amount: g.Amount})
	}
	dep.Concentration = ConcentrationOf(shares)
	shareOf := map[int64]int{}
	for _, sh := range dep.Concentration.Shares {
		id, _ := strconv.ParseInt(sh.Key, 10, 64)
		shareOf[id] = sh.BasisPoints
		if g := o.groups[id]; g != nil {
			g.BasisPoints = sh.BasisPoints
			dep.Vendors = append(dep.Vendors, *g)
		}
	}

	for _, c := range o.inForce {
		start := c.Start
		if c.CategoryID != 0 {
			start = o.earliest[tenureKey{c.VendorGroupID, c.CategoryID}]
		}
		tenure := fullYears(start, today)
		share := shareOf[c.VendorGroupID]
		dep.LockIn = append(dep.LockIn, ContractLockIn{
			ContractID: c.ID, Number: c.Number, Title: c.Title, VendorID: c.VendorID, VendorName: c.VendorName,
			GroupID: c.VendorGroupID, GroupName: c.VendorGroupName, CategoryID: c.CategoryID, CategoryName: c.CategoryName,
			Spend: c.spend, TenureYears: tenure, VendorShareBP: share, LockIn: LockIn(c.Contract, tenure, share, dep.Weights),
		})
	}
	slices.SortFunc(dep.LockIn, func(a, b ContractLockIn) int {
		return cmp.Or(cmp.Compare(b.LockIn.Score, a.LockIn.Score), cmp.Compare(b.Spend, a.Spend), cmp.Compare(a.ContractID, b.ContractID))
	})
	dep.LockIn = dep.LockIn[:min(len(dep.LockIn), DependencyLockInTop)]
	return dep
}

// dependencyPass reads the contracts f selects once and gathers, per
// organization code, what their dependency summaries are computed from;
// with markets it also adds up the spend per organization × category ×
// vendor group that the cooperative's concentration is computed from.
func (s *Service) dependencyPass(ctx context.Context, f SpendFilter, year int, today Date, markets bool) (map[string]*orgDependency, *marketSpend, error) {
	until := today.AddMonths(DependencyDeadlineMonths)
	type acc struct {
		orgs  map[string]*orgDependency
		cells marketCells
	}
	parts, err := spendPass(ctx, s.store, f, func() *acc {
		a := &acc{orgs: map[string]*orgDependency{}}
		if markets {
			a.cells = marketCells{}
		}
		return a
	}, func(a *acc, sc SpendContract) {
		amount := ContractYearSpend(sc.Contract, sc.Lines, year, today, s.opts.Index)
		o := a.orgs[sc.Organization]
		if o == nil {
			o = newOrgDependency()
			a.orgs[sc.Organization] = o
		}
		o.add(sc, amount, today, until)
		if a.cells != nil {
			a.cells.add(sc, amount)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	orgs := map[string]*orgDependency{}
	cells := make([]marketCells, 0, len(parts))
	for _, p := range parts {
		for code, o := range p.orgs {
			if cur := orgs[code]; cur != nil {
				cur.merge(o)
			} else {
				orgs[code] = o
			}
		}
		cells = append(cells, p.cells)
	}
	if !markets {
		return orgs, nil, nil
	}
	return orgs, mergeMarkets(cells), nil
}
