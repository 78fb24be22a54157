package contracts

import (
	"cmp"
	"strconv"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The alerts list one page at a time (issue 15): the store reads, per
// kind of alert, the index of the stored date the alert falls on
// (AlertCandidates), from the cursor on, and the page's alerts are
// computed for the few contracts it found.

// The ranks of the alerts of one day, in their listing order (rank):
// each kind of alert of a live list has its own, and the store reads
// each from its own index.
const (
	AlertRankMissed  = 0 // a missed notice deadline, dated today
	AlertRankOverdue = 1 // an overdue action, dated today
	AlertRankAction  = 2 // the action date
	AlertRankNotice  = 3 // the notice deadline
	AlertRankOption  = 4 // the option decision
	AlertRankExpiry  = 5 // the final end
)

// AlertSortDate names the alerts list's order (CompareAlerts) in its
// cursors; alertSortKeys is the number of keys of one: the date, the
// rank and the contract id.
const (
	AlertSortDate = "alerts.date"
	alertSortKeys = 3
)

// AlertKey is an alert's place in the list: its date, its rank among the
// alerts of that day and its contract. No two alerts of a list share one.
type AlertKey struct {
	Date     Date
	Rank     int
	Contract int64
}

// IsZero reports whether k names no alert: the list from its start.
func (k AlertKey) IsZero() bool { return k.Date.IsZero() }

// Key returns a's place in the list.
func (a Alert) Key() AlertKey { return AlertKey{Date: a.Date, Rank: a.rank(), Contract: a.Contract.ID} }

// CompareAlertKeys orders keys as CompareAlerts orders their alerts.
func CompareAlertKeys(a, b AlertKey) int {
	if c := a.Date.t.Compare(b.Date.t); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Rank, b.Rank); c != 0 {
		return c
	}
	return cmp.Compare(a.Contract, b.Contract)
}

// cursor returns k as the cursor of the page after it.
func (k AlertKey) cursor() string {
	return Cursor{Sort: AlertSortDate, Keys: []string{k.Date.String(), strconv.Itoa(k.Rank), strconv.FormatInt(k.Contract, 10)}}.Encode()
}

// decodeAlertCursor reads the cursor of an alerts page; "" is the first
// page. Anything but a cursor cursor() made is apperr.BadCursor on
// field.
func decodeAlertCursor(field, s string) (AlertKey, error) {
	c, err := DecodeCursor(field, s, AlertSortDate, alertSortKeys)
	if err != nil || c.IsZero() {
		return AlertKey{}, err
	}
	bad := apperr.FieldProblem(field, apperr.BadCursor)
	d, err := ParseDate(c.Keys[0])
	if err != nil || c.Before {
		return AlertKey{}, bad
	}
	rank, err := strconv.Atoi(c.Keys[1])
	if err != nil || rank < AlertRankMissed || rank > AlertRankExpiry {
		return AlertKey{}, bad
	}
	id, err := strconv.ParseInt(c.Keys[2], 10, 64)
	if err != nil || id < 1 {
		return AlertKey{}, bad
	}
	return AlertKey{Date: d, Rank: rank, Contract: id}, nil
}

// AlertQuery is what the store reads of one page of alerts: the
// contracts of Scope (and Organization, when not "") with an alert from
// Today up to Until whose key comes after After (from the start when
// After is zero), Limit of each kind at most.
type AlertQuery struct {
	Scope        Scope
	Organization string
	Today, Until Date
	After        AlertKey
	Limit        int
}

// AlertCandidates is what the store found for an AlertQuery.
type AlertCandidates struct {
	// Contracts have among their alerts every alert of the query after
	// After up to and including Bound (every one after After when
	// Bounded is false); each contract once.
	Contracts []ContractSummary
	Bound     AlertKey
	Bounded   bool
	// Stale says some contract's stored dates are not those of Today:
	// the store found nothing, and the alerts must be computed from
	// every contract (between midnight and the end of the date refresh).
	Stale bool
}

// AlertFilter selects one page of the alerts list.
type AlertFilter struct {
	Organization string
	// Within is the number of days looked ahead (0 to MaxAlertDays).
	Within int
	// Cursor is the position of the page (the Next of a page); without
	// it, Page numbers the page.
	Cursor         string
	Page, PageSize int
}

// AlertPage is one page of alerts, soonest first.
type AlertPage struct {
	Items []Alert
	AsOf  Date
	ListPage
}
