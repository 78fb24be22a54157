package procurement

import (
	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Durations are the non-legal planning durations in calendar days: choices
// of the cooperative, shown as assumptions wherever a plan uses them.
type Durations struct {
	// Preparation is the time for collecting demand and mandates before the
	// notice is sent.
	Preparation int
	// Selection is the restricted procedure's time from the request
	// deadline to the invitation to tender.
	Selection int
	// Evaluation is the time from the tender deadline to sending the award
	// decision.
	Evaluation int
	// Implementation is the lead from signing to the contract's start.
	Implementation int
}

// DefaultDurations returns the default planning durations: 120 days of
// preparation, 14 days of selection, 30 days of evaluation and 60 days of
// implementation (migrating telephony or a network takes time). They are
// assumptions.
func DefaultDurations() Durations {
	return Durations{Preparation: 120, Selection: 14, Evaluation: 30, Implementation: 60}
}

// Validate returns every negative duration as apperr.FieldErrors.
func (d Durations) Validate() error {
	var fe apperr.FieldErrors
	for _, f := range []struct {
		name string
		v    int
	}{{"preparation", d.Preparation}, {"selection", d.Selection}, {"evaluation", d.Evaluation}, {"implementation", d.Implementation}} {
		if f.v < 0 || f.v > 730 {
			fe.Add("durations."+f.name, apperr.RangeDays, 0, 730, f.v)
		}
	}
	return fe.Err()
}

// Rules are the rule values a plan uses: law kept as data (thresholds,
// time limits) and the cooperative's choices (policy bands, durations, the
// must share).
type Rules struct {
	Thresholds []Threshold
	Limits     TimeLimits
	Durations  Durations
	// MustShare is the consolidation threshold in basis points
	// (DefaultMustShare when zero).
	MustShare int
}

// DefaultRules returns the rules of DESIGN §4 with the default durations.
func DefaultRules() Rules {
	return Rules{Thresholds: DefaultThresholds(), Limits: DefaultTimeLimits(), Durations: DefaultDurations(), MustShare: DefaultMustShare}
}

// PlanInput is everything a tender's plan is computed from.
type PlanInput struct {
	Tender       Tender
	Lots         []Lot
	Participants []Participant
	Requirements []Requirement
	// Current maps a participant's organization code to its current
	// contract in the tender's category (absent: none).
	Current map[string]contracts.ContractSummary
	// Bands are the lead authority's procurement-policy bands.
	Bands PolicyBands
	Today contracts.Date
	Rules Rules
}

// MandateProgress counts the participants' mandates.
type MandateProgress struct {
	Participants int
	Signed       int
	Requested    int
	Revoked      int
	// Municipalities and MunicipalitiesSigned count the municipalities
	// among them (the model case: 241 of 283 participants).
	Municipalities       int
	MunicipalitiesSigned int
}

// AllSigned reports whether every participant has a signed mandate and
// there is at least one participant.
func (m MandateProgress) AllSigned() bool {
	return m.Participants > 0 && m.Signed == m.Participants
}

// Plan is the computed plan of a tender: value, procedure, timeline, gaps
// and requirements (DESIGN §4). Every part carries the values its
// reasoning rests on, which internal/nl words, as do the warnings and the
// legal bases of the timeline (codes with arguments).
type Plan struct {
	Estimate  Estimate
	Threshold contracts.Money
	// ThresholdDate is the date whose threshold applies: the planned
	// publication.
	ThresholdDate contracts.Date
	Exemption     Exemption
	// Determination is the determined procedure; Procedure the one that
	// applies (the override when there is one).
	Determination Determination
	Procedure     Procedure
	Overridden    bool
	// Timeline is the planned timeline; TimelineProblem says why there is
	// none, or why it misses the needed start (a zero Kind: neither).
	TimelineProcedure TimelineProcedure
	Timeline          []Milestone
	TimelineProblem   apperr.Warning
	// DeadlineProblem says why the tender deadline chosen by hand is
	// shorter than the legal minimum (under the light regime: not after
	// the publication); the service refuses such a tender.
	DeadlineProblem apperr.Warning
	Gaps            []Gap
	Requirements    []Consolidation
	Conflicts       int
	Mandates        MandateProgress
	// Warnings are what needs attention in a valid plan, as codes with
	// arguments; internal/nl says them in Dutch.
	Warnings    []apperr.Warning
	Assumptions []Assumption
}

// Milestone returns the plan's milestone with key, and whether it has one.
func (p Plan) Milestone(key string) (Milestone, bool) {
	for _, m := range p.Timeline {
		if m.Key == key {
			return m, true
		}
	}
	return Milestone{}, false
}

// Start is the planned contract start (zero without a timeline).
func (p Plan) Start() contracts.Date {
	m, _ := p.Milestone(MilestoneStart)
	return m.Date
}

// LotValues returns the value engine's input for the tender's lots: each
// lot's annual value is the sum of the participants' annual values in it.
// A lot is incomplete, as MissingValues says per lot, when no participant
// has a volume in it or a volume in it has a quantity but no annual value.
func LotValues(t Tender, lots []Lot, participants []Participant) []LotValue {
	annual := make(map[int64]contracts.Money, len(lots))
	volumes := make(map[int64]bool, len(lots))
	unvalued := make(map[int64]bool)
	for _, p := range participants {
		for _, v := range p.Volumes {
			annual[v.LotID] = contracts.SatAdd(annual[v.LotID], v.Annual)
			if v.Quantity == 0 && v.Annual == 0 {
				continue
			}
			volumes[v.LotID] = true
			if v.Annual == 0 {
				unvalued[v.LotID] = true
			}
		}
	}
	out := make([]LotValue, 0, len(lots))
	for _, l := range lots {
		out = append(out, LotValue{
			Key: l.Key(), Lot: l.Title, Kind: t.Kind, Annual: annual[l.ID], Months: t.TermMonths,
			TotalPrice: t.TotalPrice, Indefinite: t.TermIndefinite, Options: t.Options,
			Incomplete: !volumes[l.ID] || unvalued[l.ID],
		})
	}
	return out
}

// timelineProcedureOf maps a procedure to the timeline the planner knows,
// and reports whether that mapping is an assumption (AssumeTimeLimits):
// the competitive procedures plan as the restricted one, the light regime
// with a reasonable period, no procedure yet and the procedures below the
// threshold as the open one.
func timelineProcedureOf(p Procedure) (TimelineProcedure, bool) {
	switch p {
	case ProcedureOpen:
		return TimelineOpen, false
	case ProcedureRestricted:
		return TimelineRestricted, false
	case ProcedureCompetitiveNegotiation, ProcedureCompetitiveDialogue:
		return TimelineRestricted, true
	case ProcedureLight:
		return TimelineLight, true
	}
	return TimelineOpen, true
}

// ComputePlan computes a tender's plan from its input. It never fails:
// what cannot be planned is stated in the plan (TimelineProblem,
// Warnings). The threshold is the one in force on the planned publication
// date; when the plan runs backwards the publication date follows from
// the procedure, which follows from the threshold, so the plan settles
// both in at most two rounds.
func ComputePlan(in PlanInput) Plan {
	t := in.Tender
	rules := in.Rules
	if len(rules.Thresholds) == 0 {
		rules.Thresholds = DefaultThresholds()
	}
	if rules.Limits == (TimeLimits{}) {
		rules.Limits = DefaultTimeLimits()
	}
	if rules.MustShare <= 0 {
		rules.MustShare = DefaultMustShare
	}
	p := Plan{Estimate: EstimatedValue(LotValues(t, in.Lots, in.Participants))}
	// A participant without any volume, or a tender without lots, leaves
	// the total unknown though no lot says so.
	p.Estimate.Incomplete = p.Estimate.Incomplete || len(MissingValues(in.Lots, in.Participants)) > 0
	opts := PlanOptions{
		Electronic: t.Electronic, DocumentsOnline: t.DocumentsOnline, PIN: t.PIN, Urgent: t.Urgent,
		SelectionDays: rules.Durations.Selection, EvaluationDays: rules.Durations.Evaluation,
		ImplementationDays: rules.Durations.Implementation,
	}
	publication := t.Publication
	if publication.IsZero() {
		publication = in.Today
	}
	for range 3 {
		p.decide(t, in, rules, publication)
		p.planTimeline(t, opts, rules, in.Today)
		m, ok := p.Milestone(MilestonePublication)
		if !t.Publication.IsZero() || !ok || m.Date == publication {
			break
		}
		publication = m.Date
	}
	if t.Framework {
		p.Assumptions = append(p.Assumptions, Assumption{Key: AssumeFrameworkTerm, Months: t.TotalMonths()})
	}
	p.Gaps = Gaps(in.Participants, in.Current, p.Start(), in.Today)
	p.Requirements = Consolidate(in.Requirements, in.Participants, rules.MustShare)
	for _, c := range p.Requirements {
		if c.Conflict {
			p.Conflicts++
		}
	}
	if w, ok := WithoutValueWarning(in.Participants); ok {
		p.Warnings = append(p.Warnings, w)
	}
	p.Mandates = Mandates(in.Participants)
	p.Assumptions = append(p.Assumptions,
		Assumption{Key: AssumeMustShare, BasisPoints: rules.MustShare},
		Assumption{Key: AssumePreparation, Days: rules.Durations.Preparation},
		Assumption{Key: AssumeEvaluation, Days: rules.Durations.Evaluation},
		Assumption{Key: AssumeImplementation, Days: rules.Durations.Implementation},
	)
	if p.TimelineProcedure == TimelineRestricted {
		p.Assumptions = append(p.Assumptions, Assumption{Key: AssumeSelection, Days: rules.Durations.Selection})
	}
	return p
}

// decide sets the threshold, exemption and procedure for publication.
func (p *Plan) decide(t Tender, in PlanInput, rules Rules, publication contracts.Date) {
	p.ThresholdDate = publication
	p.Warnings, p.Assumptions = nil, nil
	threshold, err := ThresholdFor(rules.Thresholds, t.Kind, publication)
	if err != nil {
		// Outside every period: take the latest table, and say so.
		last := rules.Thresholds[len(rules.Thresholds)-1]
		threshold, _ = last.amount(t.Kind)
		p.Warnings = append(p.Warnings, apperr.Warn(apperr.WarnThresholdAssumed, apperr.Day(publication.String())))
	}
	p.Threshold = threshold
	p.Exemption = LotExemption(p.Estimate, threshold)
	p.Determination = Determine(t.Kind, p.Estimate, MissingValues(in.Lots, in.Participants), threshold, in.Bands)
	p.Procedure, p.Overridden = p.Determination.Procedure, false
	if t.Procedure != "" && t.Procedure != p.Determination.Procedure {
		if d, err := Override(p.Determination, t.Procedure, t.ProcedureJustification); err == nil {
			p.Determination, p.Procedure, p.Overridden = d, t.Procedure, true
		} else {
			kind := apperr.WarnProcedureRefused
			if p.Determination.State == MissingInput {
				kind = apperr.WarnProcedureUndecided
			}
			p.Warnings = append(p.Warnings, apperr.Warn(kind, string(t.Procedure), apperr.Fields(err)))
		}
	}
	if d := p.Determination; d.State == Determined && !d.European && d.Band.Assumption {
		p.Assumptions = append(p.Assumptions, Assumption{Key: AssumePolicyBands, Band: d.Band})
	}
	if t.Framework {
		if err := FrameworkTermCheck(t.TotalMonths(), t.FrameworkJustified); err != nil {
			p.Warnings = append(p.Warnings, apperr.Warn(apperr.WarnFrameworkTerm, t.TotalMonths(), FrameworkMaxMonths))
		}
	}
}

// planTimeline plans forward from the publication date when the tender has
// one, otherwise backward from its needed start; a backward plan whose
// latest publication date lies before today misses the needed start.
func (p *Plan) planTimeline(t Tender, opts PlanOptions, rules Rules, today contracts.Date) {
	tp, assumed := timelineProcedureOf(p.Procedure)
	p.TimelineProcedure, p.Timeline, p.TimelineProblem = tp, nil, apperr.Warning{}
	if assumed {
		p.Assumptions = append(p.Assumptions, Assumption{Key: AssumeTimeLimits, Procedure: p.Procedure})
	}
	var err error
	switch {
	case !t.Publication.IsZero():
		p.Timeline, err = PlanForward(t.Publication, tp, opts, rules.Limits)
		if err == nil && !t.TenderDeadline.IsZero() {
			p.chosenDeadline(t, tp, opts, rules.Limits)
		}
		if err == nil && !t.NeededStart.IsZero() && p.Start().After(t.NeededStart) {
			p.TimelineProblem = apperr.Warn(apperr.WarnStartAfterNeeded,
				apperr.Day(t.Publication.String()), apperr.Day(p.Start().String()), apperr.Day(t.NeededStart.String()))
		}
	case !t.NeededStart.IsZero():
		p.Timeline, err = PlanBackward(t.NeededStart, tp, opts, rules.Limits, rules.Durations.Preparation)
		if m, ok := p.Milestone(MilestonePublication); err == nil && ok && m.Date.Before(today) {
			p.TimelineProblem = apperr.Warn(apperr.WarnPublicationPast, apperr.Day(t.NeededStart.String()), apperr.Day(m.Date.String()))
		}
	default:
		p.TimelineProblem = apperr.Warn(apperr.WarnNoPlanDates)
	}
	if err != nil {
		var why any = apperr.Detail(err, err.Error())
		if fe := apperr.Fields(err); len(fe) > 0 {
			why = fe
		}
		p.Timeline, p.TimelineProblem = nil, apperr.Warn(apperr.WarnNoTimeline, why)
	}
}

// Mandates counts the participants' mandates.
func Mandates(participants []Participant) MandateProgress {
	m := MandateProgress{Participants: len(participants)}
	for _, p := range participants {
		signed := p.Mandate.Status == MandateSigned
		switch p.Mandate.Status {
		case MandateSigned:
			m.Signed++
		case MandateRevoked:
			m.Revoked++
		default:
			m.Requested++
		}
		if p.Kind == contracts.KindMunicipality {
			m.Municipalities++
			if signed {
				m.MunicipalitiesSigned++
			}
		}
	}
	return m
}
