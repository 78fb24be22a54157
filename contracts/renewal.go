package contracts

// This file holds the renewal and notice maths of DESIGN §4. End dates are
// inclusive, as Dutch contracts write them ("van 1 februari 2023 tot en
// met 31 januari 2026"). Periods are counted from the start date each
// time, so that a contract starting on 31 January keeps ending on month
// ends instead of drifting to the 28th after February.
//
// Sources: GLPI issues #15893 (a 36-month term followed by tacit yearly
// renewals), #23084 (after a renewal the notice date follows the renewed
// end) and #12620 (notice in months plus an internal lead time in days)
// show what users need and where other tools get it wrong.

// Dates are the calendar dates a contract manager acts on, computed for
// one day (today).
type Dates struct {
	// InitialEnd is start + initial term − 1 day.
	InitialEnd Date
	// CurrentEnd is the end of the period running today: the first period
	// end on or after today, or the final end once the contract ended.
	CurrentEnd Date
	// CommittedEnd is the end the organization can no longer avoid: the
	// current end, or the next one when the notice deadline of the current
	// period has passed.
	CommittedEnd Date
	// NoticeDeadline is the last day notice can be given to end the
	// contract at CommittedEnd (tacit renewal and indefinite continuation);
	// zero when no notice is needed (no renewal left, notice given, or
	// another renewal kind).
	NoticeDeadline Date
	// RollingNotice says NoticeDeadline is no last chance: the contract
	// continues indefinitely, the chance to end it at its initial end has
	// passed, and notice given later ends it at a later possible end.
	// Such a deadline has no action date and no alert.
	RollingNotice bool
	// NoticeMissed says the current period's deadline passed: the contract
	// renews once more, and NoticeDeadline belongs to the next period.
	NoticeMissed bool
	// ActionDate is NoticeDeadline (or OptionDecision) minus the internal
	// lead days: when the organization must start its decision.
	ActionDate Date
	// OptionDecision is the last day to exercise the next express option;
	// zero when none is left.
	OptionDecision Date
	// MaxExtent is the end after every possible renewal; zero when tacit
	// renewal has no limit.
	MaxExtent Date
	// FinalEnd is the end the contract will have for sure: after notice,
	// without renewals left, or without renewal at all; zero while it can
	// still renew.
	FinalEnd Date
	// Renewals counts the renewals that have taken effect by today.
	Renewals int
	// Expired is true when today is after the final end.
	Expired bool
}

// InitialEnd returns the end of the initial term (TermEnd: the day before
// the same day InitialTermMonths later, or that month's last day).
func (c Contract) InitialEnd() Date { return c.periodEnd(0) }

// periodEnd returns the end of period k: k = 0 is the initial term, k ≥ 1
// the k-th renewal. Every period is counted from the start.
func (c Contract) periodEnd(k int) Date {
	return TermEnd(c.Start, c.InitialTermMonths+k*c.RenewalPeriodMonths)
}

// maxPeriods returns the number of renewals allowed and whether there is a
// limit at all.
func (c Contract) maxPeriods() (int, bool) {
	if c.RenewalKind == RenewalIndefinite {
		return 0, false
	}
	if c.RenewalKind == RenewalNone || c.RenewalPeriodMonths <= 0 {
		return 0, true
	}
	limit, limited := c.MaxRenewals, c.MaxRenewals > 0
	if !c.MaxEnd.IsZero() {
		// The last renewal whose end falls on or before the maximum date.
		n := 0
		for !c.periodEnd(n + 1).After(c.MaxEnd) {
			n++
			if limited && n >= limit {
				break
			}
		}
		if !limited || n < limit {
			limit, limited = n, true
		}
	}
	return limit, limited
}

// NoticeDeadlineFor returns the last day notice can be given to end the
// contract at end: end + 1 day − notice period − 1 day (end 31-01-2026
// with 3 months' notice → 31-10-2025; with 90 days' notice → 02-11-2025,
// the 90 days running from 03-11-2025 to 31-01-2026). Months count back
// with clamping to the month's last day (DESIGN §4).
func (c Contract) NoticeDeadlineFor(end Date) Date {
	if c.NoticeDays > 0 {
		return end.AddDays(-c.NoticeDays)
	}
	return end.AddDays(1).AddMonths(-c.NoticeMonths).AddDays(-1)
}

// noticeToMonthEnd reports whether notice ends an indefinitely continued
// contract at a month end only: notice in months, unless the contract
// says it may end on any day (DESIGN §4).
func (c Contract) noticeToMonthEnd() bool {
	return c.NoticeDays == 0 && c.NoticeMonths > 0 && !c.NoticeEndsAnyDay
}

// EarliestEnd returns, for a contract that continues indefinitely after
// its initial term, the first day on which notice given on given can take
// effect (DESIGN §4): the initial end while notice is still in time for
// it; after that, with notice in months, the end of the month the notice
// period reaches (notice by 30-06-2026 with 3 months ends 30-09-2026),
// or, with notice in days or when the contract lets notice end on any
// day, the last day of the notice period counted from the day after
// notice (90 days' notice on 02-11-2025 ends 31-01-2026). Every end it
// returns satisfies NoticeDeadlineFor(end) ≥ given, and no earlier day
// does.
func (c Contract) EarliestEnd(given Date) Date {
	initial := c.InitialEnd()
	if !given.After(c.NoticeDeadlineFor(initial)) {
		return initial
	}
	if c.noticeToMonthEnd() {
		// Notice given in month M ends at the end of month M + n: the
		// deadline of that month end is the end of month M.
		return given.AddMonths(c.NoticeMonths).LastOfMonth()
	}
	if c.NoticeDays > 0 || c.NoticeMonths == 0 {
		return given.AddDays(c.NoticeDays)
	}
	// Any day with notice in months: the deadline moves by whole months
	// with clamping, so start from the term rule and settle on the
	// first end whose deadline the notice meets.
	end := TermEnd(given.AddDays(1), c.NoticeMonths)
	for c.NoticeDeadlineFor(end).Before(given) {
		end = end.AddDays(1)
	}
	for !c.NoticeDeadlineFor(end.AddDays(-1)).Before(given) {
		end = end.AddDays(-1)
	}
	return end
}

