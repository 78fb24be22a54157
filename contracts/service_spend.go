package contracts

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// This file holds the spend, dependency and concentration views (DESIGN
// §4, issue #6). Each view loads the contracts it needs once, through
// Store.EachSpendContract, and computes everything in Go with the rules of
// spend.go (ContractYearSpend), lockin.go (LockIn) and concentration.go
// (ConcentrationOf): SQL only loads.
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
}

// SpendGroupBy says what the rows of a spend report are.
type SpendGroupBy string

// The spend groupings.
const (
	// ByVendorGroup: one row per vendor group, subsidiaries rolled up.
	ByVendorGroup SpendGroupBy = "vendorGroup"
	// ByVendor: one row per vendor as contracted.
	ByVendor SpendGroupBy = "vendor"
	// ByCategory: one row per procurement category; contracts without a
	// category share the row with key "0".
	ByCategory SpendGroupBy = "category"
	// ByOrganization: one row per buying organization.
	ByOrganization SpendGroupBy = "organization"
)

// SpendGroupings returns the spend groupings.
func SpendGroupings() []SpendGroupBy {
	return []SpendGroupBy{ByVendorGroup, ByVendor, ByCategory, ByOrganization}
}

// Valid reports whether g is a known grouping.
func (g SpendGroupBy) Valid() bool { return slices.Contains(SpendGroupings(), g) }

// SpendQuery asks for the committed spend of one calendar year.
type SpendQuery struct {
	GroupBy SpendGroupBy
	// Year is the calendar year, MinYear–MaxYear.
	Year int
	// Organization narrows the report to one buyer ("" for every
	// organization in the caller's scope).
	Organization string
}

// SpendRow is one row of a spend report.
type SpendRow struct {
	// Key identifies the row: the id of the vendor group's top vendor, of
	// the vendor or of the category ("0": no category), or the
	// organization's code.
	Key   string
	Label string
	// Amount is the committed spend in the year, in cents.
	Amount Money
	// BasisPoints is the row's share of the report's total.
	BasisPoints int
	// Contracts counts the contracts with spend in the year.
	Contracts int
	// Population is the number of inhabitants PerInhabitant divides by:
	// the row's organization (ByOrganization) or the one organization the
	// report is about; 0 when there is none or it is unknown, and then
	// PerInhabitant is 0 too.
	Population    int
	PerInhabitant Money
}

