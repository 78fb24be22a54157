package contracts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The cooperative overview (CooperativeConcentration): how concentrated
// each category's spend is across all organizations and which vendor
// groups hold more than half of an organization's spend in a category,
// from the spend per organization × category × vendor group (marketSpend)
// that VendorReach reads too.

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
	// Suppressed says the category's figures are left out, as too few
	// buyers share them (CooperativeAggregates).
	Suppressed bool
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
	parts, err := spendEach(ctx, s, f, today, year, 1, &CellKeys{Organization: true, Category: true, Vendor: true, VendorGroup: true}, func() marketCells { return marketCells{} }, func(m marketCells, sc *SpendContract, _ int, spend SpendSplit, _ int) {
		m.add(*sc, spend.Total())
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
	// The model's rollups hold every figure of the overview: a few
	// hundred rows, however many organizations.
	sm, ok, err := s.store.SpendMarkets(ctx, s.spendModel(today, year, year))
	if err != nil {
		return out, fmt.Errorf("contracts: cooperative concentration: %w", err)
	}
	if ok {
		marketsTotals(sm).fill(&out)
		return out, nil
	}
	m, err := s.marketPass(ctx, SpendFilter{Scope: scope, Lean: true}, year, today)
	if err != nil {
		return out, fmt.Errorf("contracts: cooperative concentration: %w", err)
	}
	m.totals().fill(&out)
	return out, nil
}

// MinAggregateBuyers is the fewest organizations whose spend in a
// category the cooperative overview shows to a caller scoped to one
// organization: with fewer, the category's figures would be one or two
// other organizations' own.
const MinAggregateBuyers = 3

// CooperativeAggregates is CooperativeConcentration for any scope. The
// overview names no organization and no contract: it adds up the spend of
// all of them. A caller scoped to all gets it whole; a caller scoped to
// one organization gets the same, except that a category with fewer than
// MinAggregateBuyers buyers keeps only its name and number of buyers
// (Suppressed), since its figures would give another organization's
// spend away. Its own organization's figures it reads in
// DependencySummary.
func (s *Service) CooperativeAggregates(ctx context.Context, scope Scope, year int) (CooperativeConcentration, error) {
	if scope.All() {
		return s.CooperativeConcentration(ctx, scope, year)
	}
	if _, ok := scope.Organization(); !ok {
		return CooperativeConcentration{}, errOutOfScope
	}
	cc, err := s.CooperativeConcentration(ctx, Everyone(), year)
	if err != nil {
		return cc, err
	}
	for i, c := range cc.Categories {
		if c.Buyers < MinAggregateBuyers {
			cc.Categories[i] = CategoryConcentration{CategoryID: c.CategoryID, Name: c.Name, Buyers: c.Buyers, Suppressed: true}
		}
	}
	return cc, nil
}

// catGroup is one vendor group in one category.
type catGroup struct{ category, group int64 }

// marketTotals is what the cooperative overview is made of: the spend per
// category × group, the buyers per category, the majorities counted per
// category × group and per group, and the names. A pass over the cells
// (marketSpend.totals) or the model's rollups (marketsTotals) gives it.
type marketTotals struct {
	byCatGroup           map[catGroup]Money
	buyers               map[int64]int
	reach                map[catGroup]int
	overall              map[int64]*GroupReach // Organizations and Positions set
	groups, categories   map[int64]string
	total, uncategorized Money
}

// totals adds up the spend per organization × category × vendor group.
func (m *marketSpend) totals() marketTotals {
	t := marketTotals{byCatGroup: map[catGroup]Money{}, buyers: map[int64]int{}, reach: map[catGroup]int{}, overall: map[int64]*GroupReach{},
		groups: m.groups, categories: m.categories}
	buyers := map[int64]map[string]bool{}
	dominated := map[int64]map[string]bool{}
	majority := m.majorities()
	for k, v := range m.amounts {
		t.total = SatAdd(t.total, v)
		if k.category == 0 {
			t.uncategorized = SatAdd(t.uncategorized, v)
			continue
		}
		t.byCatGroup[catGroup{k.category, k.group}] = SatAdd(t.byCatGroup[catGroup{k.category, k.group}], v)
		if buyers[k.category] == nil {
			buyers[k.category] = map[string]bool{}
		}
		buyers[k.category][k.org] = true
		if majority[k] {
			t.reach[catGroup{k.category, k.group}]++
			g := t.overall[k.group]
			if g == nil {
				g = &GroupReach{GroupID: k.group, GroupName: m.groups[k.group]}
				t.overall[k.group], dominated[k.group] = g, map[string]bool{}
			}
			g.Positions++
			dominated[k.group][k.org] = true
		}
	}
	for cat, orgs := range buyers {
		t.buyers[cat] = len(orgs)
	}
	for id, g := range t.overall {
		g.Organizations = len(dominated[id])
	}
	return t
}

// marketsTotals is marketTotals from the model's rollups.
func marketsTotals(sm SpendMarkets) marketTotals {
	t := marketTotals{byCatGroup: map[catGroup]Money{}, buyers: sm.Buyers, reach: map[catGroup]int{}, overall: map[int64]*GroupReach{},
		groups: map[int64]string{}, categories: map[int64]string{}}
	for _, sh := range sm.Shares {
		t.groups[sh.GroupID], t.categories[sh.CategoryID] = sh.GroupName, sh.CategoryName
		t.total = SatAdd(t.total, sh.Amount)
		if sh.CategoryID == 0 {
			t.uncategorized = SatAdd(t.uncategorized, sh.Amount)
			continue
		}
		t.byCatGroup[catGroup{sh.CategoryID, sh.GroupID}] = SatAdd(t.byCatGroup[catGroup{sh.CategoryID, sh.GroupID}], sh.Amount)
	}
	for _, r := range sm.Reach {
		t.reach[catGroup{r.CategoryID, r.GroupID}] = r.Organizations
		g := t.overall[r.GroupID]
		if g == nil {
			g = &GroupReach{GroupID: r.GroupID, GroupName: t.groups[r.GroupID], Organizations: sm.GroupOrganizations[r.GroupID]}
			t.overall[r.GroupID] = g
		}
		g.Positions += r.Organizations
	}
	return t
}

// fill fills in out's categories, reach and totals.
func (t marketTotals) fill(out *CooperativeConcentration) {
	out.Total, out.Uncategorized = t.total, t.uncategorized
	shares := map[int64][]Share{}
	for k, v := range t.byCatGroup {
		shares[k.category] = append(shares[k.category], Share{Key: strconv.FormatInt(k.group, 10), Label: t.groups[k.group], Amount: v})
	}
	for cat, sh := range shares {
		cc := CategoryConcentration{CategoryID: cat, Name: t.categories[cat], Concentration: ConcentrationOf(sh), Buyers: t.buyers[cat]}
		for k, n := range t.reach {
			if k.category == cat {
				cc.Reach = append(cc.Reach, GroupReach{GroupID: k.group, GroupName: t.groups[k.group], Organizations: n, Positions: n})
			}
		}
		slices.SortFunc(cc.Reach, compareReach)
		out.Categories = append(out.Categories, cc)
	}
	slices.SortFunc(out.Categories, func(a, b CategoryConcentration) int {
		return cmp.Or(cmp.Compare(b.Concentration.HHI, a.Concentration.HHI), cmp.Compare(b.Concentration.Total, a.Concentration.Total),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.CategoryID, b.CategoryID))
	})
	for _, g := range t.overall {
		out.Reach = append(out.Reach, *g)
	}
	slices.SortFunc(out.Reach, compareReach)
}

func compareReach(a, b GroupReach) int {
	return cmp.Or(cmp.Compare(b.Organizations, a.Organizations), cmp.Compare(b.Positions, a.Positions),
		cmp.Compare(a.GroupName, b.GroupName), cmp.Compare(a.GroupID, b.GroupID))
}

// concentration fills in out's categories, reach and totals from the
// spend per organization × category × vendor group.
func (m *marketSpend) concentration(out *CooperativeConcentration) { m.totals().fill(out) }
