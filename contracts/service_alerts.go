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
