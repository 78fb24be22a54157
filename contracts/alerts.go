package contracts

import (
	"cmp"
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// AlertKind says which date of a contract an alert is about.
type AlertKind string

// The alert kinds, in the order alerts on the same day are listed.
const (
	// AlertAction: the organization's own action date, the notice deadline
	// or option decision minus its lead days (DESIGN §4): start deciding.
	// With Overdue set, that day has passed while the deadline has not:
	// start now.
	AlertAction AlertKind = "action"
	// AlertNotice: the last day notice can be given before the contract
	// renews tacitly. With Missed set, that day has passed and the
	// contract renewed once more.
	AlertNotice AlertKind = "notice"
	// AlertOption: the last day to exercise an express extension option.
	AlertOption AlertKind = "option"
	// AlertExpiry: the contract ends for good (no renewal left, notice
	// given, or no renewal at all).
	AlertExpiry AlertKind = "expiry"
)

// AlertKinds returns the alert kinds in their listing order.
func AlertKinds() []AlertKind { return []AlertKind{AlertAction, AlertNotice, AlertOption, AlertExpiry} }

// AlertContract is what an alert says about its contract: enough to name
// it and link to it.
type AlertContract struct {
	ID               int64
	Organization     string
	OrganizationName string
	Number           string
	Title            string
	VendorID         int64
	VendorName       string
	// Revision counts the changes to the contract since it was
	// registered (ContractSummary.Revision).
	Revision int
}

// Alert is one date a contract manager must act on.
type Alert struct {
	Kind AlertKind
	// Date is the day of the alert; for a missed notice deadline or an
	// overdue action, today.
	Date   Date
	Missed bool
	// Overdue says the action date has passed and the deadline it leads up
	// to has not (DESIGN §4: "start now"). An overdue action alert is
	// dated today; in a calendar, where an alert dated today would move
	// every day, the deadline's own alert carries the flag instead.
	Overdue  bool
	Action   Date
	Contract AlertContract
	// Deadline is the notice deadline or option decision an action date
	// leads up to, and DeadlineKind which of the two (AlertNotice or
	// AlertOption); for a missed notice, Deadline is the one missed.
	Deadline     Date
	DeadlineKind AlertKind
	// End is where the contract ends when acted upon: at the end the notice
	// meets, when the option is left, or the final end of an expiry. For a
	// missed notice it is the end the contract is now committed to.
	End Date
	// Renewal is where the contract runs to otherwise: the renewed end
	// (tacit), the end after the option (express), or the earliest end of
	// notice given the day after the deadline (indefinite continuation).
	Renewal Date
	// Indefinite says the contract continues indefinitely after its
	// initial term: Renewal is then its earliest end when the notice
	// deadline passes unused.
	Indefinite bool
	// Period is the contract period whose end the alert is about: 0 for
	// the initial term, n for the n-th renewal period. A notice deadline,
	// option decision or action date belongs to one period for good, so
	// that with the contract and kind it names the deadline across days
	// and across changes to the contract's terms that move its date. An
	// expiry has period 0: a contract expires once.
	Period int
	// What says in English what must be done by when (Note's text).
	What string
}

// Note says what a must be done by when, as a code with its dates
// (apperr.AlertNotice, …): in English as What, in Dutch through
// internal/nl.
func (a Alert) Note() apperr.Warning {
	day := func(d Date) apperr.Day { return apperr.Day(d.String()) }
	switch {
	case a.Missed:
		return apperr.Warn(apperr.AlertNoticeMissed, day(a.Deadline), day(a.End))
	case a.Overdue && a.Kind == AlertAction && a.DeadlineKind == AlertOption:
		return apperr.Warn(apperr.AlertOverdueOption, day(a.Action), day(a.Deadline))
	case a.Overdue && a.Kind == AlertAction:
		return apperr.Warn(apperr.AlertOverdueNotice, day(a.Action), day(a.Deadline))
	case a.Kind == AlertNotice && a.Indefinite:
		return apperr.Warn(apperr.AlertNoticeIndefinite, day(a.Date), day(a.End), day(a.Renewal))
	case a.Kind == AlertNotice:
		return apperr.Warn(apperr.AlertNotice, day(a.Date), day(a.End), day(a.Renewal))
	case a.Kind == AlertAction && a.DeadlineKind == AlertOption:
		return apperr.Warn(apperr.AlertOptionAction, day(a.Deadline))
	case a.Kind == AlertAction:
		return apperr.Warn(apperr.AlertNoticeAction, day(a.Deadline))
	case a.Kind == AlertOption:
		return apperr.Warn(apperr.AlertOption, day(a.Date), day(a.Renewal), day(a.End))
	case a.Kind == AlertExpiry:
		return apperr.Warn(apperr.AlertExpiry, day(a.Date))
	}
	return apperr.Warning{}
}

// rank orders alerts of one day: a missed deadline first, an overdue
// action next, then the order of AlertKinds.
func (a Alert) rank() int {
	switch {
	case a.Missed:
		return AlertRankMissed
	case a.Overdue && a.Kind == AlertAction:
		return AlertRankOverdue
	case a.Kind == AlertAction:
		return AlertRankAction
	case a.Kind == AlertNotice:
		return AlertRankNotice
	case a.Kind == AlertOption:
		return AlertRankOption
	}
	return AlertRankExpiry
}

// CompareAlerts orders alerts soonest first, then by kind (a missed
// deadline first), then by contract id: a stable order for lists, feeds
// and tests.
func CompareAlerts(a, b Alert) int {
	if c := a.Date.t.Compare(b.Date.t); c != 0 {
		return c
	}
	if c := cmp.Compare(a.rank(), b.rank()); c != 0 {
		return c
	}
	return cmp.Compare(a.Contract.ID, b.Contract.ID)
}

// Alerts returns, soonest first, what the contracts ask of their
// organization from today up to and including today + within days: each
// contract's action date, notice deadline, option decision and final end
// in that window, a notice deadline it missed (DESIGN §4: "the alert
// says the deadline was missed") and an action date that passed while its
// deadline has not (DESIGN §4: "start now"), both dated today, whatever
// the window. The rolling notice deadline of a contract that continues
// indefinitely asks for nothing (Dates.RollingNotice). The dates are computed
// from the contracts for today, not read from their stored copy.
// Terminated contracts ask for nothing.
func Alerts(cs []ContractSummary, today Date, within int) []Alert {
	to := today.AddDays(within)
	var out []Alert
	for _, c := range cs {
		out = appendAlerts(out, c, today, today, to, true)
	}
	slices.SortFunc(out, CompareAlerts)
	return out
}

// CalendarAlerts returns, soonest first, the contracts' deadlines from
// from up to and including to, for a calendar: dates from today on as
// they stand today, earlier ones as they stood on from, so that a
// deadline stays in the calendar for a while after it passed. A missed
// notice or an overdue action is no event of its own: dated today, it
// would move every day; the deadline it missed is one of the past dates,
// and a deadline whose action date has passed carries Overdue.
func CalendarAlerts(cs []ContractSummary, today, from, to Date) []Alert {
	var out []Alert
	for _, c := range cs {
		out = appendCalendarAlerts(out, c, today, from, to)
	}
	slices.SortFunc(out, CompareAlerts)
	return out
}

func appendCalendarAlerts(dst []Alert, c ContractSummary, today, from, to Date) []Alert {
	if from.Before(today) {
		dst = appendAlertsMode(dst, c, from, from, minDate(to, today.AddDays(-1)), alertsPast)
	}
	return appendAlertsMode(dst, c, today, maxDate(from, today), to, alertsCalendar)
}

// alertMode says which alerts appendAlerts adds beside the dates in its
// window.
type alertMode int

const (
	// alertsLive: a list as of today; the alerts of a missed notice
	// deadline and of an overdue action are dated today.
	alertsLive alertMode = iota
	// alertsCalendar: a calendar from today on; no alert dated today, and
	// a deadline whose action date has passed carries Overdue.
	alertsCalendar
	// alertsPast: a calendar's days before today, as they stood then.
	alertsPast
	// alertsUnworded: as alertsLive, with What left empty for the caller
	// to fill in (wordAlerts) for the few alerts it keeps of many.
	alertsUnworded
)

// live reports whether the mode adds the alerts dated asOf.
func (m alertMode) live() bool { return m == alertsLive || m == alertsUnworded }

// wordAlerts fills in What of alerts made unworded (alertsUnworded).
func wordAlerts(as []Alert) {
	for i := range as {
		as[i].What = as[i].Note().Message()
	}
}

// appendAlerts appends the alerts of c in [from, to] with its dates
// computed for asOf; live adds the alerts dated asOf (alertsLive), without
// it those of a calendar from asOf on (alertsCalendar).
func appendAlerts(dst []Alert, cs ContractSummary, asOf, from, to Date, live bool) []Alert {
	if live {
		return appendAlertsMode(dst, cs, asOf, from, to, alertsLive)
	}
	return appendAlertsMode(dst, cs, asOf, from, to, alertsCalendar)
}

// appendAlertsMode appends the alerts of c in [from, to] with its dates
// computed for asOf, the alerts mode adds among them.
func appendAlertsMode(dst []Alert, cs ContractSummary, asOf, from, to Date, mode alertMode) []Alert {
	c := cs.Contract
	if c.Status == StatusTerminated || to.Before(from) {
		return dst
	}
	d := c.Dates(asOf)
	in := func(x Date) bool { return !x.IsZero() && !x.Before(from) && !x.After(to) }
	ref := AlertContract{ID: c.ID, Organization: c.Organization, OrganizationName: cs.OrganizationName,
		Number: c.Number, Title: c.Title, VendorID: c.VendorID, VendorName: cs.VendorName, Revision: cs.Revision}
	add := func(a Alert) {
		a.Contract = ref
		a.Indefinite = c.RenewalKind == RenewalIndefinite
		if mode != alertsUnworded {
			a.What = a.Note().Message()
		}
		dst = append(dst, a)
	}
	// committed is the period whose end the notice deadline or option
	// decision is about; the one after it is where the contract runs to
	// otherwise.
	committed := d.Renewals
	if d.NoticeMissed {
		committed++
	}
	if mode.live() && d.NoticeMissed {
		deadline := c.NoticeDeadlineFor(d.CurrentEnd)
		add(Alert{Kind: AlertNotice, Date: asOf, Missed: true, Deadline: deadline, DeadlineKind: AlertNotice, End: d.CommittedEnd, Period: committed - 1})
	}
	// overdue: the action date passed, the deadline it leads up to has
	// not (Dates gives no action date for a rolling notice deadline).
	deadline, deadlineKind := d.NoticeDeadline, AlertNotice
	if deadline.IsZero() {
		deadline, deadlineKind = d.OptionDecision, AlertOption
	}
	overdue := !d.ActionDate.IsZero() && d.ActionDate.Before(asOf) && !deadline.Before(asOf)
	if mode.live() && overdue {
		add(Alert{Kind: AlertAction, Date: asOf, Overdue: true, Action: d.ActionDate, Deadline: deadline, DeadlineKind: deadlineKind,
			End: d.CommittedEnd, Renewal: c.renewalAfter(d, committed), Period: committed})
	}
	switch {
	case d.RollingNotice:
		// Every day offers the same choice a little later: no deadline.
	case !d.NoticeDeadline.IsZero():
		renewal := c.renewalAfter(d, committed)
		// Without lead days the action date is the deadline itself, and
		// one alert says it.
		if in(d.ActionDate) && d.ActionDate != d.NoticeDeadline {
			add(Alert{Kind: AlertAction, Date: d.ActionDate, Deadline: d.NoticeDeadline, DeadlineKind: AlertNotice, End: d.CommittedEnd, Renewal: renewal, Period: committed})
		}
		if in(d.NoticeDeadline) {
			add(Alert{Kind: AlertNotice, Date: d.NoticeDeadline, End: d.CommittedEnd, Renewal: renewal, Overdue: mode == alertsCalendar && overdue,
				Action: d.ActionDate, Period: committed})
		}
	case !d.OptionDecision.IsZero():
		renewal := c.periodEnd(committed + 1)
		if in(d.ActionDate) && d.ActionDate != d.OptionDecision {
			add(Alert{Kind: AlertAction, Date: d.ActionDate, Deadline: d.OptionDecision, DeadlineKind: AlertOption, End: d.CurrentEnd, Renewal: renewal, Period: committed})
		}
		if in(d.OptionDecision) {
			add(Alert{Kind: AlertOption, Date: d.OptionDecision, End: d.CurrentEnd, Renewal: renewal, Overdue: mode == alertsCalendar && overdue,
				Action: d.ActionDate, Period: committed})
		}
	}
	if in(d.FinalEnd) {
		add(Alert{Kind: AlertExpiry, Date: d.FinalEnd, End: d.FinalEnd})
	}
	return dst
}

// renewalAfter returns where the contract runs to when the deadline in d
// passes unused: the end of the period after the committed one (tacit,
// express), or the earliest end of notice given the day after the notice
// deadline (indefinite continuation).
func (c Contract) renewalAfter(d Dates, committed int) Date {
	switch {
	case c.RenewalKind == RenewalIndefinite && !d.NoticeDeadline.IsZero():
		return c.EarliestEnd(d.NoticeDeadline.AddDays(1))
	case c.RenewalKind == RenewalIndefinite:
		return Date{}
	}
	return c.periodEnd(committed + 1)
}

func minDate(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

func maxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}
