package procurement

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TenderStatus is a joint tender's place in its lifecycle (DESIGN §4):
// draft → collecting → mandating → published → evaluating → awarded →
// contracted → closed, and cancelled from any state before contracted.
type TenderStatus string

// Tender states, in lifecycle order.
const (
	// TenderDraft is a tender being set up by its lead authority.
	TenderDraft TenderStatus = "draft"
	// TenderCollecting collects demand and participants; members may join
	// and leave.
	TenderCollecting TenderStatus = "collecting"
	// TenderMandating waits for every participant's signed mandate.
	TenderMandating TenderStatus = "mandating"
	// TenderPublished has its notice out; the participant list is frozen.
	TenderPublished TenderStatus = "published"
	// TenderEvaluating is past the tender deadline and evaluates tenders.
	TenderEvaluating TenderStatus = "evaluating"
	// TenderAwarded has sent its award decision and is in the standstill.
	TenderAwarded TenderStatus = "awarded"
	// TenderContracted has concluded the contract; every participant has its
	// own call-off contract.
	TenderContracted TenderStatus = "contracted"
	// TenderClosed is finished and kept for the record.
	TenderClosed TenderStatus = "closed"
	// TenderCancelled was stopped before a contract was concluded.
	TenderCancelled TenderStatus = "cancelled"
)

// TenderStatuses returns every state in lifecycle order, cancelled last.
func TenderStatuses() []TenderStatus {
	return []TenderStatus{TenderDraft, TenderCollecting, TenderMandating, TenderPublished,
		TenderEvaluating, TenderAwarded, TenderContracted, TenderClosed, TenderCancelled}
}

// Valid reports whether s is a known state.
func (s TenderStatus) Valid() bool {
	_, ok := nextStatuses[s]
	return ok
}

// nextStatuses is the lifecycle of DESIGN §4 as data: the only forward step
// from each state, and cancellation from every state before contracted.
// Once contracted, the call-off contracts exist in the register, so a
// tender can no longer be cancelled, only closed.
var nextStatuses = map[TenderStatus][]TenderStatus{
	TenderDraft:      {TenderCollecting, TenderCancelled},
	TenderCollecting: {TenderMandating, TenderCancelled},
	TenderMandating:  {TenderPublished, TenderCancelled},
	TenderPublished:  {TenderEvaluating, TenderCancelled},
	TenderEvaluating: {TenderAwarded, TenderCancelled},
	TenderAwarded:    {TenderContracted, TenderCancelled},
	TenderContracted: {TenderClosed},
	TenderClosed:     nil,
	TenderCancelled:  nil,
}

// NextStatuses returns the states a tender in from may move to, ignoring
// guards; nil for a final or unknown state. The caller owns the slice.
func NextStatuses(from TenderStatus) []TenderStatus {
	next := nextStatuses[from]
	if len(next) == 0 {
		return nil
	}
	return append([]TenderStatus(nil), next...)
}

// Guards carries the facts the lifecycle's guards check (DESIGN §4).
type Guards struct {
	// AllMandatesSigned reports whether every remaining participant has a
	// signed mandate; publishing requires it.
	AllMandatesSigned bool
	// HasLots reports whether the tender has a lot; publishing requires
	// one.
	HasLots bool
	// TenderDeadline is the tender deadline. Evaluating and awarding are
	// allowed only on a day after it.
	TenderDeadline contracts.Date
	// Today is the current date in Europe/Amsterdam.
	Today contracts.Date
	// StandstillEnd is the last day of the standstill as StandstillEnd
	// gives it: a standstill whose 20th day is a Saturday, Sunday or
	// holiday runs on to the next working day (Algemene termijnenwet
	// art. 1; Hof Den Haag 20-04-2021), so an award decision sent on
	// Monday 7 December 2026 gives 28 December, not Sunday the 27th.
	// The contract may be concluded only on a day after it. A call-off under
	// a framework, which has no standstill (Aw 2012 art. 2.127), passes the
	// day before the award decision was sent.
	StandstillEnd contracts.Date
}

// Transition checks that a tender may move from one state to another. It
// returns an error wrapping apperr.Conflict, with a client-safe detail
// naming both states and the unmet guard, when the step is not in the
// lifecycle or a guard fails, and apperr.Invalid for an unknown state.
//
// Guards (DESIGN §4): publish only when every remaining participant has a
// signed mandate and the tender has a lot (the participant list freezes
// on publication); evaluate and
// award only after the tender deadline, since tenders may not be opened
// before it closes; contract only after the last day of the standstill
// (Aw 2012 art. 2.127). An unknown (zero) date fails its guard.
func Transition(from, to TenderStatus, g Guards) error {
	for _, s := range []TenderStatus{from, to} {
		if !s.Valid() {
			return fmt.Errorf("procurement: transition from %s to %s: %w", from, to,
				apperr.WithDetail(apperr.Invalid, fmt.Sprintf("unknown tender status %q", s)))
		}
	}
	conflict := func(why string) error {
		return fmt.Errorf("procurement: transition from %s to %s: %w", from, to,
			apperr.WithDetail(apperr.Conflict, fmt.Sprintf("a tender cannot move from %s to %s: %s", from, to, why)))
	}
	allowed := false
	for _, n := range nextStatuses[from] {
		if n == to {
			allowed = true
		}
	}
	if !allowed {
		return conflict("the lifecycle does not allow this step")
	}
	switch to {
	case TenderPublished:
		if !g.AllMandatesSigned {
			return conflict("not every participant has a signed mandate")
		}
		if !g.HasLots {
			return conflict("the tender has no lots")
		}
	case TenderEvaluating, TenderAwarded:
		if g.TenderDeadline.IsZero() || g.Today.IsZero() {
			return conflict("the tender deadline or today's date is unknown")
		}
		if !g.Today.After(g.TenderDeadline) {
			return conflict(fmt.Sprintf("the tender deadline %s has not passed", g.TenderDeadline))
		}
	case TenderContracted:
		if g.StandstillEnd.IsZero() || g.Today.IsZero() {
			return conflict("the standstill end or today's date is unknown")
		}
		if !g.Today.After(g.StandstillEnd) {
			return conflict(fmt.Sprintf("the standstill runs until %s inclusive (Aw 2012 art. 2.127; a standstill that ends on a weekend or holiday runs on to the next working day, Algemene termijnenwet art. 1)", g.StandstillEnd))
		}
	}
	return nil
}
