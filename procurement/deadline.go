package procurement

import (
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// A tender deadline chosen by hand, checked against the earliest one the
// minimum periods allow.

// chosenDeadline replaces the planned tender deadline and what follows it
// by the deadline chosen by hand, or states why that deadline is too short
// (DeadlineProblem) and keeps the minimum plan.
//
// Under the light regime no minimum period applies (Aw 2012 art.
// 2.38–2.39): any deadline after the publication is taken, and one shorter
// than the planning assumption gets a warning that the period must still
// be reasonable.
func (p *Plan) chosenDeadline(t Tender, tp TimelineProcedure, opts PlanOptions, l TimeLimits) {
	earliest, basis, err := EarliestDeadline(t.Publication, tp, opts, l)
	if err != nil {
		return
	}
	if tp == TimelineLight {
		if t.TenderDeadline.Before(earliest) {
			p.DeadlineProblem = apperr.Warn(apperr.WarnDeadlineNotAfter, apperr.Day(t.TenderDeadline.String()), apperr.Day(t.Publication.String()))
			return
		}
		if assumed, err := forwardDates(t.Publication, tp, opts, l); err == nil && t.TenderDeadline.Before(assumed.deadline) {
			p.Warnings = append(p.Warnings, apperr.Warn(apperr.WarnLightDeadline, apperr.Day(t.TenderDeadline.String()),
				t.Publication.DaysUntil(t.TenderDeadline), t.Publication.DaysUntil(assumed.deadline)))
		}
	}
	if t.TenderDeadline.Before(earliest) {
		dates := []any{apperr.Day(t.TenderDeadline.String()), apperr.Day(t.Publication.String()), apperr.Day(earliest.String()), basis}
		p.DeadlineProblem = apperr.Warn(apperr.WarnDeadlineTooShort, dates...)
		if tp == TimelineRestricted {
			requests, _ := requestPeriod(opts, l)
			p.DeadlineProblem = apperr.Warn(apperr.WarnDeadlineRestricted, append(dates, requests, opts.SelectionDays)...)
		}
		return
	}
	head := make([]Milestone, 0, len(p.Timeline))
	for _, m := range p.Timeline {
		if m.Key == MilestoneClarification {
			break
		}
		head = append(head, m)
	}
	p.Timeline = append(head, tail(t.TenderDeadline, tp, opts, l,
		apperr.Base(apperr.BasisChosenDeadline, apperr.Day(earliest.String()), basis))...)
}

// EarliestDeadline returns the earliest tender deadline after a notice
// sent on publication, with its basis: the minimum tender period, for a
// restricted procedure after the request period and the planned
// selection (opts.SelectionDays) (Aw 2012 art. 2.71–2.74a). A statutory
// period that ends on a Saturday, Sunday or holiday runs on to the next
// working day (Algemene termijnenwet art. 1, l.Calendar): 40 days after a
// notice sent on 3 November 2026 is Sunday 13 December, so the earliest
// deadline is Monday 14 December, and the basis says so.
//
// The light regime has no minimum period (Aw 2012 art. 2.38–2.39): its
// earliest deadline is the day after the publication. The 40 days its plan
// assumes (TenderPeriod) are a planning assumption, not a floor.
func EarliestDeadline(publication contracts.Date, p TimelineProcedure, opts PlanOptions, l TimeLimits) (contracts.Date, apperr.Basis, error) {
	if p == TimelineLight {
		return publication.AddDays(1), apperr.Base(apperr.BasisLightNoMinimum), nil
	}
	f, err := forwardDates(publication, p, opts, l)
	if err != nil {
		return contracts.Date{}, apperr.Basis{}, err
	}
	return f.deadline, f.deadlineBasis, nil
}

// CheckDeadline checks a tender deadline chosen by hand against the
// earliest deadline from the publication date (EarliestDeadline: the legal
// minimum, for a restricted procedure with the planned selection; under
// the light regime any day after the publication). The error is
// apperr.FieldErrors on "tenderDeadline" naming the earliest.
func CheckDeadline(publication, deadline contracts.Date, p TimelineProcedure, opts PlanOptions, l TimeLimits) error {
	earliest, basis, err := EarliestDeadline(publication, p, opts, l)
	if err != nil {
		return err
	}
	if deadline.Before(earliest) && p == TimelineLight {
		return fmt.Errorf("procurement: tender deadline: %w", apperr.FieldProblem("tenderDeadline",
			apperr.DeadlineNotAfterPub, apperr.Day(publication.String())))
	}
	if deadline.Before(earliest) {
		return fmt.Errorf("procurement: tender deadline: %w", apperr.FieldProblem("tenderDeadline",
			apperr.DeadlineTooEarly, apperr.Day(earliest.String()), apperr.Day(publication.String()), basis))
	}
	return nil
}

// reason returns err's client-safe explanation: its field messages, or its
// detail.
func reason(err error) string {
	if fe := apperr.Fields(err); len(fe) > 0 {
		msgs := make([]string, 0, len(fe))
		for _, f := range fe {
			msgs = append(msgs, f.Message())
		}
		return strings.Join(msgs, "; ")
	}
	return apperr.Detail(err, err.Error())
}
