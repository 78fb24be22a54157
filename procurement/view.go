package procurement

import "github.com/samenkoop/samenkoop/contracts"

// TenderView is a tender with everything loaded and its plan computed: what
// the tender page, the API's detail and the exports (dossier, OCDS) show.
type TenderView struct {
	Tender       Tender
	Lots         []Lot
	Participants []Participant
	Requirements []Requirement
	// Current maps a participant's organization code to its current
	// contract in the tender's category.
	Current  map[string]contracts.ContractSummary
	CallOffs []CallOff
	Plan     Plan
	// Splits warns when this tender and others of its category with
	// overlapping periods each stay under the threshold while together
	// they reach it (SplitWarnings; Aw 2012 art. 2.15–2.19, Directive
	// 2014/24/EU art. 5(3)).
	Splits []TenderSplit
	// Lead is the lead authority.
	Lead contracts.Organization
	// Today is the date the plan was computed for.
	Today contracts.Date
}

// LotSummary is a lot with the participants' demand in it and what the
// plan says of it.
type LotSummary struct {
	Lot
	// Participants counts those with a volume in the lot; Quantity and
	// Annual sum their volumes.
	Participants int
	Quantity     int64
	Annual       contracts.Money
	// Estimate is the lot's estimated value over the whole term.
	Estimate LotEstimate
	// Exempt says the lot exemption lets the lot be procured outside the
	// EU procedure (Aw 2012 art. 2.19).
	Exempt bool
}

// LotSummaries returns the tender's lots, in order, with their demand,
// estimate and exemption, each found by the lot's key (Lot.Key).
func (v TenderView) LotSummaries() []LotSummary {
	out := make([]LotSummary, len(v.Lots))
	for i, l := range v.Lots {
		s := LotSummary{Lot: l, Exempt: v.Plan.Exemption.Exempts(l.Key())}
		var ok bool
		if s.Estimate, ok = v.Plan.Estimate.Lot(l.Key()); !ok {
			// A plan computed without the lot knows nothing of its value.
			s.Estimate = LotEstimate{Key: l.Key(), Lot: l.Title, Kind: v.Tender.Kind, Incomplete: true}
		}
		for _, p := range v.Participants {
			if vol, ok := p.Volume(l.ID); ok {
				s.Participants++
				s.Quantity = contracts.SatAdd(s.Quantity, vol.Quantity)
				s.Annual = contracts.SatAdd(s.Annual, vol.Annual)
			}
		}
		out[i] = s
	}
	return out
}

// Annual is the participants' annual value over every lot: the demand
// the tender bundles, per year.
func (v TenderView) Annual() contracts.Money {
	var sum contracts.Money
	for _, p := range v.Participants {
		sum = contracts.SatAdd(sum, p.Annual())
	}
	return sum
}

// RatingTally counts one participant's ratings of the tender's
// requirements.
type RatingTally struct {
	Must, Should, Could, Wont int
	// Unrated counts the requirements the participant has not rated.
	Unrated int
}

// RatingTally returns how the participant organization rated the
// tender's requirements.
func (v TenderView) RatingTally(organization string) RatingTally {
	var t RatingTally
	for _, r := range v.Requirements {
		switch r.Ratings[organization] {
		case Must:
			t.Must++
		case Should:
			t.Should++
		case Could:
			t.Could++
		case Wont:
			t.Wont++
		default:
			t.Unrated++
		}
	}
	return t
}

// Guards returns the facts the lifecycle's guards check (Transition), as
// the view stands: mandates, lots, and the tender deadline and standstill
// end of its plan (the standstill only once the award decision is sent).
func (v TenderView) Guards() Guards {
	g := Guards{AllMandatesSigned: v.Plan.Mandates.AllSigned(), HasLots: len(v.Lots) > 0, Today: v.Today}
	if m, ok := v.Plan.Milestone(MilestoneTenderDeadline); ok {
		g.TenderDeadline = m.Date
	}
	if m, ok := v.Plan.Milestone(MilestoneStandstillEnd); ok && !v.Tender.AwardDecision.IsZero() {
		g.StandstillEnd = m.Date
	}
	return g
}

// CallOffValue returns the value of a call-off contract over the initial
// term: the participant's annual value in the lot × TermMonths / 12,
// rounded half up to the cent. It is unknown (false) when the participant
// has no volume in the lot or its volume has no annual value: an unknown
// value is not €0 (DESIGN §4).
func (v TenderView) CallOffValue(c CallOff) (contracts.Money, bool) {
	for _, p := range v.Participants {
		if p.Organization != c.Organization {
			continue
		}
		vol, ok := p.Volume(c.LotID)
		if !ok || vol.Annual == 0 {
			return 0, false
		}
		return monthsOf(vol.Annual, v.Tender.TermMonths), true
	}
	return 0, false
}
