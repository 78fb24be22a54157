package procurement

import "github.com/samenkoop/samenkoop/contracts"

// Assumption is one value a plan or a suggestion rests on that is a
// choice, not law: which one (Key) and its value. internal/nl names it,
// words the value and says where it comes from (configuration, default).
type Assumption struct {
	Key AssumptionKey
	// The value, by Key: days, months, basis points or an amount.
	Days        int
	Months      int
	BasisPoints int
	Money       contracts.Money
	// Options and OptionMonths complete the bundler's term.
	Options      int
	OptionMonths int
	// Band is the policy band AssumePolicyBands is about.
	Band Band
	// Procedure is the procedure AssumeTimeLimits plans for ("" when none
	// is determined yet).
	Procedure Procedure
}

// AssumptionKey says which choice an Assumption is.
type AssumptionKey string

// The assumptions of a plan.
const (
	// AssumeFrameworkTerm: the framework agreement's term with options, in
	// Months (Aw 2012 art. 2.140: at most 48 unless justified).
	AssumeFrameworkTerm AssumptionKey = "framework_term"
	// AssumeMustShare: the consolidation threshold, in BasisPoints.
	AssumeMustShare AssumptionKey = "must_share"
	// AssumePreparation, AssumeEvaluation, AssumeImplementation and
	// AssumeSelection: the planning durations, in Days.
	AssumePreparation    AssumptionKey = "preparation"
	AssumeEvaluation     AssumptionKey = "evaluation"
	AssumeImplementation AssumptionKey = "implementation"
	AssumeSelection      AssumptionKey = "selection"
	// AssumePolicyBands: the lead's policy bands are the defaults (Band).
	AssumePolicyBands AssumptionKey = "policy_bands"
	// AssumeTimeLimits: the timeline takes the periods of another
	// procedure than Procedure, which has none of its own.
	AssumeTimeLimits AssumptionKey = "time_limits"
)

// The assumptions of the bundler (Bundling).
const (
	// AssumeBundleTerm: the suggested term (Months) with Options of
	// OptionMonths, as a framework agreement.
	AssumeBundleTerm AssumptionKey = "bundle_term"
	// AssumeWindow: needed starts within Months go into one tender.
	AssumeWindow AssumptionKey = "window"
	// AssumeHorizon: the bundler looks Months ahead.
	AssumeHorizon AssumptionKey = "horizon"
	// AssumeTenderCost: the cost of one tender (Money).
	AssumeTenderCost AssumptionKey = "tender_cost"
	// AssumeParticipantCost: each participant's cost of a joint tender
	// (Money).
	AssumeParticipantCost AssumptionKey = "participant_cost"
	// AssumeVolumeDiscount: the discount on the annual value over the
	// initial term, in BasisPoints.
	AssumeVolumeDiscount AssumptionKey = "volume_discount"
	// AssumeContractKind: the kind of contract a suggestion plans for.
	AssumeContractKind AssumptionKey = "contract_kind"
)

// AssumptionKeys returns every assumption key.
func AssumptionKeys() []AssumptionKey {
	return []AssumptionKey{AssumeFrameworkTerm, AssumeMustShare, AssumePreparation, AssumeEvaluation, AssumeImplementation,
		AssumeSelection, AssumePolicyBands, AssumeTimeLimits, AssumeBundleTerm, AssumeWindow, AssumeHorizon, AssumeTenderCost,
		AssumeParticipantCost, AssumeVolumeDiscount, AssumeContractKind}
}