// Dates computes the contract's dates as of today (a calendar date in
// Europe/Amsterdam).
func (c Contract) Dates(today Date) Dates {
	d := Dates{InitialEnd: c.InitialEnd()}
	maxN, limited := c.maxPeriods()
	if limited {
		d.MaxExtent = c.periodEnd(maxN)
	}
	switch c.RenewalKind {
	case RenewalTacit:
		c.tacitDates(today, maxN, limited, &d)
	case RenewalExpress:
		c.expressDates(today, maxN, &d)
	case RenewalIndefinite:
		c.indefiniteDates(today, &d)
	default:
		d.CurrentEnd, d.CommittedEnd, d.FinalEnd = d.InitialEnd, d.InitialEnd, d.InitialEnd
	}
	d.Expired = !d.FinalEnd.IsZero() && today.After(d.FinalEnd)
	switch {
	case d.RollingNotice:
		// Missing a rolling deadline costs one notice step, not a
		// renewal period: there is nothing to start by a given day.
	case !d.NoticeDeadline.IsZero():
		d.ActionDate = d.NoticeDeadline.AddDays(-c.LeadDays)
	case !d.OptionDecision.IsZero():
		d.ActionDate = d.OptionDecision.AddDays(-c.LeadDays)
	}
	return d
}

// tacitDates: the contract renews by itself, one period at a time, until
// notice is given in time or no renewal is left.
func (c Contract) tacitDates(today Date, maxN int, limited bool, d *Dates) {
	// With notice given, the contract ends at the first period end whose
	// deadline the notice met.
	last := -1
	if !c.NoticeGivenOn.IsZero() {
		for k := 0; !limited || k <= maxN; k++ {
			if !c.NoticeGivenOn.After(c.NoticeDeadlineFor(c.periodEnd(k))) {
				last = k
				break
			}
		}
	}
	if last < 0 && limited {
		last = maxN
	}
	// The period running today.
	k := 0
	for (last < 0 || k < last) && today.After(c.periodEnd(k)) {
		k++
	}
	d.Renewals = k
	d.CurrentEnd, d.CommittedEnd = c.periodEnd(k), c.periodEnd(k)
	if last >= 0 && k == last {
		d.FinalEnd = c.periodEnd(last)
		return // no renewal left, or notice given: nothing to decide
	}
	deadline := c.NoticeDeadlineFor(d.CurrentEnd)
	if today.After(deadline) {
		// Too late for this period: committed to the next one, whose
		// deadline is now the one to watch (DESIGN §4).
		d.NoticeMissed = true
		d.CommittedEnd = c.periodEnd(k + 1)
		if last >= 0 && k+1 == last {
			d.FinalEnd = d.CommittedEnd
			return
		}
		deadline = c.NoticeDeadlineFor(d.CommittedEnd)
	}
	d.NoticeDeadline = deadline
}

// expressDates: an extension happens only when decided; each option has a
// decision deadline, the notice period before the current end.
func (c Contract) expressDates(today Date, maxN int, d *Dates) {
	k := min(c.RenewalsExercised, maxN)
	d.Renewals = k
	d.CurrentEnd, d.CommittedEnd = c.periodEnd(k), c.periodEnd(k)
	if k >= maxN || !c.NoticeGivenOn.IsZero() {
		d.FinalEnd = d.CurrentEnd
		return
	}
	decision := c.NoticeDeadlineFor(d.CurrentEnd)
	if today.After(decision) {
		// The option lapsed: the contract ends at the current end.
		d.FinalEnd = d.CurrentEnd
		return
	}
	d.OptionDecision = decision
}

// indefiniteDates: after the initial term the contract continues until
// notice ends it (DESIGN §4). While notice can still end it at the
// initial end, that end and its deadline are what to act on, as for a
// tacit renewal. After that deadline the contract can end at the earliest
// end of notice given today (EarliestEnd), which moves on as days pass:
// CommittedEnd is that end, CurrentEnd the initial end until it passes
// and then the same earliest end, and the notice deadline is rolling.
// Notice given ends it at the earliest end of that notice.
func (c Contract) indefiniteDates(today Date, d *Dates) {
	if !c.NoticeGivenOn.IsZero() {
		end := c.EarliestEnd(c.NoticeGivenOn)
		d.CurrentEnd, d.CommittedEnd, d.FinalEnd = end, end, end
		return
	}
	end := c.EarliestEnd(today)
	d.CurrentEnd, d.CommittedEnd = end, end
	if !today.After(d.InitialEnd) {
		d.CurrentEnd = d.InitialEnd
	}
	d.NoticeDeadline = c.NoticeDeadlineFor(end)
	d.RollingNotice = end != d.InitialEnd
}
