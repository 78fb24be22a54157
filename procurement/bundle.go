package procurement

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// MaxWindowMonths is the widest window of needed starts a bundle may span.
const MaxWindowMonths = 60

// Bundling configures the bundler (DESIGN §4, bundling). Every money,
// discount and term figure is an assumption that each suggestion shows as
// such.
type Bundling struct {
	// WindowMonths is the default window of needed starts that can share
	// one joint tender: 18 months (DESIGN §4).
	WindowMonths int
	// HorizonMonths is how far ahead of today the bundler looks for needed
	// starts: 36 months, so that one category can yield several bundles in
	// time. A horizon shorter than the window is widened to it.
	HorizonMonths int
	// MinParticipants is the smallest number of organizations a
	// suggestion has: 2 (one organization alone is no joint tender).
	MinParticipants int
	// TermMonths, Options and OptionMonths are the suggested contract term:
	// 36 months plus 1 option of 12, so that the framework agreement stays
	// within the four years of Aw 2012 art. 2.140. Options and
	// OptionMonths both zero mean unset (the default); for no options set
	// OptionMonths alone.
	TermMonths   int
	Options      int
	OptionMonths int
	// CostPerTender is the assumed transaction cost of one tender for one
	// organization, in cents.
	CostPerTender int64
	// JointCostPerParticipant is the assumed cost per participant of
	// joining a joint tender (collecting demand, the mandate), in cents.
	JointCostPerParticipant int64
	// VolumeDiscountBasisPoints is the assumed price advantage of the
	// joint volume (500 = 5 %).
	VolumeDiscountBasisPoints int
}

// DefaultBundling returns the default bundler settings; every money and
// discount figure is an assumption shown as such.
func DefaultBundling() Bundling {
	return Bundling{
		WindowMonths: 18, HorizonMonths: 36, MinParticipants: 2,
		TermMonths: 36, Options: 1, OptionMonths: 12,
		CostPerTender: 2_500_000, JointCostPerParticipant: 250_000, VolumeDiscountBasisPoints: 500,
	}
}

// withDefaults fills the fields whose zero value is meaningless (a window,
// horizon, term or option length of zero) from DefaultBundling, so that a
// configuration that sets only some fields still works.
func (b Bundling) withDefaults() Bundling {
	d := DefaultBundling()
	if b == (Bundling{}) {
		return d
	}
	if b.WindowMonths == 0 {
		b.WindowMonths = d.WindowMonths
	}
	if b.HorizonMonths == 0 {
		b.HorizonMonths = d.HorizonMonths
	}
	if b.MinParticipants == 0 {
		b.MinParticipants = d.MinParticipants
	}
	if b.TermMonths == 0 {
		b.TermMonths = d.TermMonths
	}
	if b.Options == 0 && b.OptionMonths == 0 {
		// Unset; a configuration without options sets only OptionMonths.
		b.Options, b.OptionMonths = d.Options, d.OptionMonths
	}
	if b.OptionMonths == 0 {
		b.OptionMonths = d.OptionMonths
	}
	return b
}

