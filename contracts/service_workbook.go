package contracts

import (
	"context"
	"time"
)

// The spend workbook for finance (DESIGN §5): the committed spend of five
// years by vendor group, vendor, category and organization, and the
// forecast of the same years, read in one pass over the register. The
// exports package writes it as Excel.

// SpendWorkbookYears is the number of years the spend workbook covers.
const SpendWorkbookYears = ForecastYears

// SpendWorkbookQuery selects a spend workbook.
type SpendWorkbookQuery struct {
	// Organization narrows the workbook to one organization ("" for every
	// organization in the caller's scope).
	Organization string
	// From is the first of the five years.
	From int
	// Generated is when the workbook is made, from the caller.
	Generated time.Time
}

// SpendWorkbook is what the spend workbook shows.
type SpendWorkbook struct {
	// Generated is when the workbook is made, from the caller.
	Generated time.Time
	// Organization is the organization the workbook is about; the zero
	// value for every organization in the caller's scope.
	Organization Organization
	// From is the first year.
	From int
	// Reports holds per grouping (SpendGroupings) one report per year,
	// From first, as Spend gives them.
	Reports map[SpendGroupBy][]SpendReport
	// Forecast is the committed spend of the same years, as SpendForecast
	// gives it.
	Forecast SpendForecast
	// Licences are the licence lines over quota, costliest excess first,
	// at most SpendWorkbookLicences of them (Licences.Total counts all).
	Licences LicencePage
}

// SpendWorkbookLicences is the most licence lines over quota the spend
// workbook lists.
const SpendWorkbookLicences = 10_000

// SpendWorkbook returns the spend workbook of the SpendWorkbookYears
// years from q.From, for q.Organization or else every organization in
// scope (nil: all): per grouping and year the committed spend, and the
// forecast, which is the same spend per year (every report's total and
// number of contracts), so one pass over the register (SpendYears) gives
// both; and the licence lines over quota (Licences). A bad first year is apperr.FieldErrors ("from", as SpendForecast),
// an organization outside scope apperr.Forbidden, an unknown one
// apperr.NotFound.
func (s *Service) SpendWorkbook(ctx context.Context, scope Scope, q SpendWorkbookQuery) (SpendWorkbook, error) {
	out := SpendWorkbook{Generated: q.Generated, From: q.From}
	if err := checkForecast(q.From, SpendWorkbookYears); err != nil {
		return out, err
	}
	reports, err := s.spendReports(ctx, scope, q.Organization, q.From, SpendWorkbookYears, SpendGroupings())
	if err != nil {
		return out, err
	}
	out.Reports = reports
	years := reports[ByVendorGroup]
	first := years[0]
	out.Organization = first.Organization
	fc := SpendForecast{Organization: first.Organization, AsOf: first.AsOf, Index: first.Index, Population: first.Population,
		Years: make([]YearSpend, len(years))}
	for i, rep := range years {
		fc.Years[i] = YearSpend{Year: rep.Year, Amount: rep.Total, Contracts: rep.Contracts, PerInhabitant: rep.PerInhabitant}
	}
	out.Forecast = fc
	if out.Licences, err = s.store.Licences(ctx, LicenceFilter{Scope: scope, Organization: q.Organization, Page: 1, PageSize: SpendWorkbookLicences}); err != nil {
		return out, err
	}
	return out, nil
}
