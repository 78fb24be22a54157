package contracts

import (
	"cmp"
	"slices"
	"strconv"
)

// The cooperative dependency report from the store's sums (issue 15).
// Every figure of the report per organization is a sum over its cells, an
// organization's contracts with one vendor in one category: the spend of
// the year and the contracts with spend (the spend model's cells), the
// earliest start the lock-in tenure counts from, the exit readiness and
// the exit facts of the contracts in force. The store adds them up in SQL
// (DependencyReader.DependencyCells), some 15,000 rows at national scale
// instead of every contract. Only the lock-in list needs contracts one by
// one, and only the few that can reach it: the cells bound the scores of
// their contracts in force from below and above (dependencyPlan), and
// the store reads only the contracts of the cells whose upper bound
// reaches the lowest score the list can end on.

// DependencyCellQuery asks the store for the sums of the cooperative
// dependency report.
type DependencyCellQuery struct {
	// Model is the spend model the sums need: its year (From, To) is the
	// report's; AsOf is today, the day the stored dates must be of.
	Model SpendModelQuery
	// Weights score a contract's stored terms (DependencyCell.MaxStatic,
	// DependencyCandidates.MinStatic): the points of LockIn's factors
	// other than tenure and vendor share.
	Weights LockInWeights
}

// DependencyCell is what the cooperative dependency report reads of one
// organization's contracts with one vendor in one category (0: none).
type DependencyCell struct {
	Organization     string
	OrganizationName string
	VendorID         int64
	VendorGroupID    int64
	VendorGroupName  string
	CategoryID       int64
	CategoryName     string
	// Spend is their spend in the year from the spend model, and
	// Contracts counts those with spend.
	Spend     Money
	Contracts int
	// Earliest is the earliest start of those in any status but draft;
	// zero when all are drafts.
	Earliest Date
	// Ready is the spend under contracts with an exit plan and open data,
	// and ReadyContracts counts them (with spend).
	Ready          Money
	ReadyContracts int
	// InForce counts the active contracts that have not expired, and the
	// other counts the exit facts among them (ExitSummary).
	InForce, ExitPlan, OpenData, Continuity, SourceRights, BusinessCritical, CriticalWithoutContinuity int
	// MaxStatic is the most points of the weights' static factors
	// (LockIn's factors but tenure and vendor share) of a contract in
	// force; meaningless when InForce is 0.
	MaxStatic int
}

// DependencyCandidates says which contracts in force the store reads
// whole for the lock-in list: those of Organizations (all when nil)
// with at least MinStatic points of the static factors.
type DependencyCandidates struct {
	Organizations []string
	MinStatic     int
}

// DependencyCandidate is a contract in force read for the lock-in list:
// what its ContractLockIn shows (without tenure, vendor share and score),
// with its spend in the year from the model, and the terms its score
// reads.
type DependencyCandidate struct {
	ContractLockIn
	Organization string
	Start        Date
	Exit         ExitFacts
	RenewalKind  RenewalKind
	NoticeGiven  Date
}

// DependencyCellRead is what DependencyReader.DependencyCells read, in one
// snapshot.
type DependencyCellRead struct {
	// Unfit says the spend model does not hold the query or some stored
	// dates are not of its day: nothing else was read.
	Unfit      bool
	Cells      []DependencyCell
	Candidates []DependencyCandidate
}

// cellOrg is what the cells give of one organization's summary.
type cellOrg struct {
	groups   map[int64]*VendorDependency
	earliest map[tenureKey]Date
	exit     ExitSummary
	shareOf  map[int64]int
	// bounds are the lower bounds of the scores of distinct contracts in
	// force, one per cell.
	bounds []int
}

// dependencyPlan gathers the cells of the organizations of a report and
// decides which contracts in force can reach its lock-in list.
type dependencyPlan struct {
	today   Date
	weights LockInWeights
	orgs    map[string]*cellOrg
	markets *marketSpend
}