// Validate reports every problem with b as apperr.FieldErrors, with fields
// prefixed "bundling.". The suggested term with its options may not exceed
// the four years of a framework agreement (Aw 2012 art. 2.140).
func (b Bundling) Validate() error {
	var fe apperr.FieldErrors
	if b.WindowMonths < 1 || b.WindowMonths > MaxWindowMonths {
		fe.Add("bundling.windowMonths", apperr.RangeMonths, 1, MaxWindowMonths, b.WindowMonths)
	}
	if b.HorizonMonths < 1 || b.HorizonMonths > 120 {
		fe.Add("bundling.horizonMonths", apperr.RangeMonths, 1, 120, b.HorizonMonths)
	}
	if b.MinParticipants < 2 {
		fe.Add("bundling.minParticipants", apperr.AtLeast, 2)
	}
	if b.TermMonths < 1 {
		fe.Add("bundling.termMonths", apperr.AtLeast, 1)
	}
	if b.Options < 0 || b.Options > 10 {
		fe.Add("bundling.options", apperr.Range, 0, 10, b.Options)
	}
	if b.OptionMonths < 1 || b.OptionMonths > 60 {
		fe.Add("bundling.optionMonths", apperr.RangeMonths, 1, 60, b.OptionMonths)
	}
	if b.TermMonths >= 1 && b.Options >= 0 && b.TermMonths+b.Options*b.OptionMonths > FrameworkMaxMonths {
		fe.Add("bundling.termMonths", apperr.FrameworkTooLong, FrameworkMaxMonths, b.TermMonths+b.Options*b.OptionMonths)
	}
	if b.CostPerTender < 0 {
		fe.Add("bundling.costPerTender", apperr.Negative, b.CostPerTender)
	}
	if b.JointCostPerParticipant < 0 {
		fe.Add("bundling.jointCostPerParticipant", apperr.Negative, b.JointCostPerParticipant)
	}
	if b.VolumeDiscountBasisPoints < 0 || b.VolumeDiscountBasisPoints > 10_000 {
		fe.Add("bundling.volumeDiscountBasisPoints", apperr.Range, 0, 10_000, b.VolumeDiscountBasisPoints)
	}
	return fe.Err()
}

// options returns the suggested options.
func (b Bundling) options() []Option {
	out := make([]Option, b.Options)
	for i := range out {
		out[i] = Option{Months: b.OptionMonths}
	}
	return out
}

// ValidateWindow checks a bundling window in months: 1 to MaxWindowMonths.
// The error is apperr.FieldErrors on "window".
func ValidateWindow(months int) error {
	if months < 1 || months > MaxWindowMonths {
		return apperr.FieldProblem("window", apperr.RangeMonths, 1, MaxWindowMonths, months)
	}
	return nil
}

// Grouping says how the bundler splits a category's candidates before it
// clusters them in time.
type Grouping string

// The groupings.
const (
	// GroupNone bundles every organization of a category together.
	GroupNone Grouping = ""
	// GroupRegion bundles per region (kring).
	GroupRegion Grouping = "region"
	// GroupCooperation bundles per cooperation; an organization in two
	// cooperations is a candidate in both.
	GroupCooperation Grouping = "cooperation"
)

// Groupings returns the groupings.
func Groupings() []Grouping { return []Grouping{GroupNone, GroupRegion, GroupCooperation} }

// Valid reports whether g is a known grouping.
func (g Grouping) Valid() bool { return g == GroupNone || g == GroupRegion || g == GroupCooperation }

// NeedSource says where a candidate's needed start comes from.
type NeedSource string

// The need sources.
const (
	// NeedContract: the day after the current contract's committed end.
	NeedContract NeedSource = "contract"
	// NeedDemand: the desired start of registered demand.
	NeedDemand NeedSource = "demand"
)

// NeedSources returns the need sources.
func NeedSources() []NeedSource { return []NeedSource{NeedContract, NeedDemand} }

// Candidate is one organization that needs a new contract in a category
// within the horizon.
type Candidate struct {
	Organization string
	Name         string
	Kind         contracts.OrgKind
	Province     string
	Region       string
	Cooperations []string
	Population   int
	// NeededStart is the first day the organization needs the new
	// contract: its current contract's committed end + 1 day (a tacit
	// renewal whose notice deadline passed moves it a period on), or the
	// desired start of its registered demand.
	NeededStart contracts.Date
	Source      NeedSource
	// Contract is the current contract whose end sets the need, or that
	// the demand replaces; its ID is 0 when there is none.
	Contract contracts.ContractSummary
	// CommittedEnd is the end of Contract the organization can no longer
	// avoid.
	CommittedEnd contracts.Date
	// DemandID is the registered demand the need comes from (0: none).
	DemandID int64
	// Annual sums the annual values of the organization's needs within the
	// window from NeededStart: contracts' annual values, demand budgets.
	Annual contracts.Money
	// Groups splits Annual by CPV group (the first three digits), by
	// group.
	Groups []GroupVolume
	// Quantity and Unit come from registered demand, when there is one.
	Quantity int64
	Unit     string
}

