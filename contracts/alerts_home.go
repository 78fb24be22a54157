package contracts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// The start page's deadlines (issue 15): the first alerts of the window in
// the start page's order and the latest missed notice deadlines, read one
// page at a time from the stored, indexed dates as the alerts list is
// (AlertList), with their totals counted up to a bound.

// AlertDay is the day an alert is about on the start page: a missed
// notice deadline's own day, an overdue action's deadline, else the
// alert's date. The alerts date the first two today, which would put
// every one of them on today.
func AlertDay(a Alert) Date {
	if (a.Missed || a.Overdue) && !a.Deadline.IsZero() {
		return a.Deadline
	}
	return a.Date
}

// HomeAlertKey is an alert's place on the start page: its day (AlertDay)
// first, then its place in the alerts list (CompareAlerts).
type HomeAlertKey struct {
	Day Date
	AlertKey
}

// HomeKey returns a's place on the start page.
func (a Alert) HomeKey() HomeAlertKey { return HomeAlertKey{Day: AlertDay(a), AlertKey: a.Key()} }

// CompareHomeAlertKeys orders the coming alerts of the start page: by
// day, an alert of the same day as the alerts list orders them.
func CompareHomeAlertKeys(a, b HomeAlertKey) int {
	if c := a.Day.t.Compare(b.Day.t); c != 0 {
		return c
	}
	return CompareAlertKeys(a.AlertKey, b.AlertKey)
}

// compareMissed orders missed notice deadlines the latest first, then by
// contract.
func compareMissed(a, b Alert) int {
	if c := AlertDay(b).t.Compare(AlertDay(a).t); c != 0 {
		return c
	}
	return cmp.Compare(a.Contract.ID, b.Contract.ID)
}

// HomeAlertQuery is what the store reads for the start page: the contracts
// of Scope with the first Limit coming alerts from Today up to Until in
// the start page's order and with the Limit latest missed notice
// deadlines, and the totals counted up to Bound.
type HomeAlertQuery struct {
	Scope        Scope
	Today, Until Date
	Limit, Bound int
}

// HomeAlertCandidates is what the store found for a HomeAlertQuery.
type HomeAlertCandidates struct {
	// Coming have among their alerts every coming alert (not a missed
	// notice) of the query up to and including Bound (every one when
	// Bounded is false), read Limit at most of each kind; each contract
	// once.
	Coming  []ContractSummary
	Bound   HomeAlertKey
	Bounded bool
	// Missed have the Limit latest missed notice deadlines.
	Missed []ContractSummary
	// Total counts the coming alerts, Overdue the overdue actions among
	// them, MissedTotal the missed notice deadlines, each up to the
	// query's Bound and one more (a count above Bound means more than
	// Bound).
	Total, Overdue, MissedTotal int
	// Stale says some contract's stored dates are not those of Today:
	// the store found nothing else (AlertCandidates.Stale).
	Stale bool
}

// HomeAlerts is the start page's deadlines.
type HomeAlerts struct {
	AsOf Date
	// Coming are the first coming alerts in the start page's order
	// (CompareHomeAlertKeys); an overdue action sits at its deadline.
	Coming []Alert
	// Missed are the latest missed notice deadlines, the latest first.
	Missed []Alert
	// Total counts the coming alerts, Overdue the overdue actions among
	// them, MissedTotal the missed notice deadlines; each up to
	// HomeAlertBound, and the AtLeast beside it says there are more.
	Total, Overdue, MissedTotal                 int
	TotalAtLeast, OverdueAtLeast, MissedAtLeast bool
}

// HomeAlertBound bounds the totals of the start page's deadlines: beyond
// it the page says "more than".
const HomeAlertBound = alertCountBound

// HomeAlerts returns the start page's deadlines for the contracts of
// scope: the first n coming alerts of the next within days in the start
// page's order, the n latest missed notice deadlines, and their totals up
// to HomeAlertBound. The store reads them from the indexes of the stored
// dates, so that the page costs the same at any size of the register;
// between midnight and the end of the date refresh, when the stored
// dates are not today's, every contract's alerts are computed instead
// (Alerts), as AlertList does.
func (s *Service) HomeAlerts(ctx context.Context, scope Scope, within, n int) (HomeAlerts, error) {
	today := s.Today()
	until := today.AddDays(within)
	q := HomeAlertQuery{Scope: scope, Today: today, Until: until, Limit: n, Bound: HomeAlertBound}
	cands, err := s.store.HomeAlertCandidates(ctx, q)
	if err != nil {
		return HomeAlerts{}, fmt.Errorf("contracts: home alerts: %w", err)
	}
	if cands.Stale {
		return s.homeAlertsComputed(ctx, scope, within, n)
	}
	out := HomeAlerts{AsOf: today}
	var coming, missed []Alert
	for _, c := range cands.Coming {
		coming = appendAlertsMode(coming, c, today, today, until, alertsUnworded)
	}
	coming = slices.DeleteFunc(coming, func(a Alert) bool {
		return a.Missed || cands.Bounded && CompareHomeAlertKeys(a.HomeKey(), cands.Bound) > 0
	})
	slices.SortFunc(coming, func(a, b Alert) int { return CompareHomeAlertKeys(a.HomeKey(), b.HomeKey()) })
	for _, c := range cands.Missed {
		missed = appendAlertsMode(missed, c, today, today, today, alertsUnworded)
	}
	missed = slices.DeleteFunc(missed, func(a Alert) bool { return !a.Missed })
	slices.SortFunc(missed, compareMissed)
	if cands.Bounded && len(coming) < n || len(missed) != min(n, cands.MissedTotal) {
		// The stored dates promised alerts the contracts do not give
		// (a row changed between the reads): the full computation.
		return s.homeAlertsComputed(ctx, scope, within, n)
	}
	out.Coming, out.Missed = coming[:min(n, len(coming))], missed[:min(n, len(missed))]
	wordAlerts(out.Coming)
	wordAlerts(out.Missed)
	out.Total, out.TotalAtLeast = bounded(cands.Total)
	out.Overdue, out.OverdueAtLeast = bounded(cands.Overdue)
	out.MissedTotal, out.MissedAtLeast = bounded(cands.MissedTotal)
	return out, nil
}

// bounded returns a count of the store, counted up to HomeAlertBound and
// one more, as a total and whether there are more.
func bounded(n int) (int, bool) { return min(n, HomeAlertBound), n > HomeAlertBound }

// homeAlertsComputed is HomeAlerts from every alert of the window
// (Alerts).
func (s *Service) homeAlertsComputed(ctx context.Context, scope Scope, within, n int) (HomeAlerts, error) {
	all, err := s.Alerts(ctx, scope, "", within)
	if err != nil {
		return HomeAlerts{}, err
	}
	out := HomeAlerts{AsOf: s.Today()}
	var coming, missed []Alert
	for _, a := range all {
		switch {
		case a.Missed:
			missed = append(missed, a)
		case a.Overdue:
			out.Overdue++
			coming = append(coming, a)
		default:
			coming = append(coming, a)
		}
	}
	slices.SortFunc(coming, func(a, b Alert) int { return CompareHomeAlertKeys(a.HomeKey(), b.HomeKey()) })
	slices.SortFunc(missed, compareMissed)
	out.Coming, out.Missed = coming[:min(n, len(coming))], missed[:min(n, len(missed))]
	out.Total, out.TotalAtLeast = bounded(len(coming))
	out.Overdue, out.OverdueAtLeast = bounded(out.Overdue)
	out.MissedTotal, out.MissedAtLeast = bounded(len(missed))
	return out, nil
}