// newDependencyPlan adds up cells per organization of orgs (every cell
// counts in the markets, as in the pass over the register).
func newDependencyPlan(cells []DependencyCell, orgs map[string]Organization, today Date, weights LockInWeights) *dependencyPlan {
	p := &dependencyPlan{today: today, weights: weights, orgs: map[string]*cellOrg{}, markets: newMarketSpend()}
	for _, c := range cells {
		if c.Contracts > 0 {
			k := marketKey{c.Organization, c.CategoryID, c.VendorGroupID}
			p.markets.amounts[k] = SatAdd(p.markets.amounts[k], c.Spend)
			p.markets.groups[k.group], p.markets.categories[k.category], p.markets.orgNames[k.org] = c.VendorGroupName, c.CategoryName, c.OrganizationName
		}
		if _, ok := orgs[c.Organization]; !ok {
			continue // added after the organizations were read
		}
		o := p.orgs[c.Organization]
		if o == nil {
			o = &cellOrg{groups: map[int64]*VendorDependency{}, earliest: map[tenureKey]Date{}}
			p.orgs[c.Organization] = o
		}
		if c.Contracts > 0 {
			g := o.groups[c.VendorGroupID]
			if g == nil {
				g = &VendorDependency{GroupID: c.VendorGroupID, GroupName: c.VendorGroupName}
				o.groups[c.VendorGroupID] = g
			}
			g.Amount = SatAdd(g.Amount, c.Spend)
			g.Contracts += c.Contracts
		}
		if c.CategoryID != 0 && !c.Earliest.IsZero() {
			k := tenureKey{c.VendorGroupID, c.CategoryID}
			if e, ok := o.earliest[k]; !ok || c.Earliest.Before(e) {
				o.earliest[k] = c.Earliest
			}
		}
		o.exit.add(ExitSummary{ExitReadiness: ExitReadiness{Ready: c.Ready, Total: c.Spend, ReadyContracts: c.ReadyContracts, Contracts: c.Contracts},
			InForce: c.InForce, ExitPlan: c.ExitPlan, OpenData: c.OpenData, Continuity: c.Continuity, SourceRights: c.SourceRights,
			BusinessCritical: c.BusinessCritical, CriticalWithoutContinuity: c.CriticalWithoutContinuity})
	}
	for _, o := range p.orgs {
		// The vendor shares as orgDependency.summary computes them.
		shares := make([]Share, 0, len(o.groups))
		for _, g := range o.groups {
			shares = append(shares, Share{Key: strconv.FormatInt(g.GroupID, 10), Label: g.GroupName, Amount: g.Amount})
		}
		o.shareOf = map[int64]int{}
		for _, sh := range ConcentrationOf(shares).Shares {
			id, _ := strconv.ParseInt(sh.Key, 10, 64)
			o.shareOf[id] = sh.BasisPoints
		}
	}
	return p
}

// tenurePoints and sharePoints are the points of LockIn's tenure and
// vendor share factors.
func (p *dependencyPlan) tenurePoints(years int) int {
	return int(mulDivRound(int64(p.weights.Tenure), int64(min(max(years, 0), tenureCapYears)), 1, tenureCapYears))
}

func (p *dependencyPlan) sharePoints(bp int) int {
	return int(mulDivRound(int64(p.weights.VendorShare), int64(min(max(bp, 0), 10_000)), 1, 10_000))
}

// cellBounds returns bounds of the scores of the contracts in force of
// cell c: at least one scores low or more, none more than high, and none
// more than its own static points + dynamic. The tenure is the cell's
// (unknown without a category, which counts from the contract's own
// start), the static points at most c.MaxStatic. Neither bound is
// clamped to 100 (the score is).
func (p *dependencyPlan) cellBounds(o *cellOrg, c DependencyCell) (low, high, dynamic int) {
	share := p.sharePoints(o.shareOf[c.VendorGroupID])
	tenureLow, tenureHigh := 0, p.tenurePoints(tenureCapYears)
	if c.CategoryID != 0 {
		tenureLow = p.tenurePoints(fullYears(o.earliest[tenureKey{c.VendorGroupID, c.CategoryID}], p.today))
		tenureHigh = tenureLow
	}
	return c.MaxStatic + tenureLow + share, c.MaxStatic + tenureHigh + share, tenureHigh + share
}

