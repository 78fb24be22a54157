package contracts

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
)

// The pass over the register behind the dependency views (dependencyPass):
// what it gathers of each organization's contracts (orgDependency) and how
// an organization's summary is completed from it, the soonest deadlines
// across all organizations, and the handing over of an organization as
// soon as all of its contracts are read.

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
	// inForce are the active contracts that have not expired: the
	// contracts scored for lock-in once the vendor shares and tenures are
	// known.
	inForce []lockInCandidate
	// deadlines are the organization's notice deadlines and option
	// decisions, or nil when the pass keeps only the soonest of all
	// organizations (soonest).
	deadlines []Alert
	soonest   *soonestAlerts
	// exit is the exit readiness of the spend in the year, and the exit
	// facts of the contracts in force.
	exit ExitSummary
	// read counts the contracts gathered.
	read int
	// scratch holds one contract's alerts while add sorts them out.
	scratch []Alert
}

// lockInCandidate is a contract in force as the pass keeps it until it
// is scored: what its ContractLockIn shows (without tenure, vendor share
// and score), the start its tenure may count from and what LockIn reads
// of it, about half the size of the contract. A pass may hold many at
// once: every organization's, some 80,000 at national scale, when the
// organizations' contracts are not close together by id.
type lockInCandidate struct {
	ContractLockIn
	start Date
	terms lockInTerms
}

// lockInTerms are the terms of a contract that its lock-in score reads
// (LockIn): the exit facts, the renewal kind and whether notice was
// given. TestLockInTerms holds LockIn of the contract rebuilt from them
// against LockIn of the whole contract.
type lockInTerms struct {
	exit        ExitFacts
	renewal     RenewalKind
	noticeGiven Date
}

func lockInTermsOf(c Contract) lockInTerms {
	return lockInTerms{exit: c.Exit, renewal: c.RenewalKind, noticeGiven: c.NoticeGivenOn}
}

// contract returns a contract with the terms, for LockIn.
func (t lockInTerms) contract() Contract {
	return Contract{Exit: t.exit, RenewalKind: t.renewal, NoticeGivenOn: t.noticeGiven}
}

func newOrgDependency(soonest *soonestAlerts) *orgDependency {
	return &orgDependency{earliest: map[tenureKey]Date{}, groups: map[int64]*VendorDependency{}, soonest: soonest}
}

// add gathers one contract with its spend in the year, as of today; until
// is the last day of the deadlines listed.
func (o *orgDependency) add(sc SpendContract, amount Money, today, until Date) {
	o.read++
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
	// The stored dates, when computed for today, tell which contracts
	// may have a deadline in the window and which expired, so that Dates
	// is computed for those only.
	// The alerts are worded once kept (summary, the report's soonest).
	if !sc.Stored.Fresh || sc.Stored.Deadline {
		o.scratch = appendAlertsMode(o.scratch[:0], ContractSummary{Contract: sc.Contract, OrganizationName: sc.OrganizationName, VendorName: sc.VendorName},
			today, today, until, alertsUnworded)
		for _, a := range o.scratch {
			if a.Kind != AlertNotice && a.Kind != AlertOption {
				continue
			}
			if o.soonest != nil {
				o.soonest.add(a)
			} else {
				o.deadlines = append(o.deadlines, a)
			}
		}
	}
	if sc.Status == StatusActive && !sc.expired(today) {
		o.inForce = append(o.inForce, lockInCandidate{start: sc.Start, terms: lockInTermsOf(sc.Contract), ContractLockIn: ContractLockIn{
			ContractID: sc.ID, Number: sc.Number, Title: sc.Title, VendorID: sc.VendorID, VendorName: sc.VendorName,
			GroupID: sc.VendorGroupID, GroupName: sc.VendorGroupName, CategoryID: sc.CategoryID, CategoryName: sc.CategoryName,
			Spend: amount,
		}})
		o.exit.count(sc.Exit)
	}
}

// expired reports whether the contract expired by today, from its stored
// dates when they were computed for today.
func (sc *SpendContract) expired(today Date) bool {
	if sc.Stored.Fresh {
		return sc.Stored.Expired
	}
	return sc.Dates(today).Expired
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
	o.read += later.read
}

