package procurement

import (
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The dated steps of a tender's timeline, each with the legal basis or the
// planning assumption behind its date.

// Milestone is one dated step of a tender's timeline.
type Milestone struct {
	// Key identifies the step for code and the API
	// (MilestoneTenderDeadline…); internal/nl names it.
	Key string
	// Date is the planned date of the step.
	Date contracts.Date
	// Basis cites the legal minimum or the planning assumption behind Date,
	// as a code with its arguments (internal/nl words it).
	Basis apperr.Basis
	// RanOn is set when Date ends a statutory period that would have ended
	// on a Saturday, Sunday or recognized holiday and ran on to the next
	// working day (Algemene termijnenwet art. 1); zero otherwise.
	RanOn RunOn
}

// RunOn describes a statutory period that ran on past a day off.
type RunOn struct {
	// From is the day the period would have ended: its last calendar day.
	From contracts.Date
	// Off says why From is no working day: a weekend day or the holiday
	// (internal/nl names it: "zondag 27-12-2026", "dinsdag 27-04-2027
	// (Koningsdag)").
	Off contracts.DayOff
}

// milestone returns the milestone with key, date and basis.
func milestone(key string, date contracts.Date, basis apperr.Basis) Milestone {
	return Milestone{Key: key, Date: date, Basis: basis}
}

// ranOn returns m with its run-on set to ro.
func (m Milestone) ranOn(ro RunOn) Milestone {
	m.RanOn = ro
	return m
}

// Milestone keys, in the order a timeline runs.
const (
	MilestonePreparationStart       = "preparation_start"
	MilestonePublication            = "publication"
	MilestoneSelectionClarification = "selection_clarification"
	MilestoneRequestDeadline        = "request_deadline"
	MilestoneInvitation             = "invitation"
	MilestoneClarification          = "clarification"
	MilestoneTenderDeadline         = "tender_deadline"
	MilestoneAwardDecision          = "award_decision"
	MilestoneStandstillEnd          = "standstill_end"
	MilestoneContractSignature      = "contract_signature"
	MilestoneStart                  = "start"
	// MilestoneAwardNotice is the light regime's award notice (Aw 2012
	// art. 2.39), after the contract is signed; it comes before or after
	// the start, whichever is earlier.
	MilestoneAwardNotice = "award_notice"
)

// MilestoneKeys returns every milestone key in the order a timeline runs
// (the light regime's award notice last).
func MilestoneKeys() []string {
	return []string{MilestonePreparationStart, MilestonePublication, MilestoneSelectionClarification, MilestoneRequestDeadline,
		MilestoneInvitation, MilestoneClarification, MilestoneTenderDeadline, MilestoneAwardDecision, MilestoneStandstillEnd,
		MilestoneContractSignature, MilestoneStart, MilestoneAwardNotice}
}

// basis returns the basis of a statutory period that ends on end: b, and
// when the period ran on (ro is not zero) the run-on with it.
func (ro RunOn) basis(b apperr.Basis, end contracts.Date) apperr.Basis {
	if ro.From.IsZero() {
		return b
	}
	return apperr.Base(apperr.BasisRunOn, b, apperr.Day(ro.From.String()), string(ro.Off), apperr.Day(end.String()))
}

// startIndex returns the index of the start milestone in ms, or -1.
func startIndex(ms []Milestone) int {
	return slices.IndexFunc(ms, func(m Milestone) bool { return m.Key == MilestoneStart })
}
