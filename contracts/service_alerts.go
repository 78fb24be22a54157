package contracts

import (
	"context"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// MaxAlertDays bounds how far ahead alerts look: two years.
const MaxAlertDays = 730

// The calendar feed's window: a deadline stays in it for a month after it
// passed, and it looks two years ahead.
const (
	CalendarPastDays    = 30
	CalendarAheadMonths = 24
)

// Alerts returns, soonest first, the alerts of the next within days for
// the contracts of scope, narrowed to
// organization when it is not "". An organization outside scope is
// apperr.Forbidden.
//
// It does not call RefreshDates: the dates are computed here from each
// contract, the store takes rows whose stored dates are stale as
// candidates too, and so the answer is right without the refresh's query,
// which costs more than the alerts of one organization.
func (s *Service) Alerts(ctx context.Context, scope Scope, organization string, within int) ([]Alert, error) {
	if within < 0 || within > MaxAlertDays {
		return nil, apperr.FieldProblem("within", apperr.RangeDays, 0, MaxAlertDays, within)
	}
	if organization != "" {
		if err := scope.check(organization); err != nil {
			return nil, fmt.Errorf("contracts: alerts: %w", err)
		}
	}
	today := s.Today()
	until := today.AddDays(within)
	var out []Alert
	err := s.store.AlertContracts(ctx, scope, organization, today, until, func(c ContractSummary) error {
		out = appendAlerts(out, c, today, today, until, true)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("contracts: alerts: %w", err)
	}
	slices.SortFunc(out, CompareAlerts)
	return out, nil
}

// CalendarAlerts returns, soonest first, the deadlines of the contracts of
// scope for a calendar feed, from
// CalendarPastDays ago to CalendarAheadMonths ahead (see the function
// CalendarAlerts), and the day they were computed for.
func (s *Service) CalendarAlerts(ctx context.Context, scope Scope) ([]Alert, Date, error) {
	today := s.Today()
	from, to := today.AddDays(-CalendarPastDays), today.AddMonths(CalendarAheadMonths)
	var out []Alert
	// The window reaches back before today, about which the dates stored
	// for today say nothing, so every contract of the scope is read.
	err := s.store.AlertContracts(ctx, scope, "", today, Date{}, func(c ContractSummary) error {
		out = appendCalendarAlerts(out, c, today, from, to)
		return nil
	})
	if err != nil {
		return nil, today, fmt.Errorf("contracts: calendar alerts: %w", err)
	}
	slices.SortFunc(out, CompareAlerts)
	return out, today, nil
}

// alertCountBound bounds the count of an alerts list: a longer one
// says "more than" (ListPage.TotalAtLeast).
const alertCountBound = 1000

// AlertList returns one page of the alerts of the next f.Within days
// for the contracts of scope, narrowed to f.Organization when it is not
// "": the alerts Alerts returns, in its order, from f.Cursor on (or the
// f.Page-th page), f.PageSize of them (NormalizePage). The store reads
// the page's contracts from the indexes of their stored dates, so that a
// page costs the same at any depth and at any size of the register; the
// total is counted up to alertCountBound. Between midnight and the end
// of the date refresh, when the stored dates are not today's, every
// contract's alerts are computed instead, as Alerts does. A cursor not
// made by a page of this list is apperr.BadCursor on "cursor".
func (s *Service) AlertList(ctx context.Context, scope Scope, f AlertFilter) (AlertPage, error) {
	if f.Within < 0 || f.Within > MaxAlertDays {
		return AlertPage{}, apperr.FieldProblem("within", apperr.RangeDays, 0, MaxAlertDays, f.Within)
	}
	if f.Organization != "" {
		if err := scope.check(f.Organization); err != nil {
			return AlertPage{}, fmt.Errorf("contracts: alerts: %w", err)
		}
	}
	after, err := decodeAlertCursor("cursor", f.Cursor)
	if err != nil {
		return AlertPage{}, err
	}
	page, size := NormalizePage(f.Page, f.PageSize)
	if f.Cursor != "" {
		page = 1
	}
	if err := CheckPageDepth(f.Cursor, page, size); err != nil {
		return AlertPage{}, err
	}
	skip := PageOffset(page, size)
	today := s.Today()
	until := today.AddDays(f.Within)
	out := AlertPage{AsOf: today, Items: []Alert{}}
	q := AlertQuery{Scope: scope, Organization: f.Organization, Today: today, Until: until, After: after, Limit: skip + size + 1}
	cands, err := s.store.AlertCandidates(ctx, q)
	if err != nil {
		return out, fmt.Errorf("contracts: alerts: %w", err)
	}
	var alerts []Alert
	if cands.Stale {
		all, err := s.Alerts(ctx, scope, f.Organization, f.Within)
		if err != nil {
			return out, err
		}
		out.Total = min(len(all), alertCountBound)
		out.TotalAtLeast = len(all) > alertCountBound
		for _, a := range all {
			if after.IsZero() || CompareAlertKeys(a.Key(), after) > 0 {
				alerts = append(alerts, a)
			}
		}
		cands.Bounded = false
	} else {
		for _, c := range cands.Contracts {
			alerts = appendAlertsMode(alerts, c, today, today, until, alertsUnworded)
		}
		alerts = slices.DeleteFunc(alerts, func(a Alert) bool {
			k := a.Key()
			return !after.IsZero() && CompareAlertKeys(k, after) <= 0 || cands.Bounded && CompareAlertKeys(k, cands.Bound) > 0
		})
		slices.SortFunc(alerts, CompareAlerts)
		out.Total, out.TotalAtLeast, err = s.store.AlertCount(ctx, q, alertCountBound)
		if err != nil {
			return out, fmt.Errorf("contracts: alerts: %w", err)
		}
	}
	switch {
	case len(alerts) > skip+size:
		out.Items = alerts[skip : skip+size]
		out.Next = out.Items[size-1].Key().cursor()
	case cands.Bounded:
		// Fewer alerts up to the bound than the store's candidates
		// promised: the page goes on after the bound.
		out.Items = alerts[min(skip, len(alerts)):]
		out.Next, out.Partial = cands.Bound.cursor(), true
	default:
		out.Items = alerts[min(skip, len(alerts)):]
	}
	if out.Items == nil {
		out.Items = []Alert{}
	}
	wordAlerts(out.Items)
	return out, nil
}