// summary completes dep, the start of the organization's dependency
// summary (dependencyOf), from what the pass gathered: the deadlines
// sorted, the vendor groups' shares and concentration, and the lock-in of
// the contracts in force.
func (o *orgDependency) summary(dep Dependency, today Date) Dependency {
	dep.Deadlines = o.deadlines
	slices.SortFunc(dep.Deadlines, CompareAlerts)
	wordAlerts(dep.Deadlines)
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

	// The top DependencyLockInTop kept in order as the contracts are
	// scored: the order is strict (contract ids differ), so this is the
	// head of the whole list sorted, without sorting it.
	byLockIn := func(a, b ContractLockIn) int {
		return cmp.Or(cmp.Compare(b.LockIn.Score, a.LockIn.Score), cmp.Compare(b.Spend, a.Spend), cmp.Compare(a.ContractID, b.ContractID))
	}
	top := make([]ContractLockIn, 0, min(len(o.inForce), DependencyLockInTop)+1)
	for _, c := range o.inForce {
		start := c.start
		if c.CategoryID != 0 {
			start = o.earliest[tenureKey{c.GroupID, c.CategoryID}]
		}
		l := c.ContractLockIn
		l.TenureYears, l.VendorShareBP = fullYears(start, today), shareOf[c.GroupID]
		terms := c.terms.contract()
		// Scored first without the factors, which only the contracts
		// kept need.
		l.LockIn.Score = lockInScore(terms, l.TenureYears, l.VendorShareBP, dep.Weights)
		if len(top) == DependencyLockInTop && byLockIn(l, top[len(top)-1]) >= 0 {
			continue
		}
		l.LockIn = LockIn(terms, l.TenureYears, l.VendorShareBP, dep.Weights)
		i, _ := slices.BinarySearchFunc(top, l, byLockIn)
		top = slices.Insert(top, i, l)
		if len(top) > DependencyLockInTop {
			top = top[:DependencyLockInTop]
		}
	}
	if len(top) > 0 {
		dep.LockIn = top
	}
	return dep
}

// soonestAlerts keeps the n soonest of the alerts added (CompareAlerts)
// and counts the others, so that a pass over the register keeps the
// cooperative report's deadlines and not all of the next 12 months (some
// 50,000 at national scale). CompareAlerts orders the deadlines strictly (no contract has
// two of the same day and kind), so which ones are kept does not depend
// on the order they come in.
type soonestAlerts struct {
	n      int
	alerts []Alert
	more   int
	// trimmed says alerts[n-1] is the n-th soonest of those added so far:
	// an alert after it is only counted.
	trimmed bool
}

func (s *soonestAlerts) add(a Alert) {
	if s.trimmed && CompareAlerts(a, s.alerts[s.n-1]) > 0 {
		s.more++
		return
	}
	s.alerts = append(s.alerts, a)
	if len(s.alerts) >= 2*s.n {
		s.trim()
	}
}

// trim sorts the alerts kept and drops all but the n soonest.
func (s *soonestAlerts) trim() {
	slices.SortFunc(s.alerts, CompareAlerts)
	if len(s.alerts) > s.n {
		s.more += len(s.alerts) - s.n
		clear(s.alerts[s.n:])
		s.alerts = s.alerts[:s.n]
	}
	s.trimmed = len(s.alerts) == s.n && s.n > 0
}

// errLateContract says that a pass read a contract of an organization
// it had already handed over: the register changed after its contracts
// were counted.
var errLateContract = errors.New("a contract of an organization already summarized: the register changed during the pass")