// candidates decides which contracts in force to read. Each cell with
// contracts in force has one whose score is at least the cell's lower
// bound; an organization lists its DependencyLockInTop best and the
// report the DependencyLockInListed best of those, so the report's last
// score is at least floor, the DependencyLockInListed-th of every
// organization's DependencyLockInTop best lower bounds. A contract
// scoring below floor cannot be listed, nor displace one scoring at
// least floor from its organization's list: only the cells whose upper
// bound reaches floor are read, and of them only the contracts with
// enough static points to reach it.
func (p *dependencyPlan) candidates(cells []DependencyCell) DependencyCandidates {
	for _, c := range cells {
		if o := p.orgs[c.Organization]; o != nil && c.InForce > 0 {
			low, _, _ := p.cellBounds(o, c)
			o.bounds = append(o.bounds, min(low, 100))
		}
	}
	var best []int
	for _, o := range p.orgs {
		slices.SortFunc(o.bounds, func(a, b int) int { return cmp.Compare(b, a) })
		best = append(best, o.bounds[:min(len(o.bounds), DependencyLockInTop)]...)
	}
	if len(best) < DependencyLockInListed {
		return DependencyCandidates{}
	}
	slices.SortFunc(best, func(a, b int) int { return cmp.Compare(b, a) })
	floor := best[DependencyLockInListed-1]
	live := map[string]bool{}
	minStatic := floor
	for _, c := range cells {
		o := p.orgs[c.Organization]
		if o == nil || c.InForce == 0 {
			continue
		}
		if _, high, dynamic := p.cellBounds(o, c); high >= floor {
			live[c.Organization] = true
			minStatic = min(minStatic, floor-dynamic)
		}
	}
	out := DependencyCandidates{MinStatic: max(minStatic, 0)}
	if len(live) <= maxCandidateOrganizations {
		out.Organizations = make([]string, 0, len(live))
		for code := range live {
			out.Organizations = append(out.Organizations, code)
		}
		slices.Sort(out.Organizations)
	}
	return out
}

// maxCandidateOrganizations is the most organizations whose contracts
// the candidates are read by; beyond it every organization's are.
const maxCandidateOrganizations = 200

// lockIn returns each organization's DependencyLockInTop contracts by
// lock-in among the candidates, scored as orgDependency.summary scores
// them, with the organization's name.
func (p *dependencyPlan) lockIn(candidates []DependencyCandidate, orgs map[string]Organization) []DependencyLockIn {
	byOrg := map[string][]ContractLockIn{}
	byLockIn := func(a, b ContractLockIn) int {
		return cmp.Or(cmp.Compare(b.LockIn.Score, a.LockIn.Score), cmp.Compare(b.Spend, a.Spend), cmp.Compare(a.ContractID, b.ContractID))
	}
	terms := map[int64]Contract{}
	for _, c := range candidates {
		o := p.orgs[c.Organization]
		if o == nil {
			continue
		}
		start := c.Start
		if c.CategoryID != 0 {
			start = o.earliest[tenureKey{c.GroupID, c.CategoryID}]
		}
		l := c.ContractLockIn
		l.TenureYears, l.VendorShareBP = fullYears(start, p.today), o.shareOf[c.GroupID]
		t := Contract{Exit: c.Exit, RenewalKind: c.RenewalKind, NoticeGivenOn: c.NoticeGiven}
		terms[c.ContractID] = t
		l.LockIn.Score = lockInScore(t, l.TenureYears, l.VendorShareBP, p.weights)
		byOrg[c.Organization] = append(byOrg[c.Organization], l)
	}
	var out []DependencyLockIn
	for code, ls := range byOrg {
		slices.SortFunc(ls, byLockIn)
		for _, l := range ls[:min(len(ls), DependencyLockInTop)] {
			l.LockIn = LockIn(terms[l.ContractID], l.TenureYears, l.VendorShareBP, p.weights)
			out = append(out, DependencyLockIn{OrganizationName: orgs[code].Name, ContractLockIn: l})
		}
	}
	return out
}
