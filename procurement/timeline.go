package procurement

import (
	"fmt"
	"slices"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TimelineProcedure is the kind of European procedure a timeline is planned
// for. Only the procedures whose minimum periods DESIGN §4 fixes are known.
type TimelineProcedure string

// Procedures the timeline planner knows (Aw 2012 art. 2.71–2.74a).
const (
	// TimelineOpen is the open procedure: one tender period from the notice.
	TimelineOpen TimelineProcedure = "open"
	// TimelineRestricted is the restricted procedure: a period for requests
	// to participate, a selection, then a tender period from the invitation.
	TimelineRestricted TimelineProcedure = "restricted"
	// TimelineLight is the light regime for social and other specific
	// services (Aw 2012 art. 2.38–2.39): no statutory minimum period, so a
	// planning assumption; the standstill applies.
	TimelineLight TimelineProcedure = "light"
)

// FrameworkMaxMonths is the longest term of a framework agreement without
// an objective justification: four years (Aw 2012 art. 2.140).
const FrameworkMaxMonths = 48

// maxRunOn bounds PlanBackward's search for a publication date: the days
// the statutory periods of one procedure can together run on past days
// off. With the recognized holidays that is at most a dozen.
const maxRunOn = 366

// PlanOptions describes the circumstances of one procedure that change its
// minimum periods, and the non-legal durations the planner needs.
type PlanOptions struct {
	// Electronic means tenders are submitted electronically (TenderNed).
	Electronic bool
	// DocumentsOnline means every procurement document is fully available
	// online from the day the notice is sent.
	DocumentsOnline bool
	// PIN means a prior information notice was sent 52 days to 12 months
	// before the contract notice. It shortens the open procedure only.
	PIN bool
	// Urgent means a substantiated urgency. It shortens the open
	// procedure's tender period (Aw 2012 art. 2.71–2.74a) and the
	// restricted procedure's request and tender periods (Aw 2012
	// art. 2.74).
	Urgent bool
	// CallOff means the award is a call-off under an existing framework
	// agreement, which needs no standstill (Aw 2012 art. 2.127). A tender
	// that concludes a framework agreement is not a call-off: its award has
	// a standstill like any other.
	CallOff bool
	// SelectionDays is the restricted procedure's time from the deadline for
	// requests to participate to sending the invitations to tender.
	SelectionDays int
	// EvaluationDays is the time from the tender deadline to sending the
	// award decision.
	EvaluationDays int
	// ImplementationDays is the lead time from signing the contract to its
	// start (migration, onboarding).
	ImplementationDays int
}

// TenderPeriod returns the minimum number of calendar days from sending the
// notice (open) or the invitation to tender (restricted) to the tender
// deadline, with its legal basis. The deadline falls on the sending
// date plus that many days: the day of sending does not count, the deadline
// day does.
//
// Open procedure (Aw 2012 art. 2.71–2.74a, PIANOo): urgency 15 days, taking
// precedence over everything else and without the online-documents
// extension; with a prior information notice PIANOo's 29 days (never below
// the Act's 22-day floor) and no separate electronic reduction; otherwise 45
// days, −5 for electronic submission. Every non-urgent period gets +5 when
// the documents are not fully available online. Restricted procedure: 40
// days, 35 electronically; in urgency 10 (Aw 2012 art. 2.74).
//
// The deadline so counted runs on to the next working day when it is none
// (Atw art. 1); EarliestDeadline and PlanForward apply l.Calendar.
func TenderPeriod(p TimelineProcedure, opts PlanOptions, l TimeLimits) (int, apperr.Basis, error) {
	switch p {
	case TimelineOpen:
		if opts.Urgent {
			return l.OpenUrgent, apperr.Base(apperr.BasisOpenUrgent, l.OpenUrgent), nil
		}
		var days int
		var basis apperr.Basis
		switch {
		case opts.PIN:
			days = max(l.OpenPIN, l.OpenPINFloor)
			basis = apperr.Base(apperr.BasisOpenPIN, days, l.OpenPINFloor)
		case opts.Electronic:
			days = l.Open - l.OpenElectronicReduction
			basis = apperr.Base(apperr.BasisOpenElectronic, l.Open, l.OpenElectronicReduction)
		default:
			days = l.Open
			basis = apperr.Base(apperr.BasisOpen, l.Open)
		}
		if !opts.DocumentsOnline {
			days += l.OpenDocumentsNotOnline
			basis = apperr.Base(apperr.BasisDocumentsNotOnline, basis, l.OpenDocumentsNotOnline)
		}
		return days, basis, nil
	case TimelineRestricted:
		if opts.Urgent {
			return l.RestrictedTendersUrgent, apperr.Base(apperr.BasisRestrictedTendersUrgent, l.RestrictedTendersUrgent), nil
		}
		if opts.Electronic {
			return l.RestrictedElectronic, apperr.Base(apperr.BasisRestrictedElectronic, l.RestrictedElectronic), nil
		}
		return l.RestrictedTenders, apperr.Base(apperr.BasisRestrictedTenders, l.RestrictedTenders), nil
	case TimelineLight:
		days := l.Open - l.OpenElectronicReduction
		return days, apperr.Base(apperr.BasisLightPeriod, days), nil
	}
	return 0, apperr.Basis{}, fmt.Errorf("procurement: tender period: %w", unknownProcedure(p))
}

func unknownProcedure(p TimelineProcedure) error {
	return apperr.FieldProblem("procedure", apperr.OneOf, apperr.Or(string(TimelineOpen), string(TimelineRestricted), string(TimelineLight)), string(p))
}

// StandstillEnd returns the last day of the standstill after the award
// decision is sent on decisionSent (Aw 2012 art. 2.127): the standstill runs
// l.Standstill calendar days starting the day after sending, so with 20 days
// a decision sent on 1 March gives a standstill from 2 March up to and
// including 21 March. The returned date is inclusive: the contract may be
// concluded from the day after it (22 March) at the earliest.
//
// A standstill whose last day is a Saturday, Sunday or recognized holiday
// runs on to the next working day (Algemene termijnenwet art. 1; Hof Den
// Haag 20-04-2021): a decision sent on Monday 7 December 2026 gives a
// standstill up to and including Monday 28 December, since the 20th day is
// Sunday 27 December, and signing from 29 December.
func StandstillEnd(decisionSent contracts.Date, l TimeLimits) contracts.Date {
	end, _ := l.statutoryEnd(decisionSent.AddDays(l.Standstill))
	return end
}

// statutoryEnd returns the day a statutory period counted forward ends
// when its last calendar day is last: last itself on a working day, else
// the next working day (Algemene termijnenwet art. 1; Reg. 1182/71
// art. 3(4)).
//
// ro describes the run-on for the milestone (Milestone.RanOn); it is zero
// when the period ends on last.
func (l TimeLimits) statutoryEnd(last contracts.Date) (end contracts.Date, ro RunOn) {
	end = l.Calendar.NextWorkingDayOnOrAfter(last)
	if end == last {
		return end, RunOn{}
	}
	return end, RunOn{From: last, Off: l.Calendar.DayOff(last)}
}

// requestPeriod returns the restricted procedure's minimum period for
// requests to participate, with its basis: 30 days, 15 in urgency (Aw
// 2012 art. 2.71–2.74a, 2.74).
func requestPeriod(opts PlanOptions, l TimeLimits) (int, apperr.Basis) {
	if opts.Urgent {
		return l.RestrictedRequestsUrgent, apperr.Base(apperr.BasisRestrictedRequestsUrgent, l.RestrictedRequestsUrgent)
	}
	return l.RestrictedRequests, apperr.Base(apperr.BasisRestrictedRequests, l.RestrictedRequests)
}

// forward holds the dates a procedure's minimum periods give from the
// publication, each with its basis.
type forward struct {
	requests, invitation, deadline contracts.Date
	requestsBasis, deadlineBasis   apperr.Basis
	requestsRunOn, deadlineRunOn   RunOn
}

// forwardDates counts the minimum periods forward from publication: for a
// restricted procedure the request period and the planned selection
// (opts.SelectionDays), then the tender period (TenderPeriod). A statutory
// period that ends on a day off runs on to the next working day (Atw
// art. 1); the planned selection is no period of law and is not moved.
// PlanForward and EarliestDeadline share it, so the plan and the check of
// a chosen deadline agree.
func forwardDates(publication contracts.Date, p TimelineProcedure, opts PlanOptions, l TimeLimits) (forward, error) {
	period, basis, err := TenderPeriod(p, opts, l)
	if err != nil {
		return forward{}, err
	}
	var f forward
	from := publication
	if p == TimelineRestricted {
		days, rb := requestPeriod(opts, l)
		f.requests, f.requestsRunOn = l.statutoryEnd(publication.AddDays(days))
		f.requestsBasis = f.requestsRunOn.basis(rb, f.requests)
		f.invitation = f.requests.AddDays(opts.SelectionDays)
		from = f.invitation
	}
	f.deadline, f.deadlineBasis = from.AddDays(period), basis
	if p == TimelineOpen || p == TimelineRestricted {
		// The periods of Aw 2012 art. 2.71–2.74a are law; a period that
		// is a planning assumption is not moved.
		f.deadline, f.deadlineRunOn = l.statutoryEnd(f.deadline)
		f.deadlineBasis = f.deadlineRunOn.basis(f.deadlineBasis, f.deadline)
	}
	return f, nil
}

// FrameworkTermCheck reports a framework agreement term over four years
// (48 months) that has no objective justification (Aw 2012 art. 2.140). A
// negative or zero term is invalid as well.
func FrameworkTermCheck(months int, justified bool) error {
	var fe apperr.FieldErrors
	switch {
	case months <= 0:
		fe.Add("termMonths", apperr.Positive)
	case months > FrameworkMaxMonths && !justified:
		fe.Add("termMonths", apperr.FrameworkTooLong, FrameworkMaxMonths, months)
	}
	if err := fe.Err(); err != nil {
		return fmt.Errorf("procurement: framework term: %w", err)
	}
	return nil
}

// planInput validates what PlanForward and PlanBackward share.
func planInput(p TimelineProcedure, opts PlanOptions, l TimeLimits, preparationDays int) error {
	var fe apperr.FieldErrors
	if p != TimelineOpen && p != TimelineRestricted && p != TimelineLight {
		fe = append(fe, unknownProcedure(p).(apperr.FieldErrors)...)
	}
	if opts.SelectionDays < 0 {
		fe.Add("selectionDays", apperr.Negative, opts.SelectionDays)
	}
	if opts.EvaluationDays < 0 {
		fe.Add("evaluationDays", apperr.Negative, opts.EvaluationDays)
	}
	if opts.ImplementationDays < 0 {
		fe.Add("implementationDays", apperr.Negative, opts.ImplementationDays)
	}
	if preparationDays < 0 {
		fe.Add("preparationDays", apperr.Negative, preparationDays)
	}
	if err := l.Validate(); err != nil {
		fe = append(fe, apperr.Fields(err)...)
	}
	return fe.Err()
}

// PlanForward plans a tender from the date the contract notice is sent,
// taking every legal minimum period (TenderPeriod, the clarification limits
// and StandstillEnd) at its shortest and the non-legal durations from opts.
// The milestones come in date order: publication, for a restricted procedure
// the last clarification notice of the selection phase, the deadline for
// requests and the invitation, then the last clarification notice, the
// tender deadline, the award decision, the last day of the standstill
// (absent for a call-off), contract signature and start. Signature falls on
// the day after the standstill, or on the award decision date for a call-off.
func PlanForward(publication contracts.Date, p TimelineProcedure, opts PlanOptions, l TimeLimits) ([]Milestone, error) {
	if err := planInput(p, opts, l, 0); err != nil {
		return nil, fmt.Errorf("procurement: plan forward: %w", err)
	}
	if publication.IsZero() {
		return nil, fmt.Errorf("procurement: plan forward: %w", apperr.FieldProblem("publication", apperr.Required))
	}
	f, err := forwardDates(publication, p, opts, l)
	if err != nil {
		return nil, fmt.Errorf("procurement: plan forward: %w", err)
	}
	ms := []Milestone{milestone(MilestonePublication, publication, apperr.Base(apperr.BasisPublication))}
	if p == TimelineRestricted {
		ms = append(ms,
			milestone(MilestoneSelectionClarification, f.requests.AddDays(-l.ClarificationBeforeSelection),
				apperr.Base(apperr.BasisSelectionClarification, l.ClarificationBeforeSelection)),
			milestone(MilestoneRequestDeadline, f.requests, f.requestsBasis).ranOn(f.requestsRunOn),
			milestone(MilestoneInvitation, f.invitation, apperr.Base(apperr.BasisPlanning)),
		)
	}
	ms = append(ms, tail(f.deadline, p, opts, l, f.deadlineBasis)...)
	if i := slices.IndexFunc(ms, func(m Milestone) bool { return m.Key == MilestoneTenderDeadline }); i >= 0 {
		ms[i].RanOn = f.deadlineRunOn
	}
	return ms, nil
}

// tail plans from the tender deadline to the start; PlanForward and
// PlanBackward share it so that both directions agree on every date.
//
// Under the light regime (p is TimelineLight) it adds the award notice
// after the signature (AwardNoticeDue), in date order with the start.
func tail(deadline contracts.Date, p TimelineProcedure, opts PlanOptions, l TimeLimits, periodBasis apperr.Basis) []Milestone {
	award := deadline.AddDays(opts.EvaluationDays)
	planning := apperr.Base(apperr.BasisPlanning)
	ms := []Milestone{
		milestone(MilestoneClarification, deadline.AddDays(-l.ClarificationBefore), apperr.Base(apperr.BasisClarification, l.ClarificationBefore)),
		milestone(MilestoneTenderDeadline, deadline, periodBasis),
		milestone(MilestoneAwardDecision, award, planning),
	}
	signature := award
	if opts.CallOff {
		ms = append(ms, milestone(MilestoneContractSignature, signature, apperr.Base(apperr.BasisNoStandstill)))
	} else {
		end, ro := l.statutoryEnd(award.AddDays(l.Standstill))
		signature = end.AddDays(1)
		ms = append(ms,
			milestone(MilestoneStandstillEnd, end, ro.basis(apperr.Base(apperr.BasisStandstill, l.Standstill), end)).ranOn(ro),
			milestone(MilestoneContractSignature, signature, apperr.Base(apperr.BasisSignature)),
		)
	}
	start := milestone(MilestoneStart, signature.AddDays(opts.ImplementationDays), planning)
	if p != TimelineLight {
		return append(ms, start)
	}
	notice := milestone(MilestoneAwardNotice, AwardNoticeDue(signature), apperr.Base(apperr.BasisAwardNotice))
	if notice.Date.Before(start.Date) {
		return append(ms, notice, start)
	}
	return append(ms, start, notice)
}

// AwardNoticeDue returns the last day to send the light regime's award
// notice for a contract signed on signature, when the notices are grouped
// per quarter: 30 days after the end of the quarter signature falls in
// (Directive 2014/24/EU art. 75(2); Aw 2012 art. 2.39). Signed on 15 May
// 2026, the notice is due by 30 July 2026. The date is a planning
// deadline and is not moved past a weekend or holiday: planning on the
// day itself is always in time.
func AwardNoticeDue(signature contracts.Date) contracts.Date {
	first := contracts.NewDate(signature.Year(), time.Month((int(signature.Month())-1)/3*3+1), 1)
	return first.AddMonths(3).AddDays(-1 + 30)
}

// PlanBackward plans a tender backwards from the date the new contract must
// start (DESIGN §4, bundling): implementation lead, standstill, evaluation,
// the tender period of the procedure and finally preparationDays for
// collecting demand and mandates. Every legal period is taken at its
// minimum, so the first milestone (MilestonePreparationStart) is the latest
// date preparation can begin and the publication milestone the latest date
// the notice can be sent. The milestones after preparation are exactly
// those PlanForward gives from that publication date, except the start,
// which is neededStart: when a statutory period runs on past a weekend or
// holiday (Atw art. 1), the publication is as many days earlier as needed
// and the implementation lead gets what is left over.
func PlanBackward(neededStart contracts.Date, p TimelineProcedure, opts PlanOptions, l TimeLimits, preparationDays int) ([]Milestone, error) {
	if err := planInput(p, opts, l, preparationDays); err != nil {
		return nil, fmt.Errorf("procurement: plan backward: %w", err)
	}
	if neededStart.IsZero() {
		return nil, fmt.Errorf("procurement: plan backward: %w", apperr.FieldProblem("neededStart", apperr.Required))
	}
	period, _, _ := TenderPeriod(p, opts, l)
	award := neededStart.AddDays(-opts.ImplementationDays)
	if !opts.CallOff {
		// Signature is the day after the standstill's last day, which is
		// l.Standstill days after the decision.
		award = award.AddDays(-1 - l.Standstill)
	}
	publication := award.AddDays(-opts.EvaluationDays - period)
	if p == TimelineRestricted {
		requests, _ := requestPeriod(opts, l)
		publication = publication.AddDays(-opts.SelectionDays - requests)
	}
	// Counted without the calendar, the plan from publication starts on
	// neededStart or, when a period runs on past a day off, a few days
	// later. A later publication never gives an earlier start, so the
	// latest publication that still starts in time is found stepping back
	// a day at a time; the runs of days off are short.
	var ms []Milestone
	for back := 0; ; back++ {
		var err error
		if ms, err = PlanForward(publication, p, opts, l); err != nil {
			return nil, fmt.Errorf("procurement: plan backward: %w", err)
		}
		if !ms[startIndex(ms)].Date.After(neededStart) {
			break
		}
		if back == maxRunOn {
			return nil, fmt.Errorf("procurement: plan backward: %w", apperr.FieldProblem("neededStart",
				apperr.NoPublicationDate, maxRunOn, apperr.Day(neededStart.String())))
		}
		publication = publication.AddDays(-1)
	}
	ms[startIndex(ms)].Date = neededStart
	prep := milestone(MilestonePreparationStart, publication.AddDays(-preparationDays), apperr.Base(apperr.BasisPreparation, preparationDays))
	return append([]Milestone{prep}, ms...), nil
}