// GroupVolume is an annual value within one CPV group.
type GroupVolume struct {
	Group  string
	Annual contracts.Money
}

// need is one contract or demand that asks for a new contract.
type need struct {
	start    contracts.Date
	source   NeedSource
	contract int // index in BundleInput.rows (and Contracts), or -1
	demand   int // index in BundleInput.Demands, or -1
	annual   contracts.Money
	group    string
}

// BundleInput is what the bundler reads for one category.
type BundleInput struct {
	Category contracts.Category
	// Contracts are the category's contracts in the register (terminated
	// ones may be left out); Demands its registered demand.
	Contracts []contracts.ContractSummary
	Demands   []Demand
	// Organizations holds, by code, every buyer in Contracts and Demands
	// and the cooperations they belong to (for their names).
	Organizations map[string]contracts.Organization
	// Engaged holds the organizations that already take part in a joint
	// tender of the category that has not yet led to contracts (draft up
	// to awarded), with that tender's id: they are no candidates.
	Engaged map[string]int64
	Today   contracts.Date
	// WindowMonths is the span of needed starts one bundle may cover
	// (1–MaxWindowMonths).
	WindowMonths int
	Grouping     Grouping
	// Region, when set, keeps only the organizations of that region.
	Region   string
	Settings Bundling
	Rules    Rules
	// Bands are the procurement-policy bands the procedure is determined
	// with below the threshold (the lead authority is not chosen yet).
	Bands PolicyBands
	// Words title the draft tender and its lots and name the group.
	Words Words

	// rows hold what the bundler selects on of each contract, for Today:
	// made from Contracts (withDates), or, when the service read the
	// contracts in two steps (bundleContractRows), without the rest of
	// each contract; load then reads that rest into details for the
	// contracts a suggestion can show (withDetails), and Contracts stays
	// empty.
	rows    []bundleRow
	load    func(ids []int64) ([]contracts.ContractSummary, error)
	details map[int64]contracts.ContractSummary
	// currentAt is currentContracts(), once withDetails computed it.
	currentAt map[string]int
}

// BundleContract is what the bundler reads first of each contract of a
// category (the store's BundleContracts): what it finds the candidates and
// the current contracts with. The rest of a contract it reads only for the
// contracts a suggestion shows.
type BundleContract struct {
	ID           int64
	Organization string
	Status       contracts.ContractStatus
	AnnualValue  contracts.Money
	CPV          string
	// CommittedEnd and FinalEnd are two of the dates the store keeps of
	// the contract, computed for the day DatesAsOf.
	DatesAsOf    contracts.Date
	CommittedEnd contracts.Date
	FinalEnd     contracts.Date
	// Terms are the contract's terms when DatesAsOf is not the day the
	// bundler asked for: it computes the dates from them (nil otherwise).
	Terms *contracts.Contract
}

// bundleRow is what the bundler selects on of one contract, its dates for
// the bundler's day (for an active contract only).
type bundleRow struct {
	id           int64
	organization string
	categoryID   int64
	status       contracts.ContractStatus
	annual       contracts.Money
	cpv          string
	committedEnd contracts.Date
	expired      bool
}

// withDates computes the rows of Contracts for today, once; an input read
// in two steps has its rows already.
func (in BundleInput) withDates() BundleInput {
	if in.load != nil || len(in.rows) == len(in.Contracts) {
		return in
	}
	in.rows = make([]bundleRow, len(in.Contracts))
	for i, c := range in.Contracts {
		r := bundleRow{id: c.ID, organization: c.Organization, categoryID: c.CategoryID, status: c.Status, annual: c.AnnualValue, cpv: c.CPV}
		if c.Status == contracts.StatusActive {
			d := c.Contract.Dates(in.Today)
			r.committedEnd, r.expired = d.CommittedEnd, d.Expired
		}
		in.rows[i] = r
	}
	return in
}