// passOptions say what a dependency pass gathers beside the
// organizations' summaries.
type passOptions struct {
	// markets adds up the spend per organization × category × vendor
	// group, for the cooperative's concentration.
	markets bool
	// soonest, when above 0, keeps only that many of the soonest
	// deadlines of all organizations instead of every organization's.
	soonest int
	// expected, when set, is the number of contracts per organization
	// code the pass is to read: when an id range has read all of an
	// organization's contracts, the pass hands what it gathered to done
	// (from the range's goroutine) and lets it go, rather than keeping
	// every organization's contracts in force to the end. Where each
	// organization's contracts were entered together, so that their ids
	// lie close together (the national demo set: 18 MiB at the peak of the
	// cooperative report instead of 80), the pass holds a few
	// organizations at a time. An organization
	// split over two ranges, or with fewer contracts than expected, is
	// left in the result. A contract of an organization already handed
	// over makes the pass return errLateContract.
	expected map[string]int
	done     func(code string, o *orgDependency)
}

// dependencyPassResult is what a dependency pass gathered.
type dependencyPassResult struct {
	// orgs holds per organization code what its summary is computed from,
	// for the organizations not handed over during the pass.
	orgs    map[string]*orgDependency
	markets *marketSpend
	soonest soonestAlerts
}

// of returns what the pass gathered of the organization code; an
// organization without contracts has nothing.
func (p *dependencyPassResult) of(code string) *orgDependency {
	if o := p.orgs[code]; o != nil {
		return o
	}
	return newOrgDependency(nil)
}

// dependencyPass reads the contracts f selects once and gathers, per
// organization code, what their dependency summaries are computed from,
// and what opts ask beside it.
func (s *Service) dependencyPass(ctx context.Context, f SpendFilter, year int, today Date, opts passOptions) (*dependencyPassResult, error) {
	until := today.AddMonths(DependencyDeadlineMonths)
	// Each contract's spend of the year comes from the maintained spend
	// model when it holds the year, and its licence lines stay unread.
	holds, err := s.store.SpendModelHolds(ctx, s.spendModel(today, year, year))
	if err != nil {
		return nil, err
	}
	if holds {
		f.ModelYear = year
	}
	f.StoredFor, f.StoredUntil = today, until
	type acc struct {
		orgs    map[string]*orgDependency
		cells   marketCells
		soonest *soonestAlerts
	}
	var (
		mu           sync.Mutex
		handedOver   = map[string]bool{}
		lateContract bool
	)
	parts, err := spendPass(ctx, s.store, f, func() *acc {
		a := &acc{orgs: map[string]*orgDependency{}}
		if opts.markets {
			a.cells = marketCells{}
		}
		if opts.soonest > 0 {
			a.soonest = &soonestAlerts{n: opts.soonest}
		}
		return a
	}, func(a *acc, sc SpendContract) {
		amount := sc.ModelSpend.Total()
		if f.ModelYear == 0 {
			amount = ContractYearSpend(sc.Contract, sc.Lines, year, today, s.opts.Index)
		}
		o := a.orgs[sc.Organization]
		if o == nil {
			if opts.expected != nil {
				mu.Lock()
				lateContract = lateContract || handedOver[sc.Organization]
				mu.Unlock()
			}
			o = newOrgDependency(a.soonest)
			a.orgs[sc.Organization] = o
		}
		o.add(sc, amount, today, until)
		if a.cells != nil {
			a.cells.add(sc, amount)
		}
		if opts.expected != nil && o.read == opts.expected[sc.Organization] {
			delete(a.orgs, sc.Organization)
			mu.Lock()
			handedOver[sc.Organization] = true
			late := lateContract
			mu.Unlock()
			if !late {
				opts.done(sc.Organization, o)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	if lateContract {
		return nil, errLateContract
	}
	out := &dependencyPassResult{orgs: map[string]*orgDependency{}, soonest: soonestAlerts{n: opts.soonest}}
	cells := make([]marketCells, 0, len(parts))
	for _, p := range parts {
		for code, o := range p.orgs {
			if cur := out.orgs[code]; cur != nil {
				cur.merge(o)
			} else {
				out.orgs[code] = o
			}
		}
		cells = append(cells, p.cells)
		if p.soonest != nil {
			out.soonest.alerts = append(out.soonest.alerts, p.soonest.alerts...)
			out.soonest.more += p.soonest.more
		}
	}
	if opts.soonest > 0 {
		out.soonest.trim()
	}
	if opts.markets {
		out.markets = mergeMarkets(cells)
	}
	return out, nil
}