// SpendReport is the committed spend of one calendar year, grouped.
type SpendReport struct {
	Year    int
	GroupBy SpendGroupBy
	// Organization is set when the report is about one organization.
	Organization Organization
	// AsOf is the day the renewals and notices were taken as they stand.
	AsOf Date
	// Index is the indexation applied (an assumption where a year has no
	// figure of its own; the pages say so).
	Index IndexRates
	// Rows are sorted by amount, highest first (ties by label, then key);
	// rows without spend in the year are left out.
	Rows  []SpendRow
	Total Money
	// Contracts counts the contracts with spend in the year.
	Contracts int
	// Population and PerInhabitant are set for a report about one
	// organization with a known population.
	Population    int
	PerInhabitant Money
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

// Spend returns the committed spend of q.Year grouped by q.GroupBy, for
// q.Organization or else every organization of scope, computed with
// ContractYearSpend for today. A bad year or grouping is
// apperr.FieldErrors (fields "year" and "groupBy"), an organization
// outside the scope apperr.Forbidden, an unknown one apperr.NotFound.
// Spend per inhabitant is given for organization rows and for a report
// about one organization.
func (s *Service) Spend(ctx context.Context, scope Scope, q SpendQuery) (SpendReport, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", q.Year)
	if !q.GroupBy.Valid() {
		fe.Add("groupBy", apperr.OneOf, apperr.Or("vendorGroup", "vendor", "category", "organization"), string(q.GroupBy))
	}
	if err := fe.Err(); err != nil {
		return SpendReport{}, err
	}
	reps, err := s.spendReports(ctx, scope, q.Organization, q.Year, 1, []SpendGroupBy{q.GroupBy})
	if err != nil {
		return SpendReport{}, err
	}
	return reps[q.GroupBy][0], nil
}

// SpendYears returns the reports of Spend for every grouping and each of
// years calendar years from from, computed in one pass over the register
// instead of one per grouping and year: the spend workbook's twenty
// reports. Errors are Spend's (the field "year" for a range outside
// MinYear–MaxYear).
func (s *Service) SpendYears(ctx context.Context, scope Scope, organization string, from, years int) (map[SpendGroupBy][]SpendReport, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", from)
	checkYear(&fe, "year", from+max(years, 1)-1)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return s.spendReports(ctx, scope, organization, from, max(years, 1), SpendGroupings())
}

// spendKey identifies one row of one report in a spendReports pass.
type spendKey struct {
	grouping int // index into the pass's groupings
	year     int // index from the first year
	row      rowKey
}

// spendReports computes the reports of years calendar years from from for
// each grouping in one pass: each contract's spend of a year is computed
// once (ContractYearSpend) and added to its row of every grouping.
func (s *Service) spendReports(ctx context.Context, scope Scope, organization string, from, years int, groupings []SpendGroupBy) (map[SpendGroupBy][]SpendReport, error) {
	today := s.Today()
	base := SpendReport{AsOf: today, Index: s.opts.Index}
	f := SpendFilter{Scope: scope, Lean: true}
	if organization != "" {
		o, err := s.scopedOrganization(ctx, scope, organization)
		if err != nil {
			return nil, fmt.Errorf("contracts: spend: %w", err)
		}
		base.Organization, base.Population = o, o.Population
		f.Organization = o.Code
	}
	type acc map[spendKey]*SpendRow
	parts, err := spendPass(ctx, s.store, f, func() acc { return acc{} }, func(rows acc, sc SpendContract) {
		for y := range years {
			amount := ContractYearSpend(sc.Contract, sc.Lines, from+y, today, s.opts.Index)
			if amount == 0 {
				continue
			}
			for gi, g := range groupings {
				k := spendKey{grouping: gi, year: y, row: rowKeyOf(g, sc)}
				r := rows[k]
				if r == nil {
					r = &SpendRow{Label: rowLabel(g, sc)}
					if g == ByOrganization {
						r.Population = sc.Population
					}
					rows[k] = r
				}
				r.Amount = SatAdd(r.Amount, amount)
				r.Contracts++
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("contracts: spend: %w", err)
	}
	merged := map[spendKey]*SpendRow{}
	for _, rows := range parts {
		for k, r := range rows {
			if m := merged[k]; m != nil {
				m.Amount = SatAdd(m.Amount, r.Amount)
				m.Contracts += r.Contracts
			} else {
				r.Key = k.row.String()
				merged[k] = r
			}
		}
	}
	out := make(map[SpendGroupBy][]SpendReport, len(groupings))
	reps := make([][]SpendReport, len(groupings))
	for gi, g := range groupings {
		reps[gi] = make([]SpendReport, years)
		for y := range years {
			rep := base
			rep.Year, rep.GroupBy = from+y, g
			reps[gi][y] = rep
		}
	}
	for k, r := range merged {
		rep := &reps[k.grouping][k.year]
		rep.Total = SatAdd(rep.Total, r.Amount)
		rep.Contracts += r.Contracts
		rep.Rows = append(rep.Rows, *r)
	}
	for gi, g := range groupings {
		for y := range reps[gi] {
			finishReport(&reps[gi][y])
		}
		out[g] = reps[gi]
	}
	return out, nil
}

// finishReport fills in the shares and amounts per inhabitant of rep's
// rows, now that its total is known, and sorts them by amount, highest
// first (ties by label, then key).
func finishReport(rep *SpendReport) {
	if rep.Rows == nil {
		rep.Rows = []SpendRow{}
	}
	for i := range rep.Rows {
		r := &rep.Rows[i]
		if rep.Population > 0 {
			r.Population = rep.Population
		}
		r.PerInhabitant = perInhabitant(r.Amount, r.Population)
		r.BasisPoints = basisPoints(r.Amount, rep.Total)
	}
	slices.SortFunc(rep.Rows, func(a, b SpendRow) int {
		return cmp.Or(cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Label, b.Label), cmp.Compare(a.Key, b.Key))
	})
	rep.PerInhabitant = perInhabitant(rep.Total, rep.Population)
}

// rowKey identifies a spend row: an id (vendor group, vendor, category)
// or an organization's code.
type rowKey struct {
	id   int64
	code string
}

// String returns the key as SpendRow.Key shows it.
func (k rowKey) String() string {
	if k.code != "" {
		return k.code
	}
	return strconv.FormatInt(k.id, 10)
}

// rowKeyOf returns the row a contract's spend belongs to.
func rowKeyOf(g SpendGroupBy, sc SpendContract) rowKey {
	switch g {
	case ByVendor:
		return rowKey{id: sc.VendorID}
	case ByCategory:
		return rowKey{id: sc.CategoryID}
	case ByOrganization:
		return rowKey{code: sc.Organization}
	}
	return rowKey{id: sc.VendorGroupID}
}

// rowLabel names the row of a contract's spend; contracts without a
// category have an empty label.
func rowLabel(g SpendGroupBy, sc SpendContract) string {
	switch g {
	case ByVendor:
		return sc.VendorName
	case ByCategory:
		return sc.CategoryName
	case ByOrganization:
		return sc.OrganizationName
	}
	return sc.VendorGroupName
}

// perInhabitant returns amount / population in cents, rounded half away
// from zero; 0 without a population.
func perInhabitant(amount Money, population int) Money {
	if population <= 0 {
		return 0
	}
	return Money(mulDivRound(int64(amount), 1, 1, int64(population)))
}

// basisPoints returns part / total in basis points, rounded half away
// from zero; 0 for a total of 0 or less.
func basisPoints(part, total Money) int {
	if total <= 0 {
		return 0
	}
	return int(mulDivRound(int64(part), 10_000, 1, int64(total)))
}

// ForecastQuery asks for the committed spend of several years.
type ForecastQuery struct {
	// Organization narrows the forecast to one buyer ("" for every
	// organization in the caller's scope).
	Organization string
	// From is the first year, MinYear–MaxYear; Years the number of years,
	// 1–10 (0: ForecastYears), all of which must end by MaxYear.
	From  int
	Years int
}

// ForecastYears is the default length of a spend forecast.
const ForecastYears = 5

// YearSpend is the committed spend of one calendar year.
type YearSpend struct {
	Year      int
	Amount    Money
	Contracts int
	// PerInhabitant is set for a forecast about one organization with a
	// known population.
	PerInhabitant Money
}

// SpendForecast is the committed spend of consecutive years as the
// register stands today: tacit renewals run on until notice is recorded,
// express options count only once exercised, prices are indexed with the
// configured rates (DESIGN §4). It is a commitment, not a budget: spend
// not yet contracted is not in it.
type SpendForecast struct {
	Organization Organization // set when about one organization
	AsOf         Date
	Index        IndexRates
	Population   int
	Years        []YearSpend
}

// SpendForecast returns the committed spend of q.Years years from q.From
// for the organizations of scope, in one pass over the contracts. Bad
// years are apperr.FieldErrors ("from", "years"); an organization outside
// scope is apperr.Forbidden.
func (s *Service) SpendForecast(ctx context.Context, scope Scope, q ForecastQuery) (SpendForecast, error) {
	if q.Years == 0 {
		q.Years = ForecastYears
	}
	if err := checkForecast(q.From, q.Years); err != nil {
		return SpendForecast{}, err
	}
	today := s.Today()
	out := SpendForecast{AsOf: today, Index: s.opts.Index}
	f := SpendFilter{Scope: scope, Lean: true}
	if q.Organization != "" {
		o, err := s.scopedOrganization(ctx, scope, q.Organization)
		if err != nil {
			return out, fmt.Errorf("contracts: spend forecast: %w", err)
		}
		out.Organization, out.Population = o, o.Population
		f.Organization = o.Code
	}
	parts, err := spendPass(ctx, s.store, f, func() []YearSpend { return make([]YearSpend, q.Years) }, func(ys []YearSpend, sc SpendContract) {
		for i := range ys {
			if amount := ContractYearSpend(sc.Contract, sc.Lines, q.From+i, today, s.opts.Index); amount != 0 {
				ys[i].Amount = SatAdd(ys[i].Amount, amount)
				ys[i].Contracts++
			}
		}
	})
	if err != nil {
		return out, fmt.Errorf("contracts: spend forecast: %w", err)
	}
	out.Years = make([]YearSpend, q.Years)
	for i := range out.Years {
		y := &out.Years[i]
		y.Year = q.From + i
		for _, p := range parts {
			y.Amount = SatAdd(y.Amount, p[i].Amount)
			y.Contracts += p[i].Contracts
		}
		y.PerInhabitant = perInhabitant(y.Amount, out.Population)
	}
	return out, nil
}

// checkForecast returns the field errors of a forecast of years years
// from from ("from", "years"), or nil.
func checkForecast(from, years int) error {
	var fe apperr.FieldErrors
	checkYear(&fe, "from", from)
	if years < 1 || years > 10 {
		fe.Add("years", apperr.Range, 1, 10, years)
	} else if from >= MinYear && from+years-1 > MaxYear {
		fe.Add("from", apperr.ForecastEnd, MaxYear, MaxYear-years+1)
	}
	return fe.Err()
}

// PeerComparison compares one organization's spend per inhabitant with
// its peers: the organizations of the same kind and size class
// (SizeClassOf) with spend in the year, the organization itself among
// them. An organization without registered spend is no peer: an empty
// register is not a cheap municipality.
type PeerComparison struct {
	Organization Organization
	SizeClass    SizeClass
	Year         int
	AsOf         Date
	Amount       Money
	// PerInhabitant is the organization's spend per inhabitant, in cents.
	PerInhabitant Money
	// Peers counts the organizations compared, the organization included
	// when it has spend.
	Peers int
	// Min, Q1, Median, Q3 and Max describe the peers' spend per
	// inhabitant, in cents: quartiles by linear interpolation between the
	// sorted values (as a spreadsheet's QUARTILE.INC), rounded to the cent.
	Min, Q1, Median, Q3, Max Money
	// Rank is the organization's place among the peers from the lowest
	// spend per inhabitant (1) up; 0 when it has no spend.
	Rank int
	// TooFewPeers is set when fewer than MinPeers organizations compare:
	// then the minimum, maximum and quartiles (and the rank) are left out,
	// because with two peers the maximum is the other's spend.
	TooFewPeers bool
}

// MinPeers is the fewest organizations a peer comparison shows figures
// for, so that no single peer's spend can be read off the minimum, the
// maximum or a quartile.
const MinPeers = 5

// PeerComparison returns organization's spend per inhabitant in year next
// to its size-class peers'. The organization must be in scope; the peers
// are read from the whole register but not named. An
// organization without a population has no size class:
// apperr.FieldErrors ("organization").
func (s *Service) PeerComparison(ctx context.Context, scope Scope, organization string, year int) (PeerComparison, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", year)
	if err := fe.Err(); err != nil {
		return PeerComparison{}, err
	}
	o, err := s.scopedOrganization(ctx, scope, organization)
	if err != nil {
		return PeerComparison{}, fmt.Errorf("contracts: peer comparison: %w", err)
	}
	today := s.Today()
	out := PeerComparison{Organization: o, SizeClass: o.SizeClass(), Year: year, AsOf: today}
	if out.SizeClass == SizeUnknown {
		return out, apperr.FieldProblem("organization", apperr.NoPopulation, o.Code)
	}
	parts, err := spendPass(ctx, s.store, SpendFilter{Scope: Everyone(), Lean: true}, func() map[string]*peerSpend { return map[string]*peerSpend{} },
		func(m map[string]*peerSpend, sc SpendContract) {
			if sc.OrganizationKind != o.Kind || SizeClassOf(sc.Population) != out.SizeClass {
				return
			}
			amount := ContractYearSpend(sc.Contract, sc.Lines, year, today, s.opts.Index)
			if amount == 0 {
				return
			}
			p := m[sc.Organization]
			if p == nil {
				p = &peerSpend{population: sc.Population}
				m[sc.Organization] = p
			}
			p.amount = SatAdd(p.amount, amount)
		})
	if err != nil {
		return out, fmt.Errorf("contracts: peer comparison: %w", err)
	}
	totals := map[string]*peerSpend{}
	for _, m := range parts {
		for code, p := range m {
			if t := totals[code]; t != nil {
				t.amount = SatAdd(t.amount, p.amount)
			} else {
				totals[code] = p
			}
		}
	}
	values := make([]Money, 0, len(totals))
	for _, p := range totals {
		values = append(values, perInhabitant(p.amount, p.population))
	}
	slices.Sort(values)
	out.Peers = len(values)
	if own := totals[o.Code]; own != nil {
		out.Amount, out.PerInhabitant = own.amount, perInhabitant(own.amount, o.Population)
		out.Rank = 1 + slices.IndexFunc(values, func(v Money) bool { return v >= out.PerInhabitant })
	}
	if len(values) < MinPeers {
		out.TooFewPeers, out.Rank = true, 0
		return out, nil
	}
	out.Min, out.Max = values[0], values[len(values)-1]
	out.Q1, out.Median, out.Q3 = quartile(values, 1), quartile(values, 2), quartile(values, 3)
	return out, nil
}

// peerSpend is one organization's spend in a peer comparison.
type peerSpend struct {
	amount     Money
	population int
}

// quartile returns the k-th quartile (k = 1, 2, 3) of sorted, non-empty
// values by linear interpolation between the closest ranks (position
// (n−1)·k/4, as QUARTILE.INC), rounded half away from zero.
func quartile(sorted []Money, k int) Money {
	pos := (len(sorted) - 1) * k
	i, rest := pos/4, pos%4
	if rest == 0 {
		return sorted[i]
	}
	lo, hi := sorted[i], sorted[i+1]
	return lo + Money(mulDivRound(int64(hi-lo), int64(rest), 1, 4))
}

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

// GroupReach is how many organizations one vendor group holds more than
// half of a category's spend for (DESIGN §4: vendor reach).
type GroupReach struct {
	GroupID   int64
	GroupName string
	// Organizations counts the organizations for which the group holds
	// more than 50 % of their spend in a category (in this category, or
	// in at least one category for the overall list).
	Organizations int
	// Positions counts the organization × category pairs where it does:
	// equal to Organizations within one category.
	Positions int
}

// CategoryConcentration is one category's concentration across all
// organizations.
type CategoryConcentration struct {
	CategoryID int64
	Name       string
	// Concentration is over the vendor groups' parts of the category's
	// spend across all organizations.
	Concentration Concentration
	// Buyers counts the organizations with spend in the category.
	Buyers int
	// Reach lists the groups holding more than half of a buyer's spend in
	// the category, by number of such buyers (ties by name).
	Reach []GroupReach
}

// CooperativeConcentration is the cooperative overview (DESIGN §4): how
// concentrated each category is across all organizations, and which
// vendor groups dominate the most organizations.
type CooperativeConcentration struct {
	Year  int
	AsOf  Date
	Index IndexRates
	// Categories are ordered by HHI, highest first (ties: larger total,
	// then name). Contracts without a category are left out: they form no
	// market; their spend is Uncategorized.
	Categories    []CategoryConcentration
	Uncategorized Money
	// Reach is every vendor group that holds more than half of some
	// organization's spend in some category, by organizations (then
	// positions, then name), highest first.
	Reach []GroupReach
	// Total is the spend of the year across all organizations.
	Total Money
}

// marketKey is one organization's spend with one vendor group in one
// category.
type marketKey struct {
	org      string
	category int64
	group    int64
}

// marketSpend is what a concentration pass adds up: spend per
// organization × category × vendor group, and the names beside the ids.
type marketSpend struct {
	amounts    map[marketKey]Money
	groups     map[int64]string
	categories map[int64]string
	orgNames   map[string]string
}

func newMarketSpend() *marketSpend {
	return &marketSpend{amounts: map[marketKey]Money{}, groups: map[int64]string{}, categories: map[int64]string{}, orgNames: map[string]string{}}
}

// marketCell is one organization × category × vendor group of a pass
// with the names beside it, so that each contract costs one map access.
type marketCell struct {
	amount                           Money
	orgName, groupName, categoryName string
}

// marketCells are the cells of one range of a concentration pass.
type marketCells map[marketKey]*marketCell

// add adds a contract's spend in the year to its cell.
func (m marketCells) add(sc SpendContract, amount Money) {
	if amount == 0 {
		return
	}
	k := marketKey{sc.Organization, sc.CategoryID, sc.VendorGroupID}
	if c := m[k]; c != nil {
		c.amount = SatAdd(c.amount, amount)
		return
	}
	m[k] = &marketCell{amount: amount, orgName: sc.OrganizationName, groupName: sc.VendorGroupName, categoryName: sc.CategoryName}
}

// mergeMarkets adds up the cells of a pass's ranges.
func mergeMarkets(parts []marketCells) *marketSpend {
	out := newMarketSpend()
	for _, p := range parts {
		for k, c := range p {
			out.amounts[k] = SatAdd(out.amounts[k], c.amount)
			out.groups[k.group], out.categories[k.category], out.orgNames[k.org] = c.groupName, c.categoryName, c.orgName
		}
	}
	return out
}

// marketPass adds up the spend of year per organization × category ×
// vendor group over the contracts f selects.
func (s *Service) marketPass(ctx context.Context, f SpendFilter, year int, today Date) (*marketSpend, error) {
	parts, err := spendPass(ctx, s.store, f, func() marketCells { return marketCells{} }, func(m marketCells, sc SpendContract) {
		m.add(sc, ContractYearSpend(sc.Contract, sc.Lines, year, today, s.opts.Index))
	})
	if err != nil {
		return nil, err
	}
	return mergeMarkets(parts), nil
}

// majorities returns, per organization × category, the vendor group that
// holds more than half of it (at most one can), compared exactly on the
// amounts rather than on rounded shares.
func (m *marketSpend) majorities() map[marketKey]bool {
	type orgCategory struct {
		org      string
		category int64
	}
	totals := map[orgCategory]Money{}
	for k, v := range m.amounts {
		totals[orgCategory{k.org, k.category}] = SatAdd(totals[orgCategory{k.org, k.category}], v)
	}
	out := map[marketKey]bool{}
	for k, v := range m.amounts {
		if t := totals[orgCategory{k.org, k.category}]; v > 0 && v > t-v { // 2v > t without overflow
			out[k] = true
		}
	}
	return out
}

// CooperativeConcentration returns, for year, every category's
// concentration across all organizations (ordered by HHI, highest first)
// and the vendor groups' reach: for how many organizations a group holds
// more than 50 % of a category's spend. It covers every organization, so
// scope must be Everyone (apperr.Forbidden otherwise).
func (s *Service) CooperativeConcentration(ctx context.Context, scope Scope, year int) (CooperativeConcentration, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", year)
	if err := fe.Err(); err != nil {
		return CooperativeConcentration{}, err
	}
	if err := requireAll(scope); err != nil {
		return CooperativeConcentration{}, err
	}
	today := s.Today()
	out := CooperativeConcentration{Year: year, AsOf: today, Index: s.opts.Index}
	m, err := s.marketPass(ctx, SpendFilter{Scope: scope, Lean: true}, year, today)
	if err != nil {
		return out, fmt.Errorf("contracts: cooperative concentration: %w", err)
	}
	m.concentration(&out)
	return out, nil
}

// concentration fills in out's categories, reach and totals from the
// spend per organization × category × vendor group.
func (m *marketSpend) concentration(out *CooperativeConcentration) {
	type catGroup struct{ category, group int64 }
	var (
		byCatGroup = map[catGroup]Money{}
		buyers     = map[int64]map[string]bool{}
		reach      = map[catGroup]int{}
		overall    = map[int64]*GroupReach{}
		dominated  = map[int64]map[string]bool{}
	)
	majority := m.majorities()
	for k, v := range m.amounts {
		out.Total = SatAdd(out.Total, v)
		if k.category == 0 {
			out.Uncategorized = SatAdd(out.Uncategorized, v)
			continue
		}
		byCatGroup[catGroup{k.category, k.group}] = SatAdd(byCatGroup[catGroup{k.category, k.group}], v)
		if buyers[k.category] == nil {
			buyers[k.category] = map[string]bool{}
		}
		buyers[k.category][k.org] = true
		if majority[k] {
			reach[catGroup{k.category, k.group}]++
			g := overall[k.group]
			if g == nil {
				g = &GroupReach{GroupID: k.group, GroupName: m.groups[k.group]}
				overall[k.group], dominated[k.group] = g, map[string]bool{}
			}
			g.Positions++
			dominated[k.group][k.org] = true
		}
	}
	shares := map[int64][]Share{}
	for k, v := range byCatGroup {
		shares[k.category] = append(shares[k.category], Share{Key: strconv.FormatInt(k.group, 10), Label: m.groups[k.group], Amount: v})
	}
	for cat, sh := range shares {
		cc := CategoryConcentration{CategoryID: cat, Name: m.categories[cat], Concentration: ConcentrationOf(sh), Buyers: len(buyers[cat])}
		for k, n := range reach {
			if k.category == cat {
				cc.Reach = append(cc.Reach, GroupReach{GroupID: k.group, GroupName: m.groups[k.group], Organizations: n, Positions: n})
			}
		}
		slices.SortFunc(cc.Reach, compareReach)
		out.Categories = append(out.Categories, cc)
	}
	slices.SortFunc(out.Categories, func(a, b CategoryConcentration) int {
		return cmp.Or(cmp.Compare(b.Concentration.HHI, a.Concentration.HHI), cmp.Compare(b.Concentration.Total, a.Concentration.Total),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.CategoryID, b.CategoryID))
	})
	for id, g := range overall {
		g.Organizations = len(dominated[id])
		out.Reach = append(out.Reach, *g)
	}
	slices.SortFunc(out.Reach, compareReach)
}

func compareReach(a, b GroupReach) int {
	return cmp.Or(cmp.Compare(b.Organizations, a.Organizations), cmp.Compare(b.Positions, a.Positions),
		cmp.Compare(a.GroupName, b.GroupName), cmp.Compare(a.GroupID, b.GroupID))
}

// OrganizationRef names an organization in a list.
type OrganizationRef struct {
	Code string
	Name string
}

// CategoryReach is a vendor group's position in one category.
type CategoryReach struct {
	CategoryID int64
	Name       string
	// Amount is the group's spend in the category across all
	// organizations, BasisPoints its share of the category's Total.
	Amount      Money
	Total       Money
	BasisPoints int
	// Customers counts the organizations with spend with the group in the
	// category; Buyers those with spend in the category at all.
	Customers int
	Buyers    int
	// Dominated are the organizations for which the group holds more than
	// half of the category's spend, by name.
	Dominated []OrganizationRef
}

// VendorReach is a vendor group's reach (DESIGN §4), for the vendor page.
type VendorReach struct {
	GroupID   int64
	GroupName string
	Year      int
	AsOf      Date
	// Organizations counts the organizations for which the group holds
	// more than 50 % of the spend in at least one category.
	Organizations int
	// Categories are the categories in which the group has spend in the
	// year, by number of dominated organizations (then amount), highest
	// first.
	Categories []CategoryReach
}

// VendorReach returns the reach in year of the group vendorID belongs to
// (the group's top or any of its subsidiaries may be named): per
// category where it has spend, its share across all organizations and the
// organizations for which it holds more than half. It covers every
// organization, so scope must be Everyone (apperr.Forbidden otherwise); an
// unknown vendor is apperr.NotFound.
func (s *Service) VendorReach(ctx context.Context, scope Scope, vendorID int64, year int) (VendorReach, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", year)
	if err := fe.Err(); err != nil {
		return VendorReach{}, err
	}
	if err := requireAll(scope); err != nil {
		return VendorReach{}, err
	}
	top, err := s.store.Vendor(ctx, vendorID)
	if err != nil {
		return VendorReach{}, fmt.Errorf("contracts: vendor reach: %w", err)
	}
	up, err := s.store.VendorAncestors(ctx, vendorID)
	if err != nil {
		return VendorReach{}, fmt.Errorf("contracts: vendor reach: %w", err)
	}
	if len(up) > 0 {
		if top, err = s.store.Vendor(ctx, up[len(up)-1]); err != nil {
			return VendorReach{}, fmt.Errorf("contracts: vendor reach: %w", err)
		}
	}
	today := s.Today()
	out := VendorReach{GroupID: top.ID, GroupName: top.Name, Year: year, AsOf: today}
	m, err := s.marketPass(ctx, SpendFilter{Scope: scope, MarketsOf: top.ID, Lean: true}, year, today)
	if err != nil {
		return out, fmt.Errorf("contracts: vendor reach of %d: %w", top.ID, err)
	}
	majority := m.majorities()
	cats := map[int64]*CategoryReach{}
	buyers := map[int64]map[string]bool{}
	dominated := map[string]bool{}
	for k, v := range m.amounts {
		if k.category == 0 {
			continue
		}
		c := cats[k.category]
		if c == nil {
			c = &CategoryReach{CategoryID: k.category, Name: m.categories[k.category]}
			cats[k.category], buyers[k.category] = c, map[string]bool{}
		}
		c.Total = SatAdd(c.Total, v)
		buyers[k.category][k.org] = true
		if k.group != top.ID {
			continue
		}
		c.Amount = SatAdd(c.Amount, v)
		c.Customers++
		if majority[k] {
			c.Dominated = append(c.Dominated, OrganizationRef{Code: k.org, Name: m.orgNames[k.org]})
			dominated[k.org] = true
		}
	}
	for id, c := range cats {
		if c.Amount == 0 {
			continue
		}
		c.Buyers = len(buyers[id])
		c.BasisPoints = basisPoints(c.Amount, c.Total)
		slices.SortFunc(c.Dominated, func(a, b OrganizationRef) int {
			return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Code, b.Code))
		})
		out.Categories = append(out.Categories, *c)
	}
	slices.SortFunc(out.Categories, func(a, b CategoryReach) int {
		return cmp.Or(cmp.Compare(len(b.Dominated), len(a.Dominated)), cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Name, b.Name))
	})
	out.Organizations = len(dominated)
	return out, nil
}

// spendPassMin is the number of contracts from which a pass is split into
// id ranges that load side by side; below it the few extra queries of a
// split cost about what it saves.
const spendPassMin = 2000

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
	parts := min(runtime.GOMAXPROCS(0), 4)
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
