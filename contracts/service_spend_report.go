package contracts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The committed spend of a calendar year grouped by vendor group, vendor,
// category or organization (Spend, SpendYears), with each row's share and
// spend per inhabitant.

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
	// Amount is the committed spend in the year, in cents; Split is the
	// same spend by where it comes from (contracts without licence lines,
	// licence lines).
	Amount Money
	Split  SpendSplit
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
	// Split is Total by where it comes from: contracts without licence
	// lines (their annual value) and licence lines.
	Split SpendSplit
	// Contracts counts the contracts with spend in the year.
	Contracts int
	// Population and PerInhabitant are set for a report about one
	// organization with a known population.
	Population    int
	PerInhabitant Money
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
	parts, err := spendEach(ctx, s, f, today, from, years, keysFor(groupings), func() acc { return acc{} }, func(rows acc, sc *SpendContract, year int, spend SpendSplit, n int) {
		for gi, g := range groupings {
			k := spendKey{grouping: gi, year: year - from, row: rowKeyOf(g, *sc)}
			r := rows[k]
			if r == nil {
				r = &SpendRow{Label: rowLabel(g, *sc)}
				if g == ByOrganization {
					r.Population = sc.Population
				}
				rows[k] = r
			}
			r.Split = r.Split.Add(spend)
			r.Amount = SatAdd(r.Amount, spend.Total())
			r.Contracts += n
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
				m.Split = m.Split.Add(r.Split)
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
		rep.Split = rep.Split.Add(r.Split)
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