// bundleContractRows turns the contracts of category categoryID as the
// store first read them into rows for today. The dates the store keeps of
// a contract are Contract.Dates computed for the row's day, so they are
// today's only when that day is today; the others' come from their terms.
func bundleContractRows(list []BundleContract, categoryID int64, today contracts.Date) ([]bundleRow, error) {
	rows := make([]bundleRow, len(list))
	for i, c := range list {
		r := bundleRow{id: c.ID, organization: c.Organization, categoryID: categoryID, status: c.Status, annual: c.AnnualValue, cpv: c.CPV}
		switch {
		case c.Status != contracts.StatusActive:
		case c.DatesAsOf == today:
			r.committedEnd, r.expired = c.CommittedEnd, !c.FinalEnd.IsZero() && today.After(c.FinalEnd)
		case c.Terms == nil:
			return nil, fmt.Errorf("contract %d: dates stored for %s, and no terms to compute those for %s", c.ID, c.DatesAsOf, today)
		default:
			d := c.Terms.Dates(today)
			r.committedEnd, r.expired = d.CommittedEnd, d.Expired
		}
		rows[i] = r
	}
	return rows, nil
}

// summary returns the contract of row i as CategoryContracts reads it:
// from Contracts, or for an input read in two steps from the details
// withDetails read; false when those do not hold it.
func (in BundleInput) summary(i int) (contracts.ContractSummary, bool) {
	if in.load == nil {
		return in.Contracts[i], true
	}
	c, ok := in.details[in.rows[i].id]
	return c, ok
}

// withDetails reads, for an input read in two steps, the contracts the
// suggestions can show, by the organizations' needs (in.needs()): each
// organization's first contract need within the window (its candidate's
// Contract) and its current contract (currentContracts). The rows and
// the details are two reads, as the category's contracts, demand and
// tenders always were: a contract written between them is a new data
// version, for which the category is computed again (bundle_changes.go).
func (in BundleInput) withDetails(needs map[string][]need) (BundleInput, error) {
	if in.load == nil {
		return in, nil
	}
	in.currentAt = in.currentContracts()
	ids := make([]int64, 0, 2*len(needs))
	for code, ns := range needs {
		for _, n := range in.inWindow(ns) {
			if n.contract >= 0 {
				ids = append(ids, in.rows[n.contract].id)
				break
			}
		}
		if i, ok := in.currentAt[code]; ok {
			ids = append(ids, in.rows[i].id)
		}
	}
	slices.Sort(ids)
	list, err := in.load(slices.Compact(ids))
	if err != nil {
		return in, err
	}
	in.details = make(map[int64]contracts.ContractSummary, len(list))
	for _, c := range list {
		in.details[c.ID] = c
	}
	return in, nil
}

// horizonEnd is the first day after the bundler's horizon.
func (in BundleInput) horizonEnd() contracts.Date {
	return in.Today.AddMonths(max(in.Settings.HorizonMonths, in.WindowMonths))
}

// bundleCPVGroup returns the CPV group (first three digits) of code, or of the
// category's first code when code is empty.
func bundleCPVGroup(code string, c contracts.Category) string {
	if len(code) < 3 && len(c.CPV) > 0 {
		code = c.CPV[0]
	}
	if len(code) < 3 {
		return ""
	}
	return code[:3]
}

// Candidates returns the organizations that need a new contract in the
// category with a needed start from today up to the horizon (DESIGN §4,
// bundling), ordered by needed start, then code:
//
//   - an active contract that has not expired needs a successor from its
//     committed end + 1 day, as contracts.Contract.Dates computes it: a
//     tacit renewal whose notice deadline has passed commits the
//     organization to one more period, and an express option is not
//     assumed to be exercised (the contract ends at its current end
//     unless an option is decided; the bridge check shows the options);
//   - registered demand that is not withdrawn (draft or submitted) needs
//     its desired start; when it replaces a contract, that contract's own
//     end no longer counts, the organization has said when it needs the
//     successor;
//   - per organization the earliest need sets the needed start, and the
//     needs within the window from it add up to its annual value (later
//     needs are the next tender's).
//
// Draft contracts are not in force and do not count, and neither do the
// organizations already engaged in a joint tender of the category
// (BundleInput.Engaged): their successor is being tendered.
func Candidates(in BundleInput) []Candidate {
	in = in.withDates()
	return in.candidates(in.needs())
}

// needs returns the needs of each organization that is not engaged, in
// the order the first of them decides (orderNeeds).
func (in BundleInput) needs() map[string][]need {
	today, end := in.Today, in.horizonEnd()
	inHorizon := func(d contracts.Date) bool { return !d.Before(today) && d.Before(end) }
	replaced := map[int64]bool{}
	for _, d := range in.Demands {
		if d.Status != DemandWithdrawn && d.ReplacesContractID != 0 {
			replaced[d.ReplacesContractID] = true
		}
	}
	byID := make(map[int64]int, len(in.rows))
	needs := map[string][]need{}
	for i, c := range in.rows {
		byID[c.id] = i
		if c.status != contracts.StatusActive || replaced[c.id] || (in.Category.ID != 0 && c.categoryID != in.Category.ID) {
			continue
		}
		if c.expired {
			continue
		}
		start := c.committedEnd.AddDays(1)
		if !inHorizon(start) {
			continue
		}
		needs[c.organization] = append(needs[c.organization], need{
			start: start, source: NeedContract, contract: i, demand: -1,
			annual: c.annual, group: bundleCPVGroup(c.cpv, in.Category),
		})
	}
	for i, d := range in.Demands {
		if d.Status == DemandWithdrawn || (in.Category.ID != 0 && d.CategoryID != in.Category.ID) || !inHorizon(d.DesiredStart) {
			continue
		}
		n := need{start: d.DesiredStart, source: NeedDemand, contract: -1, demand: i, annual: d.AnnualBudget, group: bundleCPVGroup("", in.Category)}
		if ci, ok := byID[d.ReplacesContractID]; ok && d.ReplacesContractID != 0 {
			n.contract = ci
			n.group = bundleCPVGroup(in.rows[ci].cpv, in.Category)
			if n.annual == 0 {
				n.annual = in.rows[ci].annual
			}
		}
		needs[d.Organization] = append(needs[d.Organization], n)
	}
	for code, ns := range needs {
		if _, ok := in.Engaged[code]; ok {
			delete(needs, code)
			continue
		}
		orderNeeds(ns)
	}
	return needs
}

// candidates folds each organization's needs into its Candidate, ordered
// by needed start, then code.
func (in BundleInput) candidates(needs map[string][]need) []Candidate {
	out := make([]Candidate, 0, len(needs))
	for code, ns := range needs {
		out = append(out, in.candidate(code, ns))
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if c := bundleDateOrder(a.NeededStart, b.NeededStart); c != 0 {
			return c
		}
		return cmp.Compare(a.Organization, b.Organization)
	})
	return out
}

// orderNeeds orders one organization's needs by start; on the same day
// demand first, the organization said itself when it needs the contract.
func orderNeeds(ns []need) {
	slices.SortFunc(ns, func(a, b need) int {
		if c := bundleDateOrder(a.start, b.start); c != 0 {
			return c
		}
		if ad, bd := a.demand >= 0, b.demand >= 0; ad != bd {
			if ad {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.contract, b.contract)
	})
}

// inWindow returns the needs of ns (ordered) that start within the window
// from the first: they add up to the candidate, the later ones are the
// next tender's.
func (in BundleInput) inWindow(ns []need) []need {
	last := ns[0].start.AddMonths(in.WindowMonths)
	for i, n := range ns {
		if !n.start.Before(last) {
			return ns[:i]
		}
	}
	return ns
}

// candidate folds one organization's ordered needs into a Candidate.
func (in BundleInput) candidate(code string, ns []need) Candidate {
	first := ns[0]
	o, ok := in.Organizations[code]
	if !ok {
		o = contracts.Organization{Code: code, Name: code}
	}
	c := Candidate{
		Organization: code, Name: o.Name, Kind: o.Kind, Province: o.Province, Region: o.Region,
		Cooperations: o.Cooperations, Population: o.Population,
		NeededStart: first.start, Source: first.source,
	}
	groups := map[string]contracts.Money{}
	taken := false
	for _, n := range in.inWindow(ns) {
		c.Annual += n.annual
		groups[n.group] += n.annual
		if n.contract >= 0 && !taken {
			// The first contract need's, also when its row was deleted
			// before the rest of it was read (no later one takes over).
			c.Contract, _ = in.summary(n.contract)
			c.CommittedEnd, taken = in.rows[n.contract].committedEnd, true
		}
		if n.demand >= 0 {
			d := in.Demands[n.demand]
			if c.DemandID == 0 {
				c.DemandID = d.ID
			}
			if c.Unit == "" || c.Unit == d.Unit {
				c.Unit = d.Unit
				c.Quantity += d.Quantity
			}
		}
	}
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		c.Groups = append(c.Groups, GroupVolume{Group: g, Annual: groups[g]})
	}
	return c
}

// Cluster is a set of candidates whose needed starts lie within one
// window, in one group.
type Cluster struct {
	Grouping Grouping
	// Group is the region name or the cooperation code ("" when not
	// grouped, or for the organizations without one); GroupName names it
	// ("" for the organizations without one: Words.Ungrouped names them).
	Group      string
	GroupName  string
	Candidates []Candidate
}

// Clusters splits candidates (ordered by needed start) into groups and
// then, per group, greedily in time: a cluster opens at the earliest
// needed start not yet taken and takes every later candidate whose needed
// start lies before that start + window months (so a cluster spans less
// than the window). One category thus yields several bundles in time.
// Groups come in order of their key, clusters within a group in time.
func Clusters(cands []Candidate, window int, grouping Grouping, orgs map[string]contracts.Organization) []Cluster {
	byGroup := map[string][]Candidate{}
	for _, c := range cands {
		switch grouping {
		case GroupRegion:
			byGroup[c.Region] = append(byGroup[c.Region], c)
		case GroupCooperation:
			if len(c.Cooperations) == 0 {
				byGroup[""] = append(byGroup[""], c)
			}
			for _, code := range c.Cooperations {
				byGroup[code] = append(byGroup[code], c)
			}
		default:
			byGroup[""] = append(byGroup[""], c)
		}
	}
	var out []Cluster
	for _, g := range slices.Sorted(maps.Keys(byGroup)) {
		list := byGroup[g]
		for i := 0; i < len(list); {
			limit := list[i].NeededStart.AddMonths(window)
			j := i + 1
			for j < len(list) && list[j].NeededStart.Before(limit) {
				j++
			}
			out = append(out, Cluster{Grouping: grouping, Group: g, GroupName: bundleGroupName(grouping, g, orgs), Candidates: list[i:j]})
			i = j
		}
	}
	return out
}

// bundleGroupName names a group: the region, or the cooperation's name.
// The organizations without one have no name here (Words.Ungrouped).
func bundleGroupName(grouping Grouping, group string, orgs map[string]contracts.Organization) string {
	switch grouping {
	case GroupRegion:
		return group
	case GroupCooperation:
		if o, ok := orgs[group]; ok && o.Name != "" {
			return o.Name
		}
		return group
	}
	return ""
}
